// Voxelises a twin's hall for the air solver: the occupied volume above the (raised) floor, racks and air
// handlers as solid blocks, rack intake faces as sinks and exhaust faces as sources, air handlers as
// returns (top face, a sink drawing the unit's flow) and supplies (front face, lower half; with a raised
// floor, perforated tiles in front of the racks, their jets' extra momentum from the hall's tile open-area
// fraction as a body force), cold-aisle containment as a roof at rack-top height
// (aisle ends open), hot-aisle containment as a roof over the rear aisle with the handlers' return ducted
// from under it. Obstructions (boxes that block air) are solid cells too.
#pragma once

#include "AirGrid.hpp"
#include "AirStep.hpp"
#include "model/Twin.hpp"

#include <map>
#include <string>
#include <vector>

namespace halltwin::model::air {

struct HallGridOptions {
    HallGridOptions(double cell = 0.2) : cellM(cell) {} // so that {0.4} reads as a cell size
    double cellM = 0.2;
    // Turbulence: a constant effective viscosity by default (the mixing-length estimate ν_t ≈ 0.01 · U · L
    // for U ≈ 1 m/s and L ≈ 1 m aisles; diffusivity ν_t / Pr_t with Pr_t = 0.9); with zeroEquationC > 0
    // (0.03874 in the paper) the zero-equation model for indoor air of Chen & Xu (1998), ν_t = C·|V|·l with
    // l the distance to the nearest wall, on molecular air properties. docs/air-solver.md, "Turbulence".
    double zeroEquationC = 0;
    bool kEpsilon = false;            // the standard k-ε model instead (AirProperties::kEpsilon)
    double effectiveViscosity = 0.01; // m²/s, constant model only
    double supplyMargin = 1.05;       // variable-speed air handlers supply this fraction of the rack flow
    // Heat each rack gives to the air (W, twin.racks order), e.g. from the system simulation; empty =
    // design power × (1 − the rack type's liquid capture fraction).
    std::vector<double> rackAirHeatW;
    // Each rack's utilisation (0..1, twin.racks order), for fan-driven airflow; empty = full load, the
    // design point rackAirHeatW's default stands for.
    std::vector<double> rackUtilisation;
    // Each CDU's solved supply temperature (°C, by id), e.g. from the system simulation: a rear door's water
    // when its CDU cannot hold its set point; absent: the set point.
    std::map<std::string, double> cduSupplyC;
};

struct RackOpenings {
    std::string id;
    int intake = -1, exhaust = -1; // indices into AirCase::openings
    double airHeatW = 0, flowM3s = 0, deltaT = 0;
};

struct HallGrid {
    AirCase airCase;
    std::vector<RackOpenings> racks;
    std::vector<std::string> airHandlers; // each has one return opening, in this order
    // The handlers' returns, then, with contained hot aisles, the duct under their roofs that draws all
    // the handlers' air (their own returns are then closed: zero flow).
    std::vector<int> returns;
    // One supply opening per air handler (front face, lower half), or with a raised floor one shared
    // opening over the perforated tiles in front of the racks.
    std::vector<int> supplies;
};

// The grid sits in hall coordinates: its origin is the floor of the room (the top of a raised floor).
HallGrid buildHallGrid(const Twin& twin, const HallGridOptions& options = {});

// Solver settings for halls (docs/air-solver.md, "Convergence"): implicit steps of 30 cell transit
// times, the pressure to 1e-2 per step (each step re-projects what the last one left), steady when rack
// intake and exhaust temperatures move less than 0.05 K over 30 steps with the heat balance closed to 0.5 %
// (or the residual falls below 1e-3).
SolveOptions hallSolveOptions();

struct RackInlet {
    std::string id;
    double meanC = 0, maxC = 0, exhaustC = 0, flowM3s = 0;
    double rearDoorW = 0;    // taken from the exhaust by the rack's rear door (exhaustC is after it)
    double rearDoorFanW = 0; // its fans' work, given to the air after the coil
};
// Inlet temperatures over each rack's intake face.
std::vector<RackInlet> rackInlets(const AirSolution& solution, const HallGrid& hall);

} // namespace halltwin::model::air
