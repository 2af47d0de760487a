// The fields of an air solve (MuJoCo's data): a plain value that can be copied, handed to another thread
// and stepped there against a shared constant AirModel. It is also what a warm start is.
#pragma once

#include "AirModel.hpp"

#include <array>
#include <memory>
#include <vector>

namespace halltwin::model::air {

struct AirState {
    std::vector<float> vel[3]; // face velocities (m/s)
    std::vector<float> T;      // cell temperatures (°C)
    std::vector<float> p;      // kinematic pressure p/ρ (m²/s²)
    std::vector<float> nuT;    // eddy viscosity per cell (m²/s), eddy-viscosity models only
    std::vector<float> k, eps; // turbulent kinetic energy (m²/s²) and its dissipation (m²/s³), k-ε only
    std::vector<float> correction; // the last step's pressure correction δφ (the next one's first guess)
    std::vector<float> inflowT;    // per opening, the temperature of the air it lets in
    double residual = 0;           // normalised steady residual of the last step (see step())
    long age = 0;                  // steps these fields have been marched (a warm start keeps its age)
    long pressureIterations = 0;   // CG iterations since the state was made
    size_t memoryBytes() const;
};

// Scratch buffers of a step: residuals then increments of u, v, w, T, the sweeps' upper coefficients
// (kept from the forward pass for the backward one) and the Poisson solver's vectors. Their contents
// carry nothing from one step to the next.
struct AirWorkspace {
    std::vector<float> rhs[4];
    std::vector<float> upper[3];
    PoissonSolver::Scratch pressure;
    size_t memoryBytes() const;
};

// A state together with the model it belongs to: what results are computed from.
struct AirSolution {
    std::shared_ptr<const AirModel> model;
    AirState state;
};

// Air at rest at `initialC`.
AirState restState(const AirModel& m, double initialC);
AirWorkspace makeWorkspace(const AirModel& m);
// A state of `from` carried onto `to` (e.g. after an edit) as a warm start: on a grid of the same shape
// the fields are kept, cells that turned solid are cleared and newly opened cells start at rest at their
// fluid neighbours' mean temperature; on another grid, air at rest at the reference temperature.
AirState carryOver(const AirModel& to, const AirModel& from, AirState s);
// The fields of `from` interpolated onto another grid over the same box (nested iteration: a coarse
// solution as the start of a finer one): trilinear in the fluid cells' temperatures and pressures and
// in the face velocities; faces that are not unknowns on `to` are at rest. Keeps the state's age.
AirState interpolateState(const AirModel& to, const AirModel& from, const AirState& s);

// Results of a state (m + s).
std::array<double, 3> cellVelocity(const AirModel& m, const AirState& s, int i, int j, int k);
double openingFlow(const AirModel& m, const AirState& s, size_t opening); // m³/s, positive into the domain
// Mean temperature of the air leaving (or, for supply openings, entering) through an opening.
double openingTemperature(const AirModel& m, const AirState& s, size_t opening);
// What an opening lets in: a linked one (a rack's exhaust) its partner's outflow mean + ΔT, others
// their prescribed temperature.
double supplyTemperature(const AirModel& m, const AirState& s, size_t opening);

// Heat carried through the openings (W, enthalpy above the reference temperature, positive = into the
// domain) and released by the sources.
struct EnergyBalance {
    double inflowW = 0, outflowW = 0, sourcesW = 0, wallsW = 0;
    double imbalance() const { return inflowW - outflowW + sourcesW + wallsW; }
    // Heat added to the air (sources, rack temperature rises, walls), at least what the inflow would
    // carry at a 1 K rise (so a hall without heat has a scale too): the scale of the imbalance.
    double addedW = 0;
    double relativeImbalance() const { return imbalance() / std::max(addedW, 1e-9); }
};
EnergyBalance energyBalance(const AirModel& m, const AirState& s);

} // namespace halltwin::model::air
