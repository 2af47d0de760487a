// Incompressible Navier–Stokes with Boussinesq buoyancy and the energy equation on a uniform MAC grid.
//
// Scheme (chosen by the Ghia and de Vahl Davis validations, see docs/air-solver.md):
//  * finite-volume flux form, so mass and energy are conserved to the pressure-solver tolerance;
//  * advection: bounded second-order upwind (van Leer limited TVD) for momentum and temperature,
//    evaluated explicitly as the residual; the implicit operator is first-order upwind (deferred
//    correction). Semi-Lagrangian and first-order upwind alone were too diffusive for Ghia Re 1000;
//  * implicit upwind advection and implicit central diffusion in delta form, solved by one symmetric
//    Gauss–Seidel sweep (LU-SGS, Yoon & Jameson 1988) per step, so the step is not limited by CFL or
//    diffusion; incremental pressure projection with a multigrid-preconditioned CG (AirPoisson);
//  * steady states by pseudo-time marching (temperature with local time steps): at a fixed point the
//    fields satisfy the discrete steady equations exactly, whatever the step; `advance` gives the
//    transient with physical steps.
// Fields are float (< 100 bytes per cell, 20 more while averaging; see memoryBytes()).
//
// The solver is split as MuJoCo splits its simulator: a constant AirModel (AirModel.hpp), an AirState of
// plain copyable fields (AirState.hpp) and the free functions that step one against the other
// (AirStep.hpp). AirSolver below bundles one of each with a workspace for callers that want an object.
#pragma once

#include "AirModel.hpp"
#include "AirState.hpp"
#include "AirStep.hpp"

#include <memory>
#include <vector>

namespace halltwin::model::air {

class AirSolver {
  public:
    explicit AirSolver(AirCase c, double initialC = 20);
    // Continues from a solution (e.g. one handed over from another thread).
    explicit AirSolver(AirSolution s);

    // Replaces the case (e.g. after an edit), keeping the fields as the warm start (carryOver()).
    void setCase(AirCase c);
    const AirCase& airCase() const { return model().airCase; }
    const AirModel& model() const { return *solution_.model; }
    const AirState& state() const { return solution_.state; }
    const AirSolution& solution() const { return solution_; }
    operator const AirSolution&() const { return solution_; }
    // Hands the solution over without a copy; the solver holds nothing afterwards.
    AirSolution release() { return std::move(solution_); }

    SolveReport solveSteady(const SolveOptions& o) {
        return air::solveSteady(model(), solution_.state, work_, o);
    }
    SolveReport advance(double seconds, const SolveOptions& o) {
        return air::advance(model(), solution_.state, work_, seconds, o);
    }
    // One step with exactly these options; returns its length.
    double step(const StepOptions& o) { return air::step(model(), solution_.state, work_, o); }

    double residual() const { return state().residual; }
    const Dims& cellDims() const { return model().cells; }
    const std::vector<float>& velocity(int axis) const { return state().vel[axis]; }
    const std::vector<float>& temperature() const { return state().T; }
    const std::vector<float>& pressure() const { return state().p; } // kinematic pressure p/ρ (m²/s²)
    double cellTemperature(int i, int j, int k) const { return state().T[model().cells.index(i, j, k)]; }
    // Eddy viscosity of the zero-equation model per cell (empty when the model is off), and the
    // distance to the nearest wall it uses.
    const std::vector<float>& eddyViscosity() const { return state().nuT; }
    const std::vector<float>& wallDistance() const { return model().wallDistance; }
    // Velocity component `axis` on face index (i, j, k) of that component's grid.
    double faceVelocity(int axis, int i, int j, int k) const {
        return state().vel[axis][model().velDims[axis].index(i, j, k)];
    }
    std::array<double, 3> cellVelocity(int i, int j, int k) const {
        return air::cellVelocity(model(), state(), i, j, k);
    }
    double openingTemperature(size_t opening) const {
        return air::openingTemperature(model(), state(), opening);
    }
    double openingFlow(size_t opening) const { return air::openingFlow(model(), state(), opening); }
    EnergyBalance energyBalance() const { return air::energyBalance(model(), state()); }
    size_t memoryBytes() const; // model, state and workspace

  private:
    AirSolution solution_;
    AirWorkspace work_;
};

} // namespace halltwin::model::air
