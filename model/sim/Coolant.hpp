// Thermophysical properties of the liquid-loop coolants (water, 25 % propylene glycol) as functions of
// temperature, for the hydraulic network (density, viscosity) and the energy balance (cp, k).
#pragma once

#include <string>

namespace halltwin::model::sim {

struct FluidProperties {
    double densityKgM3 = 0;
    double cpJKgK = 0;          // specific heat at constant pressure
    double viscosityPaS = 0;    // dynamic viscosity
    double conductivityWmK = 0; // thermal conductivity
};

// Properties of `fluid` ("water" or "pg25") at tempC and atmospheric pressure.
// Water is valid 0–100 °C, pg25 −10–90 °C; outside that range std::out_of_range is thrown (rather than
// extrapolating a polynomial silently). An unknown fluid name throws std::invalid_argument naming it.
FluidProperties coolantProperties(const std::string& fluid, double tempC);

} // namespace halltwin::model::sim
