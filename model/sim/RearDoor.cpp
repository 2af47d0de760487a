#include "RearDoor.hpp"

#include "HeatExchanger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace halltwin::model::sim {

namespace {

struct Rating {
    double airWK = 0, waterWK = 0, effectiveness = 0;
    std::string field, problem; // why the rating cannot be met; empty when it can
};

Rating rate(const RearDoorType& door) {
    Rating r{kDoorAirRhoCp * door.ratedAirflowM3s, kDoorWaterRhoCp * door.waterFlowM3s, 0, "", ""};
    const double inletDiffK = door.ratedAirInC - door.ratedWaterInC;
    if (!(r.airWK > 0))
        r.field = "rated_airflow_m3_s", r.problem = "must be > 0";
    else if (!(r.waterWK > 0))
        r.field = "water_flow_m3_s", r.problem = "must be > 0";
    else if (!(door.approachK > 0 && door.approachK < inletDiffK))
        r.field = "approach_k", r.problem = fmt::format("{} K must lie between 0 and rated_air_in_c − "
                                                        "rated_water_in_c = {} K",
                                                        door.approachK, inletDiffK);
    if (!r.problem.empty()) return r;
    const double dutyW = r.airWK * (inletDiffK - door.approachK); // the leaving air sits approachK above
    r.effectiveness = dutyW / (std::min(r.airWK, r.waterWK) * inletDiffK);
    if (!(r.effectiveness < 0.99))
        r.field = "approach_k",
        r.problem =
            fmt::format("{} K needs an effectiveness of {:.3f} at this water flow; no coil reaches it",
                        door.approachK, r.effectiveness);
    return r;
}

} // namespace

std::pair<std::string, std::string> rearDoorRatingProblem(const RearDoorType& door) {
    const Rating r = rate(door);
    return {r.field, r.problem};
}

double rearDoorRatedUaWK(const RearDoorType& door) {
    const Rating r = rate(door);
    if (!r.problem.empty())
        throw std::invalid_argument(
            fmt::format("rear door type '{}', field '{}': {}", door.id, r.field, r.problem));
    const double cMin = std::min(r.airWK, r.waterWK), cMax = std::max(r.airWK, r.waterWK);
    return cMin * ntuCrossFlowUnmixed(r.effectiveness, cMin / cMax);
}

RearDoorCoil rearDoorCoil(const RearDoorType& door) {
    return {rearDoorRatedUaWK(door), door.ratedAirflowM3s};
}

RearDoorDuty rearDoorDuty(const RearDoorCoil& coil, double airflowM3s, double airInC, double waterInC,
                          double waterCapacityWK, double airRhoCp, double maxDutyW) {
    RearDoorDuty d{0, airInC, waterInC, 0, 0};
    const double airWK = airRhoCp * std::max(0.0, airflowM3s);
    if (airWK <= 0 || waterCapacityWK <= 0) return d;
    const double ua = coil.ratedUaWK * std::pow(airflowM3s / coil.ratedAirflowM3s, kDoorUaFlowExponent);
    const double cMin = std::min(airWK, waterCapacityWK), cMax = std::max(airWK, waterCapacityWK);
    d.effectiveness = effectivenessCrossFlowUnmixed(ua / cMin, cMin / cMax);
    d.airCoolFraction = d.effectiveness * cMin / airWK;
    // The valve closes rather than let water warmer than the air heat it.
    d.dutyW = std::clamp(d.airCoolFraction * airWK * (airInC - waterInC), 0.0, std::max(0.0, maxDutyW));
    d.airOutC = airInC - d.dutyW / airWK;
    d.waterOutC = waterInC + d.dutyW / waterCapacityWK;
    return d;
}

} // namespace halltwin::model::sim
