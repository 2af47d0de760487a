#include "HallAirResult.hpp"

#include "AirMetrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace halltwin::model::air {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Flow-weighted temperature of the air through a set of openings; `sign` +1 counts inflow, -1 outflow.
double flowWeightedC(const AirSolution& s, const std::vector<int>& openings, double sign) {
    double q = 0, qT = 0;
    for (int n : openings) {
        const double f = sign * openingFlow(*s.model, s.state, size_t(n));
        q += f;
        qT += f * openingTemperature(*s.model, s.state, size_t(n));
    }
    return q > 0 ? qT / q : nan;
}

// Heat carried into the domain through the openings (W); the air handlers' is negative.
double heatInW(const AirSolution& s, const std::vector<int>& openings) {
    const AirProperties& air = s.model->airCase.air;
    double w = 0;
    for (int n : openings)
        w += air.density * air.heatCapacity * openingFlow(*s.model, s.state, size_t(n)) *
             openingTemperature(*s.model, s.state, size_t(n));
    return w;
}

double coldestIntakeC(const AirSolution& s, const Opening& intake) {
    double c = std::numeric_limits<double>::infinity();
    for (const BoundaryFace& f : intake.faces)
        c = std::min(c, double(s.state.T[s.model->cells.index(f.i, f.j, f.k)]));
    return c;
}

void rackResults(const AirSolution& s, const HallGrid& hall, HallAirResult& out) {
    std::vector<double> hottest, coldest;
    std::vector<RackAir> racks;
    const std::vector<RackInlet> inlets = rackInlets(s, hall);
    for (size_t n = 0; n < inlets.size(); ++n) {
        const RackInlet& in = inlets[n];
        const RackAir air{in.meanC, in.exhaustC, in.flowM3s};
        // β compares the intake's warming with the rack's own rise, before any rear door takes it.
        const RackAir rack{in.meanC, in.meanC + hall.racks[n].deltaT, in.flowM3s};
        out.racks.push_back(
            {in.id, in.meanC, in.maxC, in.exhaustC, in.flowM3s, beta(rack, out.supplyC), in.rearDoorW});
        hottest.push_back(in.maxC);
        coldest.push_back(coldestIntakeC(s, s.model->airCase.openings[size_t(hall.racks[n].intake)]));
        racks.push_back(air);
        out.rackAirHeatW += hall.racks[n].airHeatW;
        out.rearDoorW += in.rearDoorW;
        out.rearDoorFanW += in.rearDoorFanW;
        if (in.maxC > out.hotSpotC) out.hotSpots.push_back(in.id);
    }
    out.rciHiPercent = rciHi(hottest);
    out.rciLoPercent = rciLo(coldest);
    out.rtiPercent = rti(out.returnC, out.supplyC, equipmentDeltaT(racks));
    const HeatIndices h = heatIndices(racks, out.supplyC);
    out.shi = h.shi;
    out.rhi = h.rhi;
}

} // namespace

std::string turbulenceModelOf(const AirProperties& air) {
    if (air.kEpsilon) return "standard k-epsilon (Launder & Spalding 1974), log-law wall functions";
    if (air.zeroEquationC > 0)
        return fmt::format("zero-equation (Chen & Xu 1998), C = {:g}", air.zeroEquationC);
    return fmt::format("constant effective viscosity {:g} m2/s", air.viscosity);
}

HallAirResult analyseHall(const AirSolution& s, const HallGrid& hall, const SolveReport& report,
                          double hotSpotC) {
    HallAirResult out;
    out.hotSpotC = hotSpotC;
    out.supplyC = flowWeightedC(s, hall.supplies, 1);
    out.returnC = flowWeightedC(s, hall.returns, -1);
    rackResults(s, hall, out);
    out.removedW = -heatInW(s, hall.returns) - heatInW(s, hall.supplies);
    // Rear doors take their share before the air reaches the handlers; their fans add theirs.
    out.energyImbalance =
        out.rackAirHeatW > 0
            ? (out.rackAirHeatW + out.rearDoorFanW - out.rearDoorW - out.removedW) / out.rackAirHeatW
            : nan;
    out.steps = report.steps;
    out.residual = report.residual;
    out.converged = report.converged;
    out.settled = report.settled;
    out.turbulenceModel = turbulenceModelOf(s.model->airCase.air);
    out.monitorChange = report.monitorChange;
    out.averaged = report.averaged;
    out.fluctuation = report.fluctuation;
    out.history = report.history;
    return out;
}

const RackAirResult* hottestInlet(const HallAirResult& r) {
    auto it =
        std::max_element(r.racks.begin(), r.racks.end(), [](const RackAirResult& a, const RackAirResult& b) {
            return a.inletMaxC < b.inletMaxC;
        });
    return it == r.racks.end() ? nullptr : &*it;
}

} // namespace halltwin::model::air
