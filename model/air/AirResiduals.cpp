// Residuals of the steady momentum and energy equations (the explicit part of each step).
#include "AirKernels.hpp"

namespace halltwin::model::air::kernels {

namespace {

// van Leer limited upwind face value: the harmonic mean of the two upwind slopes keeps the scheme
// second order in smooth regions and bounded (no new extrema) at fronts.
inline float limited(float uu, float up, float dn) {
    const float d0 = up - uu, d1 = dn - up;
    return d0 * d1 > 0 ? up + d0 * d1 / (d0 + d1) : up;
}

// Limited upwind value on the high face of DOF n along axis a (ghostHigh: wall value beyond the domain).
[[gnu::always_inline]] inline double advectedValue(const std::vector<float>& f, const Dims& d, size_t n,
                                                   int a, int ma, double U, double ghostHigh) {
    const int ext = d.extent(a);
    const size_t st = d.stride(a);
    if (ma + 1 >= ext) return U > 0 ? f[n] : ghostHigh;
    if (U >= 0) return limited(ma >= 1 ? f[n - st] : f[n], f[n], f[n + st]);
    return limited(ma + 2 < ext ? f[n + 2 * st] : f[n + st], f[n + st], f[n]);
}

} // namespace

void momentumRhs(const AirModel& model, const AirState& state, int c, std::vector<float>& out) {
    const AirGrid& g = model.airCase.grid;
    const AirProperties& air = model.airCase.air;
    const Dims d = model.velDims[c];
    const std::vector<float>& phi = state.vel[c];
    const double gb = -air.gravity[size_t(c)] * air.expansion;
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i) {
                const size_t n = d.index(i, j, k);
                if (model.faceKind[c][n] != Active) continue;
                const int m[3] = {i, j, k};
                double adv = 0, diff = 0;
                for (int a = 0; a < model.nd; ++a) {
                    const size_t st = d.stride(a);
                    const double h = g.h(a);
                    const auto [Up, Um] = advecting(model, state, c, a, i, j, k, n);
                    const double wallHigh = model.airCase.sides[size_t(2 * a + 1)].velocity[size_t(c)];
                    const double wallLow = model.airCase.sides[size_t(2 * a)].velocity[size_t(c)];
                    const double fp = advectedValue(phi, d, n, a, m[a], Up, wallHigh);
                    const double fm = m[a] >= 1 ? advectedValue(phi, d, n - st, a, m[a] - 1, Um, wallHigh)
                                                : (Um < 0 ? double(phi[n]) : wallLow);
                    adv += (Up * fp - Um * fm) / h;
                    // Tangential neighbours across a solid surface: the wall sits half a cell away.
                    auto neighbour = [&](int dir, double wall) -> double {
                        const int q = m[a] + dir;
                        if (q < 0 || q >= d.extent(a)) return 2 * wall - phi[n];
                        const size_t nn = dir > 0 ? n + st : n - st;
                        if (a != c && model.faceKind[c][nn] != Active) {
                            int cl[3] = {i, j, k};
                            cl[a] = q;
                            int cl2[3] = {cl[0], cl[1], cl[2]};
                            --cl2[c];
                            if (!g.isFluid(cl[0], cl[1], cl[2]) && !g.isFluid(cl2[0], cl2[1], cl2[2]))
                                return -double(phi[n]);
                        }
                        return phi[nn];
                    };
                    const auto [nuHi, nuLo] = momentumViscosity(model, state, c, a, i, j, k);
                    diff += (nuHi * (neighbour(1, wallHigh) - phi[n]) +
                             nuLo * (neighbour(-1, wallLow) - phi[n])) /
                            (h * h);
                }
                int lo[3] = {i, j, k};
                --lo[c];
                const size_t cLo = model.cells.index(lo[0], lo[1], lo[2]), cHi = model.cells.index(i, j, k);
                const double Tf = 0.5 * (state.T[cLo] + state.T[cHi]);
                const double gradP = (state.p[cHi] - state.p[cLo]) / g.h(c);
                out[n] = float(-adv + diff + gb * (Tf - air.referenceC) - gradP);
            }
    for (const MomentumSource& s : model.airCase.momentumSources) {
        if (s.axis != c) continue;
        const size_t n = d.index(s.i, s.j, s.k);
        if (model.faceKind[c][n] == Active) out[n] += float(s.acceleration);
    }
}

void temperatureRhs(const AirModel& model, const AirState& state, std::vector<float>& out) {
    const AirGrid& g = model.airCase.grid;
    const Dims d = model.cells;
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i) {
                const size_t n = d.index(i, j, k);
                if (!g.isFluid(i, j, k)) {
                    out[n] = 0;
                    continue;
                }
                const int m[3] = {i, j, k};
                double adv = 0, diff = 0;
                for (int a = 0; a < model.nd; ++a) {
                    const size_t st = d.stride(a);
                    const double h = g.h(a);
                    int p[3] = {i, j, k};
                    const size_t lo = model.velDims[a].index(p[0], p[1], p[2]);
                    const size_t hi = lo + model.velDims[a].stride(a);
                    auto fluidAt = [&](int q) {
                        int c3[3] = {i, j, k};
                        c3[a] = q;
                        return g.isFluid(c3[0], c3[1], c3[2]);
                    };
                    // Face value between cell q and q+1 (both fluid) for velocity U.
                    auto faceT = [&](size_t nq, int q, double U) -> double {
                        if (U >= 0)
                            return limited(fluidAt(q - 1) ? state.T[nq - st] : state.T[nq], state.T[nq],
                                           state.T[nq + st]);
                        return limited(fluidAt(q + 2) ? state.T[nq + 2 * st] : state.T[nq + st],
                                       state.T[nq + st], state.T[nq]);
                    };
                    if (model.faceKind[a][hi] == Active) {
                        const double U = state.vel[a][hi];
                        adv += U * faceT(n, m[a], U) / h;
                        diff += diffusivityBetween(model, state, n, n + st) * (state.T[n + st] - state.T[n]) /
                                (h * h);
                    } else if (model.faceKind[a][hi] == Wall && m[a] + 1 == d.extent(a)) {
                        const WallSide& s = model.airCase.sides[size_t(2 * a + 1)];
                        if (s.fixedTemperature)
                            diff +=
                                2 * diffusivityAt(model, state, n) * (s.temperatureC - state.T[n]) / (h * h);
                    }
                    if (model.faceKind[a][lo] == Active) {
                        const double U = state.vel[a][lo];
                        adv -= U * faceT(n - st, m[a] - 1, U) / h;
                        diff += diffusivityBetween(model, state, n, n - st) * (state.T[n - st] - state.T[n]) /
                                (h * h);
                    } else if (model.faceKind[a][lo] == Wall && m[a] == 0) {
                        const WallSide& s = model.airCase.sides[size_t(2 * a)];
                        if (s.fixedTemperature)
                            diff +=
                                2 * diffusivityAt(model, state, n) * (s.temperatureC - state.T[n]) / (h * h);
                    }
                }
                // Advect T − T_ref: the divergence a step leaves (the pressure tolerance) then moves
                // (T − T_ref)·∇·u of heat, not T·∇·u with T in °C.
                out[n] =
                    float(-adv + diff + model.airCase.air.referenceC * divergence(model, state, i, j, k));
            }
    // Openings: upwind transport through the faces; sources: their power as a volumetric rate.
    for (size_t o = 0; o < model.airCase.openings.size(); ++o)
        for (const BoundaryFace& f : model.airCase.openings[o].faces) {
            const size_t n = model.cells.index(f.i, f.j, f.k);
            const double Un = -f.outward * state.vel[f.axis][model.faceIndexOf(f)];
            out[n] += float(Un * (Un > 0 ? state.inflowT[o] : state.T[n]) / g.h(f.axis));
        }
    const double rhoCpV = model.airCase.air.density * model.airCase.air.heatCapacity * g.cellVolume();
    for (const HeatSource& s : model.airCase.sources)
        if (g.isFluid(s.i, s.j, s.k)) out[model.cells.index(s.i, s.j, s.k)] += float(s.watts / rhoCpV);
}

} // namespace halltwin::model::air::kernels
