// Where a step of the air solver spends its time: legacy-air settled at the given cell size (0.2 m by
// default), then each part of step() timed on copies of that state. Each figure is the fastest of many
// repetitions, so a busy machine inflates it least; the projection is the step's time less the others.
#include "ReferenceTwin.hpp"
#include "model/CatalogIo.hpp"
#include "model/TwinJson.hpp"
#include "model/air/AirKernels.hpp"
#include "model/air/AirSolver.hpp"
#include "model/air/AirStep.hpp"
#include "model/air/HallColdStart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>

using namespace halltwin::model;
namespace kernels = air::kernels;

namespace {

// Fastest of `repeats` runs of `part` in ms, each on a fresh copy of `settled` prepared by `before`.
double fastest(const air::AirState& settled, int repeats, const std::function<void(air::AirState&)>& before,
               const std::function<void(air::AirState&)>& part) {
    double best = std::numeric_limits<double>::infinity();
    for (int r = 0; r < repeats; ++r) {
        air::AirState s = settled;
        before(s);
        const auto t0 = std::chrono::steady_clock::now();
        part(s);
        best = std::min(
            best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path assets = argc > 1 ? argv[1] : "assets";
    const double cellM = argc > 2 ? std::stod(argv[2]) : 0.2;
    const int repeats = argc > 3 ? std::stoi(argv[3]) : 40;
    const std::optional<Twin> twin = halltwin::bench::loadReferenceTwin(assets, "legacy-air");
    if (!twin) return 1;
    const air::HallGrid g = air::buildHallGrid(*twin, {cellM});
    const auto model = air::makeAirModel(g.airCase);
    const air::SolveOptions o = air::hallSolveOptions();
    air::ColdStart start = air::coldStart(*twin, {cellM}, *model, o);
    air::AirWorkspace w = air::makeWorkspace(*model);
    air::solveSteady(*model, start.state, w, o);
    const air::AirState& settled = start.state;
    const air::AirModel& m = *model;
    const air::StepOptions so = o.step(true, 1e30);
    const double invDt = 1 / 0.05; // any pseudo-time step: it only scales the diagonal
    auto nothing = [](air::AirState&) {};
    auto rhs = [&](air::AirState& s) {
        for (int c = 0; c < m.nd; ++c)
            kernels::momentumRhs(m, s, c, w.rhs[c]);
    };
    const double stepMs =
        fastest(settled, repeats, nothing, [&](air::AirState& s) { air::step(m, s, w, so); });
    const double rhsMs = fastest(settled, repeats, nothing, rhs);
    const double sweepMs = fastest(settled, repeats, rhs, [&](air::AirState& s) {
        for (int c = 0; c < m.nd; ++c)
            kernels::sweepMomentum(m, s, c, w.rhs[c], w.upper, invDt);
    });
    const double tRhsMs = fastest(settled, repeats, nothing,
                                  [&](air::AirState& s) { kernels::temperatureRhs(m, s, w.rhs[3]); });
    std::vector<float> outflow(m.cells.size(), 0.0f);
    const double tSweepMs = fastest(
        settled, repeats, [&](air::AirState& s) { kernels::temperatureRhs(m, s, w.rhs[3]); },
        [&](air::AirState& s) {
            kernels::sweepTemperature(m, s, w.rhs[3], w.upper, invDt, so.temperatureCfl, outflow);
        });
    // A fingerprint of one step's result: a change that should leave the arithmetic alone keeps it.
    air::AirState once = settled;
    air::step(m, once, w, so);
    double fingerprint = 0;
    for (int a = 0; a < 3; ++a)
        for (size_t n = 0; n < once.vel[a].size(); ++n)
            fingerprint += double(once.vel[a][n]) * double(n % 97 + 1);
    for (size_t n = 0; n < once.T.size(); ++n)
        fingerprint += double(once.T[n]) * double(n % 89 + 1) + double(once.p[n]) * double(n % 83 + 1);
    const double rest = stepMs - rhsMs - sweepMs - tRhsMs - tSweepMs;
    const size_t cells = m.cells.size();
    fmt::print("legacy-air at {} m ({} cells), fastest of {} runs, ms per step:\n", cellM, cells, repeats);
    fmt::print("  whole step            {:7.2f}  ({:.1f} M cell updates/s)\n", stepMs,
               double(cells) / stepMs / 1e3);
    auto line = [&](const char* what, double ms) {
        fmt::print("  {:<21} {:7.2f}  {:4.0f} %\n", what, ms, 100 * ms / stepMs);
    };
    line("momentum residuals", rhsMs);
    line("momentum sweeps", sweepMs);
    line("temperature residual", tRhsMs);
    line("temperature sweep", tSweepMs);
    line("projection and rest", rest);
    fmt::print("  fingerprint of one step's fields: {:.17g}\n", fingerprint);
    return 0;
}
