#include "AirState.hpp"

#include "AirKernels.hpp"

#include <algorithm>
#include <cmath>

namespace halltwin::model::air {

namespace {

double exitTemperature(const AirModel& m, const AirState& s, const BoundaryFace& f) {
    return s.T[m.cells.index(f.i, f.j, f.k)];
}

// Trilinear sample of a field on the lattice d at fractional index position q (clamped to the
// lattice), counting only the points `use` accepts; falls back to the nearest point when none does.
template <class Use> float sample(const std::vector<float>& f, const Dims& d, const double q[3], Use&& use) {
    int lo[3];
    double w[3];
    const int ext[3] = {d.nx, d.ny, d.nz};
    for (int a = 0; a < 3; ++a) {
        const double x = std::clamp(q[a], 0.0, double(ext[a] - 1));
        lo[a] = std::min(int(x), std::max(0, ext[a] - 2));
        w[a] = ext[a] > 1 ? x - lo[a] : 0.0;
    }
    double sum = 0, weight = 0;
    for (int c = 0; c < 8; ++c) {
        const int i = std::min(lo[0] + (c & 1), d.nx - 1), j = std::min(lo[1] + (c >> 1 & 1), d.ny - 1),
                  k = std::min(lo[2] + (c >> 2 & 1), d.nz - 1);
        const double wc =
            ((c & 1) ? w[0] : 1 - w[0]) * ((c >> 1 & 1) ? w[1] : 1 - w[1]) * ((c >> 2 & 1) ? w[2] : 1 - w[2]);
        const size_t n = d.index(i, j, k);
        if (wc <= 0 || !use(n)) continue;
        sum += wc * f[n];
        weight += wc;
    }
    if (weight > 0) return float(sum / weight);
    return f[d.index(int(std::lround(std::clamp(q[0], 0.0, double(d.nx - 1)))),
                     int(std::lround(std::clamp(q[1], 0.0, double(d.ny - 1)))),
                     int(std::lround(std::clamp(q[2], 0.0, double(d.nz - 1)))))];
}

} // namespace

AirState restState(const AirModel& m, double initialC) {
    AirState s;
    for (int a = 0; a < 3; ++a)
        s.vel[a].assign(m.velDims[a].size(), 0.0f);
    s.T.assign(m.cells.size(), float(initialC));
    s.p.assign(m.cells.size(), 0.0f);
    if (m.airCase.air.eddyViscosity()) s.nuT.assign(m.cells.size(), 0.0f);
    if (m.airCase.air.kEpsilon) kernels::restTurbulence(m, s);
    s.inflowT.assign(m.airCase.openings.size(), float(m.airCase.air.referenceC));
    return s;
}

AirWorkspace makeWorkspace(const AirModel& m) {
    AirWorkspace w;
    for (int a = 0; a < 3; ++a)
        w.rhs[a].assign(m.velDims[a].size(), 0.0f);
    w.rhs[3].assign(m.cells.size(), 0.0f);
    for (auto& u : w.upper)
        u.assign(std::max({m.velDims[0].size(), m.velDims[1].size(), m.velDims[2].size()}), 0.0f);
    w.pressure = m.pressure.scratch();
    return w;
}

AirState carryOver(const AirModel& to, const AirModel& from, AirState s) {
    const Dims d = to.cells;
    if (d.nx != from.cells.nx || d.ny != from.cells.ny || d.nz != from.cells.nz || s.T.size() != d.size())
        return restState(to, from.airCase.air.referenceC);
    const AirGrid& old = from.airCase.grid;
    const AirGrid& now = to.airCase.grid;
    const int nb[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i) {
                if (old.isFluid(i, j, k) || !now.isFluid(i, j, k)) continue;
                double sum = 0;
                int n = 0;
                for (const auto& o : nb)
                    if (old.isFluid(i + o[0], j + o[1], k + o[2])) {
                        sum += s.T[d.index(i + o[0], j + o[1], k + o[2])];
                        ++n;
                    }
                if (n > 0) s.T[d.index(i, j, k)] = float(sum / n);
            }
    for (int a = 0; a < 3; ++a)
        for (size_t n = 0; n < s.vel[a].size(); ++n)
            if (to.faceKind[a][n] != Active) s.vel[a][n] = 0;
    if (!to.airCase.air.eddyViscosity())
        s.nuT.clear();
    else if (s.nuT.size() != d.size())
        s.nuT.assign(d.size(), 0.0f);
    if (!to.airCase.air.kEpsilon)
        s.k.clear(), s.eps.clear();
    else if (s.k.size() != d.size() || s.eps.size() != d.size())
        kernels::restTurbulence(to, s);
    // Supply temperatures as a step sets them, so the monitors start where the last solve left them.
    s.inflowT.resize(to.airCase.openings.size());
    for (size_t o = 0; o < s.inflowT.size(); ++o)
        s.inflowT[o] = float(supplyTemperature(to, s, o));
    return s;
}

AirState interpolateState(const AirModel& to, const AirModel& from, const AirState& s) {
    const AirGrid &g = to.airCase.grid, &f = from.airCase.grid;
    AirState out = restState(to, to.airCase.air.referenceC);
    const Dims fc = from.cells;
    // Position of a point of `to` in `from`'s cell-centre index space along axis a; faces sit half a
    // cell lower than centres.
    auto at = [&](int a, int index, bool face) {
        const double x = (index + (face ? 0.0 : 0.5)) * g.h(a);
        return x / f.h(a) - (face ? 0.0 : 0.5);
    };
    for (int k = 0; k < to.cells.nz; ++k)
        for (int j = 0; j < to.cells.ny; ++j)
            for (int i = 0; i < to.cells.nx; ++i) {
                const double q[3] = {at(0, i, false), at(1, j, false), at(2, k, false)};
                const size_t n = to.cells.index(i, j, k);
                auto fluid = [&](size_t c) { return from.fluid(c); };
                out.T[n] = sample(s.T, fc, q, fluid);
                out.p[n] = sample(s.p, fc, q, fluid);
                if (!out.k.empty() && s.k.size() == fc.size()) {
                    out.k[n] = sample(s.k, fc, q, fluid);
                    out.eps[n] = sample(s.eps, fc, q, fluid);
                }
            }
    for (int a = 0; a < to.nd; ++a) {
        const Dims d = to.velDims[a];
        for (int k = 0; k < d.nz; ++k)
            for (int j = 0; j < d.ny; ++j)
                for (int i = 0; i < d.nx; ++i) {
                    const size_t n = d.index(i, j, k);
                    if (to.faceKind[a][n] != Active) continue;
                    const double q[3] = {at(0, i, a == 0), at(1, j, a == 1), at(2, k, a == 2)};
                    out.vel[a][n] = sample(s.vel[a], from.velDims[a], q, [](size_t) { return true; });
                }
    }
    if (s.inflowT.size() == out.inflowT.size()) out.inflowT = s.inflowT;
    out.age = s.age;
    return out;
}

std::array<double, 3> cellVelocity(const AirModel& m, const AirState& s, int i, int j, int k) {
    std::array<double, 3> u{};
    for (int a = 0; a < m.nd; ++a) {
        const size_t lo = m.velDims[a].index(i, j, k);
        u[size_t(a)] = 0.5 * (s.vel[a][lo] + s.vel[a][lo + m.velDims[a].stride(a)]);
    }
    return u;
}

double openingFlow(const AirModel& m, const AirState& s, size_t o) {
    double q = 0;
    for (const BoundaryFace& f : m.airCase.openings[o].faces)
        q += -f.outward * s.vel[f.axis][m.faceIndexOf(f)] * m.airCase.grid.faceArea(f.axis);
    return q;
}

double openingTemperature(const AirModel& m, const AirState& s, size_t o) {
    const Opening& op = m.airCase.openings[o];
    if (openingFlow(m, s, o) > 0) return s.inflowT[o];
    double sq = 0, sqT = 0, sT = 0;
    for (const BoundaryFace& f : op.faces) {
        const double q = std::max(0.0, f.outward * double(s.vel[f.axis][m.faceIndexOf(f)])) *
                         m.airCase.grid.faceArea(f.axis);
        sq += q;
        sqT += q * exitTemperature(m, s, f);
        sT += exitTemperature(m, s, f);
    }
    if (sq > 0) return sqT / sq;
    return op.faces.empty() ? m.airCase.air.referenceC : sT / double(op.faces.size());
}

double supplyTemperature(const AirModel& m, const AirState& s, size_t o) {
    const Opening& op = m.airCase.openings[o];
    return op.linkedTo >= 0 ? linkedInflowC(op, openingTemperature(m, s, size_t(op.linkedTo)))
                            : op.temperatureC;
}

EnergyBalance energyBalance(const AirModel& m, const AirState& s) {
    const AirCase& c = m.airCase;
    const AirGrid& g = c.grid;
    const double rc = c.air.density * c.air.heatCapacity;
    const double ref = c.air.referenceC;
    EnergyBalance e;
    double inflowM3s = 0;
    for (size_t o = 0; o < c.openings.size(); ++o)
        for (const BoundaryFace& f : c.openings[o].faces) {
            const double q = -f.outward * s.vel[f.axis][m.faceIndexOf(f)] * g.faceArea(f.axis);
            if (q > 0 && c.openings[o].linkedTo >= 0) e.addedW += rc * q * c.openings[o].deltaT;
            if (q > 0)
                e.inflowW += rc * q * (s.inflowT[o] - ref), inflowM3s += q;
            else
                e.outflowW += rc * -q * (exitTemperature(m, s, f) - ref);
        }
    for (const HeatSource& h : c.sources)
        if (g.isFluid(h.i, h.j, h.k)) e.sourcesW += h.watts, e.addedW += std::fabs(h.watts);
    const Dims cells = m.cells;
    for (int k = 0; k < cells.nz; ++k)
        for (int j = 0; j < cells.ny; ++j)
            for (int i = 0; i < cells.nx; ++i) {
                if (!g.isFluid(i, j, k)) continue;
                const int p[3] = {i, j, k};
                for (int a = 0; a < m.nd; ++a)
                    for (int side = 0; side < 2; ++side) {
                        const WallSide& w = c.sides[size_t(2 * a + side)];
                        if (!w.fixedTemperature || p[a] != (side ? cells.extent(a) - 1 : 0)) continue;
                        const size_t n = cells.index(i, j, k);
                        const double q = rc * kernels::diffusivityAt(m, s, n) * g.faceArea(a) * 2 *
                                         (w.temperatureC - s.T[n]) / g.h(a);
                        e.wallsW += q;
                        e.addedW += 0.5 * std::fabs(q); // heat in at one wall leaves at another
                    }
            }
    e.addedW = std::max(e.addedW, rc * inflowM3s * 1.0);
    return e;
}

size_t AirState::memoryBytes() const {
    size_t s = bytesOf(T) + bytesOf(p) + bytesOf(nuT) + bytesOf(k) + bytesOf(eps) + bytesOf(correction) +
               bytesOf(inflowT);
    for (const auto& v : vel)
        s += bytesOf(v);
    return s;
}

size_t AirWorkspace::memoryBytes() const {
    size_t s = pressure.memoryBytes();
    for (const auto& u : upper)
        s += bytesOf(u);
    for (const auto& r : rhs)
        s += bytesOf(r);
    return s;
}

} // namespace halltwin::model::air
