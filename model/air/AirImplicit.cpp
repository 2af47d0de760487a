// The implicit part of each step: one LU-SGS sweep (Yoon & Jameson 1988) of the first-order upwind
// advection + central diffusion operator in delta form, (D + A) Δ = R. The residual R carries the
// bounded second-order fluxes, so a converged state satisfies the second-order equations (deferred
// correction); the sweep only sets how fast it gets there and keeps large steps stable (the operator
// is an M-matrix for a divergence-free flow).
// The coefficients are computed a row of DOFs at a time in float from row pointers (no index
// arithmetic per DOF), then the row is swept: the recurrence is the only sequential part.
#include "AirKernels.hpp"

#include <algorithm>
#include <omp.h>

namespace halltwin::model::air::kernels {

namespace {

// Splits [0, extent) into one block per thread and sweeps each on its own (Gauss–Seidel inside a
// block, Jacobi between blocks), so both cores work on the sweep.
// f returns its block's SquareSum; the result is the mean square over all blocks.
template <class F> double forBlocks(int extent, F&& f) {
    double sum = 0;
    long count = 0;
#pragma omp parallel reduction(+ : sum, count)
    {
        const long t = omp_get_thread_num(), nt = omp_get_num_threads();
        const auto s = f(int(extent * t / nt), int(extent * (t + 1) / nt));
        sum += s.sum, count += s.count;
    }
    return count ? sum / double(count) : 0.0;
}

// Coefficients of one row of DOFs: diag holds 1/D (0 marks a DOF that is not an unknown); lo/hi are the
// coefficients of the unknown neighbours (0 where the neighbour is not one).
struct RowStencil {
    std::vector<float> diag, lo[3], hi[3];
    explicit RowStencil(int n) : diag(size_t(n)), lo{}, hi{} {
        for (int a = 0; a < 3; ++a)
            lo[a].assign(size_t(n), 0.0f), hi[a].assign(size_t(n), 0.0f);
    }
    void clear(int n) {
        for (int a = 0; a < 3; ++a)
            std::fill_n(lo[a].begin(), n, 0.0f), std::fill_n(hi[a].begin(), n, 0.0f);
    }
};

// The forward pass's row terms in one loop, from the row's residual r and the final rows below it (ry, rz,
// read only when Y, Z): the x recurrence v_i = t_i + c_i·v_(i−1) gets t = (r + lo_y·r_y + lo_z·r_z)/D and
// c = lo_x/D; a DOF that is not an unknown (1/D = 0) keeps r. The upper coefficients times 1/D are kept
// for the backward pass.
template <bool Y, bool Z>
void forwardRow(const float* __restrict r, const float* __restrict ry, const float* __restrict rz,
                const RowStencil& st, float* __restrict t, float* __restrict c, float* __restrict u0,
                float* __restrict u1, float* __restrict u2, int n) {
    const float *inv = st.diag.data(), *lx = st.lo[0].data(), *ly = st.lo[1].data(), *lz = st.lo[2].data();
    const float *hx = st.hi[0].data(), *hy = st.hi[1].data(), *hz = st.hi[2].data();
    for (int i = 0; i < n; ++i) {
        float s = r[i];
        if constexpr (Y) s += ly[i] * ry[i];
        if constexpr (Z) s += lz[i] * rz[i];
        const bool unknown = inv[i] != 0;
        t[i] = unknown ? s * inv[i] : r[i];
        c[i] = unknown ? lx[i] * inv[i] : 0.0f;
        u0[i] = hx[i] * inv[i], u1[i] = hy[i] * inv[i], u2[i] = hz[i] * inv[i];
    }
}

// The backward pass's t = Δ* + Σ upper a/D · Δ over the final rows above (ry, rz, read only when Y, Z).
template <bool Y, bool Z>
void backwardRow(const float* __restrict r, const float* __restrict ry, const float* __restrict rz,
                 const float* __restrict uy, const float* __restrict uz, float* __restrict t, int n) {
    for (int i = 0; i < n; ++i) {
        float s = r[i];
        if constexpr (Y) s += uy[i] * ry[i];
        if constexpr (Z) s += uz[i] * rz[i];
        t[i] = s;
    }
}

// G rows' x recurrences v_i = t_i + c_i·v_(i∓1) side by side: independent chains hide each other's
// latency.
template <int G>
void recurrences(float* const* rows, const float* const* t, const float* const* c, int n, bool back) {
    float v[G] = {};
    for (int q = 0; q < n; ++q) {
        const int i = back ? n - 1 - q : q;
        for (int g = 0; g < G; ++g)
            rows[g][i] = v[g] = t[g][i] + c[g][i] * v[g];
    }
}

// Forward then backward sweep over the rows of [b0, b1) along `split` (y in 2-D, z in 3-D):
// Δ* = (R + Σ lower a·Δ*) / D, then Δ = Δ* + Σ upper a·Δ / D. rowAt(j, k, stencil) fills a row. The
// neighbours in other rows are final when a row is swept, so their terms are added over the whole row
// first (vectorised); only the recurrence along x is sequential. Rows go by wavefronts (j + k constant):
// a row needs only the rows below it (forward) or above it (backward), which lie on earlier wavefronts,
// so the rows of one wavefront are independent and give the lexicographic sweep's result exactly;
// kChains of them are swept side by side.
constexpr int kChains = 4;

// Returns Σ R² and the number of unknowns of the block (the residual's mean square comes for free).
struct SquareSum {
    double sum = 0;
    long count = 0;
};

// Σ r² over the unknowns of a row (1/D ≠ 0).
void addSquares(const float* __restrict r, const float* __restrict inv, int n, SquareSum& s) {
    double sum = 0;
    long count = 0;
    for (int i = 0; i < n; ++i)
        if (inv[i] != 0) sum += double(r[i]) * r[i], ++count;
    s.sum += sum, s.count += count;
}

template <class RowAt>
SquareSum luSgs(const Dims& d, int split, int b0, int b1, std::vector<float>& r,
                std::vector<float> (&upper)[3], RowAt&& rowAt) {
    SquareSum squares;
    std::vector<RowStencil> s(kChains, RowStencil(d.nx));
    std::vector<std::vector<float>> t(kChains, std::vector<float>(size_t(d.nx))), c = t;
    float* rows[kChains];
    const float *tp[kChains], *cp[kChains];
    const int kLo = split == 2 ? b0 : 0, kHi = split == 2 ? b1 : d.nz;
    const int jLo = split == 1 ? b0 : 0, jHi = split == 1 ? b1 : d.ny;
    const int nj = jHi - jLo, nk = kHi - kLo;
    const long sy = long(d.stride(1)), sz = long(d.stride(2));
    // Jacobi across the block boundary: the neighbour beyond it belongs to the other thread.
    auto below = [&](int j, int k, int a) {
        return a == 1 ? j > (split == 1 ? b0 : 0) : k > (split == 2 ? b0 : 0);
    };
    auto above = [&](int j, int k, int a) {
        return a == 1 ? j + 1 < (split == 1 ? b1 : d.ny) : k + 1 < (split == 2 ? b1 : d.nz);
    };
    // Forward: the row's coefficients; the upper ones, times 1/D, are kept for the backward pass.
    auto prepare = [&](int g, int j, int k, bool back) {
        const size_t n0 = d.index(0, j, k);
        float* row = r.data() + n0;
        float* tg = t[size_t(g)].data();
        float* cg = c[size_t(g)].data();
        if (!back) {
            RowStencil& st = s[size_t(g)];
            rowAt(j, k, st);
            addSquares(row, st.diag.data(), d.nx, squares);
            withFlags(below(j, k, 1), below(j, k, 2), [&](auto y, auto z) {
                forwardRow<y(), z()>(row, y() ? row - sy : nullptr, z() ? row - sz : nullptr, st, tg, cg,
                                     upper[0].data() + n0, upper[1].data() + n0, upper[2].data() + n0, d.nx);
            });
        } else {
            // Δ = Δ* + Σ upper a/D · Δ; a DOF that is not an unknown has no upper coefficients.
            withFlags(above(j, k, 1), above(j, k, 2), [&](auto y, auto z) {
                backwardRow<y(), z()>(row, y() ? row + sy : nullptr, z() ? row + sz : nullptr,
                                      upper[1].data() + n0, upper[2].data() + n0, tg, d.nx);
            });
            cg = upper[0].data() + n0; // the x coefficients, read in place
        }
        rows[g] = row, tp[g] = tg, cp[g] = cg;
    };
    auto run = [&](int count, bool back) {
        switch (count) {
        case 1:
            recurrences<1>(rows, tp, cp, d.nx, back);
            break;
        case 2:
            recurrences<2>(rows, tp, cp, d.nx, back);
            break;
        case 3:
            recurrences<3>(rows, tp, cp, d.nx, back);
            break;
        default:
            recurrences<4>(rows, tp, cp, d.nx, back);
            break;
        }
    };
    for (int pass = 0; pass < 2; ++pass) {
        const bool back = pass == 1;
        for (int q = 0; q < nj + nk - 1; ++q) {
            const int w = back ? nj + nk - 2 - q : q; // wavefront (j − jLo) + (k − kLo)
            int count = 0;
            for (int k = std::max(kLo, kLo + w - (nj - 1)); k <= std::min(kHi - 1, kLo + w); ++k) {
                prepare(count++, jLo + w - (k - kLo), k, back);
                if (count == kChains) run(count, back), count = 0;
            }
            if (count) run(count, back);
        }
    }
    return squares;
}

// Row (j, k) of the momentum operator of component c: first-order upwind advection by the
// interpolated face velocities, central diffusion, and a tangential no-slip wall half a cell away
// wherever a neighbour is not an unknown (its ghost value −u adds one more diffusion coefficient).
// DOF by DOF for any viscosity (the eddy-viscosity model, the ends of a row).
void momentumRowAt(const AirModel& m, const AirState& s, int c, int j, int k, int iBeg, int iEnd, float invDt,
                   RowStencil& out) {
    const AirGrid& g = m.airCase.grid;
    const Dims d = m.velDims[c];
    const size_t n0 = d.index(0, j, k);
    const std::uint8_t* kind = m.faceKind[c].data();
    const int at[3] = {0, j, k};
    for (int i = iBeg; i < iEnd; ++i) {
        const size_t n = n0 + size_t(i);
        for (int a = 0; a < 3; ++a)
            out.lo[a][size_t(i)] = out.hi[a][size_t(i)] = 0;
        if (kind[n] != Active) {
            out.diag[size_t(i)] = 0;
            continue;
        }
        double diag = invDt;
        for (int a = 0; a < m.nd; ++a) {
            const double h = g.h(a);
            const int ma = a == 0 ? i : at[a];
            const auto [nuHi, nuLo] = momentumViscosity(m, s, c, a, i, j, k);
            const double difHi = nuHi / (h * h), difLo = nuLo / (h * h);
            const auto [up, um] = advecting(m, s, c, a, i, j, k, n);
            const size_t st = d.stride(a);
            const bool hasHi = ma + 1 < d.extent(a) && kind[n + st] == Active;
            const bool hasLo = ma >= 1 && kind[n - st] == Active;
            diag += (std::max(up, 0.0) + std::max(-um, 0.0)) / h + difHi + difLo;
            if (a != c) diag += (hasHi ? 0 : difHi) + (hasLo ? 0 : difLo);
            out.hi[a][size_t(i)] = hasHi ? float(std::max(-up, 0.0) / h + difHi) : 0.0f;
            out.lo[a][size_t(i)] = hasLo ? float(std::max(um, 0.0) / h + difLo) : 0.0f;
        }
        out.diag[size_t(i)] = float(1 / diag);
    }
}

// One axis of momentumRowAt's coefficients over DOFs [i0, i1) (constant viscosity), vectorised:
// advecting velocities ½(V[hiA] + V[hiB]), ½(V[loA] + V[loB]); the neighbours at offsets p1 and m1
// count as unknowns where active and the row allows (rowHi, rowLo = 0 on a side of the domain).
void momentumAxisStencil(const float* __restrict V, const std::uint8_t* __restrict kind,
                         float* __restrict diag, float* __restrict lo, float* __restrict hi, long n0,
                         const long (&adv)[4], long p1, long m1, float rowHi, float rowLo, float tangential,
                         int i0, int i1, float ih, float dif) {
    const long hiA = adv[0], hiB = adv[1], loA = adv[2], loB = adv[3];
    for (int i = i0; i < i1; ++i) {
        const long n = n0 + i;
        const float up = 0.5f * (V[hiA + i] + V[hiB + i]), um = 0.5f * (V[loA + i] + V[loB + i]);
        const float hasHi = kind[n + p1] == Active ? rowHi : 0.0f,
                    hasLo = kind[n + m1] == Active ? rowLo : 0.0f;
        diag[i] += (std::max(up, 0.0f) + std::max(-um, 0.0f)) * ih + 2 * dif +
                   tangential * dif * ((1 - hasHi) + (1 - hasLo));
        hi[i] = hasHi * (std::max(-up, 0.0f) * ih + dif);
        lo[i] = hasLo * (std::max(um, 0.0f) * ih + dif);
    }
}

void invertDiagonal(const std::uint8_t* __restrict active, float* __restrict diag, float invDt, int i0,
                    int i1) {
    for (int i = i0; i < i1; ++i)
        diag[i] = active[i] == Active ? 1 / (invDt + diag[i]) : 0.0f;
}

void momentumRow(const AirModel& m, const AirState& s, int c, int j, int k, float invDt, RowStencil& out) {
    const Dims d = m.velDims[c];
    const int at[3] = {0, j, k};
    // Rows on the sides of the domain normal to c hold no unknowns (their faces are the sides).
    if (c > 0 && (at[c] == 0 || at[c] + 1 >= d.extent(c))) {
        std::fill_n(out.diag.begin(), d.nx, 0.0f);
        return;
    }
    if (!s.nuT.empty() || d.nx < 3) {
        momentumRowAt(m, s, c, j, k, 0, d.nx, invDt, out);
        return;
    }
    const AirGrid& g = m.airCase.grid;
    const long n0 = long(d.index(0, j, k));
    for (int a = m.nd; a < 3; ++a) // the axes below nd are written whole by momentumAxisStencil
        std::fill_n(out.lo[a].begin(), d.nx, 0.0f), std::fill_n(out.hi[a].begin(), d.nx, 0.0f);
    std::fill_n(out.diag.begin(), d.nx, 0.0f);
    // Axis a over DOFs [i0, i1); along x the row's ends have no neighbour beyond them (hasLo, hasHi).
    auto axis = [&](int a, int i0, int i1, bool hasLo, bool hasHi) {
        const long st = long(d.stride(a));
        const bool lo = a == 0 ? hasLo : at[a] > 0, hi = a == 0 ? hasHi : at[a] + 1 < d.extent(a);
        long adv[4];
        advectingRow(m, c, a, j, k, adv);
        const double h = g.h(a);
        momentumAxisStencil(s.vel[a].data(), m.faceKind[c].data(), out.diag.data(), out.lo[a].data(),
                            out.hi[a].data(), n0, adv, hi ? st : 0, lo ? -st : 0, hi ? 1.0f : 0.0f,
                            lo ? 1.0f : 0.0f, a != c ? 1.0f : 0.0f, i0, i1, float(1 / h),
                            float(m.airCase.air.viscosity / (h * h)));
    };
    // For c = 0 the row's ends are the domain's x sides: never unknowns.
    const bool ends = c != 0;
    axis(0, 1, d.nx - 1, true, true);
    if (ends) axis(0, 0, 1, false, true), axis(0, d.nx - 1, d.nx, true, false);
    for (int a = 1; a < m.nd; ++a) // the same offsets along the whole row: one vectorised run
        axis(a, ends ? 0 : 1, ends ? d.nx : d.nx - 1, true, true);
    invertDiagonal(m.faceKind[c].data() + n0, out.diag.data(), invDt, 0, d.nx); // 0 where not an unknown
}

// Row (j, k) of the temperature operator: upwind advection by the face velocities, diffusion to
// fluid neighbours and to fixed-temperature domain sides, outflow through openings, and the local
// pseudo-time step A/localCfl.
// Cell by cell for any diffusivity (the eddy-viscosity model).
void temperatureRowAt(const AirModel& m, const AirState& s, int j, int k, float invDt, float localCfl,
                      const std::vector<float>& openingOutflow, RowStencil& out) {
    const AirGrid& g = m.airCase.grid;
    const Dims d = m.cells;
    const size_t n0 = d.index(0, j, k);
    const int at[3] = {0, j, k};
    out.clear(d.nx);
    std::vector<float>& ap = out.diag; // a_P first, then the diagonal
    for (int i = 0; i < d.nx; ++i)
        ap[size_t(i)] = m.fluid(n0 + size_t(i)) ? openingOutflow[n0 + size_t(i)] : -1.0f;
    for (int a = 0; a < m.nd; ++a) {
        const double h = g.h(a);
        const float ih = float(1 / h);
        const size_t st = d.stride(a);
        const Dims& va = m.velDims[a];
        const size_t f0 = va.index(0, j, k), sa = va.stride(a);
        const float* V = s.vel[a].data();
        const std::uint8_t* kind = m.faceKind[a].data();
        const bool fixedHi = m.airCase.sides[size_t(2 * a + 1)].fixedTemperature;
        const bool fixedLo = m.airCase.sides[size_t(2 * a)].fixedTemperature;
        for (int i = 0; i < d.nx; ++i) {
            if (ap[size_t(i)] < 0) continue;
            const int ma = a == 0 ? i : at[a];
            const size_t n = n0 + size_t(i), fl = f0 + size_t(i), fh = fl + sa;
            if (kind[fh] == Active) {
                const float u = V[fh], dif = float(diffusivityBetween(m, s, n, n + st) / (h * h));
                ap[size_t(i)] += std::max(u, 0.0f) * ih + dif;
                out.hi[a][size_t(i)] = std::max(-u, 0.0f) * ih + dif;
            } else if (ma + 1 == d.extent(a) && fixedHi) {
                ap[size_t(i)] += float(2 * diffusivityAt(m, s, n) / (h * h));
            }
            if (kind[fl] == Active) {
                const float u = V[fl], dif = float(diffusivityBetween(m, s, n, n - st) / (h * h));
                ap[size_t(i)] += std::max(-u, 0.0f) * ih + dif;
                out.lo[a][size_t(i)] = std::max(u, 0.0f) * ih + dif;
            } else if (ma == 0 && fixedLo) {
                ap[size_t(i)] += float(2 * diffusivityAt(m, s, n) / (h * h));
            }
        }
    }
    for (int i = 0; i < d.nx; ++i) {
        const float a_p = ap[size_t(i)];
        ap[size_t(i)] = a_p < 0 ? 0.0f : 1 / (a_p + invDt + (localCfl > 0 ? a_p / localCfl : 0.0f));
    }
}

// One axis of the temperature coefficients over a row (constant diffusivity), vectorised: open faces
// (kind Active) advect and diffuse; a closed face on a fixed-temperature side (fixLo, fixHi = 1)
// conducts through half a cell.
void temperatureAxisStencil(const float* __restrict V, const std::uint8_t* __restrict kind,
                            float* __restrict ap, float* __restrict lo, float* __restrict hi, long f0,
                            long sa, float fixLo, float fixHi, int n, float ih, float dif) {
    for (int i = 0; i < n; ++i) {
        const long fl = f0 + i, fh = fl + sa;
        const float uh = V[fh], ul = V[fl];
        const float oh = kind[fh] == Active ? 1.0f : 0.0f, ol = kind[fl] == Active ? 1.0f : 0.0f;
        ap[i] += oh * (std::max(uh, 0.0f) * ih + dif) + (1 - oh) * fixHi * 2 * dif +
                 ol * (std::max(-ul, 0.0f) * ih + dif) + (1 - ol) * fixLo * 2 * dif;
        hi[i] = oh * (std::max(-uh, 0.0f) * ih + dif);
        lo[i] = ol * (std::max(ul, 0.0f) * ih + dif);
    }
}

void temperatureRow(const AirModel& m, const AirState& s, int j, int k, float invDt, float localCfl,
                    const std::vector<float>& openingOutflow, RowStencil& out) {
    const AirGrid& g = m.airCase.grid;
    if (!s.nuT.empty() || g.solid.empty()) {
        temperatureRowAt(m, s, j, k, invDt, localCfl, openingOutflow, out);
        return;
    }
    const Dims d = m.cells;
    const long n0 = long(d.index(0, j, k));
    const int at[3] = {0, j, k}, nx = d.nx;
    std::copy_n(openingOutflow.begin() + n0, nx, out.diag.begin());
    for (int a = 0; a < m.nd; ++a) {
        const double h = g.h(a);
        const float dif = float(m.airCase.air.diffusivity / (h * h));
        const bool fixedLo = m.airCase.sides[size_t(2 * a)].fixedTemperature;
        const bool fixedHi = m.airCase.sides[size_t(2 * a + 1)].fixedTemperature;
        const bool rowLo = a > 0 && at[a] == 0 && fixedLo,
                   rowHi = a > 0 && at[a] + 1 == d.extent(a) && fixedHi;
        const Dims& va = m.velDims[a];
        const long f0 = long(va.index(0, j, k)), sa = long(va.stride(a));
        temperatureAxisStencil(s.vel[a].data(), m.faceKind[a].data(), out.diag.data(), out.lo[a].data(),
                               out.hi[a].data(), f0, sa, rowLo ? 1.0f : 0.0f, rowHi ? 1.0f : 0.0f, nx,
                               float(1 / h), dif);
        if (a == 0) { // the ends of the row on fixed-temperature x sides
            if (fixedLo && m.faceKind[0][size_t(f0)] != Active) out.diag[0] += 2 * dif;
            if (fixedHi && m.faceKind[0][size_t(f0 + nx)] != Active) out.diag[size_t(nx - 1)] += 2 * dif;
        }
    }
    const std::uint8_t* solid = g.solid.data() + n0;
    float* dg = out.diag.data();
    const float local = localCfl > 0 ? 1 / localCfl : 0.0f;
    for (int i = 0; i < nx; ++i)
        dg[i] = solid[i] ? 0.0f : 1 / (dg[i] * (1 + local) + invDt);
}

} // namespace

double sweepMomentum(const AirModel& model, const AirState& state, int c, std::vector<float>& r,
                     std::vector<float> (&upper)[3], double invDt) {
    const int split = model.nd == 3 ? 2 : 1;
    const Dims d = model.velDims[c];
    return forBlocks(d.extent(split), [&](int b0, int b1) {
        return luSgs(d, split, b0, b1, r, upper, [&](int j, int k, RowStencil& s) {
            momentumRow(model, state, c, j, k, float(invDt), s);
        });
    });
}

double sweepTemperature(const AirModel& model, const AirState& state, std::vector<float>& r,
                        std::vector<float> (&upper)[3], double invDt, double localCfl,
                        const std::vector<float>& openingOutflow) {
    const int split = model.nd == 3 ? 2 : 1;
    return forBlocks(model.cells.extent(split), [&](int b0, int b1) {
        return luSgs(model.cells, split, b0, b1, r, upper, [&](int j, int k, RowStencil& s) {
            temperatureRow(model, state, j, k, float(invDt), float(localCfl), openingOutflow, s);
        });
    });
}

} // namespace halltwin::model::air::kernels
