// The hall's serving capacity and power as a function of the demand it serves.
//  - Each rack type's tensor-parallel groups are sized and timed by planServing (ServingModel.hpp).
//  - Server power: accelerators idle + (TDP − idle)·u·f^γ at the clock f their power limit leaves; host
//    CPUs from idle with a share of the accelerators' load (all of it in CPU-only servers); fans from a
//    minimum speed up with the server's heat, power ∝ speed³ (fan laws).
//  - A rack's power cap is met by the highest per-accelerator limit under which the rack fits it; a hall
//    cap by lowering every accelerator's limit (which costs less throughput than power) to the level
//    that serves the most within the cap, then by serving less.
// A request is one prompt plus its output.
#pragma once

#include "ServingModel.hpp"

#include "model/Twin.hpp"

#include <string>
#include <vector>

namespace halltwin::model::sim {

struct WorkloadConstants {
    ServingConstants serving;
    double trainingUtilisation = 0.9; // sustained utilisation of accelerators assigned to training [E]
    double trainingMfu = 0.4;
    double fanMinSpeed = 0.3;   // server fans at idle, as a fraction of full speed [E]
    double hostLoadShare = 0.3; // host CPU utilisation per unit of accelerator utilisation in GPU servers [E]
    // Per-accelerator limits tried under a hall cap, as fractions of the configured limit (or TDP).
    std::vector<double> limitLevels{1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
};

// A rack's power as a function of utilisation u: its heat fixedW + dynamicW·u, plus fans whose speed
// follows that heat (from a minimum speed), times the inlet fan factor.
struct RackPowerTerms {
    double fixedW = 0, dynamicW = 0, fanW = 0, heatRefW = 1, fanMinSpeed = 0.3;
    double atW(double u, double fanFactor) const;
};
RackPowerTerms powerTermsOf(const Rack& r, const Catalog& c, double limitW = 0,
                            const WorkloadConstants& k = {});

// Power of one rack at utilisation u (0..1), inlet fan factor fanFactor and per-accelerator power limit
// limitW (0 = TDP), before the rack's own cap.
double rackPowerAtW(const Rack& r, const Catalog& c, double u, double fanFactor, double limitW = 0,
                    const WorkloadConstants& k = {});

struct WorkloadPoint {
    double demandRps = 0, admittedRps = 0, rejectedRps = 0;
    double prefillTokensPerS = 0, decodeTokensPerS = 0, trainingTokensPerS = 0;
    double capacityRps = 0;         // with every rack at its cap, before the hall cap
    double utilisation = 0;         // accelerator-weighted mean
    double itPowerW = 0;            // sum of rack inputs
    double computeUnitsPerHour = 0; // 度算力: delivered dense FP16-equivalent TFLOPS·h / 312
    std::vector<double> rackPowerW; // indexed like twin.racks
    std::vector<double> rackUtilisation;
    // How the most numerous accelerator serves: its power limit (chosen under a hall cap), clock,
    // group, batch, time per output token and what limits the batch.
    double gpuPowerLimitW = 0, clock = 1;
    ServingPlan plan;
};

struct RackParts; // a rack's type, server and accelerator entries

class WorkloadModel {
  public:
    WorkloadModel(const Twin& twin, const WorkloadConstants& k = {});

    // Serves min(demand, what the caps allow); fanFactor (per rack, may be empty) scales fan power.
    WorkloadPoint evaluate(double demandRps, const std::vector<double>& fanFactor = {}) const;
    double capacityRps() const { return levels_.front().capacityRps; }

  private:
    struct RackRole {
        double requestsPerS = 0;   // at full utilisation, for the rack's role
        double maxUtilisation = 1; // the rack's own power cap
        bool prefill = true, decode = true, training = false;
        double peakFp16Flops = 0;
        RackPowerTerms power;
    };
    struct Level { // the hall at one per-accelerator power limit
        std::vector<RackRole> roles;
        double capacityRps = 0, prefillCapacityRps = 0, decodeCapacityRps = 0;
        double trainingTokensPerS = 0;
        double gpuPowerLimitW = 0, clock = 1;
        ServingPlan plan;
    };
    Level buildLevel(double fraction) const;
    double limitUnderRackCap(const Rack& r, double limitW) const;
    ServingPlan planFor(const Rack& r, const RackParts& p, const ServedModel& m, double limitW) const;
    RackRole roleOf(const Rack& r, double limitW, const ServingPlan* plan, bool training) const;
    double servedWithinCap(const Level& l, double demand, const std::vector<double>& fan) const;
    WorkloadPoint finish(WorkloadPoint p, double demandRps) const;
    static WorkloadPoint blend(const WorkloadPoint& a, const WorkloadPoint& b, double x);
    WorkloadPoint pointAt(const Level& l, double servedRps, const std::vector<double>& fanFactor) const;
    double utilisation(const Level& l, size_t rack, double servedRps) const;
    double rackPowerW(const Level& l, size_t rack, double u, double fanFactor) const;
    double itPowerAtW(const Level& l, double servedRps, const std::vector<double>& fanFactor) const;

    const Twin& twin_;
    WorkloadConstants k_;
    std::vector<Level> levels_;
    bool disaggregated_ = false;
};

} // namespace halltwin::model::sim
