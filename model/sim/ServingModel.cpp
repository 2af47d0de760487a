#include "ServingModel.hpp"

#include <algorithm>
#include <cmath>

namespace halltwin::model::sim {
namespace {

double orDefault(double v, double fallback) {
    return v > 0 ? v : fallback;
}

// One group of `tp` accelerators serving one model at clock `f`.
struct Group {
    const Accelerator& a;
    const ServingConstants& k;
    ModelShape s;
    double prompt, output, contextMean, contextMax;
    int tp, domain;
    double linPeak, attnPeak, effP, effD, bandwidth;
    ServingRole role = ServingRole::Both;

    Group(const Accelerator& acc, int domainSize, const ServedModel& m, const WorkloadSettings& w, int width,
          double clock, const ServingConstants& kc)
        : a(acc), k(kc), s(shapeOf(m)), prompt(w.promptTokens), output(w.outputTokens),
          contextMean(std::min(m.contextTokens, w.promptTokens + w.outputTokens / 2)),
          contextMax(std::min(m.contextTokens, w.promptTokens + w.outputTokens)), tp(width),
          domain(std::max(1, domainSize)), linPeak(peakFlopsFor(acc, m.bytesPerParam) * clock),
          attnPeak(peakFlopsFor(acc, s.kvBytesPerValue) * clock),
          effP(orDefault(acc.prefillEfficiency, kc.prefillEfficiency)),
          effD(orDefault(acc.decodeEfficiency, kc.decodeEfficiency)),
          bandwidth(acc.hbmTBs * 1e12 * orDefault(acc.hbmEfficiency, kc.hbmEfficiency)) {}

    double usableBytes() const { return tp * a.hbmGB * 1e9 * k.memoryUsable; }
    int batchThatFits() const {
        const double free = usableBytes() - s.weightBytes;
        return free <= 0 ? 0 : int(std::min<double>(k.maxBatch, free / (s.kvBytesPerToken * contextMax)));
    }
    // Ring all-reduce: 2(tp−1)/tp of the message over each link, plus a fixed latency.
    double allReduceBandwidthS(double bytes) const {
        if (tp <= 1) return 0;
        const double link = tp <= domain && a.linkGBs > 0 ? a.linkGBs : k.scaleOutGBs;
        return 2.0 * (tp - 1) / tp * bytes / (link * 1e9);
    }
    double allReduceLatencyS() const {
        return tp <= 1 ? 0 : tp <= domain ? k.allReduceLatencyS : 4 * k.allReduceLatencyS;
    }
    // Attention FLOPs per token over `context` tokens: QKᵀ and AV, 2·2·hidden per layer and context token.
    double attentionFlops(double context) const { return 4 * s.layers * s.hidden * context; }

    double computeS(double tokens, double context, double eff) const {
        return tokens * (2 * s.params / linPeak + attentionFlops(context) / attnPeak) / (tp * eff);
    }
    double memoryS(int batch) const {
        return (s.weightBytes + batch * s.kvBytesPerToken * contextMean) / (tp * bandwidth);
    }
    double commS(int batch) const {
        return 2 * s.layers * (allReduceLatencyS() + allReduceBandwidthS(batch * s.hidden * 2));
    }
    double stepS(int batch) const {
        return k.stepOverheadS + std::max(computeS(batch, contextMean, effD), memoryS(batch)) + commS(batch);
    }
    // Prefill runs in large chunks: the all-reduce latency is spread over the chunk.
    double prefillPerTokenS() const {
        return computeS(1, prompt / 2, effP) + 2 * s.layers * allReduceBandwidthS(s.hidden * 2);
    }
    // Group time per request and per output token for the group's share of the work.
    double prefillS() const { return role == ServingRole::Decode ? 0 : prompt * prefillPerTokenS(); }
    double decodeS(int batch) const {
        return role == ServingRole::Prefill ? 0 : output * stepS(batch) / batch;
    }
    double tpotS(int batch) const {
        if (role == ServingRole::Prefill) return 0;
        return stepS(batch) + batch * prefillS() / output;
    }
    double requestsPerS(int batch) const { return 1 / (prefillS() + decodeS(batch)); }
};

// Erlang's C: the probability that an arrival waits in an M/M/c queue at offered load a = λ/μ, through
// the stable recurrence of Erlang's B.
double erlangC(int c, double a) {
    double b = 1;
    for (int k = 1; k <= c; ++k)
        b = a * b / (k + a * b);
    const double rho = a / c;
    return b / (1 - rho * (1 - b));
}

// Highest load ρ at which the waiting time's quantile q stays under `slackS` for c servers of rate μ:
// P(W > t) = C(c, cρ)·exp(−cμ(1−ρ)t). The left side rises with ρ, so bisect.
double loadWithinWait(int c, double mu, double slackS, double quantile) {
    if (slackS <= 0) return 0;
    const double tail = 1 - quantile;
    auto excess = [&](double rho) {
        return std::log(erlangC(c, c * rho)) - c * mu * (1 - rho) * slackS - std::log(tail);
    };
    if (excess(1 - 1e-12) <= 0) return 1;
    double lo = 1e-12, hi = 1;
    for (int i = 0; i < 60; ++i) {
        const double mid = (lo + hi) / 2;
        (excess(mid) > 0 ? hi : lo) = mid;
    }
    return lo;
}

ServingPlan planForWidth(const Group& g, int userBatch, const LatencyBounds& b, int queues, double quantile) {
    ServingPlan p;
    p.tp = g.tp;
    int batch = g.batchThatFits();
    if (batch < 1) {
        p.limitedBy = "memory: the weights do not fit";
        return p;
    }
    p.limitedBy = "memory";
    if (userBatch > 0 && userBatch < batch) batch = userBatch, p.limitedBy = "batch_size";
    if (b.tpotS > 0 && g.tpotS(batch) > b.tpotS) {
        // The time per output token rises with the batch: the largest batch within the bound.
        int lo = 0, hi = batch;
        while (hi - lo > 1) {
            const int mid = (lo + hi) / 2;
            (g.tpotS(mid) <= b.tpotS ? lo : hi) = mid;
        }
        batch = lo;
        p.limitedBy = "latency";
        if (batch < 1) return p;
    }
    p.batch = batch;
    p.stepS = g.stepS(batch);
    p.tpotS = g.tpotS(batch);
    p.prefillPerTokenS = g.prefillPerTokenS();
    const double mu = g.requestsPerS(batch);
    if (b.ttftS > 0 && g.role != ServingRole::Decode) { // a decode pool receives its prompts prefilled
        p.maxLoad = loadWithinWait(queues, mu, b.ttftS - g.prefillS() - p.stepS, quantile);
        if (p.maxLoad <= 0) {
            p.limitedBy = "latency: the first token cannot meet its bound";
            return p;
        }
    }
    if (p.limitedBy == "memory" && batch == g.k.maxBatch)
        p.limitedBy = g.computeS(batch, g.contextMean, g.effD) > g.memoryS(batch) ? "compute" : "bandwidth";
    p.requestsPerS = mu * p.maxLoad;
    p.outputTokensPerS = p.requestsPerS * g.output / g.tp;
    return p;
}

} // namespace

LatencyBounds boundsOf(const WorkloadSettings& w) {
    LatencyBounds b;
    if (w.scenario == "server") b = {2.0, 0.2};
    if (w.scenario == "interactive") b = {0.45, 0.04};
    if (w.ttftS > 0) b.ttftS = w.ttftS;
    if (w.tpotS > 0) b.tpotS = w.tpotS;
    return b;
}

ModelShape shapeOf(const ServedModel& m) {
    ModelShape s;
    s.params = m.paramsB * 1e9;
    s.weightBytes = s.params * m.bytesPerParam;
    s.layers = m.layers > 0 ? m.layers : std::max(1.0, std::round(80 * std::cbrt(s.params / 69e9)));
    s.hidden = m.hiddenSize > 0 ? m.hiddenSize : std::sqrt(s.params / (12 * s.layers));
    const double kvDim =
        m.kvDim > 0 ? m.kvDim : s.hidden / 8; // grouped-query attention, 8 query heads per KV
    s.kvBytesPerValue = m.kvBytesPerValue > 0  ? m.kvBytesPerValue
                        : m.bytesPerParam >= 2 ? m.bytesPerParam
                                               : 1;
    s.kvBytesPerToken = 2 * s.layers * kvDim * s.kvBytesPerValue;
    return s;
}

double peakFlopsFor(const Accelerator& a, double bytesPerValue) {
    const double fp16 = a.fp16Tflops, fp8 = a.fp8Tflops > 0 ? a.fp8Tflops : fp16;
    const double fp4 = a.fp4Tflops > 0 ? a.fp4Tflops : fp8;
    return 1e12 * (bytesPerValue <= 0.5 ? fp4 : bytesPerValue <= 1 ? fp8 : fp16);
}

double clockUnderLimit(const Accelerator& a, double limitW, const ServingConstants& k) {
    if (limitW <= 0 || limitW >= a.tdpW || a.tdpW <= a.idleW) return 1;
    const double f = std::pow(std::max(0.0, (limitW - a.idleW) / (a.tdpW - a.idleW)), 1 / k.dvfsExponent);
    return std::clamp(f, k.clockFloor, 1.0);
}

double acceleratorPowerW(const Accelerator& a, double u, double clock, const ServingConstants& k) {
    return a.idleW + (a.tdpW - a.idleW) * std::clamp(u, 0.0, 1.0) * std::pow(clock, k.dvfsExponent);
}

ServingPlan planServing(const Accelerator& a, int domain, const ServedModel& m, const WorkloadSettings& w,
                        double limitW, const ServingConstants& k, ServingRole role) {
    ServingPlan best;
    best.limitedBy = "memory: the weights do not fit";
    if (peakFlopsFor(a, m.bytesPerParam) <= 0 || a.hbmGB <= 0 || a.hbmTBs <= 0 || m.paramsB <= 0) {
        best.limitedBy = "the accelerator has no peak or memory in the catalogue";
        return best;
    }
    const double clock = clockUnderLimit(a, limitW, k);
    const LatencyBounds bounds = boundsOf(w);
    // Widths: the user's, or every power of two up to the first that fits beyond one domain.
    for (int tp = m.tpWidth > 0 ? m.tpWidth : 1; tp <= k.maxGroup; tp *= 2) {
        Group g(a, domain, m, w, tp, clock, k);
        g.role = role;
        const int queues = std::max(1, k.queueAccelerators / tp);
        const ServingPlan p = planForWidth(g, m.batchSize, bounds, queues, k.latencyQuantile);
        if (p.outputTokensPerS > best.outputTokensPerS || (!best.fits() && p.batch > 0)) best = p;
        if (m.tpWidth > 0 || (tp >= domain && best.fits())) break;
    }
    best.clock = clock;
    best.acceleratorW = acceleratorPowerW(a, 1, clock, k);
    return best;
}

} // namespace halltwin::model::sim
