// Marching a state to a steady state (residual, monitored or averaged convergence) or through a
// transient. Everything a solve tracks lives in this function's frame, not in the state.
#include "AirStep.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace halltwin::model::air {

namespace {

// Temperatures of the linked openings (a rack's exhaust = its intake mean + ΔT); the air handlers'
// returns flicker with the plumes by a few tenths of a kelvin, their sum is held by the heat balance.
std::vector<double> monitors(const AirModel& m, const AirState& s) {
    std::vector<double> out;
    for (size_t o = 0; o < m.airCase.openings.size(); ++o)
        if (m.airCase.openings[o].linkedTo >= 0) out.push_back(openingTemperature(m, s, o));
    return out;
}

bool monitorsSettled(const AirModel& m, const AirState& s, const SolveOptions& o,
                     std::deque<std::vector<double>>& past, SolveReport& r) {
    past.push_back(monitors(m, s));
    if (past.back().empty() || int(past.size()) <= std::max(1, o.monitorWindow)) return false;
    past.pop_front();
    double change = 0;
    for (size_t n = 0; n < past.front().size() && n < past.back().size(); ++n)
        change = std::max(change, std::fabs(past.back()[n] - past.front()[n]));
    r.monitorChange = change;
    return change < o.monitorTolerance && s.residual < o.monitorResidual &&
           std::fabs(energyBalance(m, s).relativeImbalance()) < o.balanceTolerance;
}

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

// Averaged steady state (SolveOptions::averageAfter): the running mean of the fields since averaging
// began and the range each monitor took.
struct FieldMean {
    AirState mean;
    int samples = 0;
    std::vector<double> lowest, highest, previous; // monitors: range, mean one block earlier

    void add(const AirModel& m, const AirState& s) {
        const int n = ++samples;
        for (int a = 0; a < 3; ++a)
            accumulate(mean.vel[a], s.vel[a], n);
        accumulate(mean.T, s.T, n);
        accumulate(mean.p, s.p, n);
        const std::vector<double> now = monitors(m, s);
        if (n == 1) lowest = highest = now;
        for (size_t i = 0; i < now.size(); ++i) {
            lowest[i] = std::min(lowest[i], now[i]);
            highest[i] = std::max(highest[i], now[i]);
        }
    }

    // At the end of a block: compares the mean since averaging began with the mean one block earlier (a
    // running mean's change shrinks as 1/samples once it spans the slowest oscillation). On success the
    // state holds the mean.
    bool settled(const AirModel& m, AirState& s, const SolveOptions& o, SolveReport& r) {
        swapFields(s);
        // The racks' exhaust temperatures follow their intakes' mean, not the last step's.
        const std::vector<float> inflow = s.inflowT;
        for (size_t q = 0; q < m.airCase.openings.size(); ++q) {
            const Opening& op = m.airCase.openings[q];
            if (op.linkedTo >= 0)
                s.inflowT[q] = float(linkedInflowC(op, openingTemperature(m, s, size_t(op.linkedTo))));
        }
        const std::vector<double> now = monitors(m, s);
        const double imbalance = energyBalance(m, s).relativeImbalance();
        const bool first = previous.size() != now.size();
        double change = first ? std::numeric_limits<double>::infinity() : 0, range = 0;
        for (size_t i = 0; i < now.size(); ++i) {
            if (!first) change = std::max(change, std::fabs(now[i] - previous[i]));
            range = std::max(range, highest[i] - lowest[i]);
        }
        previous = now;
        r.monitorChange = change;
        r.fluctuation = range;
        const bool ok = change < o.monitorTolerance && std::fabs(imbalance) < o.balanceTolerance;
        if (!ok) {
            swapFields(s);
            s.inflowT = inflow;
        }
        return ok;
    }

    void swapFields(AirState& s) {
        for (int a = 0; a < 3; ++a)
            s.vel[a].swap(mean.vel[a]);
        s.T.swap(mean.T);
        s.p.swap(mean.p);
    }

    size_t memoryBytes() const { return mean.memoryBytes(); }
};

// The solve step after which averaging begins (SolveOptions::averageAfter, counted on the fields' age).
long averagingStart(const SolveOptions& o, long age) {
    if (o.averageAfter <= 0 || o.monitorTolerance <= 0) return std::numeric_limits<long>::max();
    if (age >= o.averageAfter) return std::min(o.warmAverageAfter, o.averageAfter);
    return o.averageAfter - age;
}

} // namespace

SolveReport solveSteady(const AirModel& m, AirState& s, AirWorkspace& w, const SolveOptions& o) {
    const long pressureBefore = s.pressureIterations;
    const StepOptions stepOptions = o.step(true, 1e30);
    SolveReport r;
    std::deque<std::vector<double>> watched;
    if (o.monitorTolerance > 0) watched.push_back(monitors(m, s));
    FieldMean mean;
    const long averageFrom = averagingStart(o, s.age);
    // Developed fields (a warm start after an edit) are already a steady state, usually the mean of the
    // last solve: the first block's mean is judged against them, so a small edit settles after one block.
    if (averageFrom < std::numeric_limits<long>::max() && s.age >= o.averageAfter)
        mean.previous = monitors(m, s);
    while (r.steps < o.maxSteps && r.time < o.maxTime) {
        if (o.cancel && o.cancel->load()) {
            r.cancelled = true;
            break;
        }
        r.time += step(m, s, w, stepOptions);
        ++r.steps;
        if (r.steps > averageFrom) {
            mean.add(m, s);
            r.averagingBytes = mean.memoryBytes();
            if (mean.samples % std::max(1, o.averageBlock) == 0 && mean.settled(m, s, o, r)) {
                r.converged = r.settled = r.averaged = true;
                break;
            }
        }
        if (r.steps % std::max(1, o.progressEvery) == 0) {
            r.history.push_back(s.residual);
            if (o.progress) o.progress(r.steps, s.residual);
            if (s.residual < o.tolerance) {
                r.converged = true;
                break;
            }
            if (o.monitorTolerance > 0 && monitorsSettled(m, s, o, watched, r)) {
                r.converged = r.settled = true;
                break;
            }
        }
    }
    r.residual = s.residual;
    r.pressureIterations = s.pressureIterations - pressureBefore;
    return r;
}

SolveReport advance(const AirModel& m, AirState& s, AirWorkspace& w, double seconds, const SolveOptions& o) {
    const long pressureBefore = s.pressureIterations;
    SolveReport r;
    while (r.time < seconds * (1 - 1e-12) && r.steps < o.maxSteps) {
        if (o.cancel && o.cancel->load()) {
            r.cancelled = true;
            break;
        }
        r.time += step(m, s, w, o.step(false, seconds - r.time));
        ++r.steps;
        if (r.steps % std::max(1, o.progressEvery) == 0) {
            r.history.push_back(s.residual);
            if (o.progress) o.progress(r.steps, s.residual);
        }
    }
    r.residual = s.residual;
    r.pressureIterations = s.pressureIterations - pressureBefore;
    return r;
}

} // namespace halltwin::model::air
