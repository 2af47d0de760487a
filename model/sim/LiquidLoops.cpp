#include "LiquidLoops.hpp"

#include "model/sim/Coolant.hpp"
#include "model/sim/HeatExchanger.hpp"
#include "model/sim/HydraulicNetwork.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace halltwin::model::sim {
namespace {

constexpr double kPumpShutoffOverDesign = 1.25; // pump curve: shutoff head 25 % above the design head [E]

double pipeDiameterM(double flowM3s, double velocityMs) {
    return std::sqrt(4 * std::max(flowM3s, 1e-6) / (std::numbers::pi * velocityMs));
}

Pipe pipeFor(double flowM3s, double lengthM, const LiquidConstants& k) {
    return Pipe{std::max(lengthM, 1.0), pipeDiameterM(flowM3s, k.pipeVelocityMs), 4.5e-5, 1.5};
}

// Head (m) for a pressure drop (kPa) in the loop's fluid.
double headM(double kPa, const FluidProperties& f) {
    return kPa * 1e3 / (f.densityKgM3 * kGravityMS2);
}

struct CduNetwork {
    Network net;
    std::vector<size_t> racks;     // twin rack indices on this CDU
    std::vector<size_t> rackLinks; // their rack element links
    size_t pumpLink = 0;
};

// tank (pressure reference at the CDU outlet, where the supply temperature is controlled) → pump →
// supply header → each rack's supply pipe, rack element, return pipe → return header → heat exchanger → tank.
CduNetwork buildNetwork(const Twin& t, const Cdu& cdu, const std::vector<double>& designFlow,
                        const FluidProperties& f, const LiquidConstants& k) {
    CduNetwork c;
    c.net.addFixedHead("tank", 0);
    c.net.addJunction("supply");
    c.net.addJunction("return");
    double totalFlow = 0, worstPathM = 0;
    for (size_t i = 0; i < t.racks.size(); ++i) {
        const Rack& r = t.racks[i];
        if (r.cdu != cdu.id || designFlow[i] <= 0) continue;
        const std::string in = r.id + "/in", out = r.id + "/out";
        c.net.addJunction(in);
        c.net.addJunction(out);
        const double lengthM = std::abs(r.xM - cdu.xM) + std::abs(r.yM - cdu.yM) + 2;
        const Pipe supply = pipeFor(designFlow[i], lengthM, k), ret = pipeFor(designFlow[i], lengthM, k);
        c.net.addLink(r.id + "/supply", "supply", in, supply);
        const PowerLaw element{headM(k.rackDesignDropKPa, f) / std::pow(designFlow[i], k.rackDropExponent),
                               k.rackDropExponent};
        c.rackLinks.push_back(c.net.addLink(r.id + "/rack", in, out, element));
        c.net.addLink(r.id + "/return", out, "return", ret);
        c.racks.push_back(i);
        totalFlow += designFlow[i];
        const double pathM = linkHeadLossM(supply, designFlow[i], f) + headM(k.rackDesignDropKPa, f) +
                             linkHeadLossM(ret, designFlow[i], f);
        worstPathM = std::max(worstPathM, pathM);
    }
    const double hxM = headM(k.exchangerDropKPa, f);
    c.net.addLink("exchanger", "return", "tank", PowerLaw{hxM / (totalFlow * totalFlow), 2});
    const double designHead = worstPathM + hxM;
    const double h0 = kPumpShutoffOverDesign * designHead;
    Pump pump{h0, (h0 - designHead) / (totalFlow * totalFlow), 1.0, k.pumpEfficiency, true};
    c.pumpLink = c.net.addLink("pump", "tank", "supply", pump);
    return c;
}

// Counter-flow CDU exchanger: effectiveness from NTU at the design point, then the facility flow the
// control valve needs to hold the technology supply set point (or full flow when it cannot).
struct Exchanger {
    double ua = 0, techCapacityWK = 0, facilityDesignWK = 0;
};

Exchanger sizeExchanger(double designHeatW, double techCapacityWK, double approachK, double facilityDeltaTK) {
    Exchanger x{0, techCapacityWK, designHeatW / facilityDeltaTK};
    // At design: technology supply = facility supply + approach; solve UA for that duty.
    const double techRise = designHeatW / techCapacityWK;
    const double hotIn = approachK + techRise; // relative to the facility supply temperature
    const double cMin = std::min(x.techCapacityWK, x.facilityDesignWK),
                 cMax = std::max(x.techCapacityWK, x.facilityDesignWK);
    const double eps = std::min(0.999, designHeatW / (cMin * hotIn));
    x.ua = cMin * ntuCounterFlow(eps, cMin / cMax);
    return x;
}

double dutyW(const Exchanger& x, double facilityWK, double hotInC, double coldInC) {
    const double cMin = std::min(x.techCapacityWK, facilityWK), cMax = std::max(x.techCapacityWK, facilityWK);
    return effectivenessCounterFlow(x.ua / cMin, cMin / cMax) * cMin * (hotInC - coldInC);
}

} // namespace

LiquidLoops::LiquidLoops(const Twin& twin, const std::vector<double>& designRackW, const LiquidConstants& k)
    : twin_(twin), k_(k) {
    rackFlowM3s_.assign(twin.racks.size(), 0);
    rackDesignFlowM3s_.assign(twin.racks.size(), 0);
    rackDesignHeatW_.assign(twin.racks.size(), 0);
    plates_.assign(twin.racks.size(), false);
    for (size_t i = 0; i < twin.racks.size(); ++i) {
        const RackType* rt = find(twin.catalog.rackTypes, twin.racks[i].type);
        if (!rt || twin.racks[i].cdu.empty()) continue;
        const double liquidKW = rt->liquidCaptureFraction * designRackW[i] / 1e3;
        rackDesignFlowM3s_[i] = k.litresPerMinutePerKW * liquidKW / 60e3;
        rackDesignHeatW_[i] = liquidKW * 1e3;
        // A rear door in the rack's loop adds its rated water flow and, at design, the rack's air heat.
        if (const RearDoorType* door = find(twin.catalog.rearDoorTypes, twin.racks[i].rearDoor)) {
            rackDesignFlowM3s_[i] += door->waterFlowM3s;
            rackDesignHeatW_[i] += (1 - rt->liquidCaptureFraction) * designRackW[i];
        }
        plates_[i] = liquidKW > 0;
    }
    for (const Cdu& cdu : twin.cooling.cdus) {
        const FluidProperties f = coolantProperties(cdu.fluid, cdu.supplyTempC);
        CduNetwork c = buildNetwork(twin, cdu, rackDesignFlowM3s_, f, k);
        CduState s;
        s.id = cdu.id;
        const CduType* ct = find(twin.catalog.cduTypes, cdu.type);
        if (ct) s.capacityW = ct->capacityW;
        loops_.emplace_back();
        if (c.racks.empty()) {
            cduDesign_.push_back(s);
            continue;
        }
        const HydraulicResult h = solveHydraulics(c.net, f);
        if (!h.converged) converged_ = false, problem_ = fmt::format("CDU '{}': {}", cdu.id, h.error);
        for (size_t j = 0; j < c.racks.size(); ++j)
            rackFlowM3s_[c.racks[j]] = h.flowM3s[c.rackLinks[j]];
        s.techFlowM3s = h.flowM3s[c.pumpLink];
        s.pumpHeadM = pumpHeadGainM(std::get<Pump>(c.net.links[c.pumpLink].element), s.techFlowM3s);
        s.pumpPowerW = pumpPowers(c.net, h, f.densityKgM3)[c.pumpLink].electricW;
        cduDesign_.push_back(s);
        LoopDesign& d = loops_.back();
        d.densityKgM3 = f.densityKgM3, d.cpJKgK = f.cpJKgK,
        d.techWK = f.densityKgM3 * f.cpJKgK * s.techFlowM3s;
        d.racks = c.racks;
        double designHeatW = 0;
        for (size_t i : c.racks) {
            designHeatW += rackDesignHeatW_[i];
            // Resistance rises as the flow per plate falls below its design value.
            d.plateResistanceKW.push_back(
                k.coldPlateResistanceKW *
                std::pow(rackDesignFlowM3s_[i] / std::max(rackFlowM3s_[i], 1e-9), k.resistanceFlowExponent));
        }
        const Exchanger x = sizeExchanger(std::max(designHeatW, 1.0), d.techWK, ct ? ct->approachK : 3,
                                          twin.cooling.facility.designDeltaTK);
        d.ua = x.ua, d.facilityDesignWK = x.facilityDesignWK;
    }
}

LiquidState LiquidLoops::evaluate(const std::vector<double>& rackLiquidW,
                                  const std::vector<double>& acceleratorW, double facilitySupplyC) const {
    LiquidState out;
    out.racks.resize(twin_.racks.size());
    out.cdus = cduDesign_;
    for (size_t c = 0; c < twin_.cooling.cdus.size(); ++c) {
        const Cdu& cdu = twin_.cooling.cdus[c];
        const LoopDesign& d = loops_[c];
        CduState& s = out.cdus[c];
        if (s.techFlowM3s <= 0) continue;
        double heatW = s.pumpPowerW; // pump work ends as heat in the loop
        for (size_t i : d.racks)
            heatW += rackLiquidW[i];
        s.heatW = heatW;
        const Exchanger x{d.ua, d.techWK, d.facilityDesignWK};
        // Hot inlet (technology return) at full facility flow, then throttle to the set point if possible.
        const double returnAtFullFlow = facilitySupplyC + heatW / dutyW(x, x.facilityDesignWK, 1, 0);
        const double supplyAtFullFlow = returnAtFullFlow - heatW / d.techWK;
        s.techSupplyC = std::max(cdu.supplyTempC, supplyAtFullFlow);
        s.techReturnC = s.techSupplyC + heatW / d.techWK;
        s.facilitySupplyC = facilitySupplyC;
        const bool throttled = s.techSupplyC > supplyAtFullFlow;
        double lo = 1e-6 * x.facilityDesignWK, hi = x.facilityDesignWK;
        for (int it = 0; it < 40 && throttled; ++it) {
            const double mid = (lo + hi) / 2;
            (dutyW(x, mid, s.techReturnC, facilitySupplyC) < heatW ? lo : hi) = mid;
        }
        const double facilityWK = throttled ? hi : x.facilityDesignWK;
        s.facilityFlowM3s = facilityWK / (997.0 * 4180.0);
        s.facilityReturnC = facilitySupplyC + heatW / facilityWK;
        out.heatW += heatW, out.flowM3s += s.techFlowM3s, out.pumpPowerW += s.pumpPowerW;
        out.facilityFlowM3s += s.facilityFlowM3s;
        for (size_t j = 0; j < d.racks.size(); ++j) {
            const size_t i = d.racks[j];
            RackLiquidState& r = out.racks[i];
            r.flowM3s = rackFlowM3s_[i];
            r.supplyC = s.techSupplyC;
            r.returnC = r.supplyC + rackLiquidW[i] / (d.densityKgM3 * d.cpJKgK * r.flowM3s);
            r.coldPlates = plates_[i];
            if (!r.coldPlates) continue; // a rear door alone: the chips are air-cooled
            // Plates in parallel see the mean coolant temperature.
            r.chipC = (r.supplyC + r.returnC) / 2 + acceleratorW[i] * d.plateResistanceKW[j];
            out.maxChipC = std::max(out.maxChipC, r.chipC);
        }
    }
    return out;
}

} // namespace halltwin::model::sim
