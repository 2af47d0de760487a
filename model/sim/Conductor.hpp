// Conductors of feeders and busways: resistance with temperature, I²R loss, voltage drop, sizing, mass.
#pragma once

#include <string>

namespace halltwin::model::sim {

struct ConductorMaterial {
    double resistivity20OhmM; // at 20 °C
    double tempCoeffPerK;     // α in ρ(T) = ρ20 (1 + α (T − 20))
    double densityKgM3;
};

// Copper (IEC 60028 annealed: 1.7241e-8 Ω·m, α 0.00393) and aluminium (IEC 60889 hard-drawn:
// 2.8264e-8 Ω·m, α 0.00403). Throws std::invalid_argument for another name.
ConductorMaterial material(const std::string& name);

enum class Circuit { Dc2Wire, Ac3Phase };

struct ConductorRun {
    std::string material = "copper";
    Circuit circuit = Circuit::Dc2Wire;
    double voltageV = 800;
    double powerW = 0;
    double lengthM = 0;         // one way
    double crossSectionMm2 = 0; // per conductor
    double powerFactor = 0.95;  // AC only
    double tempC = 70;          // conductor operating temperature
};

struct ConductorResult {
    double currentA = 0;      // per conductor
    double resistanceOhm = 0; // one conductor over the run
    double lossW = 0;         // all current-carrying conductors
    double dropV = 0;         // line-to-line (AC) or out-and-back (DC)
    double dropFraction = 0;
    double massKg = 0; // all current-carrying conductors
    int conductorCount = 2;
    double lengthM = 0, densityKgM3 = 0;

    // Mass of the same run at another cross-section.
    double crossSectionMassKg(double mm2) const {
        return conductorCount * mm2 * 1e-6 * lengthM * densityKgM3;
    }
};

double currentA(Circuit c, double powerW, double voltageV, double powerFactor);
ConductorResult evaluate(const ConductorRun& run);

// Smallest cross-section (mm²) meeting both a current density and a voltage-drop limit.
double sizeCrossSectionMm2(const ConductorRun& run, double maxCurrentDensityAmm2, double maxDropFraction);

} // namespace halltwin::model::sim
