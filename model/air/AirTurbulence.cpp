// Zero-equation turbulence model for indoor air (Chen & Xu 1998, Energy and Buildings 28:137–144):
// ν_t = 0.03874·|V|·l, with |V| the local mean speed and l the distance to the nearest wall. It gives
// jets and plumes the mixing of a turbulent room flow without transport equations.
#include "AirSolver.hpp"

#include <cmath>
#include <limits>

namespace halltwin::model::air {

// Chamfer distance transform over the fluid cells (26-neighbourhood, lengths in metres), seeded half
// a cell from every face that borders a solid or the domain boundary.
void AirSolver::computeWallDistance() {
    wallDistance_.clear();
    nuT_.clear();
    if (case_.air.zeroEquationC <= 0) return;
    const AirGrid& g = case_.grid;
    const Dims d = cells_;
    const float far = std::numeric_limits<float>::max();
    wallDistance_.assign(d.size(), far);
    nuT_.assign(d.size(), 0.0f);
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i) {
                if (!g.isFluid(i, j, k)) continue;
                float& w = wallDistance_[d.index(i, j, k)];
                for (int a = 0; a < nd_; ++a)
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
    for (int dk = nd_ == 3 ? -1 : 0; dk <= 0; ++dk)
        for (int dj = -1; dj <= 1; ++dj)
            for (int di = -1; di <= 1; ++di) {
                if (dk == 0 && (dj > 0 || (dj == 0 && di >= 0))) continue;
                back.push_back({di, dj, dk, float(std::hypot(di * g.hx, dj * g.hy, dk * g.hz))});
            }
    bool changed = true;
    auto relax = [&](int i, int j, int k, int sign) {
        if (!g.isFluid(i, j, k)) return;
        float& w = wallDistance_[d.index(i, j, k)];
        for (const Step& s : back) {
            const int a = i + sign * s.di, b = j + sign * s.dj, c = k + sign * s.dk;
            if (a < 0 || b < 0 || c < 0 || a >= d.nx || b >= d.ny || c >= d.nz) continue;
            const float via = wallDistance_[d.index(a, b, c)] + s.length;
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
    for (float& w : wallDistance_)
        if (w == far) w = 0; // solid cells
}

void AirSolver::updateEddyViscosity() {
    if (nuT_.empty()) return;
    const AirGrid& g = case_.grid;
    const Dims d = cells_;
    const double C = case_.air.zeroEquationC;
#pragma omp parallel for collapse(2) schedule(static)
    for (int k = 0; k < d.nz; ++k)
        for (int j = 0; j < d.ny; ++j)
            for (int i = 0; i < d.nx; ++i) {
                const size_t n = d.index(i, j, k);
                if (!g.isFluid(i, j, k)) continue;
                const auto u = cellVelocity(i, j, k);
                nuT_[n] = float(C * std::sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]) * wallDistance_[n]);
            }
}

std::pair<double, double> AirSolver::momentumViscosity(int c, int a, int i, int j, int k) const {
    const double nu = case_.air.viscosity;
    if (nuT_.empty()) return {nu, nu};
    int lo[3] = {i, j, k};
    --lo[c];
    const size_t cHi = cells_.index(i, j, k), cLo = cells_.index(lo[0], lo[1], lo[2]);
    if (a == c) return {nu + nuT_[cHi], nu + nuT_[cLo]};
    const int m[3] = {i, j, k};
    const size_t st = cells_.stride(a);
    const double here = double(nuT_[cHi]) + nuT_[cLo];
    const double high =
        m[a] + 1 < cells_.extent(a) ? 0.25 * (here + nuT_[cHi + st] + nuT_[cLo + st]) : 0.5 * here;
    const double low = m[a] >= 1 ? 0.25 * (here + nuT_[cHi - st] + nuT_[cLo - st]) : 0.5 * here;
    return {nu + high, nu + low};
}

} // namespace halltwin::model::air
