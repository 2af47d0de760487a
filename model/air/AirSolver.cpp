#include "AirSolver.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <stdexcept>

namespace halltwin::model::air {

namespace {

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
    p_.assign(cells_.size(), 0.0f);
    dphi_.assign(cells_.size(), 0.0f);
    rhs_[3].assign(cells_.size(), 0.0f);
    classifyFaces();
    computeWallDistance();
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
    computeWallDistance();
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

// The largest speed the flow has or will reach: faces, lids, openings and the buoyant velocity
// sqrt(g β ΔT L) of the temperature span (walls included), so a flow starting from rest gets a step.
double AirSolver::velocityScale() const {
    const AirGrid& g = case_.grid;
    double u = 1e-3;
    for (int a = 0; a < nd_; ++a)
        for (float v : vel_[a])
            u = std::max(u, double(std::fabs(v)));
    const auto [tMin, tMax] = std::minmax_element(T_.begin(), T_.end());
    double lo = *tMin, hi = *tMax;
    for (const WallSide& s : case_.sides) {
        for (double v : s.velocity)
            u = std::max(u, std::fabs(v));
        if (s.fixedTemperature) lo = std::min(lo, s.temperatureC), hi = std::max(hi, s.temperatureC);
    }
    for (const Opening& o : case_.openings)
        u = std::max(u, std::fabs(o.velocity));
    const auto& gr = case_.air.gravity;
    const double gAbs = std::sqrt(gr[0] * gr[0] + gr[1] * gr[1] + gr[2] * gr[2]);
    const double L = std::max({g.nx * g.hx, g.ny * g.hy, nd_ == 3 ? g.nz * g.hz : 0.0});
    return std::max(u, std::sqrt(gAbs * case_.air.expansion * (hi - lo) * L));
}

double AirSolver::timeStep(double cfl) const {
    const AirGrid& g = case_.grid;
    double h = g.hx;
    for (int a = 1; a < nd_; ++a)
        h = std::min(h, g.h(a));
    return cfl * h / velocityScale();
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

// Incremental projection: δφ from Σ_f T_f (δφ_P − δφ_nb) = −∇·u*, u = u* − ∇δφ, p += δφ / dt.
int AirSolver::project(double relTol, int maxIter, double dt) {
    const AirGrid& g = case_.grid;
    std::vector<float>& b = rhs_[3]; // free until the temperature step
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < cells_.nz; ++k)
        for (int j = 0; j < cells_.ny; ++j)
            for (int i = 0; i < cells_.nx; ++i) {
                const size_t n = cells_.index(i, j, k);
                b[n] = g.isFluid(i, j, k) ? float(-g.cellVolume() * divergence(i, j, k)) : 0.0f;
            }
    std::fill(dphi_.begin(), dphi_.end(), 0.0f);
    const int it = poisson_.solve(dphi_, b, relTol, maxIter);
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
                        float((dphi_[cells_.index(i, j, k)] - dphi_[cells_.index(lo[0], lo[1], lo[2])]) / h);
                }
    }
    // Pressure openings hold p = 0 on their plane, half a cell beyond the cell centre.
    for (const Opening& o : case_.openings) {
        if (o.kind != Opening::Kind::Pressure) continue;
        for (const BoundaryFace& f : o.faces) {
            const double p = dphi_[cells_.index(f.i, f.j, f.k)];
            const double h2 = 0.5 * g.h(f.axis);
            vel_[f.axis][faceIndexOf(f)] -= float(f.outward > 0 ? (0 - p) / h2 : (p - 0) / h2);
        }
    }
    const float invDt = float(1 / dt);
#pragma omp parallel for schedule(static)
    for (long n = 0; n < long(p_.size()); ++n)
        p_[size_t(n)] += dphi_[size_t(n)] * invDt;
    return it;
}

void AirSolver::openingOutflow(std::vector<float>& out) const {
    std::fill(out.begin(), out.end(), 0.0f);
    for (const Opening& o : case_.openings)
        for (const BoundaryFace& f : o.faces) {
            const double un = -f.outward * vel_[f.axis][faceIndexOf(f)]; // into the domain
            if (un < 0) out[cells_.index(f.i, f.j, f.k)] += float(-un / case_.grid.h(f.axis));
        }
}

double AirSolver::residualNorm(const std::vector<float>& r, int c) const {
    double s = 0;
    size_t n = 0;
    if (c < 3) {
        for (size_t m = 0; m < r.size(); ++m)
            if (faceKind_[c][m] == Active) s += double(r[m]) * r[m], ++n;
    } else {
        const auto& solid = case_.grid.solid;
        for (size_t m = 0; m < r.size(); ++m)
            if (solid.empty() || solid[m] == 0) s += double(r[m]) * r[m], ++n;
    }
    return n ? s / double(n) : 0.0; // mean square
}

// Delta form: (1/dt + A) Δ = R for u, v, w; projection; then the same for T with the new velocities.
double AirSolver::step(double dtMax, bool steady) {
    const SolveOptions& o = stepOptions_;
    const double dt = std::min(timeStep(steady ? o.cfl : o.transientCfl), dtMax);
    applyOpenings();
    updateEddyViscosity();
    double msU = 0;
    for (int c = 0; c < nd_; ++c)
        momentumRhs(c, rhs_[c]);
    for (int c = 0; c < nd_; ++c) {
        msU += residualNorm(rhs_[c], c) / nd_;
        sweepMomentum(c, rhs_[c], 1 / dt);
    }
    for (int c = 0; c < nd_; ++c)
        for (size_t n = 0; n < vel_[c].size(); ++n)
            if (faceKind_[c][n] == Active) vel_[c][n] += rhs_[c][n];
    pressureIterations_ += project(o.pressureTolerance, o.pressureMaxIterations, dt);
    temperatureRhs(rhs_[3]);
    const double msT = residualNorm(rhs_[3], 3);
    openingOutflow(dphi_);
    sweepTemperature(rhs_[3], 1 / dt, steady ? o.temperatureCfl : 0, dphi_);
    const AirGrid& g = case_.grid;
    double umax = 0, tmin = 1e30, tmax = -1e30;
    for (int c = 0; c < nd_; ++c)
        for (float u : vel_[c])
            umax = std::max(umax, double(std::fabs(u)));
    for (size_t n = 0; n < T_.size(); ++n) {
        if (!g.solid.empty() && g.solid[n]) continue;
        T_[n] += rhs_[3][n];
        tmin = std::min(tmin, double(T_[n]));
        tmax = std::max(tmax, double(T_[n]));
    }
    const double L = std::max({g.nx * g.hx, g.ny * g.hy, nd_ == 3 ? g.nz * g.hz : 0.0});
    const double U = std::max(umax, 1e-9);
    // A uniform field has no scale of its own: measure it against 1 % of its magnitude instead.
    const double dT = std::max(tmax - tmin, 0.01 * std::max({1.0, std::fabs(tmax), std::fabs(tmin)}));
    residual_ = std::max(std::sqrt(msU) * L / (U * U), std::sqrt(msT) * L / (U * dT));
    return dt;
}

SolveReport AirSolver::solveSteady(const SolveOptions& o) {
    stepOptions_ = o;
    const long pressureBefore = pressureIterations_;
    SolveReport r;
    std::deque<std::vector<double>> watched;
    if (o.monitorTolerance > 0) watched.push_back(monitors());
    mean_.samples = 0;
    mean_.previous.clear();
    while (r.steps < o.maxSteps && r.time < o.maxTime) {
        if (o.cancel && o.cancel->load()) {
            r.cancelled = true;
            break;
        }
        r.time += step(1e30, true);
        ++r.steps;
        if (o.averageAfter > 0 && o.monitorTolerance > 0 && r.steps > o.averageAfter) {
            addToMean();
            if (mean_.samples % std::max(1, o.averageBlock) == 0 && meanSettled(o, r)) {
                r.converged = r.settled = r.averaged = true;
                break;
            }
        }
        if (r.steps % std::max(1, o.progressEvery) == 0) {
            r.history.push_back(residual_);
            if (o.progress) o.progress(r.steps, residual_);
            if (residual_ < o.tolerance) {
                r.converged = true;
                break;
            }
            if (o.monitorTolerance > 0 && monitorsSettled(o, watched, r)) {
                r.converged = r.settled = true;
                break;
            }
        }
    }
    r.residual = residual_;
    r.pressureIterations = pressureIterations_ - pressureBefore;
    return r;
}

// Temperatures of the linked openings (a rack's exhaust = its intake mean + ΔT); the air handlers'
// returns flicker with the plumes by a few tenths of a kelvin, their sum is held by the heat balance.
std::vector<double> AirSolver::monitors() const {
    std::vector<double> m;
    for (size_t o = 0; o < case_.openings.size(); ++o)
        if (case_.openings[o].linkedTo >= 0) m.push_back(openingTemperature(o));
    return m;
}

bool AirSolver::monitorsSettled(const SolveOptions& o, std::deque<std::vector<double>>& past,
                                SolveReport& r) const {
    past.push_back(monitors());
    if (past.back().empty() || int(past.size()) <= std::max(1, o.monitorWindow)) return false;
    past.pop_front();
    double change = 0;
    for (size_t n = 0; n < past.front().size() && n < past.back().size(); ++n)
        change = std::max(change, std::fabs(past.back()[n] - past.front()[n]));
    r.monitorChange = change;
    return change < o.monitorTolerance && residual_ < o.monitorResidual &&
           std::fabs(energyBalance().relativeImbalance()) < o.balanceTolerance;
}

SolveReport AirSolver::advance(double seconds, const SolveOptions& o) {
    stepOptions_ = o;
    const long pressureBefore = pressureIterations_;
    SolveReport r;
    while (r.time < seconds * (1 - 1e-12) && r.steps < o.maxSteps) {
        if (o.cancel && o.cancel->load()) {
            r.cancelled = true;
            break;
        }
        r.time += step(seconds - r.time, false);
        ++r.steps;
        if (r.steps % std::max(1, o.progressEvery) == 0) {
            r.history.push_back(residual_);
            if (o.progress) o.progress(r.steps, residual_);
        }
    }
    r.residual = residual_;
    r.pressureIterations = pressureIterations_ - pressureBefore;
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
    const double ref = case_.air.referenceC;
    EnergyBalance e;
    double inflowM3s = 0;
    for (size_t o = 0; o < case_.openings.size(); ++o)
        for (const BoundaryFace& f : case_.openings[o].faces) {
            const double q = -f.outward * vel_[f.axis][faceIndexOf(f)] * g.faceArea(f.axis);
            if (q > 0 && case_.openings[o].linkedTo >= 0) e.addedW += rc * q * case_.openings[o].deltaT;
            if (q > 0)
                e.inflowW += rc * q * (inflowT_[o] - ref), inflowM3s += q;
            else
                e.outflowW += rc * -q * (exitTemperature(f) - ref);
        }
    for (const HeatSource& s : case_.sources)
        if (g.isFluid(s.i, s.j, s.k)) e.sourcesW += s.watts, e.addedW += std::fabs(s.watts);
    for (int k = 0; k < cells_.nz; ++k)
        for (int j = 0; j < cells_.ny; ++j)
            for (int i = 0; i < cells_.nx; ++i) {
                if (!g.isFluid(i, j, k)) continue;
                const int m[3] = {i, j, k};
                for (int a = 0; a < nd_; ++a)
                    for (int side = 0; side < 2; ++side) {
                        const WallSide& s = case_.sides[size_t(2 * a + side)];
                        if (!s.fixedTemperature || m[a] != (side ? cells_.extent(a) - 1 : 0)) continue;
                        const double w = rc * diffusivityAt(cells_.index(i, j, k)) * g.faceArea(a) * 2 *
                                         (s.temperatureC - T_[cells_.index(i, j, k)]) / g.h(a);
                        e.wallsW += w;
                        e.addedW += 0.5 * std::fabs(w); // heat in at one wall leaves at another
                    }
            }
    e.addedW = std::max(e.addedW, rc * inflowM3s * 1.0);
    return e;
}

size_t AirSolver::memoryBytes() const {
    size_t s = bytesOf(T_) + bytesOf(p_) + bytesOf(dphi_) + bytesOf(wallDistance_) + bytesOf(nuT_) +
               bytesOf(case_.grid.solid) + poisson_.memoryBytes() + bytesOf(mean_.T) + bytesOf(mean_.p);
    for (int a = 0; a < 3; ++a)
        s += bytesOf(vel_[a]) + bytesOf(faceKind_[a]) + bytesOf(mean_.vel[a]);
    for (const auto& r : rhs_)
        s += bytesOf(r);
    return s;
}

} // namespace halltwin::model::air
