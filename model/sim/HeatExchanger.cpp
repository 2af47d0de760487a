#include "HeatExchanger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace halltwin::model::sim {

namespace {

void requireCapacityRatio(double cr) {
    if (!(cr >= 0 && cr <= 1))
        throw std::invalid_argument(fmt::format("capacity ratio Cr = {} is not in [0, 1]", cr));
}

void requireFinite(double x, const char* what) {
    if (!std::isfinite(x)) throw std::invalid_argument(fmt::format("heat exchanger: {} is not finite", what));
}

} // namespace

double effectivenessCounterFlow(double ntu, double cr) {
    if (!(ntu >= 0)) throw std::invalid_argument(fmt::format("NTU = {} must be ≥ 0", ntu));
    requireCapacityRatio(cr);
    if (std::isinf(ntu)) return 1.0;
    if (cr == 1.0) return ntu / (1.0 + ntu);
    // expm1 keeps both numerator and denominator accurate as Cr → 1, where each tends to zero.
    const double x = ntu * (1.0 - cr);
    const double em1 = std::expm1(-x); // e^(−x) − 1
    return -em1 / ((1.0 - cr) - cr * em1);
}

double ntuCounterFlow(double effectiveness, double cr) {
    requireCapacityRatio(cr);
    if (!(effectiveness >= 0 && effectiveness < 1))
        throw std::invalid_argument(fmt::format("effectiveness {} is not in [0, 1)", effectiveness));
    if (cr == 1.0) return effectiveness / (1.0 - effectiveness);
    return std::log((1.0 - effectiveness * cr) / (1.0 - effectiveness)) / (1.0 - cr);
}

double effectivenessCrossFlowUnmixed(double ntu, double cr) {
    if (!(ntu >= 0)) throw std::invalid_argument(fmt::format("NTU = {} must be ≥ 0", ntu));
    requireCapacityRatio(cr);
    if (std::isinf(ntu)) return 1.0;
    if (cr < 1e-9 || ntu == 0) return -std::expm1(-ntu);
    // ε = 1/(Cr·NTU) · Σ_n P(n; NTU)·P(n; Cr·NTU), P(n; x) = 1 − e^(−x) Σ_{m≤n} x^m/m! the Poisson tail,
    // each tail kept by subtracting its next term from the last.
    const double x = ntu, y = cr * ntu;
    double tx = -std::expm1(-x), ty = -std::expm1(-y), termX = std::exp(-x), termY = std::exp(-y), sum = 0;
    // Past the Poisson mode the terms fall geometrically: stop when the next ones cannot move the sum.
    for (int n = 0; n < 100000 && tx > 0 && ty > 0; ++n) {
        sum += tx * ty;
        termX *= x / (n + 1), termY *= y / (n + 1);
        tx -= termX, ty -= termY;
        if (n + 1 > 2 * x && termX < 1e-17) break;
    }
    return std::min(1.0, sum / y);
}

double ntuCrossFlowUnmixed(double effectiveness, double cr) {
    requireCapacityRatio(cr);
    if (!(effectiveness >= 0 && effectiveness < 1))
        throw std::invalid_argument(fmt::format("effectiveness {} is not in [0, 1)", effectiveness));
    double lo = 0, hi = 1;
    while (effectivenessCrossFlowUnmixed(hi, cr) < effectiveness)
        if ((hi *= 2) > 1e4)
            throw std::invalid_argument(fmt::format(
                "effectiveness {} is out of reach of a cross-flow exchanger at Cr = {}", effectiveness, cr));
    for (int i = 0; i < 100 && hi - lo > 1e-12 * hi; ++i) {
        const double mid = (lo + hi) / 2;
        (effectivenessCrossFlowUnmixed(mid, cr) < effectiveness ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

HeatExchangerResult counterFlowExchanger(double hotInletTempC, double coldInletTempC, double hotCapacityWK,
                                         double coldCapacityWK, double uaWK) {
    requireFinite(hotInletTempC, "hot inlet temperature");
    requireFinite(coldInletTempC, "cold inlet temperature");
    requireFinite(hotCapacityWK, "hot capacity rate");
    requireFinite(coldCapacityWK, "cold capacity rate");
    requireFinite(uaWK, "UA");
    if (hotCapacityWK < 0 || coldCapacityWK < 0 || uaWK < 0)
        throw std::invalid_argument("heat exchanger: capacity rates and UA must be ≥ 0");
    HeatExchangerResult r{0, hotInletTempC, coldInletTempC, 0, 0, 0};
    const double cMin = std::min(hotCapacityWK, coldCapacityWK),
                 cMax = std::max(hotCapacityWK, coldCapacityWK);
    if (cMin == 0) return r; // one stream is not flowing: nothing is exchanged
    r.capacityRatio = cMin / cMax;
    r.ntu = uaWK / cMin;
    r.effectiveness = effectivenessCounterFlow(r.ntu, r.capacityRatio);
    r.dutyW = r.effectiveness * cMin * (hotInletTempC - coldInletTempC);
    r.hotOutletTempC = hotInletTempC - r.dutyW / hotCapacityWK;
    r.coldOutletTempC = coldInletTempC + r.dutyW / coldCapacityWK;
    return r;
}

double uaFromApproach(double hotInletTempC, double coldInletTempC, double hotCapacityWK,
                      double coldCapacityWK, double approachK, ApproachEnd end) {
    requireFinite(hotInletTempC, "hot inlet temperature");
    requireFinite(coldInletTempC, "cold inlet temperature");
    requireFinite(approachK, "approach");
    if (!(hotCapacityWK > 0 && coldCapacityWK > 0) || !std::isfinite(hotCapacityWK) ||
        !std::isfinite(coldCapacityWK))
        throw std::invalid_argument("uaFromApproach: both capacity rates must be positive");
    const double maxDiffK = hotInletTempC - coldInletTempC;
    if (!(approachK > 0 && approachK < maxDiffK))
        throw std::invalid_argument(
            fmt::format("uaFromApproach: approach {} K must lie between 0 and the inlet difference {} K",
                        approachK, maxDiffK));
    // The duty follows from the one outlet temperature the approach fixes.
    const double dutyW = end == ApproachEnd::ColdEnd ? hotCapacityWK * (maxDiffK - approachK)
                                                     : coldCapacityWK * (maxDiffK - approachK);
    const double cMin = std::min(hotCapacityWK, coldCapacityWK),
                 cMax = std::max(hotCapacityWK, coldCapacityWK);
    const double effectiveness = dutyW / (cMin * maxDiffK);
    if (!(effectiveness < 1))
        throw std::invalid_argument(fmt::format(
            "uaFromApproach: a {} K approach needs effectiveness {:.4f} ≥ 1 at these capacity rates; the "
            "smallest achievable approach at this end is {:.4g} K",
            approachK, effectiveness,
            end == ApproachEnd::ColdEnd ? maxDiffK * (1 - cMin / hotCapacityWK)
                                        : maxDiffK * (1 - cMin / coldCapacityWK)));
    return ntuCounterFlow(effectiveness, cMin / cMax) * cMin;
}

} // namespace halltwin::model::sim
