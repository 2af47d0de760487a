// The implicit part of each step: one LU-SGS sweep (Yoon & Jameson 1988) of the first-order upwind
// advection + central diffusion operator in delta form, (D + A) Δ = R. The residual R carries the
// bounded second-order fluxes, so a converged state satisfies the second-order equations (deferred
// correction); the sweep only sets how fast it gets there and keeps large steps stable (the operator
// is an M-matrix for a divergence-free flow).
#include "AirKernels.hpp"

#include <algorithm>
#include <omp.h>

namespace halltwin::model::air::kernels {

namespace {

// Splits [0, extent) into one block per thread and sweeps each on its own (Gauss–Seidel inside a
// block, Jacobi between blocks), so both cores work on the sweep.
template <class F> void forBlocks(int extent, F&& f) {
#pragma omp parallel
    {
        const long t = omp_get_thread_num(), nt = omp_get_num_threads();
        f(int(extent * t / nt), int(extent * (t + 1) / nt));
    }
}

struct Stencil {
    double diag = 0;
    double lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0}; // coefficients of the unknown neighbours
};

// Forward then backward sweep over the box [lo, hi) of d, with the block limits along `split`:
// Δ* = (R + Σ lower a·Δ*) / D, then Δ = Δ* + Σ upper a·Δ / D.
template <class Active, class StencilAt>
void luSgs(const Dims& d, int split, int b0, int b1, std::vector<float>& r, Active&& active,
           StencilAt&& stencilAt) {
    int lo[3] = {0, 0, 0}, hi[3] = {d.nx, d.ny, d.nz};
    lo[split] = b0;
    hi[split] = b1;
    for (int k = lo[2]; k < hi[2]; ++k)
        for (int j = lo[1]; j < hi[1]; ++j)
            for (int i = lo[0]; i < hi[0]; ++i) {
                const size_t n = d.index(i, j, k);
                if (!active(n)) continue;
                const Stencil s = stencilAt(i, j, k, n);
                const int m[3] = {i, j, k};
                double sum = r[n];
                for (int a = 0; a < 3; ++a)
                    if (s.lo[a] != 0 && (a != split || m[a] > b0)) sum += s.lo[a] * r[n - d.stride(a)];
                r[n] = float(sum / s.diag);
            }
    for (int k = hi[2] - 1; k >= lo[2]; --k)
        for (int j = hi[1] - 1; j >= lo[1]; --j)
            for (int i = hi[0] - 1; i >= lo[0]; --i) {
                const size_t n = d.index(i, j, k);
                if (!active(n)) continue;
                const Stencil s = stencilAt(i, j, k, n);
                const int m[3] = {i, j, k};
                double sum = 0;
                for (int a = 0; a < 3; ++a)
                    if (s.hi[a] != 0 && (a != split || m[a] + 1 < b1)) sum += s.hi[a] * r[n + d.stride(a)];
                r[n] += float(sum / s.diag);
            }
}

} // namespace

void sweepMomentum(const AirModel& model, const AirState& state, int c, std::vector<float>& r, double invDt) {
    const AirGrid& g = model.airCase.grid;
    const Dims d = model.velDims[c];
    const std::vector<std::uint8_t>& kind = model.faceKind[c];
    auto stencilAt = [&](int i, int j, int k, size_t n) {
        Stencil s;
        s.diag = invDt;
        const int m[3] = {i, j, k};
        for (int a = 0; a < model.nd; ++a) {
            const double h = g.h(a);
            const auto [nuHi, nuLo] = momentumViscosity(model, state, c, a, i, j, k);
            const double difHi = nuHi / (h * h), difLo = nuLo / (h * h);
            const auto [up, um] = advecting(model, state, c, a, i, j, k, n);
            const size_t st = d.stride(a);
            const bool hasHi = m[a] + 1 < d.extent(a) && kind[n + st] == Active;
            const bool hasLo = m[a] >= 1 && kind[n - st] == Active;
            s.diag += (std::max(up, 0.0) + std::max(-um, 0.0)) / h + difHi + difLo;
            // A tangential no-slip wall half a cell away: ghost value −u adds one more dif.
            if (a != c) s.diag += (hasHi ? 0 : difHi) + (hasLo ? 0 : difLo);
            s.hi[a] = hasHi ? std::max(-up, 0.0) / h + difHi : 0;
            s.lo[a] = hasLo ? std::max(um, 0.0) / h + difLo : 0;
        }
        return s;
    };
    const int split = model.nd == 3 ? 2 : 1;
    forBlocks(d.extent(split), [&](int b0, int b1) {
        luSgs(
            d, split, b0, b1, r, [&](size_t n) { return kind[n] == Active; }, stencilAt);
    });
}

void sweepTemperature(const AirModel& model, const AirState& state, std::vector<float>& r, double invDt,
                      double localCfl, const std::vector<float>& openingOutflow) {
    const AirGrid& g = model.airCase.grid;
    const Dims d = model.cells;
    auto stencilAt = [&](int i, int j, int k, size_t n) {
        Stencil s;
        double a_p = openingOutflow[n];
        const int m[3] = {i, j, k};
        for (int a = 0; a < model.nd; ++a) {
            const double h = g.h(a);
            const size_t fl = model.velDims[a].index(i, j, k), fh = fl + model.velDims[a].stride(a);
            const size_t st = d.stride(a);
            if (model.faceKind[a][fh] == Active) {
                const double u = state.vel[a][fh],
                             dif = diffusivityBetween(model, state, n, n + st) / (h * h);
                a_p += std::max(u, 0.0) / h + dif;
                s.hi[a] = std::max(-u, 0.0) / h + dif;
            } else if (m[a] + 1 == d.extent(a) && model.airCase.sides[size_t(2 * a + 1)].fixedTemperature) {
                a_p += 2 * diffusivityAt(model, state, n) / (h * h);
            }
            if (model.faceKind[a][fl] == Active) {
                const double u = state.vel[a][fl],
                             dif = diffusivityBetween(model, state, n, n - st) / (h * h);
                a_p += std::max(-u, 0.0) / h + dif;
                s.lo[a] = std::max(u, 0.0) / h + dif;
            } else if (m[a] == 0 && model.airCase.sides[size_t(2 * a)].fixedTemperature) {
                a_p += 2 * diffusivityAt(model, state, n) / (h * h);
            }
        }
        s.diag = a_p + invDt + (localCfl > 0 ? a_p / localCfl : 0);
        return s;
    };
    const int split = model.nd == 3 ? 2 : 1;
    forBlocks(d.extent(split), [&](int b0, int b1) {
        luSgs(
            d, split, b0, b1, r, [&](size_t n) { return g.solid.empty() || g.solid[n] == 0; }, stencilAt);
    });
}

} // namespace halltwin::model::air::kernels
