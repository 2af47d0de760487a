// Centreline profiles of the lid-driven cavity (the setup of tests/model/tst_air_validation.cpp) for the
// plot against Ghia (1982) in docs/validation.md: u(y) on x = 0.5 and v(x) on y = 0.5.
// Usage: air_cavity_profiles [out.csv]  (default: cavity-profiles.csv)
// Then: python3 bench/plot_cavity_profiles.py out.csv tests/data/validation/ghia1982.csv plot.png
#include "model/air/AirSolver.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>

using namespace halltwin::model::air;

namespace {

constexpr int n = 64;

AirCase cavity(double re) {
    AirCase c;
    c.grid = AirGrid(n, n, 1, 1.0 / n, 1.0 / n, 1.0); // nz = 1: the 2-D mode
    c.air.gravity = {0, 0, 0};
    c.sides[YMax].velocity = {1, 0, 0};
    c.air.viscosity = c.air.diffusivity = 1.0 / re;
    return c;
}

// u on the faces x = 0.5 and v on the faces y = 0.5, at the cell centres along the line, with the wall
// values at both ends.
void writeProfiles(std::ofstream& out, const AirSolver& s, int re) {
    out << fmt::format("{},u,0,0\n{},v,0,0\n", re, re);
    for (int j = 0; j < n; ++j) {
        const double at = (j + 0.5) / n;
        out << fmt::format("{},u,{:.6f},{:.6f}\n", re, at, s.faceVelocity(0, n / 2, j, 0));
        out << fmt::format("{},v,{:.6f},{:.6f}\n", re, at, s.faceVelocity(1, j, n / 2, 0));
    }
    out << fmt::format("{},u,1,1\n{},v,1,0\n", re, re);
}

} // namespace

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : "cavity-profiles.csv";
    std::ofstream out(path);
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path);
        return 1;
    }
    out << "re,profile,coord,value\n";
    // The test's sequence: each Reynolds number warm-starts from the previous one, same tolerances.
    const std::pair<int, double> runs[] = {{100, 1e-4}, {400, 1e-4}, {1000, 3e-4}};
    AirSolver s(cavity(runs[0].first));
    for (const auto& [re, tol] : runs) {
        if (re != runs[0].first) s.setCase(cavity(re));
        SolveOptions o;
        o.tolerance = tol;
        o.progressEvery = 200;
        const SolveReport r = s.solveSteady(o);
        std::printf("Re %d: %d steps, residual %.2e, converged %s\n", re, r.steps, r.residual,
                    r.converged ? "yes" : "no");
        writeProfiles(out, s, re);
    }
    return 0;
}
