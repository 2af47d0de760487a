// Pressure Poisson solver of the air solver: conjugate gradient preconditioned by one geometric
// multigrid V-cycle (weighted-Jacobi smoothing, piecewise-constant transfer, coarse face
// transmissibilities aggregated from the fine ones, so solid cells and openings coarsen naturally).
// The system is the finite-volume form  Σ_f T_f (φ_P − φ_nb) + T_dirichlet φ_P = b  with T_f = A_f / d_f.
#pragma once

#include "AirGrid.hpp"

#include <vector>

namespace halltwin::model::air {

class PoissonSolver {
  public:
    struct Level {
        Dims d;
        std::array<int, 3> ratio{1, 1, 1}; // coarsening ratio from the finer level
        std::vector<float> t[3];           // transmissibility of the face on each cell's high side
        std::vector<float> diag;           // Σ transmissibilities including fixed-pressure faces
        std::vector<float> x, b, r;
    };

    // `t` and `diag` of the finest level; `singular` when no face holds the pressure.
    void setup(Dims d, std::vector<float> t[3], std::vector<float> diag, bool singular);
    // Solves in place from the initial guess `x`; returns the iterations used.
    int solve(std::vector<float>& x, const std::vector<float>& b, double relTol, int maxIter);
    double lastRelativeResidual() const { return lastRel_; }
    size_t memoryBytes() const;

  private:
    void applyA(const Level& L, const std::vector<float>& x, std::vector<float>& y) const;
    void smooth(Level& L, int sweeps, bool zeroStart) const;
    void vcycle(size_t l);
    void coarsen(const Level& f, Level& c) const;
    void removeMean(std::vector<float>& v) const;

    std::vector<Level> levels_;
    std::vector<float> r_, p_, q_;
    bool singular_ = false;
    double lastRel_ = 0;
};

} // namespace halltwin::model::air
