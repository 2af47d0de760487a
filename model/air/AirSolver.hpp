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
#pragma once

#include "AirGrid.hpp"
#include "AirPoisson.hpp"

#include <atomic>
#include <deque>
#include <functional>
#include <vector>

namespace halltwin::model::air {

struct SolveOptions {
    int maxSteps = 200000;
    double maxTime = 1e30;           // s of simulated time
    double tolerance = 1e-5;         // steady residual (see AirSolver::residual)
    double cfl = 4;                  // pseudo-time step in cell transit times (h / max |u|) for steady solves
    double temperatureCfl = 20;      // local pseudo-time step of the temperature, in cell transit times
    double transientCfl = 0.5;       // physical step of advance(), in cell transit times
    double pressureTolerance = 1e-5; // relative residual of the pressure equation
    int pressureMaxIterations = 200;
    int progressEvery = 100; // steps between progress callbacks and residual checks
    // Monitored convergence (> 0 to use): also steady when, over the last monitorWindow check
    // intervals, no linked opening's temperature (rack exhausts = intake mean + ΔT) moved by more than
    // this (K) and the heat balance closes to balanceTolerance. Hall flows keep small unsteady plumes whose
    // residual stalls; the monitors are the quantities the results are made of.
    double monitorTolerance = 0;
    int monitorWindow = 3;
    double monitorResidual = 0.2; // monitors are trusted only once the residual is below this
    double balanceTolerance = 0.005;
    // Averaged steady state (averageAfter > 0, with the monitors): plumes that keep moving never let the
    // monitors settle step by step. From step averageAfter on the fields are averaged; every averageBlock
    // steps the mean's monitors are compared with those one block earlier: steady when they agree to
    // monitorTolerance and the mean's heat balance closes to balanceTolerance. The fields then become
    // the mean: an average over pseudo-time steps, not a time average (docs/air-solver.md).
    int averageAfter = 0;
    int averageBlock = 100;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(int, double)> progress; // (step, residual)
};

struct SolveReport {
    int steps = 0;
    double time = 0; // simulated seconds
    double residual = 0;
    bool converged = false, cancelled = false;
    bool settled = false;        // converged by the monitors rather than the residual
    double monitorChange = 0;    // K, largest monitored change over the last window (or between blocks)
    bool averaged = false;       // the fields are the mean since averaging began
    double fluctuation = 0;      // K, the widest range a monitor took while averaging
    std::vector<double> history; // residual every progressEvery steps
    long pressureIterations = 0; // CG iterations of this solve
};

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

class AirSolver {
  public:
    explicit AirSolver(AirCase c, double initialC = 20);

    // Replaces the case (e.g. after an edit), keeping the fields as the warm start; cells that turned
    // solid are cleared, newly opened cells start from their neighbours' mean temperature at rest.
    void setCase(AirCase c);
    const AirCase& airCase() const { return case_; }

    SolveReport solveSteady(const SolveOptions& o);
    SolveReport advance(double seconds, const SolveOptions& o); // transient, physical time steps
    // One step (a pseudo-time step when `steady`, else a physical one no longer than dtMax); returns
    // its length.
    double step(double dtMax = 1e30, bool steady = true);

    // Normalised steady residual of the last step: max of RMS(R_u)·L/U² and RMS(R_T)·L/(U·ΔT), with R the
    // residual of the steady momentum and energy equations (m/s², K/s).
    double residual() const { return residual_; }

    const Dims& cellDims() const { return cells_; }
    const std::vector<float>& velocity(int axis) const { return vel_[axis]; }
    const std::vector<float>& temperature() const { return T_; }
    const std::vector<float>& pressure() const { return p_; } // kinematic pressure p/ρ (m²/s²)
    double cellTemperature(int i, int j, int k) const { return T_[cells_.index(i, j, k)]; }
    // Eddy viscosity of the zero-equation model per cell (empty when the model is off), and the
    // distance to the nearest wall it uses.
    const std::vector<float>& eddyViscosity() const { return nuT_; }
    const std::vector<float>& wallDistance() const { return wallDistance_; }
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
    void computeWallDistance(); // for the zero-equation model; empty without it
    void updateEddyViscosity();
    // Viscosity on the high and low diffusion faces of momentum DOF (i, j, k) of component c along
    // axis a: the cell between two DOFs of the same axis, the mean of the four cells around an edge.
    std::pair<double, double> momentumViscosity(int c, int a, int i, int j, int k) const;
    // Diffusivity between two cells, and of one cell (e.g. towards a wall).
    double diffusivityBetween(size_t n, size_t m) const {
        return case_.air.diffusivity +
               (nuT_.empty() ? 0.0 : 0.5 * (nuT_[n] + nuT_[m]) / case_.air.turbulentPrandtl);
    }
    double diffusivityAt(size_t n) const { return diffusivityBetween(n, n); }
    void setupPressure();
    double velocityScale() const;
    double timeStep(double cfl) const;
    void momentumRhs(int c, std::vector<float>& out) const;
    void temperatureRhs(std::vector<float>& out) const;
    // Advecting velocities on the high and low sides of momentum DOF n (component c) along axis a.
    // ∇·u of cell (i, j, k) over all its faces, openings included (1/s).
    double divergence(int i, int j, int k) const {
        double div = 0;
        for (int a = 0; a < nd_; ++a) {
            const size_t lo = velDims_[a].index(i, j, k);
            div += (vel_[a][lo + velDims_[a].stride(a)] - vel_[a][lo]) / case_.grid.h(a);
        }
        return div;
    }
    std::pair<double, double> advecting(int c, int a, int i, int j, int k, size_t n) const {
        const std::vector<float>& u = vel_[c];
        if (a == c) {
            const size_t st = velDims_[c].stride(a);
            return {0.5 * (u[n] + u[n + st]), 0.5 * (u[n - st] + u[n])};
        }
        const Dims& va = velDims_[a];
        int p[3] = {i, j, k};
        const size_t here = va.index(p[0], p[1], p[2]);
        --p[c];
        const size_t back = va.index(p[0], p[1], p[2]), sa = va.stride(a);
        return {0.5 * (vel_[a][here + sa] + vel_[a][back + sa]), 0.5 * (vel_[a][here] + vel_[a][back])};
    }
    // LU-SGS: replaces the residual in `r` by the increment of one symmetric Gauss–Seidel sweep of
    // (D + A_upwind+diffusion) Δ = r; `invDt` is 1/dt, `localCfl` > 0 adds a local step A/localCfl.
    void sweepMomentum(int c, std::vector<float>& r, double invDt) const;
    void sweepTemperature(std::vector<float>& r, double invDt, double localCfl,
                          const std::vector<float>& openingOutflow) const;
    void openingOutflow(std::vector<float>& out) const; // per cell, Σ outflow velocity / h (1/s)
    void applyOpenings();
    int project(double relTol, int maxIter, double dt);
    double residualNorm(const std::vector<float>& r, int c) const; // RMS over active DOFs
    std::vector<double> monitors() const;
    bool monitorsSettled(const SolveOptions& o, std::deque<std::vector<double>>& past, SolveReport& r) const;
    // Averaged steady state (SolveOptions::averageAfter): running means of the fields since averaging
    // began, and the range each monitor took.
    struct FieldMean {
        std::vector<float> vel[3], T, p;
        int samples = 0;
        std::vector<double> lowest, highest, previous; // monitors: range, mean one block earlier
    };
    void addToMean();
    void swapMean(); // exchanges the fields and their mean
    bool meanSettled(const SolveOptions& o, SolveReport& r);
    // Limited upwind value on the high face of DOF n along axis a (ghostHigh: wall value beyond the domain).
    double advectedValue(const std::vector<float>& f, const Dims& d, size_t n, int a, int m_a, double U,
                         double ghostHigh) const;
    size_t faceIndexOf(const BoundaryFace& f) const;
    double exitTemperature(const BoundaryFace& f) const;

    AirCase case_;
    Dims cells_;
    Dims velDims_[3];
    int nd_ = 3;
    std::vector<float> vel_[3], T_, p_, dphi_;
    std::vector<float> wallDistance_, nuT_; // per cell (m, m²/s), zero-equation model only
    std::vector<float> rhs_[4];             // residuals, then increments, of u, v, w, T
    std::vector<std::uint8_t> faceKind_[3];
    std::vector<float> inflowT_; // per opening, temperature of air entering
    PoissonSolver poisson_;
    double residual_ = 0;
    long pressureIterations_ = 0;
    SolveOptions stepOptions_;
    FieldMean mean_; // allocated only while averaging
};

} // namespace halltwin::model::air
