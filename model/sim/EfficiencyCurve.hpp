// Converter efficiency from load fraction: piecewise-linear through datasheet points.
#pragma once

#include <algorithm>
#include <vector>

namespace halltwin::model::sim {

// Points are ascending from 0 to 1 load (checked when the catalogue loads); loads beyond the last point
// keep the last efficiency, as overloads are a capacity problem reported elsewhere.
inline double efficiencyAt(const std::vector<double>& load, const std::vector<double>& eff, double fraction) {
    if (load.empty()) return 1.0;
    if (fraction <= load.front()) return eff.front();
    if (fraction >= load.back()) return eff.back();
    const auto hi = std::upper_bound(load.begin(), load.end(), fraction);
    const size_t i = size_t(hi - load.begin());
    const double t = (fraction - load[i - 1]) / (load[i] - load[i - 1]);
    return eff[i - 1] + t * (eff[i] - eff[i - 1]);
}

} // namespace halltwin::model::sim
