// Failure what-ifs in time. Lumped thermal masses of each affected rack's coolant and of its hottest
// accelerator (package and cold plate) are integrated after a fault: a CDU pump trips (and a standby may
// start after a delay), facility water is lost, a bank of dry-cooler fans fails, or one feed of a 2N pair
// drops. Chips throttle at their limit by shedding power; the timeline gives the times to the throttle and
// shutdown limits, the throttled power and the tokens lost.
#pragma once

#include "model/Twin.hpp"

#include <string>
#include <vector>

namespace halltwin::model::sim {

enum class FaultKind { CduPumpTrip, FacilityWaterLoss, DryCoolerFans, PowerFeedLoss };

struct Fault {
    FaultKind kind = FaultKind::CduPumpTrip;
    std::string target;            // CDU id for pump trips and facility-water loss; feed id for feed loss
    double atS = 10;               // when the fault happens
    double standbyDelayS = -1;     // standby pump starts this long after a trip; negative = no standby
    double fansLostFraction = 0.5; // share of the dry-cooler fans that stop
};

struct WhatIfConstants {
    double chipHeatCapacityJK = 600;    // package + cold plate copper per accelerator (~1.4 kg Cu) [E]
    double rackCoolantLPerKW = 0.3;     // coolant held in a rack's manifolds and plates [E]
    double loopCoolantLPerKW = 0.5;     // coolant in a CDU, its tank and pipes [E]
    double facilityWaterLPerKW = 5;     // facility loop incl. buffer volume [E]
    double pumpRundownS = 2;            // flow decay after a trip, and ramp of a standby pump [E]
    double stagnantFlowFraction = 0.05; // conduction into stagnant coolant caps the plate resistance [E]
    double dtS = 0.05;
};

struct WhatIfSample {
    double tS = 0;
    double maxChipC = 0, coolantSupplyC = 0, facilitySupplyC = 0;
    double flowFraction = 1; // of the affected loop's design flow
    double itW = 0, throttledW = 0, tokensPerS = 0;
};

struct WhatIfResult {
    std::vector<WhatIfSample> samples; // one per second
    double timeToThrottleS = -1;       // after the fault; negative = never within the run
    double timeToShutdownS = -1;
    double unprotectedTimeToShutdownS = -1; // the same fault with throttling disabled
    double throttledEnergyKWh = 0, tokensLost = 0;
    double hottestChipW = 0; // the hottest affected accelerator's power before the fault
    bool backupPreventedThrottle = false;
    std::vector<std::string> events;
};

// Throws std::invalid_argument naming the target when it does not exist.
WhatIfResult runWhatIf(const Twin& twin, const Fault& fault, double durationS = 600,
                       const WhatIfConstants& k = {});

} // namespace halltwin::model::sim
