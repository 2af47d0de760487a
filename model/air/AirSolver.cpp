#include "AirSolver.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace halltwin::model::air {

namespace {

// van Leer limited upwind face value: the harmonic mean of the two upwind slopes keeps the scheme
// second order in smooth regions and bounded (no new extrema) at fronts.
inline float limited(float uu, float up, float dn) {
    const float d0 = up - uu, d1 = dn - up;
    return d0 * d1 > 0 ? up + d0 * d1 / (d0 + d1) : up;
}

template <class T> size_t bytesOf(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}

} // namespace

AirSolver::AirSolver(AirCase c, double initialC) : case_(std::move(c)) {
    const AirGrid& g = case_.grid;
    if (g.nx < 1 || g.ny < 1 || g.nz < 1) throw std::invalid_argument("air grid has no cells");
    cells_ = g.cells();
    nd_ = g.dimensions();
    for (int a = 0; a < 3; ++a) {
        velDims_[a] = {g.nx + (a == 0), g.ny + (a == 1), g.nz + (a == 2)};
        vel_[a].assign(velDims_[a].size(), 0.0f);
        rhs_[a].assign(velDims_[a].size(), 0.0f);
        faceKind_[a].assign(velDims_[a].size(), Wall);
    }
    T_.assign(cells_.size(), float(initialC));
    phi_.assign(cells_.size(), 0.0f);
    rhs_[3].assign(cells_.size(), 0.0f);
    classifyFaces();
    setupPressure();
}

void AirSolver::setCase(AirCase c) {
    const Dims d = c.grid.cells();
    if (d.nx != cells_.nx || d.ny != cells_.ny || d.nz != cells_.nz) {
        *this = AirSolver(std::move(c), case_.air.referenceC);
        return;
    }
    const AirGrid old = case_.grid;
    case_ = std::move(c);
    // Cells that opened up start at rest at the mean temperature of their fluid neighbours.
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i) {
                if (old.isFluid(i, j, k) || !case_.grid.isFluid(i, j, k)) continue;
                double s = 0;
                int n = 0;
                const int nb[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
                for (const auto& o : nb)
                    if (old.isFluid(i + o[0], j + o[1], k + o[2])) {
                        s += T_[d.index(i + o[0], j + o[1], k + o[2])];
                        ++n;
                    }
                if (n > 0) T_[d.index(i, j, k)] = float(s / n);
            }
    classifyFaces();
    setupPressure();
}

size_t AirSolver::faceIndexOf(const BoundaryFace& f) const {
    int m[3] = {f.i, f.j, f.k};
    if (f.outward > 0) ++m[f.axis];
    return velDims_[f.axis].index(m[0], m[1], m[2]);
}

void AirSolver::classifyFaces() {
    const AirGrid& g = case_.grid;
    for (int c = 0; c < 3; ++c) {
        const Dims d = velDims_[c];
        for (int k = 0; k < d.nz; ++k)
            for (int j = 0; j < d.ny; ++j)
                for (int i = 0; i < d.nx; ++i) {
                    int lo[3] = {i, j, k};
                    --lo[c];
                    const bool open = c < nd_ && g.isFluid(lo[0], lo[1], lo[2]) && g.isFluid(i, j, k);
                    const size_t n = d.index(i, j, k);
                    faceKind_[c][n] = open ? Active : Wall;
                    if (!open) vel_[c][n] = 0;
                }
    }
    for (const Opening& o : case_.openings)
        for (const BoundaryFace& f : o.faces) {
            if (f.axis < 0 || f.axis >= nd_ || !g.isFluid(f.i, f.j, f.k))
                throw std::invalid_argument("opening '" + o.name + "' has a face on a solid cell");
            int across[3] = {f.i, f.j, f.k};
            across[f.axis] += f.outward > 0 ? 1 : -1;
            if (g.isFluid(across[0], across[1], across[2]))
                throw std::invalid_argument("opening '" + o.name + "' has a face between two fluid cells");
            faceKind_[f.axis][faceIndexOf(f)] = o.kind == Opening::Kind::Velocity ? Prescribed : Pressure;
        }
    inflowT_.assign(case_.openings.size(), float(case_.air.referenceC));
}

// Finite-volume Laplacian of the projection: T_f = A_f / h across open faces, A_f / (h/2) to the
// zero pressure held on the plane of a pressure opening.
void AirSolver::setupPressure() {
    const AirGrid& g = case_.grid;
    std::vector<float> t[3];
    for (auto& v : t)
        v.assign(cells_.size(), 0.0f);
    std::vector<float> diag(cells_.size(), 0.0f);
    bool singular = true;
    for (int k = 0; k < cells_.nz; ++k)
        for (int j = 0; j < cells_.ny; ++j)
            for (int i = 0; i < cells_.nx; ++i) {
                if (!g.isFluid(i, j, k)) continue;
                const size_t n = cells_.index(i, j, k);
                for (int a = 0; a < nd_; ++a) {
                    const float T = float(g.faceArea(a) / g.h(a));
                    int m[3] = {i, j, k};
                    const size_t lo = velDims_[a].index(m[0], m[1], m[2]);
                    ++m[a];
                    const size_t hi = velDims_[a].index(m[0], m[1], m[2]);
                    if (faceKind_[a][hi] == Active) t[a][n] = T;
                    for (size_t f : {lo, hi}) {
                        if (faceKind_[a][f] == Active) diag[n] += T;
                        if (faceKind_[a][f] == Pressure) {
                            diag[n] += 2 * T;
                            singular = false;
                        }
                    }
                }
            }
    poisson_.setup(cells_, t, std::move(diag), singular);
}

double AirSolver::stableStep() const {
    const AirGrid& g = case_.grid;
    double adv = 0, diff = 0;
    const double k = std::max(case_.air.viscosity, case_.air.diffusivity);
    for (int a = 0; a < nd_; ++a) {
        float m = 0;
        for (float u : vel_[a])
            m = std::max(m, std::fabs(u));
        adv += m / g.h(a);
        diff += 2 * k / (g.h(a) * g.h(a));
    }
    return stepOptions_.cfl / std::max(adv + diff, 1e-30);
}

double AirSolver::advectedValue(const std::vector<float>& f, const Dims& d, size_t n, int a, int ma, double U,
                                double ghostHigh) const {
    // Face value on the high side of DOF n along axis a.
    const int ext = d.extent(a);
    const size_t st = d.stride(a);
    if (ma + 1 >= ext) return U > 0 ? f[n] : ghostHigh;
    if (U >= 0) return limited(ma >= 1 ? f[n - st] : f[n], f[n], f[n + st]);
    return limited(ma + 2 < ext ? f[n + 2 * st] : f[n + st], f[n + st], f[n]);
}

void AirSolver::momentumRhs(int c, std::vector<float>& out) const {
    const AirGrid& g = case_.grid;
    const AirProperties& air = case_.air;
    const Dims d = velDims_[c];
    const std::vector<float>& phi = vel_[c];
    const double gb = -air.gravity[size_t(c)] * air.expansion;
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i) {
                const size_t n = d.index(i, j, k);
                if (faceKind_[c][n] != Active) continue;
                const int m[3] = {i, j, k};
                double adv = 0, diff = 0;
                for (int a = 0; a < nd_; ++a) {
                    const size_t st = d.stride(a);
                    const double h = g.h(a);
                    double Up, Um;
                    if (a == c) {
                        Up = 0.5 * (phi[n] + phi[n + st]);
                        Um = 0.5 * (phi[n - st] + phi[n]);
                    } else {
                        const Dims& va = velDims_[a];
                        int p[3] = {i, j, k};
                        const size_t here = va.index(p[0], p[1], p[2]);
                        --p[c];
                        const size_t back = va.index(p[0], p[1], p[2]);
                        const size_t sa = va.stride(a);
                        Up = 0.5 * (vel_[a][here + sa] + vel_[a][back + sa]);
                        Um = 0.5 * (vel_[a][here] + vel_[a][back]);
                    }
                    const double wallHigh = case_.sides[size_t(2 * a + 1)].velocity[size_t(c)];
                    const double wallLow = case_.sides[size_t(2 * a)].velocity[size_t(c)];
                    const double fp = advectedValue(phi, d, n, a, m[a], Up, wallHigh);
                    const double fm = m[a] >= 1 ? advectedValue(phi, d, n - st, a, m[a] - 1, Um, wallHigh)
                                                : (Um < 0 ? double(phi[n]) : wallLow);
                    adv += (Up * fp - Um * fm) / h;
                    // Tangential neighbours across a solid surface: the wall sits half a cell away.
                    auto neighbour = [&](int dir, double wall) -> double {
                        const int q = m[a] + dir;
                        if (q < 0 || q >= d.extent(a)) return 2 * wall - phi[n];
                        const size_t nn = dir > 0 ? n + st : n - st;
                        if (a != c && faceKind_[c][nn] != Active) {
                            int cl[3] = {i, j, k};
                            cl[a] = q;
                            int cl2[3] = {cl[0], cl[1], cl[2]};
                            --cl2[c];
                            if (!g.isFluid(cl[0], cl[1], cl[2]) && !g.isFluid(cl2[0], cl2[1], cl2[2]))
                                return -double(phi[n]);
                        }
                        return phi[nn];
                    };
                    diff += (neighbour(1, wallHigh) - 2.0 * phi[n] + neighbour(-1, wallLow)) / (h * h);
                }
                int lo[3] = {i, j, k};
                --lo[c];
                const double Tf = 0.5 * (T_[cells_.index(lo[0], lo[1], lo[2])] + T_[cells_.index(i, j, k)]);
                out[n] = float(-adv + air.viscosity * diff + gb * (Tf - air.referenceC));
            }
}

void AirSolver::temperatureRhs(std::vector<float>& out) const {
    const AirGrid& g = case_.grid;
    const double alpha = case_.air.diffusivity;
    const Dims d = cells_;
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
                for (int a = 0; a < nd_; ++a) {
                    const size_t st = d.stride(a);
                    const double h = g.h(a);
                    int p[3] = {i, j, k};
                    const size_t lo = velDims_[a].index(p[0], p[1], p[2]);
                    const size_t hi = lo + velDims_[a].stride(a);
                    auto fluidAt = [&](int q) {
                        int c3[3] = {i, j, k};
                        c3[a] = q;
                        return g.isFluid(c3[0], c3[1], c3[2]);
                    };
                    // Face value between cell q and q+1 (both fluid) for velocity U.
                    auto faceT = [&](size_t nq, int q, double U) -> double {
                        if (U >= 0)
                            return limited(fluidAt(q - 1) ? T_[nq - st] : T_[nq], T_[nq], T_[nq + st]);
                        return limited(fluidAt(q + 2) ? T_[nq + 2 * st] : T_[nq + st], T_[nq + st], T_[nq]);
                    };
                    if (faceKind_[a][hi] == Active) {
                        const double U = vel_[a][hi];
                        adv += U * faceT(n, m[a], U) / h;
                        diff += (T_[n + st] - T_[n]) / (h * h);
                    } else if (faceKind_[a][hi] == Wall && m[a] + 1 == d.extent(a)) {
                        const WallSide& s = case_.sides[size_t(2 * a + 1)];
                        if (s.fixedTemperature) diff += 2 * (s.temperatureC - T_[n]) / (h * h);
                    }
                    if (faceKind_[a][lo] == Active) {
                        const double U = vel_[a][lo];
                        adv -= U * faceT(n - st, m[a] - 1, U) / h;
                        diff += (T_[n - st] - T_[n]) / (h * h);
                    } else if (faceKind_[a][lo] == Wall && m[a] == 0) {
                        const WallSide& s = case_.sides[size_t(2 * a)];
                        if (s.fixedTemperature) diff += 2 * (s.temperatureC - T_[n]) / (h * h);
                    }
                }
                out[n] = float(-adv + alpha * diff);
            }
    // Openings: upwind transport through the faces; sources: their power as a volumetric rate.
    for (size_t o = 0; o < case_.openings.size(); ++o)
        for (const BoundaryFace& f : case_.openings[o].faces) {
            const size_t n = cells_.index(f.i, f.j, f.k);
            const double Un = -f.outward * vel_[f.axis][faceIndexOf(f)];
            out[n] += float(Un * (Un > 0 ? inflowT_[o] : T_[n]) / g.h(f.axis));
        }
    const double rhoCpV = case_.air.density * case_.air.heatCapacity * g.cellVolume();
    for (const HeatSource& s : case_.sources)
        if (g.isFluid(s.i, s.j, s.k)) out[cells_.index(s.i, s.j, s.k)] += float(s.watts / rhoCpV);
}

double AirSolver::exitTemperature(const BoundaryFace& f) const {
    return T_[cells_.index(f.i, f.j, f.k)];
}

double AirSolver::openingFlow(size_t o) const {
    double q = 0;
    for (const BoundaryFace& f : case_.openings[o].faces)
        q += -f.outward * vel_[f.axis][faceIndexOf(f)] * case_.grid.faceArea(f.axis);
    return q;
}

double AirSolver::openingTemperature(size_t o) const {
    const Opening& op = case_.openings[o];
    if (openingFlow(o) > 0) return inflowT_[o];
    double sq = 0, sqT = 0, sT = 0;
    for (const BoundaryFace& f : op.faces) {
        const double q =
            std::max(0.0, f.outward * double(vel_[f.axis][faceIndexOf(f)])) * case_.grid.faceArea(f.axis);
        sq += q;
        sqT += q * exitTemperature(f);
        sT += exitTemperature(f);
    }
    if (sq > 0) return sqT / sq;
    return op.faces.empty() ? case_.air.referenceC : sT / double(op.faces.size());
}

void AirSolver::applyOpenings() {
    for (size_t o = 0; o < case_.openings.size(); ++o) {
        const Opening& op = case_.openings[o];
        inflowT_[o] =
            float(op.linkedTo >= 0 ? openingTemperature(size_t(op.linkedTo)) + op.deltaT : op.temperatureC);
        if (op.kind != Opening::Kind::Velocity) continue;
        for (const BoundaryFace& f : op.faces)
            vel_[f.axis][faceIndexOf(f)] = float(-f.outward * op.velocity);
    }
}

int AirSolver::project(double relTol, int maxIter) {
    const AirGrid& g = case_.grid;
    std::vector<float>& b = rhs_[3]; // free until the temperature step
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < cells_.nz; ++k)
        for (int j = 0; j < cells_.ny; ++j)
            for (int i = 0; i < cells_.nx; ++i) {
                const size_t n = cells_.index(i, j, k);
                double div = 0;
                if (g.isFluid(i, j, k))
                    for (int a = 0; a < nd_; ++a) {
                        const size_t lo = velDims_[a].index(i, j, k);
                        div += g.faceArea(a) * (vel_[a][lo + velDims_[a].stride(a)] - vel_[a][lo]);
                    }
                b[n] = float(-div);
            }
    const int it = poisson_.solve(phi_, b, relTol, maxIter);
    for (int a = 0; a < nd_; ++a) {
        const Dims d = velDims_[a];
        const double h = g.h(a);
#pragma omp parallel for collapse(2) schedule(static)
        for (int k = 0; k < d.nz; ++k)
            for (int j = 0; j < d.ny; ++j)
                for (int i = 0; i < d.nx; ++i) {
                    const size_t n = d.index(i, j, k);
                    if (faceKind_[a][n] != Active) continue;
                    int lo[3] = {i, j, k};
                    --lo[a];
                    vel_[a][n] -=
                        float((phi_[cells_.index(i, j, k)] - phi_[cells_.index(lo[0], lo[1], lo[2])]) / h);
                }
    }
    for (const Opening& o : case_.openings) {
        if (o.kind != Opening::Kind::Pressure) continue;
        for (const BoundaryFace& f : o.faces) {
            const double p = phi_[cells_.index(f.i, f.j, f.k)];
            const double h2 = 0.5 * g.h(f.axis);
            vel_[f.axis][faceIndexOf(f)] -= float(f.outward > 0 ? (0 - p) / h2 : (p - 0) / h2);
        }
    }
    return it;
}

double AirSolver::step(double dtMax) {
    const double dt = std::min(stableStep(), dtMax);
    applyOpenings();
    for (int c = 0; c < nd_; ++c)
        momentumRhs(c, rhs_[c]);
    for (int c = 0; c < nd_; ++c)
        for (size_t n = 0; n < vel_[c].size(); ++n)
            if (faceKind_[c][n] == Active) {
                const float old = vel_[c][n];
                vel_[c][n] += float(dt) * rhs_[c][n];
                rhs_[c][n] = old; // keep u^n for the residual
            }
    pressureIterations_ += project(stepOptions_.pressureTolerance, stepOptions_.pressureMaxIterations);
    temperatureRhs(rhs_[3]);
    const AirGrid& g = case_.grid;
    double sumU2 = 0, sumT2 = 0, umax = 0, tmin = 1e30, tmax = -1e30;
    size_t nu = 0, nT = 0;
    for (int c = 0; c < nd_; ++c)
        for (size_t n = 0; n < vel_[c].size(); ++n) {
            umax = std::max(umax, double(std::fabs(vel_[c][n])));
            if (faceKind_[c][n] != Active) continue;
            const double du = (vel_[c][n] - rhs_[c][n]) / dt;
            sumU2 += du * du;
            ++nu;
        }
    for (int k = 0; k < cells_.nz; ++k)
        for (int j = 0; j < cells_.ny; ++j)
            for (int i = 0; i < cells_.nx; ++i) {
                if (!g.isFluid(i, j, k)) continue;
                const size_t n = cells_.index(i, j, k);
                T_[n] += float(dt) * rhs_[3][n];
                sumT2 += double(rhs_[3][n]) * rhs_[3][n];
                ++nT;
                tmin = std::min(tmin, double(T_[n]));
                tmax = std::max(tmax, double(T_[n]));
            }
    const double L = std::max({g.nx * g.hx, g.ny * g.hy, nd_ == 3 ? g.nz * g.hz : 0.0});
    const double U = std::max(umax, 1e-9);
    // A uniform field has no scale of its own: measure it against 1 % of its magnitude instead.
    const double dT = std::max(tmax - tmin, 0.01 * std::max({1.0, std::fabs(tmax), std::fabs(tmin)}));
    residual_ = std::max(std::sqrt(sumU2 / std::max<size_t>(nu, 1)) * L / (U * U),
                         std::sqrt(sumT2 / std::max<size_t>(nT, 1)) * L / (U * dT));
    return dt;
}

SolveReport AirSolver::solveSteady(const SolveOptions& o) {
    stepOptions_ = o;
    SolveReport r;
    while (r.steps < o.maxSteps && r.time < o.maxTime) {
        if (o.cancel && o.cancel->load()) {
            r.cancelled = true;
            break;
        }
        r.time += step();
        ++r.steps;
        if (r.steps % std::max(1, o.progressEvery) == 0) {
            r.history.push_back(residual_);
            if (o.progress) o.progress(r.steps, residual_);
            if (residual_ < o.tolerance) {
                r.converged = true;
                break;
            }
        }
    }
    r.residual = residual_;
    r.pressureIterations = pressureIterations_;
    return r;
}

SolveReport AirSolver::advance(double seconds, const SolveOptions& o) {
    stepOptions_ = o;
    SolveReport r;
    while (r.time < seconds * (1 - 1e-12) && r.steps < o.maxSteps) {
        if (o.cancel && o.cancel->load()) {
            r.cancelled = true;
            break;
        }
        r.time += step(seconds - r.time);
        ++r.steps;
        if (r.steps % std::max(1, o.progressEvery) == 0) {
            r.history.push_back(residual_);
            if (o.progress) o.progress(r.steps, residual_);
        }
    }
    r.residual = residual_;
    r.pressureIterations = pressureIterations_;
    return r;
}

std::array<double, 3> AirSolver::cellVelocity(int i, int j, int k) const {
    std::array<double, 3> u{};
    for (int a = 0; a < nd_; ++a) {
        const size_t lo = velDims_[a].index(i, j, k);
        u[size_t(a)] = 0.5 * (vel_[a][lo] + vel_[a][lo + velDims_[a].stride(a)]);
    }
    return u;
}

EnergyBalance AirSolver::energyBalance() const {
    const AirGrid& g = case_.grid;
    const double rc = case_.air.density * case_.air.heatCapacity;
    EnergyBalance e;
    for (size_t o = 0; o < case_.openings.size(); ++o)
        for (const BoundaryFace& f : case_.openings[o].faces) {
            const double q = -f.outward * vel_[f.axis][faceIndexOf(f)] * g.faceArea(f.axis);
            if (q > 0)
                e.inflowW += rc * q * inflowT_[o];
            else
                e.outflowW += rc * -q * exitTemperature(f);
        }
    for (const HeatSource& s : case_.sources)
        if (g.isFluid(s.i, s.j, s.k)) e.sourcesW += s.watts;
    for (int k = 0; k < cells_.nz; ++k)
        for (int j = 0; j < cells_.ny; ++j)
            for (int i = 0; i < cells_.nx; ++i) {
                if (!g.isFluid(i, j, k)) continue;
                const int m[3] = {i, j, k};
                for (int a = 0; a < nd_; ++a)
                    for (int side = 0; side < 2; ++side) {
                        const WallSide& s = case_.sides[size_t(2 * a + side)];
                        if (!s.fixedTemperature || m[a] != (side ? cells_.extent(a) - 1 : 0)) continue;
                        e.wallsW += rc * case_.air.diffusivity * g.faceArea(a) * 2 *
                                    (s.temperatureC - T_[cells_.index(i, j, k)]) / g.h(a);
                    }
            }
    return e;
}

size_t AirSolver::memoryBytes() const {
    size_t s = bytesOf(T_) + bytesOf(phi_) + bytesOf(case_.grid.solid) + poisson_.memoryBytes();
    for (int a = 0; a < 3; ++a)
        s += bytesOf(vel_[a]) + bytesOf(faceKind_[a]);
    for (const auto& r : rhs_)
        s += bytesOf(r);
    return s;
}

} // namespace halltwin::model::air
