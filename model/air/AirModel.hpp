// The constant part of an air solve (MuJoCo's model/data split): the case, its grids and face
// classification, the wall distance and the pressure solver's multigrid hierarchy. Built once per case
// and shared read-only between solves and threads; the fields live in AirState (AirState.hpp).
#pragma once

#include "AirGrid.hpp"
#include "AirPoisson.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace halltwin::model::air {

enum FaceKind : std::uint8_t { Wall = 0, Active = 1, Prescribed = 2, Pressure = 3 };

struct AirModel {
    AirCase airCase;
    Dims cells;
    Dims velDims[3]; // face grids of u, v, w
    int nd = 3;      // 2 in the (x, y) mode
    std::vector<std::uint8_t> faceKind[3];
    std::vector<float> wallDistance; // per cell (m), zero-equation model only
    // Per cell, bit 2·axis + (0 low, 1 high) set when the cell across that side is solid or outside
    // (k-ε model only: where its wall functions apply).
    std::vector<std::uint8_t> closedSides;
    PoissonSolver pressure; // the projection's Laplacian and its multigrid hierarchy

    const AirGrid& grid() const { return airCase.grid; }
    bool fluid(size_t cell) const { return airCase.grid.solid.empty() || airCase.grid.solid[cell] == 0; }
    // The velocity face (index into that component's grid) an opening's boundary face sits on.
    size_t faceIndexOf(const BoundaryFace& f) const {
        int m[3] = {f.i, f.j, f.k};
        if (f.outward > 0) ++m[f.axis];
        return velDims[f.axis].index(m[0], m[1], m[2]);
    }
    size_t memoryBytes() const;
};

// Throws std::invalid_argument naming the opening when one of its faces is not on a fluid cell's
// boundary, or when the grid has no cells.
std::shared_ptr<const AirModel> makeAirModel(AirCase c);

} // namespace halltwin::model::air
