#include "WorkloadModel.hpp"

#include <algorithm>
#include <cmath>

namespace halltwin::model::sim {
namespace {

constexpr double kComputeUnitFlops = 312e12; // 1 度算力 = 312 TFLOPS for one hour

double peakFlopsFor(const Accelerator& a, double bytesPerParam) {
    const double fp16 = a.fp16Tflops, fp8 = a.fp8Tflops > 0 ? a.fp8Tflops : fp16;
    const double fp4 = a.fp4Tflops > 0 ? a.fp4Tflops : fp8;
    return 1e12 * (bytesPerParam <= 0.5 ? fp4 : bytesPerParam <= 1 ? fp8 : fp16);
}

double powerLaw(double idleW, double tdpW, double u, double alpha) {
    return idleW + (tdpW - idleW) * std::pow(std::clamp(u, 0.0, 1.0), alpha);
}

} // namespace

AcceleratorRoofline roofline(const Accelerator& a, const ServedModel& m, double promptTokens,
                             double outputTokens, const WorkloadConstants& k) {
    AcceleratorRoofline r;
    const double params = m.paramsB * 1e9;
    const double weightBytes = params * m.bytesPerParam;
    const double kvPerToken = k.kvValuesPerParam * params * m.bytesPerParam;
    const double context = std::min(m.contextTokens, promptTokens + outputTokens / 2); // mean during decode
    const double memPerChip = a.hbmGB * 1e9 * k.memoryUsable;
    r.peakFlops = peakFlopsFor(a, m.bytesPerParam);
    if (r.peakFlops <= 0 || memPerChip <= 0 || params <= 0) return r;
    r.prefillTokensPerS = r.peakFlops * k.prefillMfu / (2 * params);

    // Widen the group until the weights and the requested batch's KV cache fit (SRAM-only chips need
    // hundreds), then fill it with as much of the batch as fits.
    const double wantedBytes = weightBytes + m.batchSize * kvPerToken * context;
    r.groupSize = std::max(m.tpWidth, int(std::ceil(wantedBytes / memPerChip)));
    const double free = r.groupSize * memPerChip - weightBytes;
    r.batch = std::max(1, std::min(m.batchSize, int(free / (kvPerToken * context))));
    const double stepBytes = weightBytes + r.batch * kvPerToken * context;
    const double memTime = stepBytes / (r.groupSize * a.hbmTBs * 1e12 * k.decodeBandwidthFraction);
    const double flopTime = 2 * params * r.batch / (r.groupSize * r.peakFlops * k.decodeMfu);
    r.decodeTokensPerS = r.batch / std::max(memTime, flopTime) / r.groupSize;
    return r;
}

double rackPowerAtW(const Rack& r, const Catalog& c, double u, double fanFactor, const WorkloadConstants& k) {
    const RackType* t = find(c.rackTypes, r.type);
    if (!t) return 0;
    const Server* s = find(c.servers, t->server);
    double server = 0;
    if (s) {
        server = s->otherW + s->fanW * fanFactor;
        if (const Accelerator* a = find(c.accelerators, s->accelerator))
            server += s->acceleratorCount * powerLaw(a->idleW, a->tdpW, u, k.powerExponent);
        if (const Cpu* p = find(c.cpus, s->cpu))
            server += s->cpuCount * powerLaw(p->idleW, p->tdpW, u, k.powerExponent);
    }
    return t->overheadW + r.serverCount * server;
}

WorkloadModel::WorkloadModel(const Twin& twin, const WorkloadConstants& k) : twin_(twin), k_(k) {
    const WorkloadSettings& w = twin.workload.settings;
    disaggregated_ = w.disaggregated && !w.prefillRackType.empty() && !w.decodeRackType.empty();
    const Catalog& c = twin.catalog;
    // The first inference model sets the serving throughput; training models take their share of racks.
    const ServedModel* inference = nullptr;
    double trainingShare = 0;
    for (const ServedModel& m : twin.workload.models) {
        if (m.mode == "training")
            trainingShare += m.share;
        else if (!inference)
            inference = &m;
    }
    double trainedSoFar = 0, totalAcc = 0;
    for (const Rack& r : twin.racks) {
        const RackType* t = find(c.rackTypes, r.type);
        const Server* s = t ? find(c.servers, t->server) : nullptr;
        totalAcc += s ? r.serverCount * s->acceleratorCount : 0;
    }
    for (const Rack& r : twin.racks) {
        RackRole role;
        const RackType* t = find(c.rackTypes, r.type);
        const Server* s = t ? find(c.servers, t->server) : nullptr;
        const Accelerator* a = s ? find(c.accelerators, s->accelerator) : nullptr;
        const double n = s && a ? r.serverCount * s->acceleratorCount : 0;
        role.peakFp16Flops = a ? n * a->fp16Tflops * 1e12 : 0;
        const double idleNoFans = rackPowerAtW(r, c, 0, 0, k_);
        role.fanW = rackPowerAtW(r, c, 0, 1, k_) - idleNoFans;
        role.fixedW = idleNoFans;
        role.dynamicW = rackPowerAtW(r, c, 1, 0, k_) - idleNoFans;
        if (r.powerCapW > 0) {
            // Largest utilisation whose power stays under the rack's cap.
            const double idle = rackPowerAtW(r, c, 0, 1, k_), full = rackPowerAtW(r, c, 1, 1, k_);
            role.maxUtilisation = full <= r.powerCapW
                                      ? 1.0
                                      : std::pow(std::clamp((r.powerCapW - idle) / (full - idle), 0.0, 1.0),
                                                 1 / k_.powerExponent);
        }
        if (totalAcc > 0 && trainedSoFar / totalAcc < trainingShare && n > 0) {
            role.training = true, role.prefill = role.decode = false;
            trainedSoFar += n;
            const ServedModel* tm = nullptr;
            for (const ServedModel& m : twin.workload.models)
                if (m.mode == "training") tm = &m;
            if (tm && a)
                trainingTokensPerS_ += n * peakFlopsFor(*a, tm->bytesPerParam) * k_.trainingMfu *
                                       k_.trainingUtilisation / (6 * tm->paramsB * 1e9);
            roles_.push_back(role);
            continue;
        }
        if (disaggregated_) {
            role.prefill = r.type == w.prefillRackType;
            role.decode = r.type == w.decodeRackType;
        }
        if (inference && a && n > 0) {
            const AcceleratorRoofline rf = roofline(*a, *inference, w.promptTokens, w.outputTokens, k_);
            const double prefillRps =
                rf.prefillTokensPerS > 0 ? n * rf.prefillTokensPerS / w.promptTokens : 0;
            const double decodeRps = rf.decodeTokensPerS > 0 ? n * rf.decodeTokensPerS / w.outputTokens : 0;
            if (role.prefill && role.decode && prefillRps > 0 && decodeRps > 0)
                role.requestsPerS = 1 / (1 / prefillRps + 1 / decodeRps); // time-shared on the same chips
            else
                role.requestsPerS = role.prefill ? prefillRps : role.decode ? decodeRps : 0;
        }
        const double usable = role.requestsPerS * role.maxUtilisation;
        if (role.prefill && role.decode)
            capacityRps_ += usable;
        else if (role.prefill)
            prefillCapacityRps_ += usable;
        else if (role.decode)
            decodeCapacityRps_ += usable;
        roles_.push_back(role);
    }
    if (disaggregated_) capacityRps_ += std::min(prefillCapacityRps_, decodeCapacityRps_);
}

double WorkloadModel::utilisation(size_t i, double served) const {
    const RackRole& r = roles_[i];
    if (r.training) return std::min(k_.trainingUtilisation, r.maxUtilisation);
    if (r.requestsPerS <= 0) return 0;
    // Load spreads in proportion to what each rack can deliver under its cap.
    double pool = capacityRps_;
    if (disaggregated_ && !(r.prefill && r.decode))
        pool = r.prefill ? prefillCapacityRps_ : decodeCapacityRps_;
    return pool > 0 ? r.maxUtilisation * std::min(1.0, served / pool) : 0;
}

double WorkloadModel::rackPowerW(size_t i, double u, double fanFactor) const {
    const RackRole& role = roles_[i];
    const double w = role.fixedW +
                     role.dynamicW * (k_.powerExponent == 1 ? u : std::pow(u, k_.powerExponent)) +
                     role.fanW * fanFactor;
    return twin_.racks[i].powerCapW > 0 ? std::min(w, twin_.racks[i].powerCapW) : w;
}

// The hall's IT power when serving `served`, without building a whole operating point (bisection).
double WorkloadModel::itPowerAtW(double served, const std::vector<double>& fanFactor) const {
    double sum = 0;
    for (size_t i = 0; i < roles_.size(); ++i)
        sum += rackPowerW(i, utilisation(i, served), i < fanFactor.size() ? fanFactor[i] : 1.0);
    return sum;
}

WorkloadPoint WorkloadModel::pointAt(double served, const std::vector<double>& fanFactor) const {
    WorkloadPoint p;
    p.admittedRps = served;
    p.rackUtilisation.resize(roles_.size());
    for (size_t i = 0; i < roles_.size(); ++i)
        p.rackUtilisation[i] = utilisation(i, served);
    p.rackPowerW.resize(twin_.racks.size());
    double accWeighted = 0, accTotal = 0, flops = 0;
    for (size_t i = 0; i < twin_.racks.size(); ++i) {
        const double fan = i < fanFactor.size() ? fanFactor[i] : 1.0;
        const double w = rackPowerW(i, p.rackUtilisation[i], fan);
        p.rackPowerW[i] = w;
        p.itPowerW += w;
        accWeighted += p.rackUtilisation[i] * roles_[i].peakFp16Flops;
        accTotal += roles_[i].peakFp16Flops;
        flops += p.rackUtilisation[i] * roles_[i].peakFp16Flops;
    }
    p.utilisation = accTotal > 0 ? accWeighted / accTotal : 0;
    p.computeUnitsPerHour = flops / kComputeUnitFlops;
    p.prefillTokensPerS = served * twin_.workload.settings.promptTokens;
    p.decodeTokensPerS = served * twin_.workload.settings.outputTokens;
    p.trainingTokensPerS = trainingTokensPerS_;
    p.capacityRps = capacityRps_;
    return p;
}

WorkloadPoint WorkloadModel::evaluate(double demandRps, const std::vector<double>& fanFactor) const {
    const double cap = twin_.workload.settings.powerCapW;
    double served = std::clamp(demandRps, 0.0, capacityRps_);
    if (cap > 0 && itPowerAtW(served, fanFactor) > cap) {
        // IT power rises monotonically with what is served: bisect for the most the cap admits.
        double lo = 0, hi = served;
        for (int i = 0; i < 50; ++i) {
            const double mid = (lo + hi) / 2;
            (itPowerAtW(mid, fanFactor) > cap ? hi : lo) = mid;
        }
        served = lo;
    }
    WorkloadPoint p = pointAt(served, fanFactor);
    p.demandRps = demandRps;
    p.rejectedRps = std::max(0.0, demandRps - served);
    return p;
}

} // namespace halltwin::model::sim
