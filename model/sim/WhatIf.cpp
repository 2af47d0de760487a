#include "WhatIf.hpp"

#include "model/sim/Coolant.hpp"
#include "model/sim/SystemSimulation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace halltwin::model::sim {
namespace {

struct RackNode {
    size_t index = 0;
    int accelerators = 0;
    double idleW = 0, designW = 0; // per accelerator
    double throttleC = 85, shutdownC = 105;
    double otherHeatW = 0; // captured heat that is not from accelerators
    double flowDesignM3s = 0, resistanceKW = 0, coolantKg = 0;
    double rackC = 0, chipC = 0, powerW = 0;
    bool affected = false, shutDown = false;
};

struct Loop {
    double supplyC = 0, setpointC = 0, coolantKg = 0, cp = 3900, density = 1000;
    double facilityC = 0, facilityKg = 0, designHeatW = 0, approachK = 3;
};

double flowFraction(const Fault& f, double t, const WhatIfConstants& k) {
    if (f.kind != FaultKind::CduPumpTrip || t < f.atS) return 1;
    const double tau = k.pumpRundownS;
    const double decayed = std::exp(-(t - f.atS) / tau);
    if (f.standbyDelayS < 0 || t < f.atS + f.standbyDelayS) return decayed;
    const double atStart = std::exp(-f.standbyDelayS / tau);
    return atStart + (1 - atStart) * (1 - std::exp(-(t - f.atS - f.standbyDelayS) / tau));
}

class Integrator {
  public:
    Integrator(const Twin& t, const Fault& f, const WhatIfConstants& k, bool throttling)
        : t_(t), f_(f), k_(k), throttling_(throttling) {
        SimulationOptions o;
        o.hours = 0;
        design_ = simulate(t, o).design;
        setUp();
    }

    WhatIfResult run(double durationS) {
        WhatIfResult r;
        double hottest = -1e9;
        for (const RackNode& n : racks_)
            if (n.affected && n.chipC > hottest) hottest = n.chipC, r.hottestChipW = n.designW;
        double nextSample = 0;
        for (double time = 0; time <= durationS + 1e-9; time += k_.dtS) {
            step(time, r);
            if (time + 1e-9 >= nextSample) r.samples.push_back(sample(time)), nextSample += 1;
        }
        return r;
    }

  private:
    void setUp() {
        const Catalog& c = t_.catalog;
        const std::string cduId =
            f_.kind == FaultKind::CduPumpTrip || f_.kind == FaultKind::FacilityWaterLoss ? f_.target : "";
        for (size_t i = 0; i < t_.racks.size(); ++i) {
            const Rack& rack = t_.racks[i];
            const RackLiquidState& l = design_.liquid.racks[i];
            if (l.flowM3s <= 0) continue;
            RackNode n;
            n.index = i;
            const RackType* rt = find(c.rackTypes, rack.type);
            const Server* s = rt ? find(c.servers, rt->server) : nullptr;
            const Accelerator* a = s ? find(c.accelerators, s->accelerator) : nullptr;
            if (!a) continue;
            n.accelerators = rack.serverCount * s->acceleratorCount;
            n.idleW = a->idleW, n.throttleC = a->throttleTempC, n.shutdownC = a->shutdownTempC;
            n.designW = a->idleW + (a->tdpW - a->idleW) * design_.workload.rackUtilisation[i];
            const double captured = rt->liquidCaptureFraction * design_.workload.rackPowerW[i];
            n.otherHeatW = std::max(0.0, captured - n.accelerators * n.designW);
            n.flowDesignM3s = l.flowM3s;
            n.resistanceKW = (l.chipC - (l.supplyC + l.returnC) / 2) / std::max(n.designW, 1.0);
            n.coolantKg = k_.rackCoolantLPerKW * captured / 1e3;
            n.affected = f_.kind == FaultKind::DryCoolerFans || rack.cdu == cduId;
            n.powerW = n.designW;
            racks_.push_back(n);
        }
        const Cdu* cdu = nullptr;
        for (const Cdu& x : t_.cooling.cdus)
            cdu = x.id == cduId ? &x : cdu;
        const Cdu& ref = cdu ? *cdu : t_.cooling.cdus.front();
        const FluidProperties fl = coolantProperties(ref.fluid, ref.supplyTempC);
        loop_.cp = fl.cpJKgK, loop_.density = fl.densityKgM3, loop_.setpointC = ref.supplyTempC;
        loop_.designHeatW = 0;
        for (const RackNode& n : racks_)
            if (n.affected) loop_.designHeatW += n.accelerators * n.designW + n.otherHeatW;
        loop_.coolantKg = k_.loopCoolantLPerKW * loop_.designHeatW / 1e3 * fl.densityKgM3 / 1e3;
        loop_.facilityC = t_.cooling.facility.supplyTempC;
        loop_.facilityKg = k_.facilityWaterLPerKW * design_.liquidHeatW / 1e3;
        for (const CduState& s : design_.liquid.cdus)
            if (s.id == ref.id) loop_.supplyC = s.techSupplyC;
        for (RackNode& n : racks_) {
            n.coolantKg *= fl.densityKgM3 / 1e3;
            // Start from this model's own steady state so a run without a fault stays put.
            const double heat = n.accelerators * n.designW + n.otherHeatW;
            n.rackC = loop_.supplyC + heat / (fl.densityKgM3 * fl.cpJKgK * n.flowDesignM3s);
            n.chipC = n.rackC + n.designW * n.resistanceKW;
        }
    }

    double resistance(const RackNode& n, double phi) const {
        return n.resistanceKW * std::pow(1 / std::max(phi, k_.stagnantFlowFraction), 0.8);
    }

    // Explicit Euler on each affected rack: chip ← power − conduction to the coolant; coolant ← heat from
    // the chips and other plates − what the flow carries back to the CDU. Unaffected racks stay steady.
    void step(double time, WhatIfResult& r) {
        const double dt = k_.dtS, phi = flowFraction(f_, time, k_);
        double returnHeat = 0;
        for (RackNode& n : racks_) {
            if (!n.affected) continue;
            const double R = resistance(n, phi);
            powerLimit(n, R, time, r);
            const double toCoolant = (n.chipC - n.rackC) / R;
            n.chipC += dt * (n.powerW - toCoolant) / k_.chipHeatCapacityJK;
            const double mdotCp = loop_.density * loop_.cp * n.flowDesignM3s * phi;
            const double carried = mdotCp * (n.rackC - loop_.supplyC);
            n.rackC += dt * (n.accelerators * toCoolant + n.otherHeatW - carried) / (n.coolantKg * loop_.cp);
            returnHeat += carried;
        }
        coolLoop(time, returnHeat);
    }

    // The CDU holds its set point while facility water is there; without it the loop's coolant heats.
    void coolLoop(double time, double returnHeatW) {
        const bool faulted = time >= f_.atS;
        if (f_.kind == FaultKind::FacilityWaterLoss && faulted) {
            loop_.supplyC += k_.dtS * returnHeatW / (loop_.coolantKg * loop_.cp);
            return;
        }
        if (f_.kind == FaultKind::DryCoolerFans && faulted) {
            const FacilityLoop& f = t_.cooling.facility;
            const HeatRejectionType* u = find(t_.catalog.heatRejectionTypes, f.heatRejection);
            const double cap = u ? (1 - f_.fansLostFraction) * f.heatRejectionCount * u->capacityW : 0;
            const double approach = u ? u->designApproachK : 8;
            const double rejected =
                std::min(design_.liquidHeatW,
                         cap * std::max(0.0, loop_.facilityC - t_.site.designAmbientC) / approach);
            loop_.facilityC += k_.dtS * (design_.liquidHeatW - rejected) / (loop_.facilityKg * 4180);
            loop_.supplyC = std::max(loop_.setpointC, loop_.facilityC + loop_.approachK);
            return;
        }
        loop_.supplyC = std::max(loop_.setpointC, loop_.supplyC - k_.dtS * 0.5); // recovers at 0.5 K/s [E]
    }

    void powerLimit(RackNode& n, double R, double time, WhatIfResult& r) {
        if (n.shutDown) return void(n.powerW = 0);
        const double tAfter = time - f_.atS;
        if (n.chipC >= n.shutdownC) {
            n.shutDown = true, n.powerW = 0;
            if (r.timeToShutdownS < 0) r.timeToShutdownS = tAfter;
            r.events.push_back(fmt::format("t = {:.1f} s: rack '{}' shuts down at {:.1f} °C", time,
                                           t_.racks[n.index].id, n.chipC));
            return;
        }
        if (!throttling_ || n.chipC < n.throttleC) return void(n.powerW = n.designW);
        if (r.timeToThrottleS < 0) {
            r.timeToThrottleS = tAfter;
            r.events.push_back(fmt::format("t = {:.1f} s: rack '{}' reaches its {:.0f} °C throttle limit",
                                           time, t_.racks[n.index].id, n.throttleC));
        }
        // Throttling sheds what the plate cannot carry, down to idle power.
        n.powerW = std::clamp((n.throttleC - n.rackC) / R, n.idleW, n.designW);
    }

    WhatIfSample sample(double time) const {
        WhatIfSample s;
        s.tS = time;
        s.flowFraction = flowFraction(f_, time, k_);
        s.coolantSupplyC = loop_.supplyC, s.facilitySupplyC = loop_.facilityC;
        double dynamic = 0, dynamicDesign = 0;
        s.itW = design_.itW;
        for (const RackNode& n : racks_) {
            s.maxChipC = std::max(s.maxChipC, n.chipC);
            const double shed = n.accelerators * (n.designW - n.powerW);
            s.throttledW += shed;
            dynamic += n.accelerators * std::max(0.0, n.powerW - n.idleW);
            dynamicDesign += n.accelerators * (n.designW - n.idleW);
        }
        s.itW -= s.throttledW;
        s.tokensPerS = design_.workload.decodeTokensPerS * (dynamicDesign > 0 ? dynamic / dynamicDesign : 1);
        return s;
    }

    const Twin& t_;
    Fault f_;
    WhatIfConstants k_;
    bool throttling_;
    OperatingPoint design_;
    std::vector<RackNode> racks_;
    Loop loop_;

  public:
    const OperatingPoint& design() const { return design_; }
};

void checkTarget(const Twin& t, const Fault& f) {
    auto has = [&](const auto& v) {
        return std::ranges::any_of(v, [&](const auto& o) { return o.id == f.target; });
    };
    if ((f.kind == FaultKind::CduPumpTrip || f.kind == FaultKind::FacilityWaterLoss) && !has(t.cooling.cdus))
        throw std::invalid_argument(fmt::format("fault: no CDU '{}' in the twin", f.target));
    if (f.kind == FaultKind::PowerFeedLoss && !has(t.power.feeds))
        throw std::invalid_argument(fmt::format("fault: no power feed '{}' in the twin", f.target));
}

WhatIfResult feedLoss(const Twin& t, const Fault& f, double durationS) {
    WhatIfResult r;
    SimulationOptions o;
    o.hours = 0;
    const OperatingPoint d = simulate(t, o).design;
    PowerChainOptions lost;
    lost.onePathLost = true;
    const PowerChainResult one = solvePowerChain(t, d.workload.rackPowerW, lost);
    if (one.capacityProblems.empty()) {
        r.events.push_back(
            fmt::format("t = {:.1f} s: feed '{}' lost; the other path carries {:.0f} kW, no interruption",
                        f.atS, f.target, one.utilityW / 1e3));
        r.backupPreventedThrottle = true;
    } else {
        for (const std::string& p : one.capacityProblems)
            r.events.push_back("overload on one path: " + p);
    }
    for (double time = 0; time <= durationS; time += 1) {
        WhatIfSample s;
        s.tS = time, s.itW = d.itW, s.tokensPerS = d.workload.decodeTokensPerS;
        if (time >= f.atS && !one.capacityProblems.empty()) s.throttledW = d.itW, s.itW = 0, s.tokensPerS = 0;
        r.samples.push_back(s);
    }
    return r;
}

} // namespace

WhatIfResult runWhatIf(const Twin& twin, const Fault& fault, double durationS, const WhatIfConstants& k) {
    checkTarget(twin, fault);
    WhatIfResult r = fault.kind == FaultKind::PowerFeedLoss ? feedLoss(twin, fault, durationS)
                                                            : Integrator(twin, fault, k, true).run(durationS);
    if (fault.kind != FaultKind::PowerFeedLoss) {
        WhatIfResult bare = Integrator(twin, fault, k, false).run(durationS);
        r.unprotectedTimeToShutdownS = bare.timeToShutdownS;
        r.backupPreventedThrottle = fault.standbyDelayS >= 0 && r.timeToThrottleS < 0;
    }
    for (size_t i = 1; i < r.samples.size(); ++i) {
        const double dt = r.samples[i].tS - r.samples[i - 1].tS;
        r.throttledEnergyKWh += r.samples[i].throttledW * dt / 3.6e6;
        r.tokensLost += std::max(0.0, r.samples.front().tokensPerS - r.samples[i].tokensPerS) * dt;
    }
    return r;
}

} // namespace halltwin::model::sim
