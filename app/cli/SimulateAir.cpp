#include "cli/SimulateAir.hpp"

#include "model/KpiText.hpp"

#include <QStringList>

#include <chrono>
#include <cstdio>

namespace halltwin::app {
namespace {

namespace air = halltwin::model::air;
using model::formatKpiValue;

constexpr double maxCells = 5e6; // ≈ 500 MB of solver state at < 100 bytes per cell

void printRacks(const air::HallAirResult& r) {
    std::printf("  %-18s %10s %10s %10s %7s\n", "rack", "inlet mean", "inlet max", "exhaust", "beta");
    for (const air::RackAirResult& k : r.racks)
        std::printf("  %-18s %7s °C %7s °C %7s °C %7s\n", k.id.c_str(), formatKpiValue(k.inletMeanC).c_str(),
                    formatKpiValue(k.inletMaxC).c_str(), formatKpiValue(k.exhaustC).c_str(),
                    formatKpiValue(k.beta).c_str());
}

void printProbes(const std::vector<air::ProbeReading>& probes) {
    if (probes.empty()) return;
    std::printf("  %-18s %-14s %10s %10s\n", "probe", "group", "air", "speed");
    for (const air::ProbeReading& p : probes)
        if (p.inAir)
            std::printf("  %-18s %-14s %7.2f °C %6.2f m/s\n", p.id.c_str(), p.group.c_str(), p.temperatureC,
                        p.speedMs);
        else
            std::printf("  %-18s %-14s %10s (inside a solid: no air around it)\n", p.id.c_str(),
                        p.group.c_str(), "–");
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
    const auto v = [](double x) { return formatKpiValue(x); };
    std::printf("  RCI_HI %s %%, RCI_LO %s %% (ASHRAE A1), RTI %s %%, SHI %s, RHI %s\n",
                v(r.rciHiPercent).c_str(), v(r.rciLoPercent).c_str(), v(r.rtiPercent).c_str(),
                v(r.shi).c_str(), v(r.rhi).c_str());
    std::printf("  supply %s °C, return %s °C\n", v(r.supplyC).c_str(), v(r.returnC).c_str());
    std::printf("  hot spots (inlet max > %.0f °C): %s\n", r.hotSpotC, qPrintable(hotSpotList(r)));
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

} // namespace

void addAirOptions(QCommandLineParser& p) {
    p.addOption({"air", "Also solve the air flow and temperatures in the hall to steady state, coupled with "
                        "the system simulation."});
    p.addOption({"cell", "Air solver cell size in metres (with --air; default 0.2).", "M", "0.2"});
    p.addOption(
        {"max-steps", "Stop the air solve after this many steps (with --air; default 3000).", "N", "3000"});
    p.addOption({"turbulence",
                 "Air turbulence model (with --air): a 'constant' effective viscosity (default), Chen & Xu's "
                 "'zero-equation' model or the standard 'k-epsilon' model with wall functions.",
                 "MODEL", "constant"});
    p.addOption({"vti", "Write the air fields as VTK image data for ParaView (with --air).", "OUT"});
}

bool airSettingsOf(const model::Twin& t, const QCommandLineParser& p,
                   std::optional<model::AirSettings>& out) {
    out.reset();
    if (!p.isSet("air")) return true;
    model::AirSettings o;
    bool okCell = false, okSteps = false;
    o.cellM = p.value("cell").toDouble(&okCell);
    o.maxSteps = p.value("max-steps").toInt(&okSteps);
    if (!okCell || !(o.cellM >= 0.05 && o.cellM <= 2))
        return std::fprintf(stderr, "error: --cell must be a cell size in metres from 0.05 to 2\n"), false;
    if (!okSteps || o.maxSteps < 1)
        return std::fprintf(stderr, "error: --max-steps must be a positive integer\n"), false;
    const QString turbulence = p.value("turbulence");
    const auto model = model::turbulenceModelNamed(turbulence.toStdString());
    if (!model)
        return std::fprintf(
                   stderr,
                   "error: --turbulence must be 'constant', 'zero-equation' or 'k-epsilon', not '%s'\n",
                   qPrintable(turbulence)),
               false;
    o.turbulence = *model;
    if (t.cooling.airHandlers.empty())
        return std::fprintf(stderr,
                            "error: twin '%s' has no air handlers (cooling.air_handlers is empty); the air "
                            "solver needs at least one CRAH or fan wall to supply and return the air\n",
                            t.name.c_str()),
               false;
    const model::Hall& h = t.hall;
    const double cells = h.lengthM * h.widthM * (h.heightM - h.raisedFloorM) / (o.cellM * o.cellM * o.cellM);
    if (cells > maxCells)
        return std::fprintf(
                   stderr,
                   "error: --cell %g gives %.0f million cells for hall '%s', more than %.0f million\n",
                   o.cellM, cells / 1e6, h.name.c_str(), maxCells / 1e6),
               false;
    out = o;
    return true;
}

std::function<void(int, double)> airProgressOnStderr() {
    const auto start = std::chrono::steady_clock::now();
    return [start](int step, double residual) {
        if (step % 50) return;
        const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "air: step %d, residual %.2e, %.1f s\n", step, residual, t);
    };
}

void printAir(const model::Twin& twin, const model::HallSimulationResult& r, double wallS) {
    const air::AirFields& f = r.air->fields;
    std::printf("Air at %.2f m cells (%d x %d x %d), %zu racks, %zu air handlers, %s:\n", r.provenance.cellM,
                f.dims.nx, f.dims.ny, f.dims.nz, r.air->result.racks.size(), twin.cooling.airHandlers.size(),
                r.provenance.turbulence.c_str());
    printRacks(r.air->result);
    printProbes(r.air->probes);
    printHall(r.air->result, wallS);
    std::printf("  coupled with the system simulation: %d passes, last intake change %.3f K%s\n",
                r.provenance.couplingPasses, r.provenance.lastChangeK,
                r.provenance.coupled ? "" : " (not converged)");
}

} // namespace halltwin::app
