#include "Conductor.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace halltwin::model::sim {

ConductorMaterial material(const std::string& name) {
    if (name == "copper") return {1.7241e-8, 0.00393, 8960};
    if (name == "aluminium") return {2.8264e-8, 0.00403, 2700};
    throw std::invalid_argument("unknown conductor material '" + name + "'");
}

namespace {
int conductors(Circuit c) {
    return c == Circuit::Dc2Wire ? 2 : 3;
}
} // namespace

double currentA(Circuit c, double powerW, double voltageV, double powerFactor) {
    if (voltageV <= 0) return 0;
    return c == Circuit::Dc2Wire ? powerW / voltageV : powerW / (std::sqrt(3.0) * voltageV * powerFactor);
}

ConductorResult evaluate(const ConductorRun& run) {
    const ConductorMaterial m = material(run.material);
    ConductorResult r;
    r.conductorCount = conductors(run.circuit);
    r.lengthM = run.lengthM;
    r.densityKgM3 = m.densityKgM3;
    const double areaM2 = run.crossSectionMm2 * 1e-6;
    if (areaM2 <= 0) return r;
    const double rho = m.resistivity20OhmM * (1 + m.tempCoeffPerK * (run.tempC - 20));
    r.currentA = currentA(run.circuit, run.powerW, run.voltageV, run.powerFactor);
    r.resistanceOhm = rho * run.lengthM / areaM2;
    r.lossW = conductors(run.circuit) * r.currentA * r.currentA * r.resistanceOhm;
    // DC: out and back; balanced three-phase: √3·I·R line to line (resistive part).
    r.dropV = run.circuit == Circuit::Dc2Wire
                  ? 2 * r.currentA * r.resistanceOhm
                  : std::sqrt(3.0) * r.currentA * r.resistanceOhm * run.powerFactor;
    r.dropFraction = run.voltageV > 0 ? r.dropV / run.voltageV : 0;
    r.conductorCount = conductors(run.circuit);
    r.lengthM = run.lengthM;
    r.densityKgM3 = m.densityKgM3;
    r.massKg = r.crossSectionMassKg(run.crossSectionMm2);
    return r;
}

double sizeCrossSectionMm2(const ConductorRun& run, double maxCurrentDensityAmm2, double maxDropFraction) {
    const double i = currentA(run.circuit, run.powerW, run.voltageV, run.powerFactor);
    const double byDensity = i / maxCurrentDensityAmm2;
    ConductorRun unit = run;
    unit.crossSectionMm2 = 1;
    const double dropAt1 = evaluate(unit).dropFraction; // drop scales as 1/area
    const double byDrop = maxDropFraction > 0 ? dropAt1 / maxDropFraction : 0;
    return std::max(byDensity, byDrop);
}

} // namespace halltwin::model::sim
