// The uniform staggered (MAC) grid of the air solver and the description of one air-flow case:
// solid cells, the six domain sides, openings (supply, return, rack faces) and heat sources.
// Pressure and temperature live at cell centres, velocity component a on the faces normal to axis a.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace halltwin::model::air {

// Memory held by a vector (its capacity), for the solver's bytes-per-cell accounting.
template <class T> size_t bytesOf(const std::vector<T>& v) {
    return v.capacity() * sizeof(T);
}

// Cell (or face) counts of a 3-D array stored x fastest, then y, then z.
struct Dims {
    int nx = 0, ny = 0, nz = 0;
    size_t size() const { return size_t(nx) * size_t(ny) * size_t(nz); }
    size_t index(int i, int j, int k) const {
        return (size_t(k) * size_t(ny) + size_t(j)) * size_t(nx) + size_t(i);
    }
    int extent(int axis) const { return axis == 0 ? nx : axis == 1 ? ny : nz; }
    size_t stride(int axis) const { return axis == 0 ? 1 : axis == 1 ? size_t(nx) : size_t(nx) * size_t(ny); }
};

struct AirGrid {
    int nx = 1, ny = 1, nz = 1;      // cells; nz == 1 is the 2-D (x, y) mode
    double hx = 1, hy = 1, hz = 1;   // cell size (m); in 2-D mode hz is the slab depth
    std::array<double, 3> origin{};  // position of the low corner (m)
    std::vector<std::uint8_t> solid; // one per cell, 1 = solid; empty = all fluid

    AirGrid() = default;
    AirGrid(int nx_, int ny_, int nz_, double hx_, double hy_, double hz_)
        : nx(nx_), ny(ny_), nz(nz_), hx(hx_), hy(hy_), hz(hz_), solid(size_t(nx_) * ny_ * nz_, 0) {}

    Dims cells() const { return {nx, ny, nz}; }
    int dimensions() const { return nz == 1 ? 2 : 3; }
    double h(int axis) const { return axis == 0 ? hx : axis == 1 ? hy : hz; }
    double cellVolume() const { return hx * hy * hz; }
    double faceArea(int axis) const { return cellVolume() / h(axis); }
    bool inside(int i, int j, int k) const {
        return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz;
    }
    bool isFluid(int i, int j, int k) const {
        return inside(i, j, k) && (solid.empty() || solid[cells().index(i, j, k)] == 0);
    }
    void setSolid(int i, int j, int k, bool s = true) {
        if (solid.empty()) solid.assign(cells().size(), 0);
        solid[cells().index(i, j, k)] = s ? 1 : 0;
    }
};

// Sides of the domain box: 2·axis + (0 low, 1 high).
enum Side : int { XMin = 0, XMax = 1, YMin = 2, YMax = 3, ZMin = 4, ZMax = 5 };

// A domain side is a no-slip wall moving with `velocity` (a lid), adiabatic or at a fixed temperature.
struct WallSide {
    std::array<double, 3> velocity{};
    bool fixedTemperature = false;
    double temperatureC = 20;
};

// One face of fluid cell (i, j, k): the face on its high (outward = +1) or low (outward = -1) side
// along `axis`. The cell across the face must be solid or outside the domain.
struct BoundaryFace {
    int axis = 0;
    int i = 0, j = 0, k = 0;
    int outward = 1;
};

// A set of faces through which air enters or leaves.
// Velocity openings carry a prescribed normal velocity (into the fluid > 0: supply or rack exhaust;
// < 0: a sink such as a return grille or a rack intake). Air entering is at `temperatureC`, or, when
// `linkedTo` names another opening, at the flow-weighted mean temperature leaving through that opening
// plus `deltaT` (a rack: exhaust = intake mean + ΔT).
// Pressure openings hold the (kinematic) pressure at zero on their faces; the flow through them follows.
struct Opening {
    enum class Kind { Velocity, Pressure };
    std::string name;
    Kind kind = Kind::Velocity;
    std::vector<BoundaryFace> faces;
    double velocity = 0; // m/s normal to the faces, positive into the fluid
    double temperatureC = 20;
    int linkedTo = -1;
    double deltaT = 0;
    // A linked opening's air passes a cooling coil (a rack's rear door) before it enters: it leaves with
    // coolFraction of its excess over coolToC removed, but no cooler than the partner's air (the door's
    // valve holds it room-neutral rather than cooling the room).
    double coolFraction = 0, coolToC = 0;
    // Heat added after the coil (the door's fans), as the rise it gives the opening's air (K).
    double afterCoolK = 0;
    // Turbulence of the air let in, for the k-ε model: k = 1.5·(I·U)², ε = k^1.5 / l (the inlet convention of
    // the IEA Annex 20 specification, Nielsen 1990, with l a tenth of the opening's size).
    double turbulenceIntensity = 0.05;
    double turbulenceLength = 0.05; // m
};

// What a linked opening lets in when its partner's outflow mean is partnerC.
inline double linkedInflowC(const Opening& op, double partnerC) {
    const double hot = partnerC + op.deltaT;
    if (op.coolFraction <= 0) return hot + op.afterCoolK;
    // Water warmer than the exhaust takes nothing (the valve closes) rather than heating the room.
    const double cooled = hot - op.coolFraction * (hot - op.coolToC);
    return (cooled > hot ? hot : cooled > partnerC ? cooled : partnerC) + op.afterCoolK;
}

struct HeatSource {
    int i = 0, j = 0, k = 0; // fluid cell
    double watts = 0;
};

// A body force on velocity component `axis` at its face (i, j, k) (face-grid indices), m/s²: e.g. the
// momentum a perforated tile's jets carry beyond what the mean face velocity does.
struct MomentumSource {
    int axis = 2;
    int i = 0, j = 0, k = 0;
    double acceleration = 0;
};

// Coefficient of the zero-equation turbulence model of Chen & Xu (1998), ν_t = C·|V|·l.
inline constexpr double chenXuC = 0.03874;

// Air properties; the viscosity and diffusivity are effective (turbulent) values for a hall.
struct AirProperties {
    double viscosity = 1.5e-5;   // m²/s
    double diffusivity = 2.1e-5; // m²/s
    double density = 1.19;       // kg/m³
    double heatCapacity = 1006;  // J/(kg K)
    std::array<double, 3> gravity{0, 0, -9.81};
    double expansion = 1.0 / 300; // Boussinesq β (1/K)
    double referenceC = 20;
    // Zero-equation turbulence model for indoor air (Chen & Xu 1998): an eddy viscosity
    // ν_t = C·|V|·l, l the distance to the nearest wall, added to the viscosity, and ν_t / Pr_t added
    // to the diffusivity. C = chenXuC in the paper; 0 keeps the constant properties above.
    double zeroEquationC = 0;
    // The standard k-ε model (Launder & Spalding 1974) with log-law wall functions instead: transport
    // equations for the turbulent kinetic energy and its dissipation, ν_t = C_μ k²/ε (AirKEpsilon.cpp).
    bool kEpsilon = false;
    double turbulentPrandtl = 0.9;
    bool eddyViscosity() const { return kEpsilon || zeroEquationC > 0; }
};

struct AirCase {
    AirGrid grid;
    std::array<WallSide, 6> sides{};
    std::vector<Opening> openings;
    std::vector<HeatSource> sources;
    std::vector<MomentumSource> momentumSources;
    AirProperties air;
};

} // namespace halltwin::model::air
