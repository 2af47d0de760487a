// Averaged steady state (SolveOptions::averageAfter): running means of the fields for halls whose plumes
// keep moving.
#include "AirSolver.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace halltwin::model::air {

namespace {

// Running mean m += (x − m) / n: float sums of ~20 °C over hundreds of steps would lose the last digits.
void accumulate(std::vector<float>& mean, const std::vector<float>& x, int n) {
    if (n == 1) {
        mean = x;
        return;
    }
    const float w = 1.0f / float(n);
    const long size = long(x.size());
#pragma omp parallel for schedule(static)
    for (long i = 0; i < size; ++i)
        mean[size_t(i)] += w * (x[size_t(i)] - mean[size_t(i)]);
}

} // namespace

void AirSolver::addToMean() {
    const int n = ++mean_.samples;
    for (int a = 0; a < 3; ++a)
        accumulate(mean_.vel[a], vel_[a], n);
    accumulate(mean_.T, T_, n);
    accumulate(mean_.p, p_, n);
    const std::vector<double> m = monitors();
    if (n == 1) mean_.lowest = mean_.highest = m;
    for (size_t i = 0; i < m.size(); ++i) {
        mean_.lowest[i] = std::min(mean_.lowest[i], m[i]);
        mean_.highest[i] = std::max(mean_.highest[i], m[i]);
    }
}

void AirSolver::swapMean() {
    for (int a = 0; a < 3; ++a)
        vel_[a].swap(mean_.vel[a]);
    T_.swap(mean_.T);
    p_.swap(mean_.p);
}

// At the end of a block: compares the mean since averaging began with the mean one block earlier (a
// running mean's change shrinks as 1/samples once it spans the slowest oscillation). On success the
// fields hold the mean.
bool AirSolver::meanSettled(const SolveOptions& o, SolveReport& r) {
    swapMean();
    // The racks' exhaust temperatures follow their intakes' mean, not the last step's.
    const std::vector<float> inflow = inflowT_;
    applyOpenings();
    const std::vector<double> m = monitors();
    const double imbalance = energyBalance().relativeImbalance();
    const bool first = mean_.previous.size() != m.size();
    double change = first ? std::numeric_limits<double>::infinity() : 0, range = 0;
    for (size_t i = 0; i < m.size(); ++i) {
        if (!first) change = std::max(change, std::fabs(m[i] - mean_.previous[i]));
        range = std::max(range, mean_.highest[i] - mean_.lowest[i]);
    }
    mean_.previous = m;
    r.monitorChange = change;
    r.fluctuation = range;
    const bool settled = change < o.monitorTolerance && std::fabs(imbalance) < o.balanceTolerance;
    if (!settled) {
        swapMean();
        inflowT_ = inflow;
    }
    return settled;
}

} // namespace halltwin::model::air
