// The power chain from the utility meter to the chips, built from the twin's stages (in order from the
// utility), its feeder and busways. The IT boundary is the rack input (ISO/IEC 30134-2 category 3):
// in-rack converters (PSU, DC-DC, VRM) are part of the IT power and only split it into chip power and
// in-rack loss; everything upstream adds loss that becomes heat in the white space or the plant room.
#pragma once

#include "model/Twin.hpp"
#include "model/sim/Conductor.hpp"

#include <string>
#include <vector>

namespace halltwin::model::sim {

struct StageResult {
    std::string id, name, kind, location, redundancy;
    int units = 0, activeUnits = 0;
    double unitRatedW = 0;
    double inputW = 0, outputW = 0, lossW = 0;
    double loadFraction = 0, efficiency = 1;
    double capacityW = 0;             // what the active units can deliver
    double capacityAfterFailureW = 0; // after losing one unit (N, N+1) or one path (2N)
};

struct BuswayResult {
    std::string id, row;
    double powerW = 0;
    ConductorResult conductor;
    double sizedCrossSectionMm2 = 0; // to the design current density and drop limit
};

struct PowerChainOptions {
    bool onePathLost = false;        // 2N stages and feeds run on one path only
    double currentDensityAmm2 = 2.0; // busbar sizing rule of thumb for enclosed copper busways [E]
    double maxDropFraction = 0.01;   // 1 % voltage drop on the feeder and each busway [E]
};

struct PowerChainResult {
    double rackInputW = 0; // IT power
    double chipW = 0;      // delivered past the in-rack converters
    double utilityW = 0;   // at the meter (IT side; cooling is added by the plant)
    double lossUpstreamW = 0, lossInRackW = 0;
    double lossWhiteSpaceW = 0, lossPlantW = 0; // where upstream losses become heat
    double distributionEfficiency = 1;          // rack input / utility
    double endToEndEfficiency = 1;              // chip / utility
    double conductorMassKg = 0;                 // feeder and busways, sized
    std::vector<StageResult> stages;
    BuswayResult feeder;
    std::vector<BuswayResult> busways;
    std::vector<std::string> capacityProblems; // empty when every stage and feed carries its load
};

// rackInputW is indexed like twin.racks.
PowerChainResult solvePowerChain(const Twin& twin, const std::vector<double>& rackInputW,
                                 const PowerChainOptions& options = {});

} // namespace halltwin::model::sim
