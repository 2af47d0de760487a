// Zero-equation turbulence model for indoor air (Chen & Xu 1998, Energy and Buildings 28:137–144):
// ν_t = 0.03874·|V|·l, with |V| the local mean speed and l the distance to the nearest wall. It gives
// jets and plumes the mixing of a turbulent room flow without transport equations.
#include "AirKernels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace halltwin::model::air::kernels {

// Chamfer distance transform over the fluid cells (26-neighbourhood, lengths in metres), seeded half
// a cell from every face that borders a solid or the domain boundary.
std::vector<float> wallDistance(const AirCase& c) {
    std::vector<float> dist;
    if (c.air.zeroEquationC <= 0 || c.air.kEpsilon) return dist;
    const AirGrid& g = c.grid;
    const Dims d = g.cells();
    const int nd = g.dimensions();
    const float far = std::numeric_limits<float>::max();
    dist.assign(d.size(), far);
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i) {
                if (!g.isFluid(i, j, k)) continue;
                float& w = dist[d.index(i, j, k)];
                for (int a = 0; a < nd; ++a)
                    for (int s = -1; s <= 1; s += 2) {
                        int q[3] = {i, j, k};
                        q[a] += s;
                        if (q[a] < 0 || q[a] >= d.extent(a) || !g.isFluid(q[0], q[1], q[2]))
                            w = std::min(w, float(0.5 * g.h(a)));
                    }
            }
    struct Step {
        int di, dj, dk;
        float length;
    };
    std::vector<Step> back; // neighbours earlier in scan order
    for (int dk = nd == 3 ? -1 : 0; dk <= 0; ++dk)
        for (int dj = -1; dj <= 1; ++dj)
            for (int di = -1; di <= 1; ++di) {
                if (dk == 0 && (dj > 0 || (dj == 0 && di >= 0))) continue;
                back.push_back({di, dj, dk, float(std::hypot(di * g.hx, dj * g.hy, dk * g.hz))});
            }
    bool changed = true;
    auto relax = [&](int i, int j, int k, int sign) {
        if (!g.isFluid(i, j, k)) return;
        float& w = dist[d.index(i, j, k)];
        for (const Step& s : back) {
            const int a = i + sign * s.di, b = j + sign * s.dj, c = k + sign * s.dk;
            if (a < 0 || b < 0 || c < 0 || a >= d.nx || b >= d.ny || c >= d.nz) continue;
            const float via = dist[d.index(a, b, c)] + s.length;
            if (via < w) w = via, changed = true;
        }
    };
    // Sweep pairs until nothing changes: around obstacles one pair is not enough, and only the fixed
    // point is independent of the sweep order (a mirror-symmetric hall gets mirror-symmetric distances).
    while (changed) {
        changed = false;
        for (int k = 0; k < d.nz; ++k)
            for (int j = 0; j < d.ny; ++j)
                for (int i = 0; i < d.nx; ++i)
                    relax(i, j, k, 1);
        for (int k = d.nz - 1; k >= 0; --k)
            for (int j = d.ny - 1; j >= 0; --j)
                for (int i = d.nx - 1; i >= 0; --i)
                    relax(i, j, k, -1);
    }
    for (float& w : dist)
        if (w == far) w = 0; // solid cells
    return dist;
}

void updateEddyViscosity(const AirModel& model, AirState& state) {
    if (model.airCase.air.kEpsilon) {
        // ν_t = C_μ k²/ε, capped at 10⁴ ν so a cell whose ε has not caught up cannot stall the solve.
        const double cap = 1e4 * model.airCase.air.viscosity;
        const long N = long(state.k.size());
#pragma omp parallel for schedule(static)
        for (long n = 0; n < N; ++n) {
            const double k = state.k[size_t(n)], eps = std::max(double(state.eps[size_t(n)]), 1e-14);
            state.nuT[size_t(n)] =
                model.fluid(size_t(n)) ? float(std::min(kEpsilonCmu * k * k / eps, cap)) : 0.0f;
        }
        return;
    }
    if (model.wallDistance.empty()) return;
    state.nuT.resize(model.cells.size());
    const AirGrid& g = model.airCase.grid;
    const Dims d = model.cells;
    const double C = model.airCase.air.zeroEquationC;
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i) {
                const size_t n = d.index(i, j, k);
                if (!g.isFluid(i, j, k)) continue;
                const auto u = cellVelocity(model, state, i, j, k);
                state.nuT[n] =
                    float(C * std::sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]) * model.wallDistance[n]);
            }
}

std::pair<double, double> eddyMomentumViscosity(const AirModel& model, const AirState& state, int c, int a,
                                                int i, int j, int k) {
    const double nu = model.airCase.air.viscosity;
    int lo[3] = {i, j, k};
    --lo[c];
    const size_t cHi = model.cells.index(i, j, k), cLo = model.cells.index(lo[0], lo[1], lo[2]);
    if (a == c) return {nu + state.nuT[cHi], nu + state.nuT[cLo]};
    const int m[3] = {i, j, k};
    const size_t st = model.cells.stride(a);
    const double here = double(state.nuT[cHi]) + state.nuT[cLo];
    if (model.airCase.air.kEpsilon) {
        // A wall across the diffusion face (both cells beyond are solid or outside): the log law's shear.
        const std::uint8_t closed = model.closedSides[cHi] & model.closedSides[cLo];
        const bool hiWall = closed >> (2 * a + 1) & 1, loWall = closed >> (2 * a) & 1;
        if (hiWall || loWall) {
            const double kWall = 0.5 * (double(state.k[cHi]) + state.k[cLo]);
            const double wall = nu + wallEddyViscosity(nu, kWall, 0.5 * model.airCase.grid.h(a));
            const double high =
                hiWall ? wall : nu + 0.25 * (here + state.nuT[cHi + st] + state.nuT[cLo + st]);
            const double low = loWall ? wall : nu + 0.25 * (here + state.nuT[cHi - st] + state.nuT[cLo - st]);
            return {high, low};
        }
    }
    const double high = m[a] + 1 < model.cells.extent(a)
                            ? 0.25 * (here + state.nuT[cHi + st] + state.nuT[cLo + st])
                            : 0.5 * here;
    const double low = m[a] >= 1 ? 0.25 * (here + state.nuT[cHi - st] + state.nuT[cLo - st]) : 0.5 * here;
    return {nu + high, nu + low};
}

} // namespace halltwin::model::air::kernels
