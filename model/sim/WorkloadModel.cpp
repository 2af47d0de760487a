#include "WorkloadModel.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace halltwin::model::sim {

struct RackParts {
    const RackType* type = nullptr;
    const Server* server = nullptr;
    const Accelerator* acc = nullptr;
};

namespace {

constexpr double kComputeUnitFlops = 312e12; // 1 度算力 = 312 TFLOPS for one hour

double linear(double idleW, double tdpW, double u) {
    return idleW + (tdpW - idleW) * std::clamp(u, 0.0, 1.0);
}

// The x in [lo, hi] where the increasing function f crosses `target` (f(lo) <= target < f(hi)), by
// regula falsi with the Illinois modification: superlinear, and never leaves the bracket.
template <class F> double crossing(F&& f, double lo, double hi, double target) {
    double flo = f(lo) - target, fhi = f(hi) - target;
    if (flo >= 0 || fhi <= 0) return flo >= 0 ? lo : hi; // no crossing inside: the end that is within
    int side = 0;
    for (int i = 0; i < 60 && hi - lo > 1e-12 * std::max(1.0, std::abs(hi)); ++i) {
        const double x = (lo * fhi - hi * flo) / (fhi - flo);
        const double fx = f(x) - target;
        if (fx > 0) {
            hi = x, fhi = fx;
            if (side == -1) flo /= 2;
            side = -1;
        } else {
            lo = x, flo = fx;
            if (side == 1) fhi /= 2;
            side = 1;
        }
        if (fx == 0) return x;
    }
    return lo; // the side that stays within the target
}

double fanCurve(double u, double minSpeed) {
    const double s = minSpeed + (1 - minSpeed) * std::clamp(u, 0.0, 1.0);
    return s * s * s;
}

RackParts partsOf(const Rack& r, const Catalog& c) {
    RackParts p;
    p.type = find(c.rackTypes, r.type);
    p.server = p.type ? find(c.servers, p.type->server) : nullptr;
    p.acc = p.server ? find(c.accelerators, p.server->accelerator) : nullptr;
    return p;
}
double acceleratorsIn(const Rack& r, const RackParts& p) {
    return p.server && p.acc ? double(r.serverCount) * p.server->acceleratorCount : 0;
}
double limitFor(const Accelerator& a, double configuredW, double fraction) {
    const double base = configuredW > 0 ? std::min(configuredW, a.tdpW) : a.tdpW;
    return fraction * base;
}

} // namespace

namespace {

// The rack without its fans at utilisation u.
double rackHeatW(const Rack& r, const RackParts& p, const Catalog& c, double u, double limitW,
                 const WorkloadConstants& k) {
    double server = 0;
    if (const Server* s = p.server) {
        server = s->otherW;
        if (p.acc)
            server += s->acceleratorCount *
                      acceleratorPowerW(*p.acc, u, clockUnderLimit(*p.acc, limitW, k.serving), k.serving);
        const double hostU = p.acc ? u * k.hostLoadShare : u;
        if (const Cpu* cpu = find(c.cpus, s->cpu))
            server += s->cpuCount * linear(cpu->idleW, cpu->tdpW, hostU);
    }
    return p.type->overheadW + r.serverCount * server;
}

} // namespace

RackPowerTerms powerTermsOf(const Rack& r, const Catalog& c, double limitW, const WorkloadConstants& k) {
    RackPowerTerms t;
    const RackParts p = partsOf(r, c);
    if (!p.type) return t;
    t.fixedW = rackHeatW(r, p, c, 0, limitW, k);
    t.dynamicW = rackHeatW(r, p, c, 1, limitW, k) - t.fixedW;
    t.fanW = p.server ? r.serverCount * p.server->fanW : 0;
    t.heatRefW = std::max(1.0, rackHeatW(r, p, c, 1, 0, k));
    t.fanMinSpeed = k.fanMinSpeed;
    return t;
}

double RackPowerTerms::atW(double u, double fanFactor) const {
    const double heat = fixedW + dynamicW * std::clamp(u, 0.0, 1.0);
    return heat + fanW * fanFactor * fanCurve(heat / heatRefW, fanMinSpeed);
}

double rackPowerAtW(const Rack& r, const Catalog& c, double u, double fanFactor, double limitW,
                    const WorkloadConstants& k) {
    return powerTermsOf(r, c, limitW, k).atW(u, fanFactor);
}

WorkloadModel::WorkloadModel(const Twin& twin, const WorkloadConstants& k) : twin_(twin), k_(k) {
    const WorkloadSettings& w = twin.workload.settings;
    disaggregated_ = w.disaggregated && !w.prefillRackType.empty() && !w.decodeRackType.empty();
    levels_.push_back(buildLevel(1.0));
    if (w.powerCapW > 0)
        for (double f : k_.limitLevels)
            if (f < 1) levels_.push_back(buildLevel(f));
}

WorkloadModel::RackRole WorkloadModel::roleOf(const Rack& r, double limitW, const ServingPlan* plan,
                                              bool training) const {
    RackRole role;
    const Catalog& c = twin_.catalog;
    const RackParts parts = partsOf(r, c);
    const double n = acceleratorsIn(r, parts);
    role.peakFp16Flops = parts.acc ? n * parts.acc->fp16Tflops * 1e12 : 0;
    role.power = powerTermsOf(r, c, limitW, k_);
    if (r.powerCapW > 0 && role.power.atW(1, 1) > r.powerCapW) {
        // Largest utilisation whose power stays under the rack's cap (power rises with u).
        double lo = 0, hi = 1;
        for (int i = 0; i < 50; ++i) {
            const double mid = (lo + hi) / 2;
            (role.power.atW(mid, 1) > r.powerCapW ? hi : lo) = mid;
        }
        role.maxUtilisation = lo;
    }
    if (training) {
        role.training = true, role.prefill = role.decode = false;
        return role;
    }
    const WorkloadSettings& w = twin_.workload.settings;
    if (disaggregated_) {
        role.prefill = r.type == w.prefillRackType;
        role.decode = r.type == w.decodeRackType;
    }
    if (plan && plan->fits() && n > 0 && (role.prefill || role.decode))
        role.requestsPerS = plan->requestsPerS * n / plan->tp;
    return role;
}

// A rack's own cap is met first by the highest per-accelerator limit under which the fully loaded rack
// fits it (power falls with the limit); below the clock floor, by a lower utilisation (roleOf).
double WorkloadModel::limitUnderRackCap(const Rack& r, double limitW) const {
    if (r.powerCapW <= 0 || powerTermsOf(r, twin_.catalog, limitW, k_).atW(1, 1) <= r.powerCapW)
        return limitW;
    const Accelerator* a = partsOf(r, twin_.catalog).acc;
    const double floorW = acceleratorPowerW(*a, 1, k_.serving.clockFloor, k_.serving);
    double lo = floorW, hi = limitW;
    for (int i = 0; i < 40; ++i) {
        const double mid = (lo + hi) / 2;
        (powerTermsOf(r, twin_.catalog, mid, k_).atW(1, 1) > r.powerCapW ? hi : lo) = mid;
    }
    return lo;
}

// One model copy's plan on this rack's servers; the requests queue per rack (its router).
ServingPlan WorkloadModel::planFor(const Rack& r, const RackParts& p, const ServedModel& m,
                                   double limitW) const {
    const WorkloadSettings& w = twin_.workload.settings;
    ServingConstants k = k_.serving;
    k.queueAccelerators = int(acceleratorsIn(r, p));
    ServingRole role = ServingRole::Both;
    if (disaggregated_) role = r.type == w.prefillRackType ? ServingRole::Prefill : ServingRole::Decode;
    const int domain = p.server->scaleUpSize > 0 ? p.server->scaleUpSize : p.server->acceleratorCount;
    return planServing(*p.acc, domain, m, w, limitW, k, role);
}

WorkloadModel::Level WorkloadModel::buildLevel(double fraction) const {
    Level l;
    const Catalog& c = twin_.catalog;
    const WorkloadSettings& w = twin_.workload.settings;
    // The first inference model sets the serving throughput; training models take their share of racks.
    const ServedModel *inference = nullptr, *training = nullptr;
    double trainingShare = 0;
    for (const ServedModel& m : twin_.workload.models) {
        if (m.mode == "training")
            trainingShare += m.share, training = &m;
        else if (!inference)
            inference = &m;
    }
    double trainedSoFar = 0, totalAcc = 0, mostAcc = 0;
    std::map<std::string, double> accelerators; // per accelerator type
    for (const Rack& r : twin_.racks) {
        const RackParts p = partsOf(r, c);
        totalAcc += acceleratorsIn(r, p);
        if (p.acc) accelerators[p.server->accelerator] += acceleratorsIn(r, p);
    }
    std::map<std::pair<std::string, double>, ServingPlan> plans; // the same servers at one limit serve alike
    for (const Rack& r : twin_.racks) {
        const RackParts p = partsOf(r, c);
        const double n = acceleratorsIn(r, p);
        const double limitW = p.acc ? limitUnderRackCap(r, limitFor(*p.acc, w.gpuPowerLimitW, fraction)) : 0;
        const bool train = training && totalAcc > 0 && trainedSoFar / totalAcc < trainingShare && n > 0;
        const ServingPlan* plan = nullptr;
        if (!train && inference && p.acc) {
            auto it = plans.find({r.type, limitW});
            if (it == plans.end())
                it = plans.emplace(std::pair(r.type, limitW), planFor(r, p, *inference, limitW)).first;
            plan = &it->second;
        }
        RackRole role = roleOf(r, limitW, plan, train);
        if (train) {
            trainedSoFar += n;
            l.trainingTokensPerS += n * peakFlopsFor(*p.acc, training->bytesPerParam) *
                                    clockUnderLimit(*p.acc, limitW, k_.serving) * k_.trainingMfu *
                                    k_.trainingUtilisation / (6 * training->paramsB * 1e9);
        }
        if (p.acc && accelerators[p.server->accelerator] > mostAcc && plan) {
            mostAcc = accelerators[p.server->accelerator];
            l.plan = *plan, l.gpuPowerLimitW = limitW, l.clock = plan->clock;
        }
        const double usable = role.requestsPerS * role.maxUtilisation;
        if (role.prefill && role.decode)
            l.capacityRps += usable;
        else if (role.prefill)
            l.prefillCapacityRps += usable;
        else if (role.decode)
            l.decodeCapacityRps += usable;
        l.roles.push_back(role);
    }
    if (disaggregated_) l.capacityRps += std::min(l.prefillCapacityRps, l.decodeCapacityRps);
    return l;
}

double WorkloadModel::utilisation(const Level& l, size_t i, double served) const {
    const RackRole& r = l.roles[i];
    if (r.training) return std::min(k_.trainingUtilisation, r.maxUtilisation);
    if (r.requestsPerS <= 0) return 0;
    // Load spreads in proportion to what each rack can deliver under its cap.
    double pool = l.capacityRps;
    if (disaggregated_ && !(r.prefill && r.decode))
        pool = r.prefill ? l.prefillCapacityRps : l.decodeCapacityRps;
    return pool > 0 ? r.maxUtilisation * std::min(1.0, served / pool) : 0;
}

double WorkloadModel::rackPowerW(const Level& l, size_t i, double u, double fanFactor) const {
    const double w = l.roles[i].power.atW(u, fanFactor);
    return twin_.racks[i].powerCapW > 0 ? std::min(w, twin_.racks[i].powerCapW) : w;
}

// The hall's IT power when serving `served`, without building a whole operating point (bisection).
double WorkloadModel::itPowerAtW(const Level& l, double served, const std::vector<double>& fanFactor) const {
    double sum = 0;
    for (size_t i = 0; i < l.roles.size(); ++i)
        sum += rackPowerW(l, i, utilisation(l, i, served), i < fanFactor.size() ? fanFactor[i] : 1.0);
    return sum;
}

WorkloadPoint WorkloadModel::pointAt(const Level& l, double served,
                                     const std::vector<double>& fanFactor) const {
    WorkloadPoint p;
    p.admittedRps = served;
    p.rackUtilisation.resize(l.roles.size());
    p.rackPowerW.resize(twin_.racks.size());
    double accTotal = 0, flops = 0;
    for (size_t i = 0; i < twin_.racks.size(); ++i) {
        p.rackUtilisation[i] = utilisation(l, i, served);
        p.rackPowerW[i] = rackPowerW(l, i, p.rackUtilisation[i], i < fanFactor.size() ? fanFactor[i] : 1.0);
        p.itPowerW += p.rackPowerW[i];
        accTotal += l.roles[i].peakFp16Flops;
        flops += p.rackUtilisation[i] * l.roles[i].peakFp16Flops;
    }
    p.utilisation = accTotal > 0 ? flops / accTotal : 0;
    p.computeUnitsPerHour = flops / kComputeUnitFlops;
    p.prefillTokensPerS = served * twin_.workload.settings.promptTokens;
    p.decodeTokensPerS = served * twin_.workload.settings.outputTokens;
    p.trainingTokensPerS = l.trainingTokensPerS;
    p.capacityRps = capacityRps();
    p.gpuPowerLimitW = l.gpuPowerLimitW, p.clock = l.clock, p.plan = l.plan;
    return p;
}

// The most this level serves of `demand` with the hall's IT power inside the cap.
double WorkloadModel::servedWithinCap(const Level& l, double demand, const std::vector<double>& fan) const {
    const double cap = twin_.workload.settings.powerCapW;
    const double served = std::clamp(demand, 0.0, l.capacityRps);
    if (cap <= 0 || itPowerAtW(l, served, fan) <= cap) return served;
    // IT power rises monotonically with what is served.
    return crossing([&](double x) { return itPowerAtW(l, x, fan); }, 0, served, cap);
}

// Under a binding cap a lower limit per accelerator serves more (power falls faster than throughput).
// Between the tabulated limits power and capacity are interpolated linearly, so the limit chosen moves
// continuously with the hall's state (a jump between two limits would never let the coupling settle).
WorkloadPoint WorkloadModel::evaluate(double demandRps, const std::vector<double>& fanFactor) const {
    const double cap = twin_.workload.settings.powerCapW;
    const Level& top = levels_.front();
    const double served = servedWithinCap(top, demandRps, fanFactor);
    if (served >= std::min(demandRps, top.capacityRps) || levels_.size() < 2)
        return finish(pointAt(top, served, fanFactor), demandRps);
    for (size_t i = 1; i < levels_.size(); ++i) {
        const Level &above = levels_[i - 1], &here = levels_[i];
        auto whole = [&](double x) {
            return std::clamp(demandRps, 0.0, (1 - x) * above.capacityRps + x * here.capacityRps);
        };
        auto power = [&](double x) {
            const double s = whole(x);
            return (1 - x) * itPowerAtW(above, s, fanFactor) + x * itPowerAtW(here, s, fanFactor);
        };
        if (power(1) > cap) continue;
        // The highest limit (smallest x) that serves the whole demand within the cap: power falls with x.
        const double x = 1 - crossing([&](double y) { return power(1 - y); }, 0, 1, cap);
        return finish(blend(pointAt(above, whole(x), fanFactor), pointAt(here, whole(x), fanFactor), x),
                      demandRps);
    }
    // Not even the lowest limit serves it all: the lowest limit serves the most within the cap.
    const Level& bottom = levels_.back();
    const double s = servedWithinCap(bottom, demandRps, fanFactor);
    return finish(s > served ? pointAt(bottom, s, fanFactor) : pointAt(top, served, fanFactor), demandRps);
}

WorkloadPoint WorkloadModel::finish(WorkloadPoint p, double demandRps) const {
    p.demandRps = demandRps;
    p.rejectedRps = std::max(0.0, demandRps - p.admittedRps);
    return p;
}

// (1 − x)·a + x·b, field by field; the serving plan is the nearer level's.
WorkloadPoint WorkloadModel::blend(const WorkloadPoint& a, const WorkloadPoint& b, double x) {
    auto mix = [x](double u, double v) { return (1 - x) * u + x * v; };
    WorkloadPoint p = x < 0.5 ? a : b;
    p.admittedRps = mix(a.admittedRps, b.admittedRps);
    p.prefillTokensPerS = mix(a.prefillTokensPerS, b.prefillTokensPerS);
    p.decodeTokensPerS = mix(a.decodeTokensPerS, b.decodeTokensPerS);
    p.trainingTokensPerS = mix(a.trainingTokensPerS, b.trainingTokensPerS);
    p.utilisation = mix(a.utilisation, b.utilisation);
    p.itPowerW = mix(a.itPowerW, b.itPowerW);
    p.computeUnitsPerHour = mix(a.computeUnitsPerHour, b.computeUnitsPerHour);
    p.gpuPowerLimitW = mix(a.gpuPowerLimitW, b.gpuPowerLimitW);
    p.clock = mix(a.clock, b.clock);
    for (size_t i = 0; i < p.rackPowerW.size(); ++i) {
        p.rackPowerW[i] = mix(a.rackPowerW[i], b.rackPowerW[i]);
        p.rackUtilisation[i] = mix(a.rackUtilisation[i], b.rackUtilisation[i]);
    }
    return p;
}

} // namespace halltwin::model::sim
