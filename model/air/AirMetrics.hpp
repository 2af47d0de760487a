// Thermal-management indices of a data hall computed from rack inlet and outlet temperatures.
// Formulas and sources: docs/air-metrics.md.
#pragma once

#include <span>

namespace halltwin::model::air {

// ASHRAE TC 9.9 class A1 envelope: recommended 18–27 °C, allowable 15–32 °C.
struct InletLimits {
    double maxRecommendedC = 27, maxAllowableC = 32;
    double minRecommendedC = 18, minAllowableC = 15;
};

// Rack Cooling Index (Herrlin 2005), in percent: 100 % = no inlet outside the recommended range.
double rciHi(std::span<const double> inletsC, const InletLimits& limits = {});
double rciLo(std::span<const double> inletsC, const InletLimits& limits = {});

// Return Temperature Index (Herrlin), in percent: 100 % = balanced, > 100 % recirculation,
// < 100 % bypass. NaN below a 0.5 K equipment rise (racks behind rear doors): nothing to compare.
double rti(double returnC, double supplyC, double equipmentDeltaT);

// Air side of one rack (or one inlet–outlet pair).
struct RackAir {
    double inletC = 0, outletC = 0;
    double flowM3s = 0; // weights the sums; equal weights give the unweighted indices
};

// Flow-weighted mean temperature rise across the racks (ΔT_equipment of RTI).
double equipmentDeltaT(std::span<const RackAir> racks);

// Supply and Return Heat Indices (Sharma, Bash & Patel 2002); shi + rhi = 1.
struct HeatIndices {
    double shi = 0, rhi = 0;
};
HeatIndices heatIndices(std::span<const RackAir> racks, double supplyC);

// β (Schmidt, Cruz & Iyengar 2005): inlet rise over the supply divided by the rack's own rise;
// 0 = no recirculation, > 1 = the rack breathes its own exhaust.
double beta(const RackAir& rack, double supplyC);

} // namespace halltwin::model::air
