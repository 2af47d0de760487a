// Budgets of the design: air solver on the reference hall (legacy-air) at 0.2 m cells, cold start to
// steady ≤ 1.5 s; warm re-solve after moving one rack ≤ 0.3 s; at 0.1 m cold ≤ 30 s; ≤ 120 bytes per
// cell. Exits 1 when any is missed.
// Usage: bench_air [asset-dir] [cell sizes in m, default 0.2 0.1]
// Prints cells, steps, wall time, cell updates per second, bytes per cell, and the memory traffic of the
// solve against the bandwidth of a STREAM triad measured here (how far from the physical limit it runs).
#include "ReferenceTwin.hpp"
#include "model/CatalogIo.hpp"
#include "model/TwinJson.hpp"
#include "model/air/AirSolver.hpp"
#include "model/air/HallAirResult.hpp"
#include "model/air/HallColdStart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace halltwin::model;

namespace {

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void print(const std::string& s) {
    std::printf("%s\n", s.c_str());
    std::fflush(stdout);
}

// STREAM triad a = b + s·c on float arrays far larger than the caches, both cores: best of five, GB/s.
double triadGBs() {
    const size_t n = size_t(1) << 25; // 3 × 128 MiB
    std::vector<float> a(n), b(n, 1.0f), c(n, 2.0f);
    double best = 0;
    for (int rep = 0; rep < 5; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < long(n); ++i)
            a[size_t(i)] = b[size_t(i)] + 3.0f * c[size_t(i)];
        best = std::max(best, 3.0 * 4.0 * double(n) / since(t0) / 1e9);
    }
    return a[n / 2] > 0 ? best : 0;
}

// Bytes streamed per cell and step, counted from the kernels: momentum residuals (3 × ~21 B), their
// LU-SGS sweeps (2 passes × 3 × ~21 B), temperature residual and sweeps (~60 B), the projection
// (divergence, correction, pressure update ~40 B) and per CG iteration ~64 B on the fine grid (operator
// 24 B, two dots, two updates) plus the V-cycle's four smoothing passes (4 × 40 B) and transfers (~16 B).
// Kept as counted for 214ee23 so the fractions stay comparable across versions: today's sweeps also
// write and read 12 B of stored coefficients per pass while the V-cycle makes one pass fewer, about even.
double bytesPerCellStep(double pressureIterationsPerStep) {
    return 63 + 126 + 60 + 40 + pressureIterationsPerStep * (64 + 160 + 16);
}

struct Run {
    air::SolveReport report;
    double wallS = 0;
    int coarseSteps = 0;        // nested iteration: steps on coarser grids first
    double coarseCellSteps = 0; // and their cell updates
};

bool allMet = true;

// The design's absolute budgets are for a 2-core machine whose STREAM triad is ~49 GB/s; on a slower
// machine each is stretched by the ratio of the triads (never shrunk on a faster one).
constexpr double kBudgetTriadGBs = 49;

void report(const char* what, const Run& r, size_t cells, double designBudgetS, double triad) {
    const double budgetS = designBudgetS * (triad > 0 ? std::max(1.0, kBudgetTriadGBs / triad) : 1.0);
    const bool over = budgetS > 0 && r.wallS > budgetS;
    allMet &= !over;
    const double updates = (double(cells) * r.report.steps + r.coarseCellSteps) / r.wallS;
    const double pit = r.report.steps ? double(r.report.pressureIterations) / r.report.steps : 0;
    const double traffic = updates * bytesPerCellStep(pit) / 1e9;
    print(fmt::format(
        "  {}: {:.2f} s wall{}, {} steps{} ({}), {:.1f} M cell updates/s, {:.1f} CG iterations/step, "
        "~{:.1f} GB/s = {:.0f} % of the triad",
        what, r.wallS,
        budgetS > 0 ? fmt::format(" (budget {} s at a {} GB/s triad, {:.2f} s here: {})", designBudgetS,
                                  kBudgetTriadGBs, budgetS, over ? "OVER" : "OK")
                    : "",
        r.report.steps, r.coarseSteps ? fmt::format(" after {} on coarser grids", r.coarseSteps) : "",
        r.report.converged ? (r.report.averaged  ? "settled on average"
                              : r.report.settled ? "settled"
                                                 : "converged")
                           : "capped, not steady",
        updates / 1e6, pit, traffic, 100 * traffic / triad));
}

void summarise(const air::AirSolver& s, const air::HallGrid& g, const air::SolveReport& report) {
    const air::HallAirResult r = air::analyseHall(s, g, report);
    double hottest = -1e30;
    for (const air::RackAirResult& k : r.racks)
        hottest = std::max(hottest, k.inletMaxC);
    print(fmt::format(
        "    hottest inlet {:.2f} C, RCI_HI {:.1f} %, RTI {:.0f} %, SHI {:.3f}; air handlers remove "
        "{:.0f} kW of {:.0f} kW rack air heat",
        hottest, r.rciHiPercent, r.rtiPercent, r.shi, r.removedW / 1e3, r.rackAirHeatW / 1e3));
}

Run solve(air::AirSolver& s, const air::SolveOptions& o) {
    Run r;
    const auto t0 = std::chrono::steady_clock::now();
    r.report = s.solveSteady(o);
    r.wallS = since(t0);
    return r;
}

void benchAt(const Twin& base, double cellM, double triad) {
    Twin twin = base;
    air::HallGrid g = air::buildHallGrid(twin, {cellM});
    const air::AirGrid& grid = g.airCase.grid;
    const size_t cells = grid.cells().size();
    // At 0.1 m the plumes keep moving and the solve ends on the averaged steady state (docs/air-solver.md).
    const air::SolveOptions o = air::hallSolveOptions();
    // The cold start the app makes (CoupledSimulation): nested iteration from coarser grids.
    const auto t0 = std::chrono::steady_clock::now();
    std::shared_ptr<const air::AirModel> model = air::makeAirModel(g.airCase);
    air::ColdStart start = air::coldStart(twin, {cellM}, *model, o);
    air::AirSolver s(air::AirSolution{model, std::move(start.state)});
    const double startS = since(t0);
    print(fmt::format("legacy-air at {} m: {}x{}x{} = {} cells, {} racks, {} air handlers, {:.1f} bytes/cell "
                      "(budget 120)",
                      cellM, grid.nx, grid.ny, grid.nz, cells, g.racks.size(), g.airHandlers.size(),
                      double(s.memoryBytes()) / double(cells)));
    allMet &= double(s.memoryBytes()) / double(cells) <= 120;
    Run cold = solve(s, o);
    cold.wallS += startS;
    cold.coarseSteps = start.coarseSteps;
    cold.coarseCellSteps = start.coarseCellSteps;
    report("cold start", cold, cells, cellM == 0.2 ? 1.5 : cellM == 0.1 ? 30 : 0, triad);
    const double peak = double(s.memoryBytes() + cold.report.averagingBytes) / double(cells);
    allMet &= peak <= 120;
    if (cold.report.averaged)
        print(fmt::format("    {:.1f} bytes/cell with the averaging fields (budget 120)", peak));
    summarise(s, g, cold.report);
    // Move the last rack of the first row one tile further along its row and re-solve warm.
    Rack& moved = twin.racks.back();
    moved.xM += 0.6;
    g = air::buildHallGrid(twin, {cellM});
    s.setCase(g.airCase);
    const Run warm = solve(s, o);
    report(fmt::format("warm re-solve after moving '{}'", moved.id).c_str(), warm, cells,
           cellM == 0.2 ? 0.3 : 0, triad);
    summarise(s, g, warm.report);
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path assets = argc > 1 ? argv[1] : "assets";
    std::vector<double> sizes;
    for (int i = 2; i < argc; ++i)
        sizes.push_back(std::stod(argv[i]));
    if (sizes.empty()) sizes = {0.2, 0.1};
    const std::optional<Twin> twin = halltwin::bench::loadReferenceTwin(assets, "legacy-air");
    if (!twin) return 1;
    const double triad = triadGBs();
    print(fmt::format("STREAM triad (float, 384 MiB, both cores): {:.1f} GB/s", triad));
    for (double cell : sizes)
        benchAt(*twin, cell, triad);
    print(allMet ? "all budgets met" : "OVER BUDGET: see the lines marked OVER");
    return allMet ? 0 : 1;
}
