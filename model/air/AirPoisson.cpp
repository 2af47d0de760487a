#include "AirPoisson.hpp"

#include <algorithm>
#include <cmath>

namespace halltwin::model::air {

namespace {

// Jacobi damping. 6/7 damps the 7-point Laplacian's high frequencies best in a multigrid solver, but
// as CG's preconditioner at the projection's loose tolerance less damping serves better: on legacy-air
// 0.95 takes 2.3 iterations a step where 0.8 took 2.7–2.9 at 0.2 m and 3.0–3.2 at 0.1 m (bench_air).
// Below 1 the smoother converges (D⁻¹A's eigenvalues lie in [0, 2]), so the V-cycle stays positive definite.
constexpr float kJacobiWeight = 0.95f;
constexpr int kSweeps = 2; // pre- and post-smoothing (equal, so the V-cycle stays symmetric)
constexpr int kCoarsestSweeps = 40;
constexpr size_t kCoarsestCells = 256;
// Below this size a parallel loop costs more in thread wake-ups than it saves (coarse levels).
constexpr size_t kParallelCells = 16384;

// Σ term(i) for i < n in double; four independent partial sums per chunk let the compiler use vector
// lanes (the order of the additions is fixed by the chunks, not by the compiler).
template <class Term> double chunkedSum(long n, Term&& term) {
    constexpr long kChunk = 1024;
    const long chunks = (n + kChunk - 1) / kChunk;
    double s = 0;
#pragma omp parallel for reduction(+ : s) schedule(static) if (n > long(kParallelCells))
    for (long c = 0; c < chunks; ++c) {
        const long lo = c * kChunk, hi = std::min(n, lo + kChunk);
        double lane[4] = {0, 0, 0, 0};
        long i = lo;
        for (; i + 4 <= hi; i += 4)
            for (int q = 0; q < 4; ++q)
                lane[q] += term(i + q);
        for (; i < hi; ++i)
            lane[0] += term(i);
        s += (lane[0] + lane[1]) + (lane[2] + lane[3]);
    }
    return s;
}

double dot(const std::vector<float>& a, const std::vector<float>& b) {
    return chunkedSum(long(a.size()), [&](long i) { return double(a[size_t(i)]) * double(b[size_t(i)]); });
}

} // namespace

void PoissonSolver::setup(Dims d, std::vector<float> t[3], std::vector<float> diag, bool singular) {
    singular_ = singular;
    fluidCells_ = size_t(std::count_if(diag.begin(), diag.end(), [](float d) { return d > 0; }));
    levels_.clear();
    levels_.emplace_back();
    Level& f = levels_.back();
    f.d = d;
    for (int a = 0; a < 3; ++a)
        f.t[a] = std::move(t[a]);
    f.diag = std::move(diag);
    packOpenFaces(f);
    // Coarsen axes of four cells or more until the grid is small; a thin axis (2-D mode) stays.
    while (levels_.back().d.size() > kCoarsestCells) {
        const Dims fd = levels_.back().d;
        std::array<int, 3> ratio{};
        bool any = false;
        for (int a = 0; a < 3; ++a) {
            ratio[size_t(a)] = fd.extent(a) >= 4 ? 2 : 1;
            any = any || ratio[size_t(a)] == 2;
        }
        if (!any) break;
        Level c;
        c.ratio = ratio;
        c.d = {(fd.nx + ratio[0] - 1) / ratio[0], (fd.ny + ratio[1] - 1) / ratio[1],
               (fd.nz + ratio[2] - 1) / ratio[2]};
        coarsen(levels_.back(), c);
        levels_.push_back(std::move(c));
    }
}

// Packs a level whose faces along each axis are all closed or all of one transmissibility (the finest
// level of a uniform grid); any other level keeps its floats.
void PoissonSolver::packOpenFaces(Level& L) {
    std::array<float, 3> value{0, 0, 0};
    for (int a = 0; a < 3; ++a)
        for (float t : L.t[a]) {
            if (t == 0) continue;
            if (value[size_t(a)] != 0 && t != value[size_t(a)]) return;
            value[size_t(a)] = t;
        }
    L.open.assign(L.d.size(), 0);
    for (int a = 0; a < 3; ++a) {
        for (size_t n = 0; n < L.open.size(); ++n)
            L.open[n] |= std::uint8_t(L.t[a][n] != 0 ? 1 << a : 0);
        std::vector<float>().swap(L.t[a]);
    }
    L.tOpen = value;
}

PoissonSolver::Scratch PoissonSolver::scratch() const {
    Scratch s;
    // The finest level's right-hand side is the CG residual r, lent to it for each V-cycle: no copy.
    for (const Level& L : levels_)
        s.levels.push_back({std::vector<float>(L.d.size()),
                            std::vector<float>(s.levels.empty() ? 0 : L.d.size()),
                            std::vector<float>(L.d.size())});
    const size_t n = levels_.empty() ? 0 : levels_.front().d.size();
    s.r.assign(n, 0);
    s.p.assign(n, 0);
    s.q.assign(n, 0);
    return s;
}

// Coarse transmissibility = Σ fine transmissibilities across the coarse face / ratio along the axis:
// this equals re-discretising on the coarse grid where all fine faces are open, and scales down with
// the open fraction where solids block part of the face.
void PoissonSolver::coarsen(const Level& f, Level& c) const {
    const Dims fd = f.d, cd = c.d;
    for (int a = 0; a < 3; ++a)
        c.t[a].assign(cd.size(), 0);
    c.diag.assign(cd.size(), 0);
    std::vector<float> dirichlet(cd.size(), 0);
    for (int k = 0; k < fd.nz; ++k)
        for (int j = 0; j < fd.ny; ++j)
            for (int i = 0; i < fd.nx; ++i) {
                const size_t n = fd.index(i, j, k);
                const int ci[3] = {i / c.ratio[0], j / c.ratio[1], k / c.ratio[2]};
                const int fi[3] = {i, j, k};
                const size_t cn = cd.index(ci[0], ci[1], ci[2]);
                float sumT = 0;
                for (int a = 0; a < 3; ++a) {
                    sumT += f.transmissibility(a, n);
                    if (fi[a] > 0) sumT += f.transmissibility(a, n - fd.stride(a));
                    // The fine face on the high side of the last child layer is part of the coarse face.
                    if (fi[a] % c.ratio[size_t(a)] == c.ratio[size_t(a)] - 1 && ci[a] + 1 < cd.extent(a))
                        c.t[a][cn] += f.transmissibility(a, n) / float(c.ratio[size_t(a)]);
                }
                dirichlet[cn] += std::max(0.0f, f.diag[n] - sumT) * 0.5f;
            }
    for (int k = 0; k < cd.nz; ++k)
        for (int j = 0; j < cd.ny; ++j)
            for (int i = 0; i < cd.nx; ++i) {
                const size_t n = cd.index(i, j, k);
                const int ci[3] = {i, j, k};
                float s = dirichlet[n];
                for (int a = 0; a < 3; ++a) {
                    s += c.t[a][n];
                    if (ci[a] > 0) s += c.t[a][n - cd.stride(a)];
                }
                c.diag[n] = s;
            }
}

namespace {

// What a row pass writes: y = A·x, or (Jacobi) the damped update y = x + ω(b − A·x)/D where D > 0.
template <bool Jacobi> inline float emit(float s, float x, float b, float d) {
    if constexpr (Jacobi) return d > 0 ? x + kJacobiWeight * (b - s) / d : x;
    return s;
}

// A level's high-side transmissibilities from a row's start: floats, or open bits times one value per axis.
struct DenseFaces {
    const float *tx, *ty, *tz;
    DenseFaces at(size_t row) const { return {tx + row, ty + row, tz + row}; }
    float x(long i) const { return tx[i]; }
    float y(long i) const { return ty[i]; }
    float z(long i) const { return tz[i]; }
};
struct PackedFaces {
    const std::uint8_t* open;
    float t0, t1, t2;
    PackedFaces at(size_t row) const { return {open + row, t0, t1, t2}; }
    float x(long i) const { return open[i] & 1 ? t0 : 0.0f; }
    float y(long i) const { return open[i] & 2 ? t1 : 0.0f; }
    float z(long i) const { return open[i] & 4 ? t2 : 0.0f; }
};

// f(faces) with the level's faces in the form it stores them.
template <class F> void withFaces(const PoissonSolver::Level& L, F&& f) {
    if (L.open.empty())
        f(DenseFaces{L.t[0].data(), L.t[1].data(), L.t[2].data()});
    else
        f(PackedFaces{L.open.data(), L.tOpen[0], L.tOpen[1], L.tOpen[2]});
}

// A pass over the cells [1, n − 1) of a row (the ends need guards): the 7-point stencil with the
// low-side faces of the row below (Down) and the layer below (Bottom) where they exist. `up`/`top`
// are 0 on the high sides, where the transmissibilities are zero. Vectorised.
template <bool Down, bool Bottom, bool Jacobi, class Faces>
void stencilRow(const float* __restrict x, Faces t, const float* __restrict dg, const float* __restrict b,
                float* __restrict y, long n, long sy, long sz, long up, long top) {
    for (long i = 1; i + 1 < n; ++i) {
        float s = dg[i] * x[i] - t.x(i) * x[i + 1] - t.y(i) * x[i + up] - t.z(i) * x[i + top] -
                  t.x(i - 1) * x[i - 1];
        if constexpr (Down) s -= t.y(i - sy) * x[i - sy];
        if constexpr (Bottom) s -= t.z(i - sz) * x[i - sz];
        y[i] = emit<Jacobi>(s, x[i], Jacobi ? b[i] : 0.0f, dg[i]);
    }
}

// Row (j, k) of a pass into yr (the row's output, wherever it lives).
template <bool Jacobi, class Faces>
void stencilRowOf(const Dims d, Faces faces, const float* diag, const float* x, const float* b, int j, int k,
                  float* yr) {
    const long sy = long(d.stride(1)), sz = long(d.stride(2));
    const size_t row = d.index(0, j, k);
    const float* xr = x + row;
    const Faces t = faces.at(row);
    const float* dg = diag + row;
    const float* br = Jacobi ? b + row : nullptr;
    // Transmissibilities of faces on the domain boundary are zero: the high-side neighbour only
    // needs its index guarded, the low side (the face belongs to the previous cell) its term.
    const long up = j + 1 < d.ny ? sy : 0, top = k + 1 < d.nz ? sz : 0;
    const bool down = j > 0, bottom = k > 0;
    auto cell = [&](int i) {
        const long e = i + 1 < d.nx ? 1 : 0;
        float s = dg[i] * xr[i] - t.x(i) * xr[i + e] - t.y(i) * xr[i + up] - t.z(i) * xr[i + top];
        if (i > 0) s -= t.x(i - 1) * xr[i - 1];
        if (down) s -= t.y(i - sy) * xr[i - sy];
        if (bottom) s -= t.z(i - sz) * xr[i - sz];
        yr[i] = emit<Jacobi>(s, xr[i], Jacobi ? br[i] : 0.0f, dg[i]);
    };
    cell(0);
    if (d.nx > 1) cell(d.nx - 1);
    const long n = d.nx;
    if (down && bottom)
        stencilRow<true, true, Jacobi>(xr, t, dg, br, yr, n, sy, sz, up, top);
    else if (down)
        stencilRow<true, false, Jacobi>(xr, t, dg, br, yr, n, sy, sz, up, top);
    else if (bottom)
        stencilRow<false, true, Jacobi>(xr, t, dg, br, yr, n, sy, sz, up, top);
    else
        stencilRow<false, false, Jacobi>(xr, t, dg, br, yr, n, sy, sz, up, top);
}

template <bool Jacobi>
void stencilPass(const PoissonSolver::Level& L, const std::vector<float>& x, const float* b, float* y) {
    const Dims d = L.d;
    withFaces(L, [&](auto faces) {
#pragma omp parallel for collapse(2) schedule(static) if (d.size() > kParallelCells)
        for (int k = 0; k < d.nz; ++k)
            for (int j = 0; j < d.ny; ++j)
                stencilRowOf<Jacobi>(d, faces, L.diag.data(), x.data(), b, j, k, y + d.index(0, j, k));
    });
}

} // namespace

void PoissonSolver::applyA(const Level& L, const std::vector<float>& x, std::vector<float>& y) const {
    stencilPass<false>(L, x, nullptr, y.data());
}

void PoissonSolver::smooth(const Level& L, Scratch::LevelVectors& v, int sweeps, bool zeroStart) const {
    const size_t N = L.d.size();
    int s = 0;
    if (zeroStart) {
#pragma omp parallel for schedule(static) if (N > kParallelCells)
        for (long n = 0; n < long(N); ++n) {
            const size_t m = size_t(n);
            v.x[m] = L.diag[m] > 0 ? kJacobiWeight * v.b[m] / L.diag[m] : 0.0f;
        }
        ++s;
    }
    // One pass per sweep: the update goes to r, which then becomes the iterate.
    for (; s < sweeps; ++s) {
        stencilPass<true>(L, v.x, v.b.data(), v.r.data());
        v.x.swap(v.r);
    }
}

void PoissonSolver::vcycle(Scratch& sc, size_t l) const {
    const Level& L = levels_[l];
    Scratch::LevelVectors& v = sc.levels[l];
    if (l + 1 == levels_.size()) {
        smooth(L, v, kCoarsestSweeps, true);
        return;
    }
    smooth(L, v, kSweeps, true);
    const Level& C = levels_[l + 1];
    Scratch::LevelVectors& cv = sc.levels[l + 1];
    restrictResidual(L, v, C, cv);
    vcycle(sc, l + 1);
    addCoarseCorrection(L, v, C, cv);
    // Post-smoothing continues from the corrected iterate.
    smooth(L, v, kSweeps, false);
}

// Sum of the fine residuals b − A·x into each coarse cell, each fine row's A·x computed on the way (no
// residual field); one coarse z-layer per iteration, so threads never add into the same cell.
void PoissonSolver::restrictResidual(const Level& L, const Scratch::LevelVectors& v, const Level& C,
                                     Scratch::LevelVectors& cv) const {
    const Dims d = L.d, cd = C.d;
    const int rz = C.ratio[2];
    withFaces(L, [&](auto faces) {
#pragma omp parallel if (d.size() > kParallelCells)
        {
            std::vector<float> ax(size_t(d.nx));
#pragma omp for schedule(static)
            for (int ck = 0; ck < cd.nz; ++ck) {
                float* coarse = cv.b.data() + cd.index(0, 0, ck);
                std::fill(coarse, coarse + cd.stride(2), 0.0f);
                for (int k = ck * rz; k < std::min(d.nz, (ck + 1) * rz); ++k)
                    for (int j = 0; j < d.ny; ++j) {
                        stencilRowOf<false>(d, faces, L.diag.data(), v.x.data(), nullptr, j, k, ax.data());
                        const float* b = v.b.data() + d.index(0, j, k);
                        const float* r = ax.data();
                        float* c = coarse + cd.index(0, j / C.ratio[1], 0);
                        if (C.ratio[0] == 2) {
                            for (int i = 0; i + 1 < d.nx; i += 2)
                                c[i / 2] += (b[i] - r[i]) + (b[i + 1] - r[i + 1]);
                            if (d.nx % 2) c[d.nx / 2] += b[d.nx - 1] - r[d.nx - 1];
                        } else {
                            for (int i = 0; i < d.nx; ++i)
                                c[i] += b[i] - r[i];
                        }
                    }
            }
        }
    });
}

// Piecewise-constant correction from the coarse level.
void PoissonSolver::addCoarseCorrection(const Level& L, Scratch::LevelVectors& v, const Level& C,
                                        const Scratch::LevelVectors& cv) const {
    const Dims d = L.d;
#pragma omp parallel for collapse(2) schedule(static) if (d.size() > kParallelCells)
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j) {
            float* x = v.x.data() + d.index(0, j, k);
            const float* c = cv.x.data() + C.d.index(0, j / C.ratio[1], k / C.ratio[2]);
            if (C.ratio[0] == 2)
                for (int i = 0; i < d.nx; ++i)
                    x[i] += c[i >> 1];
            else
                for (int i = 0; i < d.nx; ++i)
                    x[i] += c[i];
        }
}

void PoissonSolver::removeMean(std::vector<float>& v) const {
    if (fluidCells_ == 0) return;
    const float* diag = levels_.front().diag.data();
    const double sum =
        chunkedSum(long(v.size()), [&](long m) { return diag[m] > 0 ? double(v[size_t(m)]) : 0.0; });
    const float mean = float(sum / double(fluidCells_));
    const long N = long(v.size());
#pragma omp parallel for schedule(static) if (v.size() > kParallelCells)
    for (long m = 0; m < N; ++m)
        v[size_t(m)] -= diag[m] > 0 ? mean : 0.0f;
}

int PoissonSolver::solve(Scratch& s, std::vector<float>& x, const std::vector<float>& b, double relTol,
                         int maxIter) const {
    const Level& F = levels_.front();
    Scratch::LevelVectors& fv = s.levels.front();
    std::vector<float>&r = s.r, &p = s.p, &q = s.q;
    const size_t N = F.d.size();
    applyA(F, x, q);
#pragma omp parallel for schedule(static) if (N > kParallelCells)
    for (long n = 0; n < long(N); ++n)
        r[size_t(n)] = F.diag[size_t(n)] > 0 ? b[size_t(n)] - q[size_t(n)] : 0.0f;
    if (singular_) removeMean(r);
    const double bnorm = std::sqrt(dot(b, b));
    const double target = relTol * std::max(bnorm, 1e-30);
    double rnorm = std::sqrt(dot(r, r));
    s.lastRelativeResidual = rnorm / std::max(bnorm, 1e-30);
    if (rnorm <= target) return 0;
    auto precondition = [&]() {
        fv.b.swap(r); // the V-cycle only reads its right-hand side: r is lent to it (fv.b holds none)
        vcycle(s, 0);
        fv.b.swap(r);
    };
    precondition();
    p = fv.x;
    double rz = dot(r, fv.x);
    int it = 0;
    while (it < maxIter) {
        ++it;
        applyA(F, p, q);
        const double pq = dot(p, q);
        if (pq <= 0) break;
        const float alpha = float(rz / pq);
        double rr = 0;
#pragma omp parallel for reduction(+ : rr) schedule(static) if (N > kParallelCells)
        for (long n = 0; n < long(N); ++n) {
            x[size_t(n)] += alpha * p[size_t(n)];
            r[size_t(n)] -= alpha * q[size_t(n)];
            rr += double(r[size_t(n)]) * double(r[size_t(n)]);
        }
        rnorm = std::sqrt(rr);
        if (rnorm <= target) break;
        precondition();
        const double rzNew = dot(r, fv.x);
        const float beta = float(rzNew / rz);
        rz = rzNew;
#pragma omp parallel for schedule(static) if (N > kParallelCells)
        for (long n = 0; n < long(N); ++n)
            p[size_t(n)] = fv.x[size_t(n)] + beta * p[size_t(n)];
    }
    s.lastRelativeResidual = rnorm / std::max(bnorm, 1e-30);
    // A singular system's solution is defined up to a constant, which neither A·p nor r·z (r has zero mean)
    // sees: the preconditioned residuals may carry one, and it is taken out of x once, here.
    if (singular_) removeMean(x);
    return it;
}

size_t PoissonSolver::Scratch::memoryBytes() const {
    size_t n = r.size() + p.size() + q.size();
    for (const LevelVectors& v : levels)
        n += v.x.size() + v.b.size() + v.r.size();
    return n * sizeof(float);
}

size_t PoissonSolver::memoryBytes() const {
    size_t s = 0;
    for (const Level& L : levels_)
        s += (L.t[0].size() + L.t[1].size() + L.t[2].size() + L.diag.size()) * sizeof(float) + L.open.size();
    return s;
}

} // namespace halltwin::model::air
