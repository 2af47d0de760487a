#include "HallGrid.hpp"

#include "model/Catalog.hpp"
#include "model/LayoutWorld.hpp"
#include "model/RackPower.hpp"
#include "model/sim/Coolant.hpp"
#include "model/sim/RearDoor.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace halltwin::model::air {

namespace {

// Cells [lo, hi) along each axis covered by a solid.
struct Box {
    int lo[3], hi[3];
    bool empty() const { return lo[0] >= hi[0] || lo[1] >= hi[1] || lo[2] >= hi[2]; }
};

int snap(double x, double h, int n) {
    return std::clamp(int(std::lround(x / h)), 0, n);
}

Box boxOf(const Solid& s, const AirGrid& g) {
    const Rect r = envelope(s); // a rack's rear door takes its depth of air, and the exhaust leaves behind it
    return {{snap(r.x0, g.hx, g.nx), snap(r.y0, g.hy, g.ny), 0},
            {snap(r.x1, g.hx, g.nx), snap(r.y1, g.hy, g.ny), std::max(1, snap(s.heightM, g.hz, g.nz))}};
}

// Front (air intake) faces -y at yaw 0 and turns counter-clockwise with the yaw (as in LayoutRules).
std::pair<int, int> frontAxisSign(const Solid& s) {
    const double a = s.yawDeg * std::numbers::pi / 180;
    const int x = int(std::lround(std::sin(a))), y = int(std::lround(-std::cos(a)));
    return x != 0 ? std::pair{0, x} : std::pair{1, y};
}

// Faces between the box side facing `sign` along `axis` and the fluid cells next to it, limited to
// cell layers [k0, k1) in z.
std::vector<BoundaryFace> facesBeside(const Box& b, int axis, int sign, const AirGrid& g, int k0, int k1) {
    std::vector<BoundaryFace> out;
    const int layer = sign > 0 ? b.hi[axis] : b.lo[axis] - 1;
    const int n = axis == 0 ? g.nx : axis == 1 ? g.ny : g.nz;
    if (layer < 0 || layer >= n) return out;
    int lo[3] = {b.lo[0], b.lo[1], std::max(b.lo[2], k0)}, hi[3] = {b.hi[0], b.hi[1], std::min(b.hi[2], k1)};
    lo[axis] = layer;
    hi[axis] = layer + 1;
    for (int k = lo[2]; k < hi[2]; ++k)
        for (int j = lo[1]; j < hi[1]; ++j)
            for (int i = lo[0]; i < hi[0]; ++i)
                if (g.isFluid(i, j, k)) out.push_back({axis, i, j, k, -sign});
    return out;
}

// Containment of one row's aisle on its `sign` side along `axis` (the front for a cold aisle, the rear
// for a hot one): a roof one cell thick at rack-top height, reaching to the first solid across the aisle
// (the facing row), at most 3 m. The aisle ends stay open: end doors would seal a pocket whose flows
// never balance exactly, and real containment leaks there. Returns the faces under the roof.
std::vector<BoundaryFace> containRow(const std::vector<Box>& rowBoxes, int axis, int sign, AirGrid& g) {
    Box row = rowBoxes.front();
    for (const Box& b : rowBoxes)
        for (int a = 0; a < 3; ++a) {
            row.lo[a] = std::min(row.lo[a], b.lo[a]);
            row.hi[a] = std::max(row.hi[a], b.hi[a]);
        }
    const int along = 1 - axis; // rows run across the facing axis
    const int n = axis == 0 ? g.nx : g.ny;
    const int maxDepth = std::max(1, int(std::lround(3.0 / g.h(axis))));
    const int start = sign > 0 ? row.hi[axis] : row.lo[axis] - 1;
    int depth = 0;
    for (int q = start; q >= 0 && q < n && depth < maxDepth; q += sign, ++depth) {
        bool blocked = false;
        for (int t = row.lo[along]; t < row.hi[along] && !blocked; ++t) {
            int c[3] = {0, 0, 0};
            c[axis] = q;
            c[along] = t;
            blocked = !g.isFluid(c[0], c[1], c[2]);
        }
        if (blocked) break;
    }
    if (depth == 0) return {};
    const int a0 = std::min(start, start + sign * (depth - 1)),
              a1 = std::max(start, start + sign * (depth - 1));
    const int roof = row.hi[2];
    if (roof >= g.nz) return {}; // racks reach the ceiling: the aisle is closed already
    std::vector<BoundaryFace> under;
    for (int q = a0; q <= a1; ++q)
        for (int t = row.lo[along]; t < row.hi[along]; ++t) {
            int c[3] = {0, 0, roof};
            c[axis] = q;
            c[along] = t;
            g.setSolid(c[0], c[1], c[2]);
            if (g.isFluid(c[0], c[1], roof - 1)) under.push_back({2, c[0], c[1], roof - 1, 1});
        }
    return under;
}

double facesArea(const std::vector<BoundaryFace>& faces, const AirGrid& g) {
    double area = 0;
    for (const BoundaryFace& f : faces)
        area += g.faceArea(f.axis);
    return area;
}

Opening velocityOpening(std::string name, std::vector<BoundaryFace> faces, double flowM3s, const AirGrid& g) {
    Opening o;
    o.name = std::move(name);
    const double area = facesArea(faces, g);
    o.faces = std::move(faces);
    o.velocity = area > 0 ? flowM3s / area : 0;
    return o;
}

// The hall's solids voxelised: every block first, so openings only use faces that stay fluid.
struct Voxels {
    std::vector<Solid> solids;
    std::vector<Box> boxes; // in the order of solids
    int indexOf(const std::string& id) const {
        for (size_t n = 0; n < solids.size(); ++n)
            if (solids[n].id == id) return int(n);
        return -1;
    }
};

// The occupied volume above the (raised) floor at the cell size nearest opt.cellM, with the air
// properties of the turbulence model chosen.
AirCase emptyHall(const Hall& hall, const HallGridOptions& opt) {
    AirCase c;
    const double room = hall.heightM - hall.raisedFloorM; // the raised-floor plenum is not modelled
    const int nx = std::max(1, int(std::lround(hall.lengthM / opt.cellM)));
    const int ny = std::max(1, int(std::lround(hall.widthM / opt.cellM)));
    const int nz = std::max(2, int(std::lround(room / opt.cellM)));
    c.grid = AirGrid(nx, ny, nz, hall.lengthM / nx, hall.widthM / ny, room / nz);
    c.grid.origin = {0, 0, hall.raisedFloorM};
    if (opt.kEpsilon) {
        c.air.kEpsilon = true; // molecular properties stay as they are
    } else if (opt.zeroEquationC > 0) {
        c.air.zeroEquationC = opt.zeroEquationC;
    } else {
        c.air.viscosity = opt.effectiveViscosity;
        c.air.diffusivity = opt.effectiveViscosity / c.air.turbulentPrandtl;
    }
    return c;
}

Voxels blockSolids(const Twin& twin, AirGrid& g) {
    Voxels v{solidsOf(twin), {}};
    for (const Solid& s : v.solids) {
        v.boxes.push_back(boxOf(s, g));
        const Box& b = v.boxes.back();
        for (int k = b.lo[2]; k < b.hi[2]; ++k)
            for (int j = b.lo[1]; j < b.hi[1]; ++j)
                for (int i = b.lo[0]; i < b.hi[0]; ++i)
                    g.setSolid(i, j, k);
    }
    return v;
}

// Cells [lo, hi) of an extent [x0, x0 + length) snapped to the grid, at least one cell: a beam thinner
// than a cell still blocks the layer it lies in.
std::pair<int, int> snapSpan(double x0, double length, double h, int n) {
    const int lo = std::clamp(int(std::lround(x0 / h)), 0, n - 1);
    return {lo, std::clamp(int(std::lround((x0 + length) / h)), lo + 1, n)};
}

// Obstructions (columns, beams, cable trays, closed zones) as solid cells, before any opening is placed.
void blockObstructions(const Twin& twin, AirGrid& g) {
    for (const Obstruction& o : twin.obstructions) {
        const auto [i0, i1] = snapSpan(o.xM, o.lengthM, g.hx, g.nx);
        const auto [j0, j1] = snapSpan(o.yM, o.widthM, g.hy, g.ny);
        const auto [k0, k1] = snapSpan(o.zM, o.heightM, g.hz, g.nz);
        for (int k = k0; k < k1; ++k)
            for (int j = j0; j < j1; ++j)
                for (int i = i0; i < i1; ++i)
                    g.setSolid(i, j, k);
    }
}

// Roofs over contained aisles; returns the faces under the roofs of contained hot aisles (the air
// handlers' ducted return), each face once (facing hot-contained rows share one aisle and one roof).
std::vector<BoundaryFace> containAisles(const Twin& twin, const Voxels& v, AirGrid& g) {
    std::vector<BoundaryFace> hotAisle;
    for (const Row& row : twin.rows) {
        // A contained cold aisle needs its floor tiles: only with a raised floor.
        const bool hot = row.containment == "hot";
        if (!hot && (row.containment != "cold" || twin.hall.raisedFloorM <= 0)) continue;
        std::vector<Box> rowBoxes;
        std::pair<int, int> front{1, -1};
        for (const Rack& r : twin.racks) {
            const int si = v.indexOf(r.id);
            if (r.row != row.id || si < 0 || v.boxes[size_t(si)].empty()) continue;
            rowBoxes.push_back(v.boxes[size_t(si)]);
            front = frontAxisSign(v.solids[size_t(si)]);
        }
        if (rowBoxes.empty()) continue;
        const std::vector<BoundaryFace> under =
            containRow(rowBoxes, front.first, hot ? -front.second : front.second, g);
        if (hot) hotAisle.insert(hotAisle.end(), under.begin(), under.end());
    }
    const Dims d = g.cells();
    std::sort(hotAisle.begin(), hotAisle.end(), [&](const BoundaryFace& a, const BoundaryFace& b) {
        return d.index(a.i, a.j, a.k) < d.index(b.i, b.j, b.k);
    });
    hotAisle.erase(std::unique(hotAisle.begin(), hotAisle.end(),
                               [](const BoundaryFace& a, const BoundaryFace& b) {
                                   return a.i == b.i && a.j == b.j && a.k == b.k;
                               }),
                   hotAisle.end());
    return hotAisle;
}

// The layers [k0, k1) of the rack's air band: the cells whose centres lie in it (the one nearest its middle
// when the band is thinner than a cell); the whole height without a band.
std::pair<int, int> bandLayers(const Rack& r, const RackType& t, const AirGrid& g) {
    const bool own = r.airBandTopM > 0;
    const double bottom = own ? r.airBandBottomM : t.airBandBottomM,
                 top = own ? r.airBandTopM : t.airBandTopM;
    if (top <= 0) return {0, g.nz};
    const int k0 = int(std::ceil(bottom / g.hz - 0.5)), k1 = int(std::floor(top / g.hz - 0.5)) + 1;
    if (k1 > k0) return {k0, k1};
    const int mid = int((bottom + top) / 2 / g.hz);
    return {mid, mid + 1};
}

// A rack's rear door cools its exhaust toward the door's water: the CDU's supply, in the loop's fluid — its
// set point, or what the system simulation solved when the CDU could not hold it.
void addRearDoor(const Twin& twin, const HallGridOptions& opt, const Rack& r, double flowM3s, double airRhoCp,
                 Opening& exhaust) {
    const RearDoorType* door = find(twin.catalog.rearDoorTypes, r.rearDoor);
    const Cdu* cdu = nullptr;
    for (const Cdu& c : twin.cooling.cdus)
        cdu = c.id == r.cdu ? &c : cdu;
    if (!door || !cdu) return;
    const auto solved = opt.cduSupplyC.find(cdu->id);
    const double waterC = std::max(cdu->supplyTempC, solved == opt.cduSupplyC.end() ? 0.0 : solved->second);
    const sim::FluidProperties f = sim::coolantProperties(cdu->fluid, waterC);
    const double waterWK = f.densityKgM3 * f.cpJKgK * door->waterFlowM3s;
    exhaust.coolFraction =
        sim::rearDoorDuty(*door, flowM3s, waterC + 1, waterC, waterWK, airRhoCp).airCoolFraction;
    exhaust.coolToC = waterC;
    // The door's fans blow through the coil; their work reaches the room as heat (as in the system
    // simulation, where it is air-side fan power).
    exhaust.afterCoolK = flowM3s > 0 ? door->fanPowerW / (airRhoCp * flowM3s) : 0;
}

// Each rack: an intake (sink) on its front face and an exhaust (source) on its rear face, within its air
// band, the exhaust at the intake's mean + ΔT (less what a rear door takes). Returns the racks' total airflow
// (m³/s).
double addRackOpenings(const Twin& twin, const HallGridOptions& opt, const Voxels& v, HallGrid& out) {
    AirCase& c = out.airCase;
    const double rhoCp = c.air.density * c.air.heatCapacity;
    double rackFlow = 0;
    for (size_t n = 0; n < twin.racks.size(); ++n) {
        const Rack& r = twin.racks[n];
        const int si = v.indexOf(r.id);
        const RackType* t = find(twin.catalog.rackTypes, r.type);
        if (si < 0 || !t || v.boxes[size_t(si)].empty()) continue;
        const double airHeat = n < opt.rackAirHeatW.size()
                                   ? opt.rackAirHeatW[n]
                                   : rackDesignPowerW(r, twin.catalog) * (1 - t->liquidCaptureFraction);
        const double u = n < opt.rackUtilisation.size() ? opt.rackUtilisation[n] : 1;
        const auto [q, dT] = rackAir(r, *t, airHeat, u, rhoCp);
        const auto [axis, sign] = frontAxisSign(v.solids[size_t(si)]);
        const Box& b = v.boxes[size_t(si)];
        const auto [k0, k1] = bandLayers(r, *t, c.grid);
        RackOpenings ro{r.id, int(c.openings.size()), int(c.openings.size()) + 1, airHeat, q, dT};
        Opening in =
            velocityOpening(r.id + " intake", facesBeside(b, axis, sign, c.grid, k0, k1), -q, c.grid);
        Opening ex =
            velocityOpening(r.id + " exhaust", facesBeside(b, axis, -sign, c.grid, k0, k1), q, c.grid);
        if (in.faces.empty() || ex.faces.empty()) continue; // blocked: no air path through the rack
        ex.linkedTo = ro.intake;
        ex.deltaT = dT;
        addRearDoor(twin, opt, r, q, rhoCp, ex);
        c.openings.push_back(std::move(in));
        c.openings.push_back(std::move(ex));
        out.racks.push_back(ro);
        rackFlow += q;
    }
    return rackFlow;
}

// With a raised floor the air handlers blow into the plenum and the air rises through the perforated
// tiles in front of the racks (one tile deep; the plenum itself is not modelled).
std::vector<BoundaryFace> floorTiles(const Hall& hall, const HallGridOptions& opt, const HallGrid& out) {
    std::vector<BoundaryFace> tiles;
    if (hall.raisedFloorM <= 0) return tiles;
    const AirCase& c = out.airCase;
    std::vector<std::uint8_t> taken(c.grid.cells().size(), 0);
    const int depth = std::max(1, int(std::lround(hall.tileM / opt.cellM)));
    for (const RackOpenings& r : out.racks)
        for (const BoundaryFace& f : c.openings[size_t(r.intake)].faces) {
            if (f.k != 0) continue;
            int q[3] = {f.i, f.j, 0};
            for (int d = 0; d < depth && c.grid.isFluid(q[0], q[1], q[2]); ++d, q[f.axis] -= f.outward) {
                const size_t n = c.grid.cells().index(q[0], q[1], q[2]);
                if (!taken[n]) tiles.push_back({2, q[0], q[1], 0, -1});
                taken[n] = 1;
            }
        }
    return tiles;
}

// What the air handlers blow into a shared opening (the floor tiles, a duct to supply vents): flow (m³/s)
// and flow × supply temperature.
struct SharedSupply {
    double flowM3s = 0, flowTimesC = 0;
    void add(double q, double c) { flowM3s += q, flowTimesC += q * c; }
    double temperatureC() const { return flowM3s > 0 ? flowTimesC / flowM3s : 20; }
};

// The air handlers' shares of the room's common openings.
struct HandlerFeeds {
    SharedSupply tiles, duct; // discharge down (raised floor), up (supply vents)
    double plenumFlowM3s = 0; // drawn through the return vents (return from the ceiling)
};

// A unit's fixed airflow: its own, else a fixed-speed type's; 0 for a variable-speed unit.
double fixedFlow(const AirHandler& a, const AirHandlerType& t) {
    if (a.airflowM3s > 0) return a.airflowM3s;
    return t.variableSpeed ? 0 : t.airflowM3s;
}

bool inRow(const AirHandlerType& t) {
    return t.kind == "in_row";
}

// The cell layers [k0, k1) of a unit's front grille: from grilleBottomM, grilleHeightM high (without one the
// lower half of the unit, or all of an in-row cooler's front), within the unit.
std::pair<int, int> grilleLayers(const AirHandler& a, const AirHandlerType& t, const Box& b,
                                 const AirGrid& g) {
    const int top = b.hi[2];
    const int k0 = std::clamp(int(std::lround(a.grilleBottomM / g.hz)), 0, top - 1);
    const int n = a.grilleHeightM > 0 ? std::max(1, int(std::lround(a.grilleHeightM / g.hz)))
                  : inRow(t)          ? top
                                      : std::max(1, top / 2);
    return {k0, std::min(top, k0 + n)};
}

// Where a unit draws from when its own choice is empty: an in-row cooler from the hot aisle behind it.
std::string returnOf(const AirHandler& a, const AirHandlerType& t) {
    return !a.returnFrom.empty() ? a.returnFrom : inRow(t) ? "rear" : "top";
}

// Where a unit draws its air from; the faces of its top when the chosen side has none.
std::vector<BoundaryFace> returnFaces(const std::string& from, const Box& b, std::pair<int, int> front,
                                      int above, const AirGrid& g) {
    const auto [axis, sign] = front;
    std::vector<BoundaryFace> faces;
    if (from == "front") faces = facesBeside(b, axis, sign, g, above, g.nz);
    if (from == "rear") faces = facesBeside(b, axis, -sign, g, 0, g.nz);
    if (faces.empty()) faces = facesBeside(b, 2, 1, g, 0, g.nz);
    if (faces.empty()) faces = facesBeside(b, axis, sign, g, above, g.nz);
    return faces;
}

// Each air handler: a return drawing its flow (top, front above the grille, rear, or the ceiling plenum)
// and a supply (a front grille, the floor tiles, or a duct to the supply vents). A unit with its own
// airflow moves that; else variable-speed units share the racks' flow and fixed-speed ones move their
// type's. A unit returning from the ceiling keeps a closed return of its own (zero flow), so each unit
// still has one return opening.
HandlerFeeds addAirHandlers(const Twin& twin, const HallGridOptions& opt, const Voxels& v, double rackFlow,
                            bool viaTiles, HallGrid& out) {
    AirCase& c = out.airCase;
    HandlerFeeds feeds;
    std::vector<const AirHandler*> handlers;
    for (const AirHandler& a : twin.cooling.airHandlers)
        if (v.indexOf(a.id) >= 0 && find(twin.catalog.airHandlerTypes, a.type)) handlers.push_back(&a);
    // Variable-speed units share what the racks draw (with a margin), less what the fixed units move.
    double fixed = 0;
    int variable = 0;
    for (const AirHandler* a : handlers) {
        const double f = fixedFlow(*a, *find(twin.catalog.airHandlerTypes, a->type));
        fixed += f, variable += f > 0 ? 0 : 1;
    }
    const double share = variable ? std::max(0.0, rackFlow * opt.supplyMargin - fixed) / variable : 0;
    for (const AirHandler* a : handlers) {
        const int si = v.indexOf(a->id);
        const AirHandlerType* t = find(twin.catalog.airHandlerTypes, a->type);
        const Box& b = v.boxes[size_t(si)];
        const auto front = frontAxisSign(v.solids[size_t(si)]);
        const double q = fixedFlow(*a, *t) > 0 ? fixedFlow(*a, *t) : share;
        const std::string discharge = a->discharge.empty() || (a->discharge == "down" && !viaTiles)
                                          ? (viaTiles && !inRow(*t) ? "down" : "front")
                                          : a->discharge;
        const auto [g0, g1] = grilleLayers(*a, *t, b, c.grid);
        // The unit's fan draws what it supplies: a sink, not a fixed-pressure opening, so no room air is
        // pushed back out of a return grille.
        const std::string from = returnOf(*a, *t);
        const bool plenum = from == "ceiling";
        std::vector<BoundaryFace> retFaces =
            returnFaces(from, b, front, discharge == "front" ? g1 : std::max(1, b.hi[2] / 2), c.grid);
        if (retFaces.empty()) continue;
        Opening ret = velocityOpening(a->id + " return", std::move(retFaces), plenum ? 0 : -q, c.grid);
        ret.temperatureC = a->supplyTempC;
        if (discharge == "front") {
            Opening sup = velocityOpening(
                a->id + " supply", facesBeside(b, front.first, front.second, c.grid, g0, g1), q, c.grid);
            sup.temperatureC = a->supplyTempC;
            if (sup.faces.empty()) continue;
            out.supplies.push_back(int(c.openings.size()));
            c.openings.push_back(std::move(sup));
        } else {
            (discharge == "down" ? feeds.tiles : feeds.duct).add(q, a->supplyTempC);
        }
        if (plenum) feeds.plenumFlowM3s += q;
        out.airHandlers.push_back(a->id);
        out.returns.push_back(int(c.openings.size()));
        c.openings.push_back(std::move(ret));
    }
    c.air.referenceC = handlers.empty() ? 20 : handlers.front()->supplyTempC;
    return feeds;
}

// The fluid faces of a vent: on the ceiling (the top of the room's last cell layer) or on the wall its
// centre lies on, the cells whose extent it covers (one at least).
std::vector<BoundaryFace> ventFaces(const Vent& v, const AirGrid& g) {
    std::vector<BoundaryFace> faces;
    auto add = [&](int axis, int i, int j, int k, int outward) {
        if (g.isFluid(i, j, k)) faces.push_back({axis, i, j, k, outward});
    };
    if (v.surface == "ceiling") {
        const auto [i0, i1] = snapSpan(v.xM - v.lengthM / 2, v.lengthM, g.hx, g.nx);
        const auto [j0, j1] = snapSpan(v.yM - v.widthM / 2, v.widthM, g.hy, g.ny);
        for (int j = j0; j < j1; ++j)
            for (int i = i0; i < i1; ++i)
                add(2, i, j, g.nz - 1, 1);
        return faces;
    }
    const double L = g.nx * g.hx, W = g.ny * g.hy;
    const auto [k0, k1] = snapSpan(v.zM - v.widthM / 2, v.widthM, g.hz, g.nz);
    const bool xWall = std::fabs(v.xM) < 1e-6 || std::fabs(v.xM - L) < 1e-6;
    const auto [a0, a1] = xWall ? snapSpan(v.yM - v.lengthM / 2, v.lengthM, g.hy, g.ny)
                                : snapSpan(v.xM - v.lengthM / 2, v.lengthM, g.hx, g.nx);
    for (int k = k0; k < k1; ++k)
        for (int a = a0; a < a1; ++a) {
            if (xWall)
                v.xM < L / 2 ? add(0, 0, a, k, -1) : add(0, g.nx - 1, a, k, 1);
            else
                v.yM < W / 2 ? add(1, a, 0, k, -1) : add(1, a, g.ny - 1, k, 1);
        }
    return faces;
}

// The room's vents: own-flow supplies and returns, those fed by the air handlers (sharing the duct's or
// the plenum's flow with one velocity over all their faces), and openings held at the reference pressure.
void addVents(const Twin& twin, const HandlerFeeds& feeds, HallGrid& out) {
    AirCase& c = out.airCase;
    std::vector<std::vector<BoundaryFace>> faces;
    double fedArea[2] = {0, 0}; // supply, return
    for (const Vent& v : twin.vents) {
        faces.push_back(ventFaces(v, c.grid));
        if (v.flowM3s <= 0 && v.kind != "pressure")
            fedArea[v.kind == "supply" ? 0 : 1] += facesArea(faces.back(), c.grid);
    }
    for (size_t n = 0; n < twin.vents.size(); ++n) {
        const Vent& v = twin.vents[n];
        if (faces[n].empty()) continue;
        Opening o;
        if (v.kind == "pressure") {
            o.name = v.id, o.faces = std::move(faces[n]), o.kind = Opening::Kind::Pressure;
            o.temperatureC = v.supplyTempC;
            out.returns.push_back(int(c.openings.size()));
            c.openings.push_back(std::move(o));
            continue;
        }
        const bool supply = v.kind == "supply", own = v.flowM3s > 0;
        // Fed vents share one velocity: the duct's or plenum's flow over all their faces.
        const double fed = supply ? feeds.duct.flowM3s : feeds.plenumFlowM3s,
                     shared = fedArea[supply ? 0 : 1];
        const double q = own ? v.flowM3s : shared > 0 ? fed * facesArea(faces[n], c.grid) / shared : 0;
        o = velocityOpening(v.id, std::move(faces[n]), supply ? q : -q, c.grid);
        o.temperatureC = own || !supply ? v.supplyTempC : feeds.duct.temperatureC();
        (supply ? out.supplies : out.returns).push_back(int(c.openings.size()));
        c.openings.push_back(std::move(o));
    }
}

// Contained hot aisles are ducted to the air handlers (a ceiling plenum): the units draw all their air
// there, their own grilles closed.
void addHotAisleDuct(const std::vector<BoundaryFace>& faces, HallGrid& out) {
    AirCase& c = out.airCase;
    double handlerFlow = 0;
    for (int r : out.returns)
        handlerFlow -= c.openings[size_t(r)].velocity * facesArea(c.openings[size_t(r)].faces, c.grid);
    if (faces.empty() || handlerFlow <= 0) return;
    for (int r : out.returns)
        c.openings[size_t(r)].velocity = 0;
    Opening duct = velocityOpening("hot-aisle return duct", faces, -handlerFlow, c.grid);
    out.returns.push_back(int(c.openings.size()));
    c.openings.push_back(std::move(duct));
}

// One supply over all floor tiles at the handlers' mixed temperature; the jets' momentum beyond the mean
// face velocity (from the tiles' open-area fraction) enters as a body force one cell up.
void addTileSupply(const Hall& hall, const std::vector<BoundaryFace>& tiles, const SharedSupply& s,
                   HallGrid& out) {
    if (s.flowM3s <= 0) return;
    AirCase& c = out.airCase;
    Opening sup = velocityOpening("floor tiles", tiles, s.flowM3s, c.grid);
    sup.temperatureC = s.flowTimesC / s.flowM3s;
    const double f = std::clamp(hall.tileOpenFraction, 0.05, 1.0);
    const double jet = sup.velocity * sup.velocity * (1 / f - 1) / c.grid.hz;
    if (c.grid.nz > 1 && jet > 0)
        for (const BoundaryFace& t : sup.faces)
            c.momentumSources.push_back({2, t.i, t.j, 1, jet});
    out.supplies.push_back(int(c.openings.size()));
    c.openings.push_back(std::move(sup));
}

} // namespace

HallGrid buildHallGrid(const Twin& twin, const HallGridOptions& opt) {
    HallGrid out;
    out.airCase = emptyHall(twin.hall, opt);
    const Voxels voxels = blockSolids(twin, out.airCase.grid);
    blockObstructions(twin, out.airCase.grid);
    const std::vector<BoundaryFace> hotAisle = containAisles(twin, voxels, out.airCase.grid);
    const double rackFlow = addRackOpenings(twin, opt, voxels, out);
    const std::vector<BoundaryFace> tiles = floorTiles(twin.hall, opt, out);
    const HandlerFeeds feeds = addAirHandlers(twin, opt, voxels, rackFlow, !tiles.empty(), out);
    addHotAisleDuct(hotAisle, out);
    addTileSupply(twin.hall, tiles, feeds.tiles, out);
    addVents(twin, feeds, out);
    return out;
}

SolveOptions hallSolveOptions() {
    SolveOptions o;
    o.cfl = 30;
    o.temperatureCfl = 50;
    o.pressureTolerance = 1e-2;
    o.tolerance = 1e-3;
    o.monitorTolerance = 0.05;
    o.monitorWindow = 3;
    o.progressEvery = 10;
    o.averageAfter = 300; // the default hall at 0.2 m settles by ~150 steps; finer grids keep moving
    o.averageBlock = 100;
    o.warmAverageAfter = 0; // a warm hall's fields are the last solve's mean: average from the first step
    o.maxSteps = 3000;
    return o;
}

std::vector<RackInlet> rackInlets(const AirSolution& s, const HallGrid& hall) {
    std::vector<RackInlet> out;
    const AirCase& c = s.model->airCase;
    for (const RackOpenings& r : hall.racks) {
        RackInlet in{r.id, 0, -1e30, openingTemperature(*s.model, s.state, size_t(r.exhaust)), r.flowM3s};
        const Opening& ex = c.openings[size_t(r.exhaust)];
        const double hot = openingTemperature(*s.model, s.state, size_t(r.intake)) + ex.deltaT;
        const double intakeC = hot - ex.deltaT;
        in.rearDoorW = c.air.density * c.air.heatCapacity * r.flowM3s *
                       (hot - (linkedInflowC(ex, intakeC) - ex.afterCoolK));
        in.rearDoorFanW = c.air.density * c.air.heatCapacity * r.flowM3s * ex.afterCoolK;
        const auto& faces = c.openings[size_t(r.intake)].faces;
        for (const BoundaryFace& f : faces) {
            const double t = s.state.T[s.model->cells.index(f.i, f.j, f.k)];
            in.meanC += t / double(faces.size());
            in.maxC = std::max(in.maxC, t);
        }
        out.push_back(in);
    }
    return out;
}

} // namespace halltwin::model::air
