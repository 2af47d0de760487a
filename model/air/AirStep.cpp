// One step: momentum residuals and their LU-SGS increments, the projection, then the temperature with
// the new velocities (delta form: (1/dt + A) Δ = R).
#include "AirStep.hpp"

#include "AirKernels.hpp"

#include <algorithm>
#include <cmath>

namespace halltwin::model::air {

namespace {

double domainLength(const AirModel& m) {
    const AirGrid& g = m.airCase.grid;
    return std::max({g.nx * g.hx, g.ny * g.hy, m.nd == 3 ? g.nz * g.hz : 0.0});
}

// max |v| over a field, eight lanes per chunk so the compiler can use vector registers.
float largestMagnitude(const std::vector<float>& v) {
    constexpr long kChunk = 1024;
    const long n = long(v.size()), chunks = (n + kChunk - 1) / kChunk;
    float u = 0;
#pragma omp parallel for reduction(max : u) schedule(static)
    for (long c = 0; c < chunks; ++c) {
        const long lo = c * kChunk, hi = std::min(n, lo + kChunk);
        float lane[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        long i = lo;
        for (; i + 8 <= hi; i += 8)
            for (int q = 0; q < 8; ++q)
                lane[q] = std::max(lane[q], std::fabs(v[size_t(i + q)]));
        for (; i < hi; ++i)
            lane[0] = std::max(lane[0], std::fabs(v[size_t(i)]));
        for (float l : lane)
            u = std::max(u, l);
    }
    return u;
}

double largestSpeed(const AirModel& m, const AirState& s) {
    float u = 0;
    for (int a = 0; a < m.nd; ++a)
        u = std::max(u, largestMagnitude(s.vel[a]));
    return u;
}

// The largest speed the flow has or will reach: faces, lids, openings and the buoyant velocity
// sqrt(g β ΔT L) of the temperature span (walls included), so a flow starting from rest gets a step.
double velocityScale(const AirModel& m, const AirState& s) {
    const AirCase& c = m.airCase;
    double u = std::max(1e-3, largestSpeed(m, s));
    float tLo = s.T.front(), tHi = s.T.front();
    const long N = long(s.T.size());
#pragma omp parallel for reduction(min : tLo) reduction(max : tHi) schedule(static)
    for (long n = 0; n < N; ++n)
        tLo = std::min(tLo, s.T[size_t(n)]), tHi = std::max(tHi, s.T[size_t(n)]);
    double lo = tLo, hi = tHi;
    for (const WallSide& w : c.sides) {
        for (double v : w.velocity)
            u = std::max(u, std::fabs(v));
        if (w.fixedTemperature) lo = std::min(lo, w.temperatureC), hi = std::max(hi, w.temperatureC);
    }
    for (const Opening& o : c.openings)
        u = std::max(u, std::fabs(o.velocity));
    const auto& gr = c.air.gravity;
    const double gAbs = std::sqrt(gr[0] * gr[0] + gr[1] * gr[1] + gr[2] * gr[2]);
    return std::max(u, std::sqrt(gAbs * c.air.expansion * (hi - lo) * domainLength(m)));
}

double timeStep(const AirModel& m, const AirState& s, double cfl) {
    const AirGrid& g = m.airCase.grid;
    double h = g.hx;
    for (int a = 1; a < m.nd; ++a)
        h = std::min(h, g.h(a));
    return cfl * h / velocityScale(m, s);
}

// Supply temperatures (a linked opening lets in its partner's outflow mean + ΔT) and prescribed
// velocities.
void applyOpenings(const AirModel& m, AirState& s) {
    const auto& openings = m.airCase.openings;
    for (size_t o = 0; o < openings.size(); ++o) {
        const Opening& op = openings[o];
        s.inflowT[o] = float(supplyTemperature(m, s, o));
        if (op.kind != Opening::Kind::Velocity) continue;
        for (const BoundaryFace& f : op.faces)
            s.vel[f.axis][m.faceIndexOf(f)] = float(-f.outward * op.velocity);
    }
}

// b = −V ∇·u per fluid cell (all faces, openings included), a row at a time.
void divergenceRow(const float* __restrict u, const float* __restrict v, const float* __restrict w,
                   const std::uint8_t* __restrict solid, float* __restrict b, int n, long su, long sv,
                   long sw, float cu, float cv, float cw) {
    for (int i = 0; i < n; ++i) {
        const float div = cu * (u[i + su] - u[i]) + cv * (v[i + sv] - v[i]) + cw * (w[i + sw] - w[i]);
        b[i] = solid[i] ? 0.0f : div;
    }
}

void divergenceSource(const AirModel& m, const AirState& s, std::vector<float>& b) {
    const AirGrid& g = m.airCase.grid;
    const Dims cells = m.cells;
    const std::vector<std::uint8_t> none(g.solid.empty() ? size_t(cells.nx) : 0, 0);
    // −V/h per axis (a 2-D slab has no w faces: its z term is zero).
    const float c[3] = {float(-g.cellVolume() / g.hx), float(-g.cellVolume() / g.hy),
                        m.nd == 3 ? float(-g.cellVolume() / g.hz) : 0.0f};
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < cells.nz; ++k)
        for (int j = 0; j < cells.ny; ++j) {
            const size_t row = cells.index(0, j, k);
            const float* f[3];
            long st[3];
            for (int a = 0; a < 3; ++a) {
                const bool used = a < m.nd;
                f[a] = s.vel[used ? a : 0].data() + m.velDims[used ? a : 0].index(0, j, used ? k : 0);
                st[a] = used ? long(m.velDims[a].stride(a)) : 0;
            }
            divergenceRow(f[0], f[1], f[2], g.solid.empty() ? none.data() : g.solid.data() + row,
                          b.data() + row, cells.nx, st[0], st[1], st[2], c[0], c[1], c[2]);
        }
}

// u −= ∇δφ on the faces of component a that are unknowns (δφ of the cells on either side), a row at a
// time; the faces on the domain's sides normal to a are never unknowns.
void correctRow(const float* __restrict dphi, const std::uint8_t* __restrict kind, float* __restrict u,
                int i0, int i1, long below, float ih) {
    for (int i = i0; i < i1; ++i)
        u[i] -= kind[i] == Active ? (dphi[i] - dphi[i - below]) * ih : 0.0f;
}

void correctFaces(const AirModel& m, int a, const std::vector<float>& dphi, std::vector<float>& u) {
    const Dims d = m.velDims[a], cells = m.cells;
    const float ih = float(1 / m.airCase.grid.h(a));
    const long below = long(cells.stride(a));
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j) {
            const int at[3] = {0, j, k};
            if (a > 0 && (at[a] == 0 || at[a] >= cells.extent(a))) continue;
            const int i0 = a == 0 ? 1 : 0, i1 = a == 0 ? cells.nx : d.nx;
            // Face (i, j, k) of component a lies between cell (i, j, k) and the one below it along a.
            const long face = long(d.index(0, j, k)), cell = long(cells.index(0, j, k));
            correctRow(dphi.data() + cell, m.faceKind[a].data() + face, u.data() + face, i0, i1, below, ih);
        }
}

// Incremental projection: δφ from Σ_f T_f (δφ_P − δφ_nb) = −∇·u*, u = u* − ∇δφ, p += δφ / dt.
int project(const AirModel& m, AirState& s, AirWorkspace& w, double relTol, int maxIter, double dt) {
    const AirGrid& g = m.airCase.grid;
    const Dims cells = m.cells;
    std::vector<float>& b = w.rhs[3];        // free until the temperature step
    std::vector<float>& dphi = s.correction; // solved in place: the next step's first guess
    divergenceSource(m, s, b);
    // The last step's correction is the initial guess: in a pseudo-time march it changes slowly.
    if (dphi.size() != cells.size()) dphi.assign(cells.size(), 0.0f);
    const int it = m.pressure.solve(w.pressure, dphi, b, relTol, maxIter);
    for (int a = 0; a < m.nd; ++a)
        correctFaces(m, a, dphi, s.vel[a]);
    // Pressure openings hold p = 0 on their plane, half a cell beyond the cell centre.
    for (const Opening& o : m.airCase.openings) {
        if (o.kind != Opening::Kind::Pressure) continue;
        for (const BoundaryFace& f : o.faces) {
            const double p = dphi[cells.index(f.i, f.j, f.k)];
            const double h2 = 0.5 * g.h(f.axis);
            s.vel[f.axis][m.faceIndexOf(f)] -= float(f.outward > 0 ? (0 - p) / h2 : (p - 0) / h2);
        }
    }
    const float invDt = float(1 / dt);
#pragma omp parallel for schedule(static)
    for (long n = 0; n < long(s.p.size()); ++n)
        s.p[size_t(n)] += dphi[size_t(n)] * invDt;
    return it;
}

// Per cell, Σ outflow velocity / h through its opening faces (1/s).
void openingOutflow(const AirModel& m, const AirState& s, std::vector<float>& out) {
    std::fill(out.begin(), out.end(), 0.0f);
    for (const Opening& o : m.airCase.openings)
        for (const BoundaryFace& f : o.faces) {
            const double un = -f.outward * s.vel[f.axis][m.faceIndexOf(f)]; // into the domain
            if (un < 0) out[m.cells.index(f.i, f.j, f.k)] += float(-un / m.airCase.grid.h(f.axis));
        }
}

} // namespace

StepOptions SolveOptions::step(bool steady, double dtMax) const {
    return {steady, dtMax, cfl, temperatureCfl, transientCfl, pressureTolerance, pressureMaxIterations};
}

double step(const AirModel& m, AirState& s, AirWorkspace& w, const StepOptions& o) {
    const double dt = std::min(timeStep(m, s, o.steady ? o.cfl : o.transientCfl), o.dtMax);
    applyOpenings(m, s);
    kernels::updateEddyViscosity(m, s);
    double msU = 0;
    for (int c = 0; c < m.nd; ++c)
        kernels::momentumRhs(m, s, c, w.rhs[c]);
    for (int c = 0; c < m.nd; ++c) {
        msU += kernels::sweepMomentum(m, s, c, w.rhs[c], w.upper, 1 / dt) / m.nd;
    }
    for (int c = 0; c < m.nd; ++c) {
        const long N = long(s.vel[c].size());
#pragma omp parallel for schedule(static)
        for (long n = 0; n < N; ++n)
            if (m.faceKind[c][size_t(n)] == Active) s.vel[c][size_t(n)] += w.rhs[c][size_t(n)];
    }
    s.pressureIterations += project(m, s, w, o.pressureTolerance, o.pressureMaxIterations, dt);
    kernels::temperatureRhs(m, s, w.rhs[3]);
    std::vector<float>& outflow = w.pressure.q; // free once the projection is done
    openingOutflow(m, s, outflow);
    const double msT =
        kernels::sweepTemperature(m, s, w.rhs[3], w.upper, 1 / dt, o.steady ? o.temperatureCfl : 0, outflow);
    const double umax = largestSpeed(m, s);
    float tmin = 1e30f, tmax = -1e30f;
    const long N = long(s.T.size());
#pragma omp parallel for reduction(min : tmin) reduction(max : tmax) schedule(static)
    for (long n = 0; n < N; ++n) {
        const size_t q = size_t(n);
        if (!m.fluid(q)) continue;
        s.T[q] += w.rhs[3][q];
        tmin = std::min(tmin, s.T[q]);
        tmax = std::max(tmax, s.T[q]);
    }
    kernels::stepTurbulence(m, s, w, o.steady ? dt * o.temperatureCfl / o.cfl : dt, o.steady);
    const double L = domainLength(m);
    const double U = std::max(umax, 1e-9);
    // A uniform field has no scale of its own: measure it against 1 % of its magnitude instead.
    const double dT = std::max(double(tmax - tmin),
                               0.01 * std::max({1.0, std::fabs(double(tmax)), std::fabs(double(tmin))}));
    s.residual = std::max(std::sqrt(msU) * L / (U * U), std::sqrt(msT) * L / (U * dT));
    ++s.age;
    return dt;
}

} // namespace halltwin::model::air
