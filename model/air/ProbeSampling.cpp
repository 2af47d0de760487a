#include "ProbeSampling.hpp"

#include <algorithm>
#include <cmath>

namespace halltwin::model::air {

namespace {

// The lower cell-centre index along one axis and the weight of the upper one, clamped to the grid (a point
// within half a cell of a wall takes the wall cell's value).
std::pair<int, double> bracket(double x, double origin, double h, int n) {
    const double s = std::clamp((x - origin) / h - 0.5, 0.0, double(n - 1));
    const int i = std::min(int(s), std::max(0, n - 2));
    return {i, n > 1 ? s - i : 0.0};
}

} // namespace

ProbeReading sampleProbe(const AirFields& f, const Probe& p) {
    ProbeReading r{p.id, p.group};
    const Dims& d = f.dims;
    if (d.size() == 0) return r;
    const auto [i, wx] = bracket(p.xM, f.origin[0], f.spacing[0], d.nx);
    const auto [j, wy] = bracket(p.yM, f.origin[1], f.spacing[1], d.ny);
    const auto [k, wz] =
        bracket(f.origin[2] + p.zM, f.origin[2], f.spacing[2], d.nz); // the grid starts on the room floor
    double weight = 0, t = 0, u[3] = {0, 0, 0};
    for (int c = 0; c < 8; ++c) {
        const int di = c & 1, dj = (c >> 1) & 1, dk = (c >> 2) & 1;
        const int ii = std::min(i + di, d.nx - 1), jj = std::min(j + dj, d.ny - 1),
                  kk = std::min(k + dk, d.nz - 1);
        const double w = (di ? wx : 1 - wx) * (dj ? wy : 1 - wy) * (dk ? wz : 1 - wz);
        const size_t cell = d.index(ii, jj, kk);
        if (w <= 0 || f.solid[cell]) continue;
        weight += w;
        t += w * f.temperature[cell];
        for (int a = 0; a < 3; ++a)
            u[a] += w * f.velocity[3 * cell + size_t(a)];
    }
    if (weight <= 1e-9) return r;
    r.inAir = true;
    r.temperatureC = t / weight;
    r.speedMs = std::sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]) / weight;
    return r;
}

std::vector<ProbeReading> sampleProbes(const AirFields& f, const std::vector<Probe>& probes) {
    std::vector<ProbeReading> out;
    out.reserve(probes.size());
    for (const Probe& p : probes)
        out.push_back(sampleProbe(f, p));
    return out;
}

} // namespace halltwin::model::air
