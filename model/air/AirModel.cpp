#include "AirModel.hpp"

#include "AirKernels.hpp"

#include <stdexcept>

namespace halltwin::model::air {

namespace {

// Interior faces between two fluid cells are active; everything else is a wall until an opening
// claims it.
void classifyFaces(AirModel& m) {
    const AirGrid& g = m.airCase.grid;
    for (int c = 0; c < 3; ++c) {
        const Dims d = m.velDims[c];
        m.faceKind[c].assign(d.size(), Wall);
        if (c >= m.nd) continue;
        for (int k = 0; k < d.nz; ++k)
            for (int j = 0; j < d.ny; ++j)
                for (int i = 0; i < d.nx; ++i) {
                    int lo[3] = {i, j, k};
                    --lo[c];
                    if (g.isFluid(lo[0], lo[1], lo[2]) && g.isFluid(i, j, k))
                        m.faceKind[c][d.index(i, j, k)] = Active;
                }
    }
    for (const Opening& o : m.airCase.openings)
        for (const BoundaryFace& f : o.faces) {
            if (f.axis < 0 || f.axis >= m.nd || !g.isFluid(f.i, f.j, f.k))
                throw std::invalid_argument("opening '" + o.name + "' has a face on a solid cell");
            int across[3] = {f.i, f.j, f.k};
            across[f.axis] += f.outward > 0 ? 1 : -1;
            if (g.isFluid(across[0], across[1], across[2]))
                throw std::invalid_argument("opening '" + o.name + "' has a face between two fluid cells");
            m.faceKind[f.axis][m.faceIndexOf(f)] = o.kind == Opening::Kind::Velocity ? Prescribed : Pressure;
        }
}

// Finite-volume Laplacian of the projection: T_f = A_f / h across open faces, A_f / (h/2) to the
// zero pressure held on the plane of a pressure opening.
void setupPressure(AirModel& m) {
    const AirGrid& g = m.airCase.grid;
    const Dims cells = m.cells;
    std::vector<float> t[3];
    for (auto& v : t)
        v.assign(cells.size(), 0.0f);
    std::vector<float> diag(cells.size(), 0.0f);
    bool singular = true;
    for (int k = 0; k < cells.nz; ++k)
        for (int j = 0; j < cells.ny; ++j)
            for (int i = 0; i < cells.nx; ++i) {
                if (!g.isFluid(i, j, k)) continue;
                const size_t n = cells.index(i, j, k);
                for (int a = 0; a < m.nd; ++a) {
                    const float T = float(g.faceArea(a) / g.h(a));
                    int p[3] = {i, j, k};
                    const size_t lo = m.velDims[a].index(p[0], p[1], p[2]);
                    ++p[a];
                    const size_t hi = m.velDims[a].index(p[0], p[1], p[2]);
                    if (m.faceKind[a][hi] == Active) t[a][n] = T;
                    for (size_t f : {lo, hi}) {
                        if (m.faceKind[a][f] == Active) diag[n] += T;
                        if (m.faceKind[a][f] == Pressure) {
                            diag[n] += 2 * T;
                            singular = false;
                        }
                    }
                }
            }
    m.pressure.setup(cells, t, std::move(diag), singular);
}

std::vector<std::uint8_t> closedSidesOf(const AirModel& m) {
    const AirGrid& g = m.airCase.grid;
    std::vector<std::uint8_t> out;
    if (!m.airCase.air.kEpsilon) return out;
    out.assign(m.cells.size(), 0);
    for (int k = 0; k < g.nz; ++k)
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i)
                for (int a = 0; a < 3; ++a)
                    for (int side = 0; side < 2; ++side) {
                        int p[3] = {i, j, k};
                        p[a] += side ? 1 : -1;
                        if (!g.isFluid(p[0], p[1], p[2]))
                            out[m.cells.index(i, j, k)] |= std::uint8_t(1 << (2 * a + side));
                    }
    return out;
}

} // namespace

std::shared_ptr<const AirModel> makeAirModel(AirCase c) {
    if (c.grid.nx < 1 || c.grid.ny < 1 || c.grid.nz < 1) throw std::invalid_argument("air grid has no cells");
    auto m = std::make_shared<AirModel>();
    m->airCase = std::move(c);
    const AirGrid& g = m->airCase.grid;
    m->cells = m->airCase.grid.cells();
    m->nd = m->airCase.grid.dimensions();
    for (int a = 0; a < 3; ++a)
        m->velDims[a] = {g.nx + (a == 0), g.ny + (a == 1), g.nz + (a == 2)};
    classifyFaces(*m);
    m->wallDistance = kernels::wallDistance(m->airCase);
    m->closedSides = closedSidesOf(*m);
    setupPressure(*m);
    return m;
}

size_t AirModel::memoryBytes() const {
    size_t s =
        bytesOf(wallDistance) + bytesOf(closedSides) + bytesOf(airCase.grid.solid) + pressure.memoryBytes();
    for (const auto& f : faceKind)
        s += bytesOf(f);
    return s;
}

} // namespace halltwin::model::air
