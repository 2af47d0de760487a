// What an air solve says about a hall: per-rack inlet and exhaust temperatures and the hall's airflow
// indices (docs/air-metrics.md), the air handlers' heat against the racks', and the solve's convergence.
#pragma once

#include "HallGrid.hpp"

#include <string>
#include <vector>

namespace halltwin::model::air {

struct RackAirResult {
    std::string id;
    double inletMeanC = 0, inletMaxC = 0, exhaustC = 0;
    double flowM3s = 0;
    double beta = 0;      // from the mean inlet; NaN when the rack adds no heat
    double rearDoorW = 0; // heat its rear door takes to the liquid loop
};

struct HallAirResult {
    std::vector<RackAirResult> racks; // in the order of HallGrid::racks
    // RCI_HI over each rack's hottest intake cell, RCI_LO over its coldest (ASHRAE A1 limits), in %.
    double rciHiPercent = 100, rciLoPercent = 100;
    double rtiPercent = 0, shi = 0, rhi = 0;
    double supplyC = 0; // flow-weighted over the supply openings
    double returnC = 0; // flow-weighted over the return openings
    double rackAirHeatW = 0;
    double removedW = 0;     // by the air handlers: ρ c_p Σ (return − supply) flow × temperature
    double rearDoorW = 0;    // by the racks' rear doors, to their liquid loops
    double rearDoorFanW = 0; // the doors' fans' work, given to the air (not written to files)
    // (rack air heat + door fans − rear doors − removed) / rack air heat: 0 at steady state.
    double energyImbalance = 0;
    double hotSpotC = 27;
    std::vector<std::string> hotSpots; // racks whose hottest intake cell exceeds hotSpotC
    int steps = 0;
    double residual = 0;
    bool converged = false, settled = false; // settled: by the monitors (SolveReport::settled)
    double monitorChange = 0;                // K
    bool averaged = false;                   // fields averaged over the last steps (SolveReport::averaged)
    double fluctuation = 0;                  // K, how far the rack temperatures moved meanwhile
    std::vector<double> history;
    // How the air's turbulence was modelled, e.g. "zero-equation (Chen & Xu 1998)"; empty when unknown
    // (results written before it was recorded).
    std::string turbulenceModel;
    // Passes of the coupling with the system simulation (model/air/CoupledSimulation.hpp); 0 when the air
    // was solved alone, with the racks' design heat (or unknown, in files written before it was recorded).
    int couplingPasses = 0;
};

// The turbulence model of a case, as HallAirResult::turbulenceModel names it.
std::string turbulenceModelOf(const AirProperties& air);

// The rack whose hottest intake cell is the warmest, or nullptr when there are no racks.
const RackAirResult* hottestInlet(const HallAirResult& result);

HallAirResult analyseHall(const AirSolution& solution, const HallGrid& hall, const SolveReport& report,
                          double hotSpotC = 27);

} // namespace halltwin::model::air
