#include "model/HallSimulation.hpp"

#include "model/air/CoupledSimulation.hpp"
#include "model/air/HallGrid.hpp"
#include "model/air/ProbeSampling.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace halltwin::model {
namespace {

std::string airStateOf(const air::HallAirResult& r) {
    return !r.converged ? "not steady" : r.averaged ? "steady on average" : "steady";
}

air::CouplingOptions couplingOptions(const HallSimulationOptions& o) {
    air::CouplingOptions c;
    c.cellM = o.air->cellM;
    c.zeroEquationC = o.air->turbulence == TurbulenceModel::ZeroEquation ? air::chenXuC : 0;
    c.kEpsilon = o.air->turbulence == TurbulenceModel::KEpsilon;
    c.solve.maxSteps = o.air->maxSteps;
    c.solve.cancel = o.system.cancel;
    c.solve.progress = o.airProgress;
    return c;
}

// The air handlers need fluid cells in front of and above them to supply and return through. Returns
// the grid's cells, to tell whether an earlier solver's fields can start this solve.
air::Dims checkAirPath(const Twin& t, const HallSimulationOptions& o) {
    const air::HallGrid g = air::buildHallGrid(t, {o.air->cellM});
    if (g.supplies.empty() || g.returns.empty())
        throw std::runtime_error(fmt::format(
            "twin '{}': no air handler has a free face for its supply and return (each needs fluid cells "
            "in front of and above it)",
            t.name));
    return g.airCase.grid.cells();
}

HallSimulationResult withAir(const Twin& t, const HallSimulationOptions& o, AirWarmStart* warm) {
    const air::Dims cells = checkAirPath(t, o);
    AirWarmStart start = warm ? std::move(*warm) : std::nullopt;
    // The fields carry over only onto a grid of the same shape (air::carryOver).
    const air::Dims was = start && start->model ? start->model->cells : air::Dims{};
    const bool warmStart = was.nx == cells.nx && was.ny == cells.ny && was.nz == cells.nz;
    air::CoupledResult c = air::simulateCoupled(t, o.system, couplingOptions(o), std::move(start));
    HallSimulationResult r;
    // A cancel may land in the air passes or in the year after them: either way nothing is shown.
    if (!(r.cancelled = c.cancelled || c.system.cancelled)) {
        air::HallAirResult hall = air::analyseHall(c.solution, c.hall, c.lastSolve);
        hall.couplingPasses = c.passes;
        r.system = std::move(c.system);
        r.provenance = {true,         c.converged,          c.passes,         c.totalSteps, c.lastChangeK,
                        o.air->cellM, hall.turbulenceModel, airStateOf(hall), warmStart};
        air::AirFields fields = air::fieldsOf(c.solution);
        std::vector<air::ProbeReading> probes = air::sampleProbes(fields, t.probes);
        r.air = std::make_shared<const air::AirResults>(
            air::AirResults{std::move(fields), std::move(hall), c.hall.airHandlers, std::move(probes)});
    }
    // The fields stay for the next run unless the air solve itself was cut short.
    if (warm) *warm = c.cancelled ? std::nullopt : AirWarmStart(std::move(c.solution));
    return r;
}

} // namespace

const char* nameOf(TurbulenceModel m) {
    switch (m) {
    case TurbulenceModel::ZeroEquation:
        return "zero-equation";
    case TurbulenceModel::KEpsilon:
        return "k-epsilon";
    case TurbulenceModel::Constant:
        break;
    }
    return "constant";
}

std::optional<TurbulenceModel> turbulenceModelNamed(const std::string& name) {
    for (TurbulenceModel m :
         {TurbulenceModel::Constant, TurbulenceModel::ZeroEquation, TurbulenceModel::KEpsilon})
        if (name == nameOf(m)) return m;
    return std::nullopt;
}

std::string Provenance::describe() const {
    if (!airSolved) return "rack inlets from a well-mixed room";
    return fmt::format("rack inlets from the 3-D air field ({:g} m cells, {}, {}), {} with the system "
                       "simulation in {} pass{}{}",
                       cellM, turbulence, airState, coupled ? "coupled" : "not yet converged", couplingPasses,
                       couplingPasses == 1 ? "" : "es", warmStart ? ", warm start" : "");
}

HallSimulationResult simulateHall(const Twin& twin, const HallSimulationOptions& o, AirWarmStart* warm) {
    if (o.air && !twin.cooling.airHandlers.empty()) return withAir(twin, o, warm);
    HallSimulationResult r;
    r.system = sim::simulate(twin, o.system);
    r.cancelled = r.system.cancelled;
    return r;
}

std::vector<sim::Kpi> airKpisOf(const air::HallAirResult& r) {
    auto some = [](double v) { return std::isfinite(v) ? std::optional(v) : std::nullopt; };
    const air::RackAirResult* hottest = air::hottestInlet(r);
    return {
        {"air_rci_hi", "RCI_HI (air solver)", "%", some(r.rciHiPercent), true,
         "Rack Cooling Index, high side (Herrlin 2005) over each rack's hottest intake cell: 100 % when "
         "none exceeds the ASHRAE recommended 27 °C, less by the mean excess over the 27–32 °C (A1) band."},
        {"air_rci_lo", "RCI_LO (air solver)", "%", some(r.rciLoPercent), true,
         "Rack Cooling Index, low side (Herrlin 2005), against the A1 recommended 18 °C and allowable 15 "
         "°C."},
        {"air_rti", "RTI (air solver)", "%", some(r.rtiPercent), false,
         "Return Temperature Index (Herrlin 2008): air handlers' ΔT / racks' ΔT; 100 % is balanced, "
         "below is bypass, above is recirculation. Empty when the racks give the air no heat."},
        {"air_shi", "SHI (air solver)", "1", some(r.shi), false,
         "Supply Heat Index (Sharma et al. 2002): the share of the rack inlets' rise from recirculated "
         "exhaust; 0 is ideal."},
        {"air_rhi", "RHI (air solver)", "1", some(r.rhi), true,
         "Return Heat Index (Sharma et al. 2002) = 1 − SHI; 1 is ideal."},
        {"air_max_inlet_c", "Hottest rack inlet (air solver)", "degC",
         hottest ? some(hottest->inletMaxC) : std::nullopt, false,
         "The warmest intake cell over all racks' intake faces in the solved field."},
        {"air_hot_spots", "Racks with an inlet above 27 °C (air solver)", "1", double(r.hotSpots.size()),
         false, "Racks whose hottest intake cell exceeds the ASHRAE A1 recommended 27 °C."},
        {"air_energy_imbalance", "Air heat balance error (air solver)", "%", some(100 * r.energyImbalance),
         false,
         "(Heat the racks give the air − heat the air handlers remove) / rack air heat; near 0 at "
         "a steady state (energy conservation of the solve)."},
    };
}

std::vector<sim::Kpi> kpisOf(const Twin& twin, const HallSimulationResult& r) {
    std::vector<sim::Kpi> out = sim::kpisOf(twin, r.system);
    if (r.air) {
        const std::vector<sim::Kpi> a = airKpisOf(r.air->result);
        out.insert(out.end(), a.begin(), a.end());
    }
    return out;
}

} // namespace halltwin::model
