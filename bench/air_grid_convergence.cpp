// Grid convergence of the hall solve: the legacy-air reference hall with hallSolveOptions() at several
// cell sizes, printed as a Markdown table (docs/validation.md). The changes are taken against the finest
// grid, the best estimate available.
// Usage: air_grid_convergence [asset-dir] [--zero-equation] [--tile-open-fraction F] [--continue N] [cell
// sizes in m, finest last; default 0.4 0.2 0.1]. --zero-equation swaps the constant effective viscosity
// for the zero-equation turbulence model; --tile-open-fraction replaces the hall's; --continue N solves N
// more steps past each monitored stop, without the monitors, and prints the range the inlets then take
// (what the stop costs).
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

struct GridRun {
    double cellM = 0;
    size_t cells = 0;
    int steps = 0, coarseSteps = 0; // coarseSteps: the nested cold start's, on coarser grids
    double wallS = 0;
    bool converged = false;
    std::string stop; // how the solve ended
    double meanInletC = 0, maxInletC = 0;
    std::string hottest;
    double rciHi = 0, rti = 0, imbalance = 0;
};

struct Inlets {
    double mean = 0, max = -1e30;
};

Inlets inletsOf(const air::AirSolver& s, const air::HallGrid& g) {
    Inlets in;
    const std::vector<air::RackInlet> racks = air::rackInlets(s, g);
    for (const air::RackInlet& r : racks) {
        in.mean += r.meanC / double(racks.size());
        in.max = std::max(in.max, r.maxC);
    }
    return in;
}

// Continues past the stop in blocks of 50 steps with the monitors off; prints the ranges.
void continuePast(air::AirSolver& s, const air::HallGrid& g, int steps) {
    air::SolveOptions o = air::hallSolveOptions();
    o.monitorTolerance = 0;
    o.tolerance = 0;
    o.maxSteps = 50;
    const Inlets atStop = inletsOf(s, g);
    Inlets lo = atStop, hi = atStop;
    for (int n = 0; n < steps; n += o.maxSteps) {
        s.solveSteady(o);
        const Inlets now = inletsOf(s, g);
        lo = {std::min(lo.mean, now.mean), std::min(lo.max, now.max)};
        hi = {std::max(hi.mean, now.mean), std::max(hi.max, now.max)};
    }
    std::fprintf(stderr,
                 "  %d more steps (sampled every 50): mean inlet %.4f to %.4f C (%.4f at the stop), hottest "
                 "cell %.3f to %.3f C (%.3f at the stop)\n",
                 steps, lo.mean, hi.mean, atStop.mean, lo.max, hi.max, atStop.max);
}

GridRun solve(const Twin& twin, double cellM, bool zeroEquation, int continueSteps) {
    air::HallGridOptions options(cellM);
    if (zeroEquation) options.zeroEquationC = air::chenXuC;
    const air::HallGrid g = air::buildHallGrid(twin, options);
    const auto t0 = std::chrono::steady_clock::now();
    // The cold start the app makes (CoupledSimulation): nested from coarser grids below 0.2 m.
    std::shared_ptr<const air::AirModel> model = air::makeAirModel(g.airCase);
    air::ColdStart start = air::coldStart(twin, options, *model, air::hallSolveOptions());
    air::AirSolver s(air::AirSolution{model, std::move(start.state)});
    const air::SolveReport report = s.solveSteady(air::hallSolveOptions());
    GridRun row;
    row.coarseSteps = start.coarseSteps;
    row.cellM = cellM;
    row.cells = g.airCase.grid.cells().size();
    row.steps = report.steps;
    row.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    row.converged = report.converged;
    row.stop = !report.converged ? "capped"
               : report.averaged ? fmt::format("averaged (racks moved {:.2f} K)", report.fluctuation)
               : report.settled  ? "monitors"
                                 : "residual";
    const air::HallAirResult r = air::analyseHall(s, g, report);
    row.maxInletC = -1e30;
    for (const air::RackAirResult& k : r.racks) {
        row.meanInletC += k.inletMeanC / double(r.racks.size());
        if (k.inletMaxC > row.maxInletC) row.maxInletC = k.inletMaxC, row.hottest = k.id;
    }
    row.rciHi = r.rciHiPercent;
    row.rti = r.rtiPercent;
    row.imbalance = r.energyImbalance;
    // Why a solve stopped: the residual, or the monitors' last change (tolerance 0.05 K) and the balance.
    std::fprintf(stderr, "%.3g m: %zu cells, %d steps, %.1f s, residual %.2e, monitor change %.3f K\n", cellM,
                 row.cells, row.steps, row.wallS, report.residual, report.monitorChange);
    if (continueSteps > 0) continuePast(s, g, continueSteps);
    return row;
}

void print(const std::vector<GridRun>& rows) {
    const GridRun& fine = rows.back();
    std::printf("| cell m | cells | steps | wall s | stop | mean inlet °C | max inlet °C | hottest rack | "
                "RCI_HI %% | RTI %% | imbalance %% | Δmean K | Δmax K |\n");
    std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (const GridRun& r : rows)
        std::printf("%s\n",
                    fmt::format("| {} | {} | {} | {:.1f} | {} | {:.3f} | {:.3f} | {} | {:.1f} | {:.0f} | "
                                "{:+.2f} | {:+.3f} | {:+.3f} |",
                                r.cellM, r.cells,
                                r.coarseSteps ? fmt::format("{} + {} coarser", r.steps, r.coarseSteps)
                                              : std::to_string(r.steps),
                                r.wallS, r.stop, r.meanInletC, r.maxInletC, r.hottest, r.rciHi, r.rti,
                                100 * r.imbalance, r.meanInletC - fine.meanInletC,
                                r.maxInletC - fine.maxInletC)
                        .c_str());
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path assets = argc > 1 ? argv[1] : "assets";
    std::vector<double> sizes;
    bool zeroEquation = false;
    int continueSteps = 0;
    double tileOpenFraction = 0;
    for (int n = 2; n < argc; ++n) {
        const std::string arg = argv[n];
        if (arg == "--zero-equation")
            zeroEquation = true;
        else if (arg == "--continue" && n + 1 < argc)
            continueSteps = std::stoi(argv[++n]);
        else if (arg == "--tile-open-fraction" && n + 1 < argc)
            tileOpenFraction = std::stod(argv[++n]);
        else
            sizes.push_back(std::stod(arg));
    }
    if (sizes.empty()) sizes = {0.4, 0.2, 0.1};
    const std::optional<Twin> reference = halltwin::bench::loadReferenceTwin(assets, "legacy-air");
    if (!reference) return 1;
    Twin twin = *reference;
    if (tileOpenFraction > 0) twin.hall.tileOpenFraction = tileOpenFraction;
    std::vector<GridRun> rows;
    for (double h : sizes)
        rows.push_back(solve(twin, h, zeroEquation, continueSteps));
    print(rows);
    return 0;
}
