// The kernels of a step, shared by AirStep.cpp, AirResiduals.cpp, AirImplicit.cpp and AirTurbulence.cpp
// (internal to model/air).
#pragma once

#include "AirState.hpp"

#include <type_traits>
#include <utility>
#include <vector>

namespace halltwin::model::air::kernels {

// f(A, B) with two run-time flags as compile-time constants (std::true_type / std::false_type), so that
// a row kernel's branches on them fold away and its loop vectorises.
template <class F> void withFlags(bool a, bool b, F&& f) {
    using T = std::true_type;
    using N = std::false_type;
    if (a && b)
        f(T{}, T{});
    else if (a)
        f(T{}, N{});
    else if (b)
        f(N{}, T{});
    else
        f(N{}, N{});
}

// Diffusivity between two cells, and of one cell (e.g. towards a wall).
inline double diffusivityBetween(const AirModel& m, const AirState& s, size_t n, size_t q) {
    return m.airCase.air.diffusivity +
           (s.nuT.empty() ? 0.0 : 0.5 * (s.nuT[n] + s.nuT[q]) / m.airCase.air.turbulentPrandtl);
}
inline double diffusivityAt(const AirModel& m, const AirState& s, size_t n) {
    return diffusivityBetween(m, s, n, n);
}

// ∇·u of cell (i, j, k) over all its faces, openings included (1/s).
inline double divergence(const AirModel& m, const AirState& s, int i, int j, int k) {
    double div = 0;
    for (int a = 0; a < m.nd; ++a) {
        const size_t lo = m.velDims[a].index(i, j, k);
        div += (s.vel[a][lo + m.velDims[a].stride(a)] - s.vel[a][lo]) / m.airCase.grid.h(a);
    }
    return div;
}

// Advecting velocities on the high and low sides of momentum DOF n (component c) along axis a.
inline std::pair<double, double> advecting(const AirModel& m, const AirState& s, int c, int a, int i, int j,
                                           int k, size_t n) {
    const std::vector<float>& u = s.vel[c];
    if (a == c) {
        const size_t st = m.velDims[c].stride(a);
        return {0.5 * (u[n] + u[n + st]), 0.5 * (u[n - st] + u[n])};
    }
    const Dims& va = m.velDims[a];
    int p[3] = {i, j, k};
    const size_t here = va.index(p[0], p[1], p[2]);
    --p[c];
    const size_t back = va.index(p[0], p[1], p[2]), sa = va.stride(a);
    return {0.5 * (s.vel[a][here + sa] + s.vel[a][back + sa]), 0.5 * (s.vel[a][here] + s.vel[a][back])};
}

// The same for a row (j, k) of component c's DOFs along axis a, as offsets into s.vel[a] of DOF i = 0:
// high = ½(vel[a][adv[0] + i] + vel[a][adv[1] + i]), low = ½(vel[a][adv[2] + i] + vel[a][adv[3] + i]).
inline void advectingRow(const AirModel& m, int c, int a, int j, int k, long (&adv)[4]) {
    const long n0 = long(m.velDims[c].index(0, j, k));
    if (a == c) {
        const long st = long(m.velDims[c].stride(a));
        adv[0] = n0, adv[1] = n0 + st, adv[2] = n0 - st, adv[3] = n0;
        return;
    }
    const Dims& va = m.velDims[a];
    const long here = long(va.index(0, j, k)), back = here - long(va.stride(c)), sa = long(va.stride(a));
    adv[0] = here + sa, adv[1] = back + sa, adv[2] = here, adv[3] = back;
}

// Viscosity on the high and low diffusion faces of momentum DOF (i, j, k) of component c along axis a;
// inline for the constant-viscosity case, which the sweeps and residuals ask for per DOF and axis.
std::pair<double, double> eddyMomentumViscosity(const AirModel& m, const AirState& s, int c, int a, int i,
                                                int j, int k);
inline std::pair<double, double> momentumViscosity(const AirModel& m, const AirState& s, int c, int a, int i,
                                                   int j, int k) {
    if (s.nuT.empty()) return {m.airCase.air.viscosity, m.airCase.air.viscosity};
    return eddyMomentumViscosity(m, s, c, a, i, j, k);
}
void updateEddyViscosity(const AirModel& m, AirState& s);
std::vector<float> wallDistance(const AirCase& c); // empty without the zero-equation model

// The standard k-ε model's constants (Launder & Spalding 1974) and the log law's (κ, E).
inline constexpr double kEpsilonCmu = 0.09, kEpsilonC1 = 1.44, kEpsilonC2 = 1.92, kEpsilonSigmaK = 1.0,
                        kEpsilonSigmaEps = 1.3, kEpsilonKappa = 0.41, kEpsilonE = 9.8;
// The eddy viscosity a wall sees from a cell at distance y with turbulent kinetic energy k: what makes
// ν·U/y the log law's shear stress (0 inside the viscous sublayer).
double wallEddyViscosity(double nu, double k, double y);
// k and ε of air at rest, for a state's start.
void restTurbulence(const AirModel& m, AirState& s);
// One pseudo-time (steady) or physical step of k and ε with the state's velocities and temperatures;
// uses the workspace's buffers as scratch (call at the end of a step).
void stepTurbulence(const AirModel& m, AirState& s, AirWorkspace& w, double dt, bool steady);

void momentumRhs(const AirModel& m, const AirState& s, int c, std::vector<float>& out);
void temperatureRhs(const AirModel& m, const AirState& s, std::vector<float>& out);
// LU-SGS: replaces the residual in `r` by the increment of one symmetric Gauss–Seidel sweep of
// (D + A_upwind+diffusion) Δ = r; `invDt` is 1/dt, `localCfl` > 0 adds a local step A/localCfl.
// `upper` is scratch of the size of the largest field (the backward pass's coefficients). Both return the
// mean square of the residual they were given, over the unknowns.
double sweepMomentum(const AirModel& m, const AirState& s, int c, std::vector<float>& r,
                     std::vector<float> (&upper)[3], double invDt);
double sweepTemperature(const AirModel& m, const AirState& s, std::vector<float>& r,
                        std::vector<float> (&upper)[3], double invDt, double localCfl,
                        const std::vector<float>& openingOutflow);

} // namespace halltwin::model::air::kernels
