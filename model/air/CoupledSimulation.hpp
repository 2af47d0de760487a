// The system simulation with the hall's air solved in 3-D instead of a well-mixed room.
//
// Fixed-point coupling at the design point: the system simulation gives each rack's heat to the air
// (IT power − liquid capture, server fans included); the air solver (warm-started after the first
// pass) gives each rack's intake temperature; server fan power follows the intake (SystemSimulation's
// fan law), which changes the heat. Repeat until no intake moves by more than toleranceK. The air
// solution is then carried into every hour of the annual run as a per-rack recirculation coefficient
// β = (intake − supply) / rack ΔT (Schmidt 2005), a reduced-order model of the solved field (the
// hall's flow pattern is set by the layout and the air handlers, not by the hour's load).
#pragma once

#include "model/air/AirSolver.hpp"
#include "model/air/HallGrid.hpp"
#include "model/sim/SystemSimulation.hpp"

#include <optional>

namespace halltwin::model::air {

struct CouplingOptions {
    double cellM = 0.2;
    double zeroEquationC = HallGridOptions{}.zeroEquationC; // turbulence model (HallGridOptions)
    bool kEpsilon = false;
    double toleranceK = 0.05; // largest change of any rack intake between passes
    int maxPasses = 6;
    SolveOptions solve = hallSolveOptions(); // cancel and progress are honoured in every pass
};

struct CoupledResult {
    sim::SimulationResult system; // design point and annual run with the solved recirculation
    HallGrid hall;
    AirSolution solution; // the last pass's model and fields (a warm start for the next edit)
    SolveReport lastSolve;
    std::vector<double> rackBeta; // per twin rack; NaN where the hall has no air path
    int passes = 0;
    int totalSteps = 0;     // air solver steps over all passes
    double lastChangeK = 0; // largest intake change in the last pass
    bool converged = false, cancelled = false;
};

// `warm` (optional) is the solution of an earlier run: its fields start the first pass (on a grid of
// another shape it starts afresh). Throws std::invalid_argument when the twin has no air handler
// (nothing to solve for) and std::runtime_error as sim::simulate does.
CoupledResult simulateCoupled(const Twin& twin, const sim::SimulationOptions& options,
                              const CouplingOptions& coupling = {}, std::optional<AirSolution> warm = {});

} // namespace halltwin::model::air
