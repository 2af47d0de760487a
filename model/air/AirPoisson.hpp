// Pressure Poisson solver of the air solver: conjugate gradient preconditioned by one geometric
// multigrid V-cycle (weighted-Jacobi smoothing, piecewise-constant transfer, coarse face
// transmissibilities aggregated from the fine ones, so solid cells and openings coarsen naturally).
// The system is the finite-volume form  Σ_f T_f (φ_P − φ_nb) + T_dirichlet φ_P = b  with T_f = A_f / d_f.
#pragma once

#include "AirGrid.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace halltwin::model::air {

class PoissonSolver {
  public:
    struct Level {
        Dims d;
        std::array<int, 3> ratio{1, 1, 1}; // coarsening ratio from the finer level
        std::vector<float> t[3];           // transmissibility of the face on each cell's high side
        std::vector<float> diag;           // Σ transmissibilities including fixed-pressure faces
        // Where every face along an axis is either closed or has that axis' one transmissibility (the
        // finest level of a uniform grid), t is empty and bit a of open[n] says whether cell n's high
        // face along a is open, with transmissibility tOpen[a]: a byte read per cell instead of 12.
        std::vector<std::uint8_t> open;
        std::array<float, 3> tOpen{0, 0, 0};
        float transmissibility(int a, size_t n) const {
            return open.empty() ? t[a][n] : (open[n] >> a & 1) ? tOpen[size_t(a)] : 0.0f;
        }
    };
    // Vectors a solve writes: per level the iterate, right-hand side and residual of the V-cycle, and the
    // CG vectors on the finest. One per thread that solves; the hierarchy itself stays constant.
    struct Scratch {
        struct LevelVectors {
            std::vector<float> x, b, r;
        };
        std::vector<LevelVectors> levels;
        std::vector<float> r, p, q;
        double lastRelativeResidual = 0;
        size_t memoryBytes() const;
    };

    // `t` and `diag` of the finest level; `singular` when no face holds the pressure.
    void setup(Dims d, std::vector<float> t[3], std::vector<float> diag, bool singular);
    Scratch scratch() const; // sized for this hierarchy
    // Solves in place from the initial guess `x`; returns the iterations used.
    int solve(Scratch& s, std::vector<float>& x, const std::vector<float>& b, double relTol,
              int maxIter) const;
    size_t memoryBytes() const; // of the hierarchy

  private:
    void applyA(const Level& L, const std::vector<float>& x, std::vector<float>& y) const;
    void smooth(const Level& L, Scratch::LevelVectors& v, int sweeps, bool zeroStart) const;
    void vcycle(Scratch& s, size_t l) const;
    void restrictResidual(const Level& L, const Scratch::LevelVectors& v, const Level& C,
                          Scratch::LevelVectors& cv) const;
    void addCoarseCorrection(const Level& L, Scratch::LevelVectors& v, const Level& C,
                             const Scratch::LevelVectors& cv) const;
    void coarsen(const Level& f, Level& c) const;
    void removeMean(std::vector<float>& v) const;
    static void packOpenFaces(Level& L);

    std::vector<Level> levels_;
    bool singular_ = false;
    size_t fluidCells_ = 0; // cells with an unknown pressure (diagonal > 0)
};

} // namespace halltwin::model::air
