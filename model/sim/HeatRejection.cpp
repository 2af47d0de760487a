#include "HeatRejection.hpp"

#include <algorithm>
#include <cmath>

namespace halltwin::model::sim {
namespace {

constexpr double kWaterDensity = 997, kWaterCp = 4180, kG = 9.81;

// The ambient temperature the unit rejects to: dry bulb, pre-cooled dry bulb, or wet bulb.
double sinkC(const HeatRejectionType& u, double dryBulbC, double wetBulbC, const PlantConstants& k,
             bool wet) {
    if (u.kind == "cooling_tower") return wetBulbC;
    if (u.kind == "adiabatic_cooler" && wet) return dryBulbC - k.padEffectiveness * (dryBulbC - wetBulbC);
    return dryBulbC;
}

struct Bank {
    const HeatRejectionType* unit = nullptr;
    double capacityW = 0, fanW = 0; // at design approach, full fans
};

// Free-cooling capacity: proportional to the available approach (capacity ∝ UA·ΔT at full fans).
double freeCapacityW(const Bank& b, double supplyC, double sinkTempC) {
    if (!b.unit || b.unit->designApproachK <= 0 || supplyC <= sinkTempC) return 0;
    return b.capacityW * (supplyC - sinkTempC) / b.unit->designApproachK;
}

double fanPowerW(const Bank& b, double heatW, double capacityAtSinkW, const PlantConstants& k) {
    if (heatW <= 0 || capacityAtSinkW <= 0) return 0;
    const double speed =
        std::clamp(std::pow(heatW / capacityAtSinkW, 1 / k.airflowExponent), k.minFanSpeed, 1.0);
    return b.fanW * speed * speed * speed;
}

LoopResult solveLoop(const LoopDemand& d, const Bank& bank, const HeatRejectionType* chiller,
                     double chillerCapW, double dryBulbC, double wetBulbC, const PlantConstants& k) {
    LoopResult r;
    if (d.heatW <= 0) return r;
    const double flowM3s = d.heatW / (kWaterDensity * kWaterCp * d.deltaTK);
    r.pumpPowerW = kWaterDensity * kG * flowM3s * k.pumpHeadM / k.pumpEfficiency;
    // Adiabatic units run dry while dry air suffices, and wet only when it does not.
    const bool adiabatic = bank.unit && bank.unit->kind == "adiabatic_cooler";
    bool wet = false;
    double freeCap =
        bank.unit ? freeCapacityW(bank, d.supplyTempC, sinkC(*bank.unit, dryBulbC, wetBulbC, k, false)) : 0;
    if (adiabatic && freeCap < d.heatW) {
        wet = true;
        freeCap = freeCapacityW(bank, d.supplyTempC, sinkC(*bank.unit, dryBulbC, wetBulbC, k, true));
    }
    r.freeW = std::min(d.heatW, freeCap);
    double remaining = d.heatW - r.freeW;
    r.fanPowerW = fanPowerW(bank, r.freeW, freeCap, k);
    if (remaining > 0 && chiller && chillerCapW > 0) {
        r.chillerW = std::min(remaining, chillerCapW);
        const double sink = bank.unit ? sinkC(*bank.unit, dryBulbC, wetBulbC, k, adiabatic) : dryBulbC;
        const double condenserC = sink + (bank.unit ? bank.unit->designApproachK : 10) + k.chillerApproachK;
        r.cop = std::min(k.maxCop, chillerCop(*chiller, d.supplyTempC - k.chillerApproachK, condenserC));
        r.chillerPowerW = r.chillerW / r.cop;
        // The condenser heat goes out through the same units at full fan speed.
        const double condenserHeat = r.chillerW + r.chillerPowerW;
        r.fanPowerW += bank.capacityW > 0 ? bank.fanW * std::min(1.0, condenserHeat / bank.capacityW) : 0;
        remaining -= r.chillerW;
        wet = wet || (bank.unit && bank.unit->kind != "dry_cooler");
    }
    r.unmetW = remaining;
    const double rejectedKWh = (r.freeW + r.chillerW + r.chillerPowerW) / 1e3;
    if (bank.unit && (wet || bank.unit->kind == "cooling_tower"))
        r.waterL = bank.unit->waterLPerKWh * rejectedKWh;
    return r;
}

} // namespace

double chillerCop(const HeatRejectionType& chiller, double evaporatorC, double condenserC) {
    const double liftK = std::max(condenserC - evaporatorC, 1.0);
    const double carnot = (evaporatorC + 273.15) / liftK;
    return std::max(chiller.copMin, chiller.carnotFraction * carnot);
}

PlantResult solvePlant(const Twin& twin, const LoopDemand& warm, const LoopDemand& cold, double dryBulbC,
                       double wetBulbC, const PlantConstants& k) {
    const FacilityLoop& f = twin.cooling.facility;
    const HeatRejectionType* unit = find(twin.catalog.heatRejectionTypes, f.heatRejection);
    const HeatRejectionType* chiller = find(twin.catalog.heatRejectionTypes, f.chiller);
    const double total = warm.heatW + cold.heatW;
    auto share = [&](double heat) {
        const double s = total > 0 ? heat / total : 0;
        Bank b{unit, 0, 0};
        if (unit)
            b.capacityW = s * f.heatRejectionCount * unit->capacityW,
            b.fanW = s * f.heatRejectionCount * unit->fanPowerW;
        return b;
    };
    // Chillers serve the cold loop first (it needs them most often); the warm loop gets what is left.
    const double chillerCap = chiller ? f.chillerCount * chiller->capacityW : 0;
    PlantResult p;
    p.cold = solveLoop(cold, share(cold.heatW), chiller, chillerCap, dryBulbC, wetBulbC, k);
    p.warm = solveLoop(warm, share(warm.heatW), chiller, chillerCap - p.cold.chillerW, dryBulbC, wetBulbC, k);
    return p;
}

} // namespace halltwin::model::sim
