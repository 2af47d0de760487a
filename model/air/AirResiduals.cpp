// Residuals of the steady momentum and energy equations (the explicit part of each step).
#include "AirKernels.hpp"

#include <span>

namespace halltwin::model::air::kernels {

namespace {

// van Leer limited upwind face value: the harmonic mean of the two upwind slopes keeps the scheme
// second order in smooth regions and bounded (no new extrema) at fronts.
inline float limited(float uu, float up, float dn) {
    const float d0 = up - uu, d1 = dn - up;
    return d0 * d1 > 0 ? up + d0 * d1 / (d0 + d1) : up;
}

// The same without a branch (both sides computed, then selected), for loops the compiler vectorises.
inline float limitedSelect(float uu, float up, float dn) {
    const float d0 = up - uu, d1 = dn - up, prod = d0 * d1;
    const bool steep = prod > 0;
    const float q = prod / (steep ? d0 + d1 : 1.0f);
    return up + (steep ? q : 0.0f);
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

// Residual of momentum DOF (i, j, k) of component c, for any DOF (sides, walls, eddy viscosity).
double momentumRhsAt(const AirModel& model, const AirState& state, int c, int i, int j, int k) {
    const AirGrid& g = model.airCase.grid;
    const AirProperties& air = model.airCase.air;
    const Dims d = model.velDims[c];
    const std::vector<float>& phi = state.vel[c];
    const size_t n = d.index(i, j, k);
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
        diff +=
            (nuHi * (neighbour(1, wallHigh) - phi[n]) + nuLo * (neighbour(-1, wallLow) - phi[n])) / (h * h);
    }
    int lo[3] = {i, j, k};
    --lo[c];
    const size_t cLo = model.cells.index(lo[0], lo[1], lo[2]), cHi = model.cells.index(i, j, k);
    const double Tf = 0.5 * (state.T[cLo] + state.T[cHi]);
    const double gradP = (state.p[cHi] - state.p[cLo]) / g.h(c);
    return -adv + diff + -air.gravity[size_t(c)] * air.expansion * (Tf - air.referenceC) - gradP;
}

// Neighbour offsets of a row along one axis, clamped to 0 beyond a side of the domain (where the
// side's wall values take over): the row kernels below then read no index outside the fields.
struct AxisRow {
    long m2 = 0, m1 = 0, p1 = 0, p2 = 0; // offsets of the DOFs two and one below, one and two above
    bool atLo = false, atHi = false;     // the row lies on the low / high side of the domain
};

AxisRow axisRow(int at, int extent, long stride) {
    AxisRow r;
    r.atLo = at == 0, r.atHi = at + 1 >= extent;
    r.m1 = at >= 1 ? -stride : 0;
    r.m2 = at >= 2 ? -2 * stride : r.m1;
    r.p1 = at + 1 < extent ? stride : 0;
    r.p2 = at + 2 < extent ? 2 * stride : r.p1;
    return r;
}

// A row of n DOFs as runs that share their x offsets: the DOFs two or more from either end as one run
// (vectorised), each of the four end DOFs alone with its offsets clamped.
struct Segment {
    int i0, i1;
    AxisRow x;
};
std::vector<Segment> segmentsOf(int n) {
    std::vector<Segment> out;
    const int i0 = std::min(2, n), i1 = std::max(i0, n - 2);
    if (i0 < i1) out.push_back({i0, i1, AxisRow{-2, -1, 1, 2, false, false}});
    for (int i = 0; i < n; ++i)
        if (i < i0 || i >= i1) out.push_back({i, i + 1, axisRow(i, n, 1)});
    return out;
}

// One axis of the momentum residual over DOFs [i0, i1) of a row (the terms of momentumRhsAt):
// advection by ½(V[hiA] + V[hiB]) and ½(V[loA] + V[loB]) of limited upwind values, diffusion with
// ghost values at the domain sides (2·wall − φ) and across solid surfaces (−φ, `walls`: the
// neighbour DOF is not an unknown and both cells beside it are solid). Adds into acc; vectorised.
template <bool AtLo, bool AtHi>
void momentumAxisOn(const float* __restrict V, const float* __restrict phi,
                    const std::uint8_t* __restrict kind, const std::uint8_t* __restrict solid,
                    float* __restrict acc, long n0, long cHi0, long cLo0, const long (&adv)[4],
                    const AxisRow& r, long csHi, long csLo, bool walls, float wallLo, float wallHi, int i0,
                    int i1, float ih, float nu) {
    const long hiA = adv[0], hiB = adv[1], loA = adv[2], loB = adv[3], m2 = r.m2, m1 = r.m1, p1 = r.p1,
               p2 = r.p2;
    for (int i = i0; i < i1; ++i) {
        const long n = n0 + i;
        const float up = 0.5f * (V[hiA + i] + V[hiB + i]), um = 0.5f * (V[loA + i] + V[loB + i]);
        const float fm2 = phi[n + m2], fm1 = phi[n + m1], f0 = phi[n], f1 = phi[n + p1], f2 = phi[n + p2];
        // The upwind side's three values first, then one limiter per face.
        const bool pUp = up >= 0, mUp = um >= 0;
        const float fpIn = limitedSelect(pUp ? fm1 : f2, pUp ? f0 : f1, pUp ? f1 : f0);
        const float fmIn = limitedSelect(mUp ? fm2 : f1, mUp ? fm1 : f0, mUp ? f0 : fm1);
        const float fp = AtHi ? (up > 0 ? f0 : wallHi) : fpIn;
        const float fm = AtLo ? (um < 0 ? f0 : wallLo) : fmIn;
        const bool solidHi =
            (kind[n + p1] != Active) & (solid[cHi0 + i + csHi] != 0) & (solid[cLo0 + i + csHi] != 0);
        const bool solidLo =
            (kind[n + m1] != Active) & (solid[cHi0 + i - csLo] != 0) & (solid[cLo0 + i - csLo] != 0);
        const float hiNb = AtHi ? 2 * wallHi - f0 : (walls & solidHi) ? -f0 : f1;
        const float loNb = AtLo ? 2 * wallLo - f0 : (walls & solidLo) ? -f0 : fm1;
        acc[i] += nu * (hiNb - f0 + loNb - f0) - (up * fp - um * fm) * ih;
    }
}

// The row's sides are template arguments: a select on a loop-invariant flag would stop the vectoriser.
void momentumAxis(const float* __restrict V, const float* __restrict phi, const std::uint8_t* __restrict kind,
                  const std::uint8_t* __restrict solid, float* __restrict acc, long n0, long cHi0, long cLo0,
                  const long (&adv)[4], const AxisRow& r, long csHi, long csLo, bool walls, float wallLo,
                  float wallHi, int i0, int i1, float ih, float nu) {
    withFlags(r.atLo, r.atHi, [&](auto lo, auto hi) {
        momentumAxisOn<lo(), hi()>(V, phi, kind, solid, acc, n0, cHi0, cLo0, adv, r, csHi, csLo, walls,
                                   wallLo, wallHi, i0, i1, ih, nu);
    });
}

// Buoyancy (Boussinesq, face temperature) and pressure gradient, then the DOFs that are unknowns
// take the row's residual.
void momentumStore(const float* __restrict T, const float* __restrict p, const std::uint8_t* __restrict kind,
                   const float* __restrict acc, float* __restrict out, long cHi0, long cLo0, int i0, int i1,
                   float gb, float Tref, float ihc) {
    for (int i = i0; i < i1; ++i) {
        const long cHi = cHi0 + i, cLo = cLo0 + i;
        const float r = acc[i] + gb * (0.5f * (T[cLo] + T[cHi]) - Tref) - (p[cHi] - p[cLo]) * ihc;
        out[i] = kind[i] == Active ? r : out[i];
    }
}

// Row (j, k) of component c, constant viscosity: momentumRhsAt's terms, an axis at a time over the row's
// segments. Rows on the sides of the domain normal to c, and the x sides for c = 0, hold no unknowns.
void momentumRhsRow(const AirModel& model, const AirState& state, int c, int j, int k,
                    const std::vector<Segment>& segments, float* acc, std::vector<float>& out) {
    const AirGrid& g = model.airCase.grid;
    const AirProperties& air = model.airCase.air;
    const Dims d = model.velDims[c], cells = model.cells;
    const int at[3] = {0, j, k};
    if (c > 0 && (at[c] == 0 || at[c] + 1 >= d.extent(c))) return;
    const long n0 = long(d.index(0, j, k));
    const long cHi0 = long(cells.index(0, j, k)), cLo0 = cHi0 - long(cells.stride(c));
    std::fill(acc, acc + d.nx, 0.0f);
    // For c = 0 the DOFs at the row's ends are the domain's x sides: never unknowns.
    const int i0 = c == 0 ? 1 : 0, i1 = c == 0 ? d.nx - 1 : d.nx;
    auto skip = [&](const Segment& q) { return q.i0 < i0 || q.i1 > i1; };
    for (int a = 0; a < model.nd; ++a) {
        const long st = long(d.stride(a)), cs = long(cells.stride(a));
        const AxisRow row = axisRow(at[a], d.extent(a), st);
        long adv[4];
        advectingRow(model, c, a, j, k, adv);
        const float wallLo = float(model.airCase.sides[size_t(2 * a)].velocity[size_t(c)]);
        const float wallHi = float(model.airCase.sides[size_t(2 * a + 1)].velocity[size_t(c)]);
        const float ih = float(1 / g.h(a)), nu = float(air.viscosity / (g.h(a) * g.h(a)));
        auto axis = [&](const AxisRow& r, int from, int to) {
            momentumAxis(state.vel[a].data(), state.vel[c].data(), model.faceKind[c].data(), g.solid.data(),
                         acc, n0, cHi0, cLo0, adv, r, r.atHi ? 0 : cs, r.atLo ? 0 : cs, a != c, wallLo,
                         wallHi, from, to, ih, nu);
        };
        // Along y and z the offsets are the same for the whole row: one vectorised run.
        if (a > 0) {
            axis(row, i0, i1);
            continue;
        }
        for (const Segment& q : segments)
            if (!skip(q)) axis(q.x, q.i0, q.i1);
    }
    momentumStore(state.T.data(), state.p.data(), model.faceKind[c].data() + n0, acc, out.data() + n0, cHi0,
                  cLo0, i0, i1, float(-air.gravity[size_t(c)] * air.expansion), float(air.referenceC),
                  float(1 / g.h(c)));
}

// Residual of the energy equation in fluid cell (i, j, k), for any cell.
double temperatureRhsAt(const AirModel& model, const AirState& state, int i, int j, int k) {
    const AirGrid& g = model.airCase.grid;
    const Dims d = model.cells;
    const size_t n = d.index(i, j, k);
    const int m[3] = {i, j, k};
    double adv = 0, diff = 0;
    for (int a = 0; a < model.nd; ++a) {
        const size_t st = d.stride(a);
        const double h = g.h(a);
        const size_t lo = model.velDims[a].index(i, j, k);
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
            return limited(fluidAt(q + 2) ? state.T[nq + 2 * st] : state.T[nq + st], state.T[nq + st],
                           state.T[nq]);
        };
        if (model.faceKind[a][hi] == Active) {
            const double U = state.vel[a][hi];
            adv += U * faceT(n, m[a], U) / h;
            diff += diffusivityBetween(model, state, n, n + st) * (state.T[n + st] - state.T[n]) / (h * h);
        } else if (model.faceKind[a][hi] == Wall && m[a] + 1 == d.extent(a)) {
            const WallSide& s = model.airCase.sides[size_t(2 * a + 1)];
            if (s.fixedTemperature)
                diff += 2 * diffusivityAt(model, state, n) * (s.temperatureC - state.T[n]) / (h * h);
        }
        if (model.faceKind[a][lo] == Active) {
            const double U = state.vel[a][lo];
            adv -= U * faceT(n - st, m[a] - 1, U) / h;
            diff += diffusivityBetween(model, state, n, n - st) * (state.T[n - st] - state.T[n]) / (h * h);
        } else if (model.faceKind[a][lo] == Wall && m[a] == 0) {
            const WallSide& s = model.airCase.sides[size_t(2 * a)];
            if (s.fixedTemperature)
                diff += 2 * diffusivityAt(model, state, n) * (s.temperatureC - state.T[n]) / (h * h);
        }
    }
    // Advect T − T_ref: the divergence a step leaves (the pressure tolerance) then moves
    // (T − T_ref)·∇·u of heat, not T·∇·u with T in °C.
    return -adv + diff + model.airCase.air.referenceC * divergence(model, state, i, j, k);
}

// One axis of the energy residual over cells [i0, i1) of a row (the terms of temperatureRhsAt):
// limited upwind face values (first order where the cell beyond the upwind one is solid or outside),
// diffusion through open faces and to a fixed-temperature side, and T_ref·∇·u. Adds into acc.
void temperatureAxis(const float* __restrict V, const float* __restrict T,
                     const std::uint8_t* __restrict kind, const std::uint8_t* __restrict solid,
                     float* __restrict acc, long n0, long f0, long sa, const AxisRow& r, bool outLo2,
                     bool outHi2, float wallT, bool fixedLo, bool fixedHi, int i0, int i1, float ih, float D,
                     float Tref) {
    const bool outLo1 = r.atLo, outHi1 = r.atHi;
    const long m2 = r.m2, m1 = r.m1, p1 = r.p1, p2 = r.p2;
    for (int i = i0; i < i1; ++i) {
        const long n = n0 + i, fl = f0 + i, fh = fl + sa;
        const float tm2 = T[n + m2], tm1 = T[n + m1], t0 = T[n], t1 = T[n + p1], t2 = T[n + p2];
        const bool sm2 = outLo2 | (solid[n + m2] != 0), sm1 = outLo1 | (solid[n + m1] != 0);
        const bool sp1 = outHi1 | (solid[n + p1] != 0), sp2 = outHi2 | (solid[n + p2] != 0);
        const float um2 = sm2 ? tm1 : tm2, um1 = sm1 ? t0 : tm1, u1 = sp1 ? t0 : t1, u2 = sp2 ? t1 : t2;
        const float Uh = V[fh], Ul = V[fl];
        const bool hUp = Uh >= 0, lUp = Ul >= 0;
        const float Th = limitedSelect(hUp ? um1 : u2, hUp ? t0 : t1, hUp ? t1 : t0);
        const float Tl = limitedSelect(lUp ? um2 : u1, lUp ? tm1 : t0, lUp ? t0 : tm1);
        const bool hiOpen = kind[fh] == Active, loOpen = kind[fl] == Active;
        const bool wall = (fixedHi & (kind[fh] == Wall)) | (fixedLo & (kind[fl] == Wall));
        const float adv = ((hiOpen ? Uh * Th : 0.0f) - (loOpen ? Ul * Tl : 0.0f)) * ih;
        const float diff =
            D * ((hiOpen ? t1 - t0 : 0.0f) + (loOpen ? tm1 - t0 : 0.0f) + (wall ? 2 * (wallT - t0) : 0.0f));
        acc[i] += diff - adv + Tref * (Uh - Ul) * ih;
    }
}

// Cells [i0, i1) of row (j, k), constant diffusivity: temperatureRhsAt's terms, a row and an axis at a
// time; solid cells get 0.
void temperatureRhsRow(const AirModel& model, const AirState& state, int j, int k,
                       const std::vector<Segment>& segments, float* acc, std::vector<float>& out) {
    const AirGrid& g = model.airCase.grid;
    const Dims d = model.cells;
    const int at[3] = {0, j, k};
    const long n0 = long(d.index(0, j, k));
    std::fill(acc, acc + d.nx, 0.0f);
    for (int a = 0; a < model.nd; ++a) {
        const long st = long(d.stride(a));
        const AxisRow row = axisRow(at[a], d.extent(a), st);
        const WallSide& lo = model.airCase.sides[size_t(2 * a)];
        const WallSide& hi = model.airCase.sides[size_t(2 * a + 1)];
        const Dims& va = model.velDims[a];
        const float D = float(model.airCase.air.diffusivity / (g.h(a) * g.h(a)));
        // Along y and z the offsets are the same for the whole row: one vectorised run.
        const Segment whole{0, d.nx, row};
        const std::span<const Segment> runs = a == 0 ? std::span(segments) : std::span(&whole, 1);
        for (const Segment& q : runs) {
            const AxisRow& r = q.x;
            // The cell two beyond lies outside the domain (the offset was clamped).
            const bool outLo2 = r.m2 != -2 * st, outHi2 = r.p2 != 2 * st;
            // A side with a fixed temperature, when the run lies on it (one run can lie on both).
            const bool onHi = r.atHi && hi.fixedTemperature, onLo = r.atLo && lo.fixedTemperature && !onHi;
            temperatureAxis(state.vel[a].data(), state.T.data(), model.faceKind[a].data(), g.solid.data(),
                            acc, n0, long(va.index(0, j, k)), long(va.stride(a)), r, outLo2, outHi2,
                            float(onHi ? hi.temperatureC : lo.temperatureC), onLo, onHi, q.i0, q.i1,
                            float(1 / g.h(a)), D, float(model.airCase.air.referenceC));
            if (r.atLo && r.atHi && lo.fixedTemperature && hi.fixedTemperature) {
                // Both sides fixed on a one-cell axis: the low side's conduction too (rare; done per cell).
                for (int i = q.i0; i < q.i1; ++i)
                    if (model.faceKind[a][size_t(long(va.index(0, j, k)) + i)] == Wall)
                        acc[i] += D * 2 * float(lo.temperatureC - state.T[size_t(n0 + i)]);
            }
        }
    }
    const std::uint8_t* solid = g.solid.data() + n0;
    float* o = out.data() + n0;
    for (int i = 0; i < d.nx; ++i)
        o[i] = solid[i] ? 0.0f : acc[i];
}

// Every row of d on both cores: row(j, k, segments, scratch) when `fast`, else DOF by DOF through
// dof(i, j, k).
template <class Row, class Dof> void forRows(const Dims& d, bool fast, Row&& row, Dof&& dof) {
    const std::vector<Segment> segments = segmentsOf(d.nx);
#pragma omp parallel
    {
        std::vector<float> acc(size_t(d.nx));
#pragma omp for collapse(2) schedule(static)
        for (int k = 0; k < d.nz; ++k)
            for (int j = 0; j < d.ny; ++j) {
                if (fast) {
                    row(j, k, segments, acc.data());
                    continue;
                }
                for (int i = 0; i < d.nx; ++i)
                    dof(i, j, k);
            }
    }
}

} // namespace

void momentumRhs(const AirModel& model, const AirState& state, int c, std::vector<float>& out) {
    const Dims d = model.velDims[c];
    const bool fast = state.nuT.empty() && !model.airCase.grid.solid.empty();
    forRows(
        d, fast,
        [&](int j, int k, const std::vector<Segment>& segments, float* acc) {
            momentumRhsRow(model, state, c, j, k, segments, acc, out);
        },
        [&](int i, int j, int k) {
            const size_t n = d.index(i, j, k);
            if (model.faceKind[c][n] == Active) out[n] = float(momentumRhsAt(model, state, c, i, j, k));
        });
    for (const MomentumSource& s : model.airCase.momentumSources) {
        if (s.axis != c) continue;
        const size_t n = d.index(s.i, s.j, s.k);
        if (model.faceKind[c][n] == Active) out[n] += float(s.acceleration);
    }
}

void temperatureRhs(const AirModel& model, const AirState& state, std::vector<float>& out) {
    const AirGrid& g = model.airCase.grid;
    const Dims d = model.cells;
    const bool fast = state.nuT.empty() && !g.solid.empty();
    forRows(
        d, fast,
        [&](int j, int k, const std::vector<Segment>& segments, float* acc) {
            temperatureRhsRow(model, state, j, k, segments, acc, out);
        },
        [&](int i, int j, int k) {
            out[d.index(i, j, k)] =
                g.isFluid(i, j, k) ? float(temperatureRhsAt(model, state, i, j, k)) : 0.0f;
        });
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
