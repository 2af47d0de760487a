// The standard k-ε model (Launder & Spalding 1974, Comput. Methods Appl. Mech. Eng. 3:269–289) with the
// log-law wall functions of the same paper, in the form OpenFOAM's kEpsilon, epsilonWallFunction and
// nutkWallFunction use: ν_t = C_μ k²/ε; in a cell beside a wall ε is fixed at C_μ^¾ k^1.5/(κ y) and the
// production is the wall shear's, and the wall's shear stress follows the log law. Buoyancy produces or
// destroys k through G_b = β ν_t/Pr_t g·∇T (ε takes only the producing part). k and ε are advected
// first-order upwind and stepped by symmetric Gauss–Seidel with a pseudo-time term, once per flow step.
#include "AirKernels.hpp"

#include <algorithm>
#include <cmath>

namespace halltwin::model::air::kernels {

namespace {

constexpr double kMin = 1e-10, epsMin = 1e-14;
const double cmu25 = std::pow(kEpsilonCmu, 0.25), cmu75 = std::pow(kEpsilonCmu, 0.75);

struct Coefficients {
    std::vector<float>& production; // G: shear production (wall-function production in wall cells)
    std::vector<float>& buoyancy;   // G_b
    std::vector<float>& wallInvY;   // Σ 1/y over the cell's wall faces / their count, 0 off the walls
    std::vector<float>& outflow;    // Σ outflow velocity / h through opening faces (1/s)
    std::vector<float>& inflowK;    // Σ inflow velocity / h · k of the air let in
    std::vector<float>& inflowEps;  // the same for ε
};

// Neighbour along axis a on side `dir` is a fluid cell joined by an open face.
bool open(const AirModel& m, int a, size_t face) {
    return m.faceKind[a][face] == Active;
}

// Centred gradient of a cell field along a, one-sided where a face is not open (0 when neither is).
double gradient(const AirModel& m, const std::vector<float>& f, int a, size_t n, size_t lo, size_t hi) {
    const size_t st = m.cells.stride(a);
    const double h = m.airCase.grid.h(a);
    const bool l = open(m, a, lo), r = open(m, a, hi);
    if (l && r) return (f[n + st] - f[n - st]) / (2 * h);
    if (r) return (f[n + st] - f[n]) / h;
    if (l) return (f[n] - f[n - st]) / h;
    return 0;
}

// Cell-centred velocity component c of the neighbour along a (dir ±1).
double neighbourVelocity(const AirModel& m, const AirState& s, int c, int a, int dir, int i, int j, int k) {
    int p[3] = {i, j, k};
    p[a] += dir;
    return cellVelocity(m, s, p[0], p[1], p[2])[size_t(c)];
}

// Production, buoyancy and wall terms of fluid cell (i, j, k).
void cellTerms(const AirModel& m, const AirState& s, Coefficients& co, int i, int j, int k) {
    const AirCase& c = m.airCase;
    const AirGrid& g = c.grid;
    const size_t n = m.cells.index(i, j, k);
    const int at[3] = {i, j, k};
    const auto u = cellVelocity(m, s, i, j, k);
    const double nu = c.air.viscosity, nut = s.nuT[n], kP = std::max(double(s.k[n]), kMin);
    double grad[3][3] = {}, wallG = 0, invY = 0, gb = 0;
    int walls = 0;
    for (int a = 0; a < m.nd; ++a) {
        const size_t lo = m.velDims[a].index(i, j, k), hi = lo + m.velDims[a].stride(a);
        const double h = g.h(a);
        grad[a][a] = (s.vel[a][hi] - s.vel[a][lo]) / h;
        const bool l = open(m, a, lo), r = open(m, a, hi);
        for (int b = 0; b < m.nd; ++b) {
            if (b == a) continue;
            const double up = r ? neighbourVelocity(m, s, b, a, 1, i, j, k) : u[size_t(b)];
            const double dn = l ? neighbourVelocity(m, s, b, a, -1, i, j, k) : u[size_t(b)];
            grad[b][a] = (l && r ? 0.5 : 1.0) * (up - dn) / h;
        }
        gb += c.air.gravity[size_t(a)] * gradient(m, s.T, a, n, lo, hi);
        // Wall faces: the log law's shear and production (OpenFOAM's epsilonWallFunction G).
        for (int side = 0; side < 2; ++side) {
            const size_t f = side ? hi : lo;
            if (m.faceKind[a][f] != Wall) continue;
            const bool domainSide = side ? at[a] + 1 == m.cells.extent(a) : at[a] == 0;
            double ut2 = 0;
            for (int b = 0; b < m.nd; ++b) {
                if (b == a) continue;
                const double wall = domainSide ? c.sides[size_t(2 * a + side)].velocity[size_t(b)] : 0.0;
                ut2 += (u[size_t(b)] - wall) * (u[size_t(b)] - wall);
            }
            const double y = 0.5 * h;
            const double nuw = nu + wallEddyViscosity(nu, kP, y);
            wallG += nuw * std::sqrt(ut2) / y * cmu25 * std::sqrt(kP) / (kEpsilonKappa * y);
            invY += 1 / y;
            ++walls;
        }
    }
    double s2 = 0;
    for (int a = 0; a < 3; ++a)
        for (int b = 0; b < 3; ++b)
            s2 += grad[a][b] * (grad[a][b] + grad[b][a]);
    co.production[n] = float(walls ? wallG / walls : nut * s2);
    co.wallInvY[n] = float(walls ? invY / walls : 0.0);
    co.buoyancy[n] = float(c.air.expansion * nut / c.air.turbulentPrandtl * gb);
}

// What the openings let in and take out, per cell.
void openingTerms(const AirModel& m, const AirState& s, Coefficients& co) {
    for (const Opening& o : m.airCase.openings)
        for (const BoundaryFace& f : o.faces) {
            const size_t n = m.cells.index(f.i, f.j, f.k);
            const double un = -f.outward * s.vel[f.axis][m.faceIndexOf(f)],
                         rate = std::fabs(un) / m.grid().h(f.axis);
            if (un <= 0) {
                co.outflow[n] += float(rate);
                continue;
            }
            const double kIn = std::max(kMin, 1.5 * std::pow(o.turbulenceIntensity * un, 2));
            co.inflowK[n] += float(rate * kIn);
            co.inflowEps[n] += float(rate * std::pow(kIn, 1.5) / std::max(o.turbulenceLength, 1e-6));
        }
}

// One Gauss–Seidel update of k then ε in fluid cell n; `dt` the pseudo-time step.
void relaxCell(const AirModel& m, AirState& s, const Coefficients& co, size_t n, int i, int j, int k,
               double invDt) {
    const double nu = m.airCase.air.viscosity;
    const double kP = std::max(double(s.k[n]), kMin), eP = std::max(double(s.eps[n]), epsMin);
    double aK = invDt + co.outflow[n], bK = invDt * kP + co.inflowK[n];
    double aE = invDt + co.outflow[n], bE = invDt * eP + co.inflowEps[n];
    for (int a = 0; a < m.nd; ++a) {
        const size_t lo = m.velDims[a].index(i, j, k), hi = lo + m.velDims[a].stride(a);
        const size_t st = m.cells.stride(a);
        const double h = m.grid().h(a);
        for (int side = 0; side < 2; ++side) {
            const size_t f = side ? hi : lo;
            if (!open(m, a, f)) continue;
            const size_t nb = side ? n + st : n - st;
            const double out = (side ? 1.0 : -1.0) * s.vel[a][f] / h;
            const double nutF = 0.5 * (double(s.nuT[n]) + s.nuT[nb]);
            const double dK = (nu + nutF / kEpsilonSigmaK) / (h * h),
                         dE = (nu + nutF / kEpsilonSigmaEps) / (h * h);
            const double in = std::max(-out, 0.0);
            aK += dK + std::max(out, 0.0), bK += (dK + in) * s.k[nb];
            aE += dE + std::max(out, 0.0), bE += (dE + in) * s.eps[nb];
        }
    }
    const double G = co.production[n], Gb = co.buoyancy[n];
    // Sources: positive parts explicit, sinks implicit (Patankar's linearisation keeps k and ε positive).
    if (G + Gb > 0)
        bK += G + Gb;
    else
        aK -= (G + Gb) / kP;
    aK += eP / kP;
    s.k[n] = float(std::max(bK / aK, kMin));
    if (co.wallInvY[n] > 0) {
        s.eps[n] = float(cmu75 * std::pow(double(s.k[n]), 1.5) * co.wallInvY[n] / kEpsilonKappa);
        return;
    }
    bE += kEpsilonC1 * eP / kP * (G + std::max(Gb, 0.0));
    aE += kEpsilonC2 * eP / kP;
    s.eps[n] = float(std::max(bE / aE, epsMin));
}

} // namespace

double wallEddyViscosity(double nu, double k, double y) {
    // y+ where the viscous sublayer's u+ = y+ meets the log law u+ = ln(E y+)/κ.
    static const double yPlusLam = [] {
        double yp = 11;
        for (int it = 0; it < 20; ++it)
            yp = std::log(std::max(kEpsilonE * yp, 1.0)) / kEpsilonKappa;
        return yp;
    }();
    const double ys = cmu25 * std::sqrt(std::max(k, 0.0)) * y / nu;
    return ys > yPlusLam ? nu * (kEpsilonKappa * ys / std::log(kEpsilonE * ys) - 1) : 0.0;
}

void restTurbulence(const AirModel& m, AirState& s) {
    // A little turbulence everywhere (5 % of the fastest opening, ν_t = 10 ν), so the first steps'
    // production has an eddy viscosity to work on.
    double u = 0.1;
    for (const Opening& o : m.airCase.openings)
        u = std::max(u, std::fabs(o.velocity));
    const double k = 1.5 * std::pow(0.05 * u, 2), eps = kEpsilonCmu * k * k / (10 * m.airCase.air.viscosity);
    s.k.assign(m.cells.size(), float(k));
    s.eps.assign(m.cells.size(), float(eps));
}

void stepTurbulence(const AirModel& m, AirState& s, AirWorkspace& w, double dt, bool steady) {
    if (!m.airCase.air.kEpsilon) return;
    const Dims d = m.cells;
    for (auto* v : {&w.rhs[0], &w.rhs[1], &w.rhs[2], &w.rhs[3], &w.upper[0], &w.upper[1]})
        std::fill(v->begin(), v->begin() + long(d.size()), 0.0f);
    Coefficients co{w.rhs[0], w.rhs[1], w.rhs[2], w.rhs[3], w.upper[0], w.upper[1]};
    const AirGrid& g = m.grid();
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i)
                if (g.isFluid(i, j, k)) cellTerms(m, s, co, i, j, k);
    openingTerms(m, s, co);
    const double invDt = 1 / dt;
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i)
                if (g.isFluid(i, j, k)) relaxCell(m, s, co, d.index(i, j, k), i, j, k, invDt);
    if (!steady) return; // a physical step: one pass, so each cell's old value is the step's start
    for (int k = d.nz - 1; k >= 0; --k)
        for (int j = d.ny - 1; j >= 0; --j)
            for (int i = d.nx - 1; i >= 0; --i)
                if (g.isFluid(i, j, k)) relaxCell(m, s, co, d.index(i, j, k), i, j, k, invDt);
}

} // namespace halltwin::model::air::kernels
