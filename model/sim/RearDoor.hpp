// Rear-door heat exchangers: a water coil on a rack's rear face cools the rack's exhaust before it
// reaches the room. A cross-flow coil with both streams unmixed (ε-NTU, Incropera & DeWitt Table 11.3);
// its UA follows from the type's rating (the approach of the leaving air to the entering water at rated
// flows), and scales with the air's flow as the air-side film dominates a finned coil.
#pragma once

#include "model/Catalog.hpp"

#include <limits>
#include <string>
#include <utility>

namespace halltwin::model::sim {

inline constexpr double kDoorAirRhoCp = 1.2 * 1006;     // J/(m³·K), air at ~20 °C
inline constexpr double kDoorWaterRhoCp = 997.0 * 4180; // J/(m³·K), the rating's water
inline constexpr double kNoDutyLimit = std::numeric_limits<double>::infinity();
// Air-side film coefficient ∝ face velocity^0.6 (compact finned surfaces: Colburn j ∝ Re^−0.4, Kays &
// London, Compact Heat Exchangers) [E]; so UA ∝ airflow^0.6.
inline constexpr double kDoorUaFlowExponent = 0.6;

// Why a type's rating cannot be met: {field, reason}, both empty when it can.
std::pair<std::string, std::string> rearDoorRatingProblem(const RearDoorType& door);

// The coil's UA (W/K) at its rated air flow. Throws std::invalid_argument naming the type and field when
// the rating cannot be met (approach not below the rated air-to-water difference, or ε out of reach).
double rearDoorRatedUaWK(const RearDoorType& door);

struct RearDoorDuty {
    double dutyW = 0;     // from the air to the water
    double airOutC = 0;   // leaving the door, into the room
    double waterOutC = 0; // back to the loop
    double effectiveness = 0;
    // Fraction of the air's excess over the water inlet that the door removes: air out = air in −
    // airCoolFraction·(air in − water in). Depends on the flows only, so the air solver can apply it to
    // the exhaust temperature it solves.
    double airCoolFraction = 0;
};

// A door's coil as its type rates it, worked out once (the rating's UA needs an iterative inverse).
struct RearDoorCoil {
    double ratedUaWK = 0, ratedAirflowM3s = 0;
};
RearDoorCoil rearDoorCoil(const RearDoorType& door);

// The door at an operating point: air (m³/s, entering at airInC) through the coil, water entering at
// waterInC with capacity rate waterCapacityWK (W/K; the loop's fluid); airRhoCp the caller's air
// properties (J/(m³·K)); never negative (water warmer than the air: the valve closes); maxDutyW the most its
// valve lets it take (the rack's own heat, so the air leaves
// no cooler than the rack's intake: rear doors are run room-neutral). Zero air flow: nothing exchanged.
RearDoorDuty rearDoorDuty(const RearDoorCoil& coil, double airflowM3s, double airInC, double waterInC,
                          double waterCapacityWK, double airRhoCp = kDoorAirRhoCp,
                          double maxDutyW = kNoDutyLimit);
inline RearDoorDuty rearDoorDuty(const RearDoorType& door, double airflowM3s, double airInC, double waterInC,
                                 double waterCapacityWK, double airRhoCp = kDoorAirRhoCp,
                                 double maxDutyW = kNoDutyLimit) {
    return rearDoorDuty(rearDoorCoil(door), airflowM3s, airInC, waterInC, waterCapacityWK, airRhoCp,
                        maxDutyW);
}

} // namespace halltwin::model::sim
