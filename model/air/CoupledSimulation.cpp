#include "CoupledSimulation.hpp"

#include "HallColdStart.hpp"

#include "model/Catalog.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace halltwin::model::air {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Heat each rack gives to the air at an operating point, with the liquid capture rule of the system
// simulation (a rack without a CDU rejects everything to air).
std::vector<double> rackAirHeatW(const Twin& t, const sim::OperatingPoint& p) {
    std::vector<double> w;
    for (size_t i = 0; i < t.racks.size(); ++i) {
        const RackType* rt = find(t.catalog.rackTypes, t.racks[i].type);
        const double capture = rt && !t.racks[i].cdu.empty() ? rt->liquidCaptureFraction : 0;
        w.push_back(i < p.workload.rackPowerW.size() ? p.workload.rackPowerW[i] * (1 - capture) : 0);
    }
    return w;
}

double supplyC(const Twin& t) {
    double s = 0;
    for (const AirHandler& a : t.cooling.airHandlers)
        s += a.supplyTempC;
    return s / double(t.cooling.airHandlers.size());
}

// Per twin rack: intake mean from the solver, NaN for racks the hall has no air path for.
std::vector<double> intakes(const Twin& t, const AirSolution& s, const HallGrid& h) {
    std::vector<double> out(t.racks.size(), nan);
    for (const RackInlet& in : rackInlets(s, h))
        for (size_t i = 0; i < t.racks.size(); ++i)
            if (t.racks[i].id == in.id) out[i] = in.meanC;
    return out;
}

double largestChange(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return std::numeric_limits<double>::infinity();
    double m = 0;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::isfinite(a[i]) && std::isfinite(b[i])) m = std::max(m, std::fabs(a[i] - b[i]));
    return m;
}

} // namespace

CoupledResult simulateCoupled(const Twin& twin, const sim::SimulationOptions& options,
                              const CouplingOptions& c, std::optional<AirSolution> warm) {
    if (twin.cooling.airHandlers.empty())
        throw std::invalid_argument(fmt::format(
            "twin '{}' has no air handlers (cooling.air_handlers is empty): no air to solve", twin.name));
    CoupledResult out;
    std::optional<AirSolver> solver;
    if (warm && warm->model) solver.emplace(std::move(*warm));
    sim::SimulationOptions design = options;
    design.hours = 0;
    std::vector<double> heat, inlet;
    for (out.passes = 1; out.passes <= c.maxPasses; ++out.passes) {
        const sim::SimulationResult s = sim::simulate(twin, design);
        const std::vector<double> newHeat = rackAirHeatW(twin, s.design);
        // Same heat as the last pass: the air solution already stands for it.
        if (!inlet.empty() && largestChange(heat, newHeat) < 1e-6) {
            out.lastChangeK = 0;
            out.converged = true;
            break;
        }
        heat = newHeat;
        HallGridOptions g;
        g.cellM = c.cellM;
        g.zeroEquationC = c.zeroEquationC;
        g.kEpsilon = c.kEpsilon;
        g.rackAirHeatW = heat;
        g.rackUtilisation = s.design.workload.rackUtilisation;
        for (const sim::CduState& cdu : s.design.liquid.cdus)
            if (cdu.techFlowM3s > 0) g.cduSupplyC[cdu.id] = cdu.techSupplyC;
        out.hall = buildHallGrid(twin, g);
        if (!solver) {
            std::shared_ptr<const AirModel> model = makeAirModel(out.hall.airCase);
            ColdStart start = coldStart(twin, g, *model, c.solve);
            out.totalSteps += start.coarseSteps;
            if (start.cancelled) {
                out.cancelled = true;
                return out;
            }
            solver.emplace(AirSolution{std::move(model), std::move(start.state)});
        } else
            solver->setCase(out.hall.airCase);
        out.lastSolve = solver->solveSteady(c.solve);
        out.totalSteps += out.lastSolve.steps;
        if (out.lastSolve.cancelled) {
            out.cancelled = true;
            return out;
        }
        const std::vector<double> now = intakes(twin, *solver, out.hall);
        out.lastChangeK = largestChange(inlet, now);
        inlet = now;
        out.rackBeta.assign(twin.racks.size(), nan);
        for (const RackOpenings& r : out.hall.racks)
            for (size_t i = 0; i < twin.racks.size(); ++i)
                if (twin.racks[i].id == r.id && r.deltaT > 0)
                    out.rackBeta[i] = (inlet[i] - supplyC(twin)) / r.deltaT;
        design.rackRecirculation = out.rackBeta;
        if (out.lastChangeK < c.toleranceK) {
            out.converged = true;
            break;
        }
    }
    out.passes = std::min(out.passes, c.maxPasses);
    out.solution = solver->release();
    sim::SimulationOptions annual = options;
    annual.rackRecirculation = out.rackBeta;
    out.system = sim::simulate(twin, annual);
    return out;
}

} // namespace halltwin::model::air
