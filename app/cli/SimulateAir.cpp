#include "cli/SimulateAir.hpp"

#include "model/air/AirResultsFile.hpp"
#include "model/air/CoupledSimulation.hpp"
#include "render/FieldExport.hpp"

#include <QStringList>

#include <chrono>
#include <cstdio>

namespace halltwin::app {
namespace {

namespace air = halltwin::model::air;

constexpr double maxCells = 5e6; // ≈ 500 MB of solver state at < 100 bytes per cell

struct AirOptions {
    double cellM = 0.2;
    int maxSteps = 3000;
    double zeroEquationC = 0;
};

std::optional<AirOptions> airOptions(const model::Twin& t, const QCommandLineParser& p) {
    AirOptions o;
    bool okCell = false, okSteps = false;
    o.cellM = p.value("cell").toDouble(&okCell);
    o.maxSteps = p.value("max-steps").toInt(&okSteps);
    if (!okCell || !(o.cellM >= 0.05 && o.cellM <= 2))
        return std::fprintf(stderr, "error: --cell must be a cell size in metres from 0.05 to 2\n"),
               std::nullopt;
    if (!okSteps || o.maxSteps < 1)
        return std::fprintf(stderr, "error: --max-steps must be a positive integer\n"), std::nullopt;
    const QString turbulence = p.value("turbulence");
    if (turbulence != "constant" && turbulence != "zero-equation")
        return std::fprintf(stderr, "error: --turbulence must be 'constant' or 'zero-equation', not '%s'\n",
                            qPrintable(turbulence)),
               std::nullopt;
    o.zeroEquationC = turbulence == "zero-equation" ? air::chenXuC : 0;
    const model::Hall& h = t.hall;
    const double cells = h.lengthM * h.widthM * (h.heightM - h.raisedFloorM) / (o.cellM * o.cellM * o.cellM);
    if (cells > maxCells)
        return std::fprintf(
                   stderr,
                   "error: --cell %g gives %.0f million cells for hall '%s', more than %.0f million\n",
                   o.cellM, cells / 1e6, h.name.c_str(), maxCells / 1e6),
               std::nullopt;
    return o;
}

// The air solver needs somewhere for the air to come from and go to.
bool checkAirPath(const model::Twin& t, const air::HallGrid& g) {
    if (t.cooling.airHandlers.empty())
        return std::fprintf(stderr,
                            "error: twin '%s' has no air handlers (cooling.air_handlers is empty); the air "
                            "solver needs at least one CRAH or fan wall to supply and return the air\n",
                            t.name.c_str()),
               false;
    if (g.supplies.empty() || g.returns.empty())
        return std::fprintf(stderr,
                            "error: twin '%s': no air handler has a free face for its supply and return "
                            "(each needs fluid cells in front and above it)\n",
                            t.name.c_str()),
               false;
    return true;
}

void printRacks(const air::HallAirResult& r) {
    std::printf("  %-18s %10s %10s %10s %7s\n", "rack", "inlet mean", "inlet max", "exhaust", "beta");
    for (const air::RackAirResult& k : r.racks)
        std::printf("  %-18s %8.1f C %8.1f C %8.1f C %7.2f\n", k.id.c_str(), k.inletMeanC, k.inletMaxC,
                    k.exhaustC, k.beta);
}

// At most a dozen ids, so a hot hall does not flood the terminal.
QString hotSpotList(const air::HallAirResult& r) {
    if (r.hotSpots.empty()) return "none";
    QStringList ids;
    for (size_t i = 0; i < r.hotSpots.size() && i < 12; ++i)
        ids << QString::fromStdString(r.hotSpots[i]);
    if (r.hotSpots.size() > 12) ids << QString("and %1 more").arg(r.hotSpots.size() - 12);
    return QString("%1 racks: %2").arg(r.hotSpots.size()).arg(ids.join(", "));
}

QString state(const air::HallAirResult& r) {
    if (!r.converged) return "not steady";
    if (r.averaged)
        return QString("steady on average (fields averaged over the last steps, in which rack temperatures "
                       "moved within %1 K)")
            .arg(r.fluctuation, 0, 'f', 2);
    return r.settled ? "steady (rack temperatures settled)" : "steady";
}

void printHall(const air::HallAirResult& r, double wallS) {
    std::printf("  RCI_HI %.1f %%, RCI_LO %.1f %% (ASHRAE A1), RTI %.0f %%, SHI %.3f, RHI %.3f\n",
                r.rciHiPercent, r.rciLoPercent, r.rtiPercent, r.shi, r.rhi);
    std::printf("  supply %.1f C, return %.1f C\n", r.supplyC, r.returnC);
    std::printf("  hot spots (inlet max > %.0f C): %s\n", r.hotSpotC, qPrintable(hotSpotList(r)));
    std::printf("  energy: racks put %.1f kW into the air, air handlers remove %.1f kW (imbalance %.1f %%)\n",
                r.rackAirHeatW / 1e3, r.removedW / 1e3, 100 * r.energyImbalance);
    std::printf("  solve: %d steps, residual %.2e, %s, %.1f s wall\n", r.steps, r.residual,
                qPrintable(state(r)), wallS);
    if (!r.converged)
        std::fprintf(stderr,
                     "warning: the air solve stopped before steady state (rack temperatures still moved by "
                     "%.2f K over the last 30 steps); raise --max-steps or coarsen --cell\n",
                     r.monitorChange);
}

air::CouplingOptions coupling(const AirOptions& o) {
    air::CouplingOptions c;
    c.cellM = o.cellM;
    c.zeroEquationC = o.zeroEquationC;
    c.solve.maxSteps = o.maxSteps;
    const auto start = std::chrono::steady_clock::now();
    c.solve.progress = [start](int step, double residual) {
        if (step % 50) return;
        const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "air: step %d, residual %.2e, %.1f s\n", step, residual, t);
    };
    return c;
}

// Throws what the solver refuses (e.g. an opening on a solid cell).
AirRun solveHall(const model::Twin& twin, const AirOptions& o, const model::sim::SimulationOptions& so,
                 double& wallS) {
    AirRun run;
    if (!checkAirPath(twin, air::buildHallGrid(twin, {o.cellM}))) return run;
    const auto start = std::chrono::steady_clock::now();
    air::CoupledResult c = air::simulateCoupled(twin, so, coupling(o));
    wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.hall = std::move(c.hall);
    run.solver = std::move(c.solver);
    run.system = std::move(c.system);
    run.passes = c.passes;
    run.lastChangeK = c.lastChangeK;
    run.result = air::analyseHall(*run.solver, run.hall, c.lastSolve);
    return run;
}

} // namespace

void addAirOptions(QCommandLineParser& p) {
    p.addOption({"air", "Also solve the air flow and temperatures in the hall to steady state."});
    p.addOption({"cell", "Air solver cell size in metres (with --air; default 0.2).", "M", "0.2"});
    p.addOption(
        {"max-steps", "Stop the air solve after this many steps (with --air; default 3000).", "N", "3000"});
    p.addOption(
        {"turbulence",
         "Air turbulence model (with --air): a 'constant' effective viscosity (default) or Chen & Xu's "
         "'zero-equation' model.",
         "MODEL", "constant"});
    p.addOption({"vti", "Write the air fields as VTK image data for ParaView (with --air).", "OUT"});
}

std::optional<AirRun> simulateAir(const model::Twin& twin, const QCommandLineParser& p,
                                  const model::sim::SimulationOptions& options) {
    const auto o = airOptions(twin, p);
    if (!o) return std::nullopt;
    AirRun run;
    double wallS = 0;
    try {
        run = solveHall(twin, *o, options, wallS);
        if (!run.solver) return std::nullopt;
        const air::AirGrid& g = run.hall.airCase.grid;
        std::printf("Air at %.2f m cells (%d x %d x %d), %zu racks, %zu air handlers, %s:\n", o->cellM, g.nx,
                    g.ny, g.nz, run.hall.racks.size(), run.hall.airHandlers.size(),
                    o->zeroEquationC > 0 ? "zero-equation turbulence (Chen & Xu 1998)"
                                         : "constant effective viscosity");
        printRacks(run.result);
        printHall(run.result, wallS);
        std::printf("  coupled with the system simulation: %d passes, last intake change %.3f K\n",
                    run.passes, run.lastChangeK);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: air solve of twin '%s': %s\n", twin.name.c_str(), e.what());
        return std::nullopt;
    }
    if (p.isSet("vti")) try {
            render::writeVti(air::fieldsOf(*run.solver), p.value("vti").toStdString());
            std::printf("air fields written to %s\n", qPrintable(p.value("vti")));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "error: %s\n", e.what());
            return std::nullopt;
        }
    return run;
}

} // namespace halltwin::app
