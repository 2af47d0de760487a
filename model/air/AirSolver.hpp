// Incompressible Navier–Stokes with Boussinesq buoyancy and the energy equation on a uniform MAC grid.
//
// Scheme (chosen by the Ghia and de Vahl Davis validations, see docs/air-solver.md):
//  * finite-volume flux form, so mass and energy are conserved to the pressure-solver tolerance;
//  * advection: bounded second-order upwind (van Leer limited TVD) for momentum and temperature.
//    Semi-Lagrangian and first-order upwind advection were too diffusive for Ghia Re 1000 on
//    grids that fit the test budget;
//  * diffusion: explicit central differences (no-slip walls at half a cell);
//  * time: forward Euler with an adaptive step (advective CFL + diffusive limit), Chorin projection
//    with the pressure from a multigrid-preconditioned CG (AirPoisson). Steady states are reached by
//    marching in time: the converged fields satisfy the discrete steady equations exactly.
// Fields are float (the solver keeps ≈ 85 bytes per cell, see memoryBytes()).
#pragma once

#include "AirGrid.hpp"
#include "AirPoisson.hpp"

#include <atomic>
#include <functional>
#include <vector>

namespace halltwin::model::air {

struct SolveOptions {
    int maxSteps = 200000;
    double maxTime = 1e30;           // s of simulated time
    double tolerance = 1e-5;         // steady residual (see AirSolver::residual)
    double cfl = 0.45;               // fraction of the forward-Euler stability limit
    double pressureTolerance = 1e-5; // relative residual of the pressure equation
    int pressureMaxIterations = 200;
    int progressEvery = 100; // steps between progress callbacks and residual checks
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(int, double)> progress; // (step, residual)
};

struct SolveReport {
    int steps = 0;
    double time = 0; // simulated seconds
    double residual = 0;
    bool converged = false, cancelled = false;
    std::vector<double> history; // residual every progressEvery steps
    long pressureIterations = 0;
};

// Heat carried through the openings (W, positive = into the domain) and released by the sources.
struct EnergyBalance {
    double inflowW = 0, outflowW = 0, sourcesW = 0, wallsW = 0;
    double imbalance() const { return inflowW - outflowW + sourcesW + wallsW; }
};

class AirSolver {
  public:
    explicit AirSolver(AirCase c, double initialC = 20);

    // Replaces the case (e.g. after an edit), keeping the fields as the warm start; cells that turned
    // solid are cleared, newly opened cells start from their neighbours' mean temperature at rest.
    void setCase(AirCase c);
    const AirCase& airCase() const { return case_; }

    SolveReport solveSteady(const SolveOptions& o);
    SolveReport advance(double seconds, const SolveOptions& o); // transient, physical time steps
    double step(double dtMax = 1e30);                           // one time step; returns its length

    // Normalised steady residual of the last step: max of RMS(∂u/∂t)·L/U² and RMS(∂T/∂t)·L/(U·ΔT).
    double residual() const { return residual_; }

    const Dims& cellDims() const { return cells_; }
    const std::vector<float>& velocity(int axis) const { return vel_[axis]; }
    const std::vector<float>& temperature() const { return T_; }
    const std::vector<float>& pressure() const { return phi_; } // kinematic pressure × time step
    double cellTemperature(int i, int j, int k) const { return T_[cells_.index(i, j, k)]; }
    // Velocity component `axis` on face index (i, j, k) of that component's grid.
    double faceVelocity(int axis, int i, int j, int k) const {
        return vel_[axis][velDims_[axis].index(i, j, k)];
    }
    // Cell-centred velocity (mean of the two faces).
    std::array<double, 3> cellVelocity(int i, int j, int k) const;
    // Mean temperature of the air leaving (or, for supply openings, entering) through an opening.
    double openingTemperature(size_t opening) const;
    double openingFlow(size_t opening) const; // m³/s, positive into the domain
    EnergyBalance energyBalance() const;
    size_t memoryBytes() const;

  private:
    enum FaceKind : std::uint8_t { Wall = 0, Active = 1, Prescribed = 2, Pressure = 3 };

    void classifyFaces();
    void setupPressure();
    double stableStep() const;
    void momentumRhs(int c, std::vector<float>& out) const;
    void temperatureRhs(std::vector<float>& out) const;
    void applyOpenings();
    int project(double relTol, int maxIter);
    // Limited upwind value on the high face of DOF n along axis a (ghostHigh: wall value beyond the domain).
    double advectedValue(const std::vector<float>& f, const Dims& d, size_t n, int a, int m_a, double U,
                         double ghostHigh) const;
    size_t faceIndexOf(const BoundaryFace& f) const;
    double exitTemperature(const BoundaryFace& f) const;

    AirCase case_;
    Dims cells_;
    Dims velDims_[3];
    int nd_ = 3;
    std::vector<float> vel_[3], T_, phi_;
    std::vector<float> rhs_[4]; // time derivatives of u, v, w, T
    std::vector<std::uint8_t> faceKind_[3];
    std::vector<float> inflowT_; // per opening, temperature of air entering
    PoissonSolver poisson_;
    double residual_ = 0;
    long pressureIterations_ = 0;
    SolveOptions stepOptions_;
};

} // namespace halltwin::model::air
