#include "SystemSimulation.hpp"

#include "model/CatalogIo.hpp"
#include "model/RackPower.hpp"
#include "model/sim/Climate.hpp"
#include "model/sim/Coolant.hpp"
#include "model/sim/RearDoor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace halltwin::model::sim {
namespace {

constexpr double kAirDensity = 1.2, kAirCp = 1006; // kg/m³, J/(kg·K) at ~20 °C

struct RackThermal {
    double capture = 0; // liquid capture fraction
    double airDeltaTK = 12;
    int accelerators = 0;
    bool contained = false;
    const RackType* type = nullptr;
    const RearDoorType* door = nullptr;
    RearDoorCoil coil;
    double doorWaterInC = 0, doorWaterWK = 0; // the CDU's supply set point, in its loop's fluid
};

// A rack's rear door on its CDU's loop.
void attachDoor(const Twin& t, const Rack& r, RackThermal& th) {
    th.door = find(t.catalog.rearDoorTypes, r.rearDoor);
    for (const Cdu& c : t.cooling.cdus)
        if (th.door && c.id == r.cdu) {
            const FluidProperties f = coolantProperties(c.fluid, c.supplyTempC);
            th.doorWaterInC = c.supplyTempC,
            th.doorWaterWK = f.densityKgM3 * f.cpJKgK * th.door->waterFlowM3s;
        }
    if (th.doorWaterWK <= 0) th.door = nullptr;
    if (th.door) th.coil = rearDoorCoil(*th.door);
}

std::vector<RackThermal> rackThermals(const Twin& t) {
    std::vector<RackThermal> out;
    for (const Rack& r : t.racks) {
        RackThermal th;
        const RackType* rt = find(t.catalog.rackTypes, r.type);
        const Server* s = rt ? find(t.catalog.servers, rt->server) : nullptr;
        if (rt) th.capture = r.cdu.empty() ? 0 : rt->liquidCaptureFraction, th.airDeltaTK = rt->airDeltaTK;
        th.type = rt;
        attachDoor(t, r, th);
        if (s) th.accelerators = r.serverCount * s->acceleratorCount;
        for (const Row& row : t.rows)
            if (row.id == r.row) th.contained = row.containment != "none";
        out.push_back(th);
    }
    return out;
}

// The air handlers' coil water: the facility loop itself in an all-air hall, else a chilled loop
// below the coldest supply air.
double coldLoopSupplyC(const Twin& t, const RoomConstants& k) {
    if (t.cooling.cdus.empty()) return t.cooling.facility.supplyTempC;
    double coldest = 1e9;
    for (const AirHandler& a : t.cooling.airHandlers)
        coldest = std::min(coldest, a.supplyTempC);
    return coldest < 1e9 ? coldest - k.chilledWaterBelowSupplyAirK : t.cooling.facility.supplyTempC;
}

class Pipeline {
  public:
    Pipeline(const Twin& t, const SimulationOptions& o)
        : t_(t), o_(o), workload_(t), thermal_(rackThermals(t)), liquid_(t, designRackPower(t)) {
        for (const RackThermal& th : thermal_)
            hasDoors_ = hasDoors_ || th.door;
        for (const AirHandler& a : t.cooling.airHandlers)
            if (const AirHandlerType* at = find(t.catalog.airHandlerTypes, a.type)) {
                crahCapacityW_ += at->capacityW;
                crahAirflowM3s_ += a.airflowM3s > 0 ? a.airflowM3s : at->airflowM3s;
                (at->variableSpeed ? crahFanW_ : crahFixedFanW_) += at->fanPowerW;
                crahSupplyC_ += a.supplyTempC;
            }
        crahSupplyC_ =
            t.cooling.airHandlers.empty() ? 25 : crahSupplyC_ / double(t.cooling.airHandlers.size());
    }

    OperatingPoint run(double demandRps, double dryBulbC, double wetBulbC) const {
        OperatingPoint p;
        p.dryBulbC = dryBulbC, p.wetBulbC = wetBulbC, p.demandRps = demandRps;
        std::vector<double> fan(t_.racks.size(), 1.0);
        double previous = -1, lastStep = 0;
        for (p.couplingIterations = 1; p.couplingIterations <= o_.maxCouplingIterations;
             ++p.couplingIterations) {
            evaluateOnce(p, fan);
            p.couplingResidual = previous > 0 ? std::abs(p.itW - previous) / previous : 1;
            if (p.couplingResidual < o_.couplingTolerance) break;
            const double step = previous > 0 ? p.itW - previous : 0;
            previous = p.itW;
            relax(fan, fanFactors(p.rackInletsC), step, lastStep);
            lastStep = step;
        }
        p.couplingIterations = std::min(p.couplingIterations, o_.maxCouplingIterations);
        return p;
    }

  private:
    static std::vector<double> designRackPower(const Twin& t) {
        std::vector<double> w;
        for (const Rack& r : t.racks)
            w.push_back(rackDesignPowerW(r, t.catalog));
        return w;
    }

    // The fan ↔ inlet coupling converges geometrically and monotonically (each pass moves IT power by a
    // steady fraction r of the pass before): over-relax by 1/(1 − r), Aitken's extrapolation of that
    // series, which reaches the same fixed point in a third of the passes.
    static void relax(std::vector<double>& fan, const std::vector<double>& next, double step,
                      double lastStep) {
        const double r = lastStep != 0 ? step / lastStep : 0;
        const double omega = r > 0 && r < 0.9 ? std::min(4.0, 1 / (1 - r)) : 1.0;
        for (size_t i = 0; i < fan.size(); ++i)
            fan[i] = std::max(0.0, fan[i] + omega * (next[i] - fan[i]));
    }

    // Server fans ramp with their rack's inlet temperature; fan power follows the cube of speed.
    std::vector<double> fanFactors(const std::vector<double>& inletsC) const {
        std::vector<double> f;
        for (double c : inletsC) {
            const double speed = 1 + k_.fanRampPerK * std::max(0.0, c - 25);
            f.push_back(speed * speed * speed);
        }
        return f;
    }

    void evaluateOnce(OperatingPoint& p, const std::vector<double>& fan) const {
        p.workload = workload_.evaluate(p.demandRps, fan);
        p.power = solvePowerChain(t_, p.workload.rackPowerW);
        splitHeat(p);
        airSide(p);
        const FacilityLoop& f = t_.cooling.facility;
        LoopDemand warm{p.liquid.heatW, f.supplyTempC, f.designDeltaTK};
        LoopDemand cold{p.airHeatW, coldLoopSupplyC(t_, k_), t_.cooling.cdus.empty() ? f.designDeltaTK : 6.0};
        p.plant = solvePlant(t_, warm, cold, p.dryBulbC, p.wetBulbC);
        p.ventilationW = p.power.lossPlantW * k_.plantRoomVentilationFraction;
        p.itW = p.power.rackInputW;
        p.distributionLossW = p.power.lossUpstreamW;
        p.coolingW = p.liquid.pumpPowerW + p.airHandlerFanW + p.plant.powerW() + p.ventilationW;
        p.houseW = k_.houseLoadPerGridW * t_.power.settings.gridCapacityW;
        p.facilityW = p.power.utilityW + p.coolingW + p.lightingW + p.houseW;
        p.pue = p.itW > 0 ? p.facilityW / p.itW : 0;
        p.ppueCooling = p.itW > 0 ? (p.itW + p.coolingW) / p.itW : 0;
        p.ppuePower = p.itW > 0 ? (p.itW + p.distributionLossW) / p.itW : 0;
    }

    // What rack i's rear door takes from its exhaust: the air at the rack's last estimated intake plus
    // its rise through the rack, against the door's water at its CDU's last solved supply (the set point,
    // unless the CDU could not hold it).
    double rearDoorW(const OperatingPoint& p, size_t i, double airW) const {
        const RackThermal& th = thermal_[i];
        if (!th.door || !th.type) return 0;
        const double u = i < p.workload.rackUtilisation.size() ? p.workload.rackUtilisation[i] : 1;
        const RackAirflow air = rackAir(t_.racks[i], *th.type, airW, u, kAirDensity * kAirCp);
        const double inletC = i < p.rackInletsC.size() ? p.rackInletsC[i] : crahSupplyC_;
        double waterC = th.doorWaterInC;
        for (const CduState& c : p.liquid.cdus)
            if (c.id == t_.racks[i].cdu && c.techFlowM3s > 0) waterC = std::max(waterC, c.techSupplyC);
        return rearDoorDuty(th.coil, air.flowM3s, inletC + air.deltaT, waterC, th.doorWaterWK,
                            kAirDensity * kAirCp, airW)
            .dutyW;
    }

    // Captured heat (cold plates, rear doors) to the liquid loops; the rest, with white-space losses, to
    // the air. A door's duty depends on its CDU's supply, which (when the CDU cannot hold its set point)
    // depends on the duty: the two are iterated until the supplies agree to 0.01 K.
    void splitHeat(OperatingPoint& p) const {
        for (int pass = 0; pass < 20; ++pass) {
            const std::vector<CduState> before = p.liquid.cdus;
            splitHeatOnce(p);
            if (!hasDoors_) return;
            double change = before.size() == p.liquid.cdus.size() ? 0 : 1e9;
            for (size_t c = 0; c < before.size() && change < 1e9; ++c)
                change = std::max(change, std::fabs(before[c].techSupplyC - p.liquid.cdus[c].techSupplyC));
            if (change < 0.01) return;
        }
    }

    void splitHeatOnce(OperatingPoint& p) const {
        std::vector<double> liquidW(t_.racks.size()), accW(t_.racks.size());
        p.airHeatW = 0, p.rearDoorW = 0, p.rearDoorFanW = 0;
        p.rackRearDoorW.assign(t_.racks.size(), 0.0);
        for (size_t i = 0; i < t_.racks.size(); ++i) {
            liquidW[i] = thermal_[i].capture * p.workload.rackPowerW[i];
            const double doorW = rearDoorW(p, i, p.workload.rackPowerW[i] - liquidW[i]);
            p.rackRearDoorW[i] = doorW;
            p.airHeatW += p.workload.rackPowerW[i] - liquidW[i] - doorW;
            liquidW[i] += doorW, p.rearDoorW += doorW;
            if (thermal_[i].door) p.rearDoorFanW += thermal_[i].door->fanPowerW;
            accW[i] = acceleratorPowerW(i, p.workload.rackUtilisation[i]);
        }
        p.liquid = liquid_.evaluate(liquidW, accW, t_.cooling.facility.supplyTempC);
        p.liquidHeatW = p.liquid.heatW;
    }

    double acceleratorPowerW(size_t i, double u) const {
        const RackType* rt = find(t_.catalog.rackTypes, t_.racks[i].type);
        const Server* s = rt ? find(t_.catalog.servers, rt->server) : nullptr;
        const Accelerator* a = s ? find(t_.catalog.accelerators, s->accelerator) : nullptr;
        return a ? a->idleW + (a->tdpW - a->idleW) * u : 0;
    }

    // Air handlers supply at their set point and move just the air the heat needs; intakes see the supply
    // plus a recirculated share β of the rack's own rise — per rack from the air solver, else the
    // well-mixed room's share for contained or open rows; beyond the handlers' capacity the room warms.
    void airSide(OperatingPoint& p) const {
        p.lightingW = k_.lightingWPerM2 * t_.hall.lengthM * t_.hall.widthM;
        double heat = p.airHeatW + p.power.lossWhiteSpaceW + p.lightingW;
        p.airHandlerCapacityW = crahCapacityW_;
        double speed = crahCapacityW_ > 0 ? std::max(k_.crahMinSpeed, heat / crahCapacityW_) : 0;
        speed = std::min(speed, 1.0);
        p.airHandlerFanW = crahFanW_ * speed * speed * speed + crahFixedFanW_ + p.rearDoorFanW;
        p.airHeatW = heat + p.airHandlerFanW; // fan work ends as heat in the air
        double meanDeltaT = 0, airShare = 0, contained = 0;
        for (size_t i = 0; i < t_.racks.size(); ++i) {
            const double w = p.workload.rackPowerW[i] * (1 - thermal_[i].capture);
            // A rear door cools the exhaust before any of it can recirculate.
            const double rise = thermal_[i].airDeltaTK * (w > 0 ? 1 - p.rackRearDoorW[i] / w : 1);
            meanDeltaT += w * rise, airShare += w, contained += w * thermal_[i].contained;
        }
        meanDeltaT = airShare > 0 ? meanDeltaT / airShare : 0;
        const double containedShare = airShare > 0 ? contained / airShare : 1;
        const double recirculation =
            containedShare * k_.recirculationContained + (1 - containedShare) * k_.recirculationOpen;
        const double overloadW = std::max(0.0, p.airHeatW - crahCapacityW_);
        const double overloadK =
            crahAirflowM3s_ > 0 ? overloadW / (kAirDensity * kAirCp * crahAirflowM3s_) : 0;
        p.rackInletC = crahSupplyC_ + recirculation * meanDeltaT + overloadK;
        p.rackInletsC.assign(t_.racks.size(), p.rackInletC);
        const std::vector<double>& beta = o_.rackRecirculation;
        if (beta.size() != t_.racks.size()) return;
        p.airFromSolver = true;
        double sumW = 0, sumWC = 0;
        for (size_t i = 0; i < t_.racks.size(); ++i) {
            if (std::isfinite(beta[i]))
                p.rackInletsC[i] = crahSupplyC_ + beta[i] * thermal_[i].airDeltaTK + overloadK;
            const double w = p.workload.rackPowerW[i] * (1 - thermal_[i].capture);
            sumW += w, sumWC += w * p.rackInletsC[i];
        }
        if (sumW > 0) p.rackInletC = sumWC / sumW;
    }

    const Twin& t_;
    SimulationOptions o_;
    RoomConstants k_;
    WorkloadModel workload_;
    std::vector<RackThermal> thermal_;
    bool hasDoors_ = false;
    LiquidLoops liquid_;
    double crahCapacityW_ = 0, crahAirflowM3s_ = 0, crahFanW_ = 0, crahFixedFanW_ = 0, crahSupplyC_ = 0;
};

double demandAt(const WorkloadSettings& w, int hour) {
    if (w.demandRps.empty()) return 0;
    return w.demandRps[size_t(hour) % w.demandRps.size()];
}

HourlyClimate climateFor(const Twin& t, const SimulationOptions& o, std::string& id) {
    id = o.site.empty() ? t.site.climate : o.site;
    const std::filesystem::path dir = o.climateDir.empty() ? assetDir() / "climate" : o.climateDir;
    const std::filesystem::path file = dir / (id + ".json");
    if (!std::filesystem::exists(file))
        throw std::runtime_error(
            fmt::format("site, field 'climate': no climate '{}' ({} not found)", id, file.string()));
    return hourlySeries(loadClimate(file));
}

void accumulate(AnnualResult& a, const OperatingPoint& p, const Twin& t) {
    a.itW.push_back(p.itW), a.facilityW.push_back(p.facilityW), a.coolingW.push_back(p.coolingW);
    a.lossW.push_back(p.distributionLossW), a.dryBulbC.push_back(p.dryBulbC), a.hourlyPue.push_back(p.pue);
    a.decodeTokensPerS.push_back(p.workload.decodeTokensPerS),
        a.utilisation.push_back(p.workload.utilisation);
    a.waterL.push_back(p.plant.waterL());
    a.itMWh += p.itW / 1e6, a.facilityMWh += p.facilityW / 1e6, a.coolingMWh += p.coolingW / 1e6;
    a.lossMWh += p.distributionLossW / 1e6, a.waterM3 += p.plant.waterL() / 1e3;
    a.freeCoolingHours += p.plant.freeCooling();
    a.unmetHours += p.plant.warm.unmetW + p.plant.cold.unmetW > 1;
    a.energyCostUsd += p.facilityW / 1e3 * t.site.electricityUsdPerKWh;
    a.outputTokens += p.workload.decodeTokensPerS * 3600;
    a.rejectedFraction += p.workload.rejectedRps * 3600;
}

void finishAnnual(AnnualResult& a, double demanded) {
    a.pue = a.itMWh > 0 ? a.facilityMWh / a.itMWh : 0; // ISO/IEC 30134-2: ratio of period energies
    a.ppueCooling = a.itMWh > 0 ? (a.itMWh + a.coolingMWh) / a.itMWh : 0;
    a.ppuePower = a.itMWh > 0 ? (a.itMWh + a.lossMWh) / a.itMWh : 0;
    a.wueLPerKWh = a.itMWh > 0 ? a.waterM3 * 1e3 / (a.itMWh * 1e3) : 0;
    a.rejectedFraction = demanded > 0 ? a.rejectedFraction / demanded : 0;
}

} // namespace

SimulationResult simulate(const Twin& twin, const SimulationOptions& o) {
    SimulationResult r;
    const Pipeline pipeline(twin, o);
    const WorkloadSettings& w = twin.workload.settings;
    const double peak = w.demandRps.empty() ? 0 : *std::max_element(w.demandRps.begin(), w.demandRps.end());
    const double designWetBulb = wetBulbStullC(twin.site.designAmbientC, 40); // a dry design day [E]
    r.design = pipeline.run(peak, twin.site.designAmbientC, designWetBulb);
    if (o.hours <= 0) return r;
    const HourlyClimate climate = climateFor(twin, o, r.climate);
    double demanded = 0;
    r.annual.hours = std::min(o.hours, int(climate.dryBulbC.size()));
    const int hours = r.annual.hours;
    for (int h = 0; h < hours; ++h) {
        if (o.cancel && o.cancel->load()) {
            r.cancelled = true, r.annual.hours = h;
            break;
        }
        if (o.progress && h % 24 == 0) o.progress(double(h) / hours);
        const double demand = demandAt(w, h);
        demanded += demand * 3600;
        accumulate(r.annual, pipeline.run(demand, climate.dryBulbC[size_t(h)], climate.wetBulbC[size_t(h)]),
                   twin);
    }
    finishAnnual(r.annual, demanded);
    for (const std::string& p : r.design.power.capacityProblems)
        r.warnings.push_back(p);
    if (r.annual.unmetHours > 0)
        r.warnings.push_back(fmt::format(
            "cooling plant: heat not rejected in {} hours (no chiller capacity left)", r.annual.unmetHours));
    if (r.design.workload.rejectedRps > 0)
        r.warnings.push_back(fmt::format("workload: {:.1f} of {:.1f} requests/s rejected at peak demand",
                                         r.design.workload.rejectedRps, r.design.workload.demandRps));
    return r;
}

} // namespace halltwin::model::sim
