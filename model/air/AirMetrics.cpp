#include "AirMetrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace halltwin::model::air {

double rciHi(std::span<const double> inletsC, const InletLimits& l) {
    if (inletsC.empty()) return 100;
    double over = 0;
    for (double t : inletsC)
        over += std::max(0.0, t - l.maxRecommendedC);
    return (1 - over / (double(inletsC.size()) * (l.maxAllowableC - l.maxRecommendedC))) * 100;
}

double rciLo(std::span<const double> inletsC, const InletLimits& l) {
    if (inletsC.empty()) return 100;
    double under = 0;
    for (double t : inletsC)
        under += std::max(0.0, l.minRecommendedC - t);
    return (1 - under / (double(inletsC.size()) * (l.minRecommendedC - l.minAllowableC))) * 100;
}

// Below this mean rise across the racks (racks behind room-neutral rear doors) the air-side indices compare
// noise with noise: they are left undefined.
constexpr double kMinRiseK = 0.5;

double rti(double returnC, double supplyC, double equipmentDeltaT) {
    if (!(equipmentDeltaT >= kMinRiseK)) return std::numeric_limits<double>::quiet_NaN();
    return (returnC - supplyC) / equipmentDeltaT * 100;
}

double equipmentDeltaT(std::span<const RackAir> racks) {
    double q = 0, qdt = 0;
    for (const RackAir& r : racks) {
        q += r.flowM3s;
        qdt += r.flowM3s * (r.outletC - r.inletC);
    }
    return q > 0 ? qdt / q : std::numeric_limits<double>::quiet_NaN();
}

// δQ (heat picked up before the inlets) and Q (heat added by the racks) share ρ·c_p, which cancels.
HeatIndices heatIndices(std::span<const RackAir> racks, double supplyC) {
    double dQ = 0, Q = 0, q = 0;
    for (const RackAir& r : racks) {
        dQ += r.flowM3s * (r.inletC - supplyC);
        Q += r.flowM3s * (r.outletC - r.inletC);
        q += r.flowM3s;
    }
    if (dQ + Q <= 0 || !(Q >= kMinRiseK * q))
        return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    return {dQ / (dQ + Q), Q / (dQ + Q)};
}

double beta(const RackAir& r, double supplyC) {
    const double rise = r.outletC - r.inletC;
    if (rise <= 0) return std::numeric_limits<double>::quiet_NaN();
    return (r.inletC - supplyC) / rise;
}

} // namespace halltwin::model::air
