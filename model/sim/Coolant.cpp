#include "Coolant.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace halltwin::model::sim {

namespace {

void requireRange(const std::string& fluid, double tempC, double minC, double maxC) {
    if (!(tempC >= minC && tempC <= maxC))
        throw std::out_of_range(fmt::format(
            "coolant '{}': temperature {} °C is outside the valid range {}–{} °C", fluid, tempC, minC, maxC));
}

// Kell, G. S. (1975), "Density, thermal expansivity, and compressibility of liquid water from 0 to 150 °C",
// J. Chem. Eng. Data 20(1), 97–105, eq. for ρ at 1 atm (T in °C). Gives 998.20 kg/m³ at 20 °C.
double waterDensityKgM3(double t) {
    const double num = 999.83952 + 16.945176 * t - 7.9870401e-3 * t * t - 46.170461e-6 * t * t * t +
                       105.56302e-9 * t * t * t * t - 280.54253e-12 * t * t * t * t * t;
    return num / (1.0 + 16.879850e-3 * t);
}

// Vogel-type equation μ = A·10^(B/(T−C)), A = 2.414e-5 Pa·s, B = 247.8 K, C = 140 K (T in K), as quoted by
// T. Al-Shemmeri, "Engineering Fluid Mechanics" (2012), pp. 17–18. Gives 1.0017e-3 Pa·s at 20 °C against
// 1.0016e-3 from IAPWS 2008.
double waterViscosityPaS(double t) {
    return 2.414e-5 * std::pow(10.0, 247.8 / (t + 273.15 - 140.0));
}

// Least-squares quartic through IAPWS-95 values at 0.101325 MPa (NIST Chemistry WebBook), 10–90 °C in
// 10 K steps: 4195.5, 4184.1, 4180.1, 4179.6, 4181.5, 4185.1, 4190.2, 4196.9, 4205.3 J/(kg·K).
// Largest residual 0.4 J/(kg·K) (0.01 %).
double waterCpJKgK(double t) {
    return 4215.417 + t * (-2.566976 + t * (6.224009e-2 + t * (-6.144522e-4 + t * 2.511655e-6)));
}

// Least-squares quadratic through IAPWS 2011 thermal conductivity at 0.1 MPa, 10–90 °C in 10 K steps:
// 0.5800, 0.5984, 0.6154, 0.6305, 0.6436, 0.6543, 0.6631, 0.6700, 0.6753 W/(m·K). Residual < 3e-4.
double waterConductivityWmK(double t) {
    return 0.5589905 + t * (2.181610e-3 - t * 9.896104e-6);
}

FluidProperties water(double t) {
    requireRange("water", t, 0.0, 100.0);
    return {waterDensityKgM3(t), waterCpJKgK(t), waterViscosityPaS(t), waterConductivityWmK(t)};
}

// Linear in T through (20 °C, a20) and (40 °C, a40); beyond 20–40 °C this is an extrapolation.
double lerp2040(double t, double a20, double a40) {
    return a20 + (a40 - a20) * (t - 20.0) / 20.0;
}

// 25 % (by mass) propylene glycol in water. Vendor glycol design data [V] (ρ and cp as tabulated for 25 %
// propylene glycol in Airedale's DeltaChill chiller manual; μ [E]): ρ 1023.7 / 1014.3 kg/m³,
// cp 3910 / 3960 J/(kg·K), μ 2.4 / 1.4 mPa·s at 20 / 40 °C.
// Viscosity is interpolated in ln μ (Arrhenius-like, which the fluid follows far better than linear μ);
// conductivity 0.50 W/(m·K) is an estimate [E] (ASHRAE Handbook tables give 0.47–0.50 near 20–40 °C).
FluidProperties pg25(double t) {
    requireRange("pg25", t, -10.0, 90.0);
    const double lnMu = lerp2040(t, std::log(2.4e-3), std::log(1.4e-3));
    return {lerp2040(t, 1023.7, 1014.3), lerp2040(t, 3910.0, 3960.0), std::exp(lnMu), 0.50};
}

} // namespace

FluidProperties coolantProperties(const std::string& fluid, double tempC) {
    if (fluid == "water") return water(tempC);
    if (fluid == "pg25") return pg25(tempC);
    throw std::invalid_argument(fmt::format("unknown coolant '{}' (known: water, pg25)", fluid));
}

} // namespace halltwin::model::sim
