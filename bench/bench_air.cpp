// Budgets (shared/DESIGN.md): air solver on the reference hall (legacy-air) at 0.2 m cells, cold start to
// steady ≤ 15 s; warm re-solve after moving one rack ≤ 3 s; ≤ 120 bytes per cell.
// Usage: bench_air [asset-dir] [max-simulated-seconds]
#include "model/CatalogIo.hpp"
#include "model/TwinJson.hpp"
#include "model/air/HallAirResult.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace halltwin::model;

namespace {

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void summarise(const air::AirSolver& s, const air::HallGrid& g, const air::SolveReport& report) {
    const air::HallAirResult r = air::analyseHall(s, g, report);
    double hottest = -1e30;
    for (const air::RackAirResult& k : r.racks)
        hottest = std::max(hottest, k.inletMaxC);
    std::printf(
        "%s\n",
        fmt::format("  hottest inlet {:.1f} C, RCI_HI {:.1f} %, RCI_LO {:.1f} %, RTI {:.0f} %, SHI {:.3f}; "
                    "air handlers remove {:.0f} kW of {:.0f} kW rack air heat",
                    hottest, r.rciHiPercent, r.rciLoPercent, r.rtiPercent, r.shi, r.removedW / 1e3,
                    r.rackAirHeatW / 1e3)
            .c_str());
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path assets = argc > 1 ? argv[1] : "assets";
    const double maxTime = argc > 2 ? std::stod(argv[2]) : 600;
    Diagnostics d;
    const Catalog catalog = loadCatalogDir(assets / "catalog", d);
    TwinLoad l = loadTwinJson(assets / "twins" / "legacy-air.json", catalog);
    if (!l.diagnostics.ok()) {
        std::fprintf(stderr, "%s\n", l.diagnostics.errorText().c_str());
        return 1;
    }
    Twin twin = l.twin;
    air::HallGrid g = air::buildHallGrid(twin);
    const air::AirGrid& grid = g.airCase.grid;
    const size_t cells = grid.cells().size();

    air::SolveOptions o = air::hallSolveOptions();
    o.maxTime = maxTime;
    const auto start = std::chrono::steady_clock::now();
    o.progress = [&](int step, double res) {
        if (step % 50) return;
        std::printf("  step %d residual %.3e (%.1f s)\n", step, res, since(start));
        std::fflush(stdout);
    };
    auto t0 = std::chrono::steady_clock::now();
    air::AirSolver s(g.airCase, g.airCase.air.referenceC);
    air::SolveReport r = s.solveSteady(o);
    const double cold = since(t0);
    std::printf("%s\n", fmt::format("legacy-air at 0.2 m: {}x{}x{} = {} cells, {} racks, {} air handlers, "
                                    "{:.1f} bytes/cell (budget 120)",
                                    grid.nx, grid.ny, grid.nz, cells, g.racks.size(), g.airHandlers.size(),
                                    double(s.memoryBytes()) / double(cells))
                            .c_str());
    std::printf("%s\n",
                fmt::format("cold start: {:.2f} s wall (budget 15 s), {} steps, {:.1f} s simulated, residual "
                            "{:.2e}, converged {}",
                            cold, r.steps, r.time, r.residual, r.converged)
                    .c_str());
    summarise(s, g, r);

    // Move the last rack of the first row half a metre further along its row and re-solve warm.
    Rack& moved = twin.racks.back();
    moved.xM += 0.6;
    g = air::buildHallGrid(twin);
    t0 = std::chrono::steady_clock::now();
    s.setCase(g.airCase);
    r = s.solveSteady(o);
    std::printf("%s\n",
                fmt::format("warm re-solve after moving '{}': {:.2f} s wall (budget 3 s), {} steps, {:.1f} s "
                            "simulated, residual {:.2e}, converged {}",
                            moved.id, since(t0), r.steps, r.time, r.residual, r.converged)
                    .c_str());
    summarise(s, g, r);
    return 0;
}
