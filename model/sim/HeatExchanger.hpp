// Counter-flow heat exchangers by the ε-NTU method: CDUs (rack-side coolant against facility water) and
// other liquid-to-liquid exchangers. Capacity rates C = ṁ·cp in W/K; UA in W/K.
#pragma once

namespace halltwin::model::sim {

// ε = (1 − e^(−NTU(1−Cr))) / (1 − Cr·e^(−NTU(1−Cr))) for Cr < 1, and its limit NTU/(1+NTU) at Cr = 1
// (Incropera & DeWitt, Fundamentals of Heat and Mass Transfer, Table 11.3). Cr = Cmin/Cmax in [0, 1],
// NTU = UA/Cmin ≥ 0 (may be +inf). Throws std::invalid_argument outside those ranges.
double effectivenessCounterFlow(double ntu, double cr);

// The inverse: the NTU that gives effectiveness in [0, 1) at Cr (Incropera Table 11.4):
// NTU = ln((1 − ε·Cr)/(1 − ε)) / (1 − Cr), and ε/(1 − ε) at Cr = 1.
double ntuCounterFlow(double effectiveness, double cr);

// Cross-flow, both streams unmixed (a finned coil such as a rear door): the exact series of Mason (1955),
// ε = 1/(Cr·NTU) Σ_{n≥0} [1 − e^(−NTU) Σ_{m≤n} NTU^m/m!]·[1 − e^(−Cr·NTU) Σ_{m≤n} (Cr·NTU)^m/m!], which
// Incropera & DeWitt's Table 11.3 approximates; its Cr → 0 limit 1 − e^(−NTU) is taken below Cr = 1e-9.
// Same ranges and errors as the counter-flow form.
double effectivenessCrossFlowUnmixed(double ntu, double cr);

// Its inverse by bisection (ε rises monotonically with NTU): the NTU that gives effectiveness in [0, 1).
double ntuCrossFlowUnmixed(double effectiveness, double cr);

struct HeatExchangerResult {
    double dutyW = 0; // heat from the hot stream to the cold one (negative if "hot" is the colder)
    double hotOutletTempC = 0;
    double coldOutletTempC = 0;
    double effectiveness = 0;
    double ntu = 0;
    double capacityRatio = 0; // Cr
};

// Duty and outlet temperatures of a counter-flow exchanger. Works for either temperature order (the
// streams are only labelled "hot" and "cold"). A stream with zero capacity rate passes unchanged and no
// heat is exchanged. Throws std::invalid_argument for negative capacities or UA or non-finite inputs.
HeatExchangerResult counterFlowExchanger(double hotInletTempC, double coldInletTempC, double hotCapacityWK,
                                         double coldCapacityWK, double uaWK);

// Which terminal temperature difference an approach rating refers to.
enum class ApproachEnd {
    // hot outlet − cold inlet. The CDU convention: secondary (rack loop) supply minus facility water supply.
    ColdEnd,
    // hot inlet − cold outlet: the other end of a counter-flow exchanger.
    HotEnd,
};

// The UA (W/K) at which a counter-flow exchanger reaches approachK at the given design inlets and capacity
// rates. Throws std::invalid_argument if the approach is not achievable: it must lie between 0 and the
// inlet difference, and the implied effectiveness must be below 1 (for example, at the cold end the hot
// stream cannot be cooled to near the cold inlet if its capacity rate exceeds the cold stream's by too much).
double uaFromApproach(double hotInletTempC, double coldInletTempC, double hotCapacityWK,
                      double coldCapacityWK, double approachK, ApproachEnd end = ApproachEnd::ColdEnd);

} // namespace halltwin::model::sim
