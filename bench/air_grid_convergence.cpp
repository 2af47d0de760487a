// Grid convergence of the hall solve: the legacy-air reference hall with hallSolveOptions() at several
// cell sizes, printed as a Markdown table (docs/validation.md). The changes are taken against the finest
// grid, the best estimate available.
// Usage: air_grid_convergence [asset-dir] [--constant-viscosity] [cell sizes in m, finest last; default
// 0.4 0.2 0.1]. The flag swaps the zero-equation turbulence model for the constant effective viscosity.
#include "model/CatalogIo.hpp"
#include "model/TwinJson.hpp"
#include "model/air/HallAirResult.hpp"

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
    int steps = 0;
    double wallS = 0;
    bool converged = false;
    double meanInletC = 0, maxInletC = 0;
    std::string hottest;
    double rciHi = 0, rti = 0, imbalance = 0;
};

GridRun solve(const Twin& twin, double cellM, bool constantViscosity) {
    air::HallGridOptions options(cellM);
    if (constantViscosity) options.zeroEquationC = 0;
    const air::HallGrid g = air::buildHallGrid(twin, options);
    const auto t0 = std::chrono::steady_clock::now();
    air::AirSolver s(g.airCase, g.airCase.air.referenceC);
    const air::SolveReport report = s.solveSteady(air::hallSolveOptions());
    GridRun row;
    row.cellM = cellM;
    row.cells = g.airCase.grid.cells().size();
    row.steps = report.steps;
    row.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    row.converged = report.converged;
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
    return row;
}

void print(const std::vector<GridRun>& rows) {
    const GridRun& fine = rows.back();
    std::printf(
        "| cell m | cells | steps | wall s | converged | mean inlet °C | max inlet °C | hottest rack | "
        "RCI_HI %% | RTI %% | imbalance %% | Δmean K | Δmax K |\n");
    std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (const GridRun& r : rows)
        std::printf("%s\n",
                    fmt::format("| {} | {} | {} | {:.1f} | {} | {:.3f} | {:.3f} | {} | {:.1f} | {:.0f} | "
                                "{:+.2f} | {:+.3f} | {:+.3f} |",
                                r.cellM, r.cells, r.steps, r.wallS, r.converged ? "yes" : "no", r.meanInletC,
                                r.maxInletC, r.hottest, r.rciHi, r.rti, 100 * r.imbalance,
                                r.meanInletC - fine.meanInletC, r.maxInletC - fine.maxInletC)
                        .c_str());
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path assets = argc > 1 ? argv[1] : "assets";
    std::vector<double> sizes;
    bool constantViscosity = false;
    for (int n = 2; n < argc; ++n)
        if (std::string(argv[n]) == "--constant-viscosity")
            constantViscosity = true;
        else
            sizes.push_back(std::stod(argv[n]));
    if (sizes.empty()) sizes = {0.4, 0.2, 0.1};
    Diagnostics d;
    const Catalog catalog = loadCatalogDir(assets / "catalog", d);
    const TwinLoad l = loadTwinJson(assets / "twins" / "legacy-air.json", catalog);
    if (!l.diagnostics.ok()) {
        std::fprintf(stderr, "%s\n", l.diagnostics.errorText().c_str());
        return 1;
    }
    std::vector<GridRun> rows;
    for (double h : sizes)
        rows.push_back(solve(l.twin, h, constantViscosity));
    print(rows);
    return 0;
}
