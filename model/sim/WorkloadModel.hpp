// LLM serving as a roofline per accelerator, and the hall's power as a function of what it serves.
//  - Prefill is compute-bound: 2·params FLOPs per prompt token at an achievable MFU.
//  - Decode is bandwidth-bound: each step of a tensor-parallel group reads the weights once plus the KV
//    cache of every sequence in the batch, shared across the batch, at a fraction of HBM bandwidth (or
//    compute-bound when the batch is large enough).
//  - Accelerator and CPU power follow P = P_idle + (P_TDP − P_idle)·u^α.
// A request is one prompt plus its output; a power cap limits how many requests run at once.
#pragma once

#include "model/Twin.hpp"

#include <vector>

namespace halltwin::model::sim {

struct WorkloadConstants {
    double prefillMfu = 0.45;             // compute-bound prefill, Splitwise reports 90–95 % busy [E]
    double decodeBandwidthFraction = 0.7; // achievable share of peak HBM bandwidth in decode [E]
    double decodeMfu = 0.45;              // for compute-bound decode at large batch [E]
    double memoryUsable = 0.9;            // HBM/SRAM share for weights and KV cache
    // KV bytes per token per parameter per weight byte: Llama-2-70B (80 layers, 8 KV heads × 128,
    // K and V) holds 2·80·1024 values per token = 2.3e-6 per parameter.
    double kvValuesPerParam = 2.34e-6;
    double powerExponent = 1.0;       // α in the power law; linear unless measured otherwise [E]
    double trainingUtilisation = 0.9; // sustained utilisation of accelerators assigned to training [E]
    double trainingMfu = 0.4;
};

struct AcceleratorRoofline {
    double peakFlops = 0;         // dense, at the model's precision
    double prefillTokensPerS = 0; // per accelerator
    double decodeTokensPerS = 0;  // per accelerator, in a group of groupSize
    int groupSize = 1;            // tensor-parallel width, raised until weights and KV cache fit
    int batch = 1;                // sequences per decode step, lowered until they fit
};

// Throughput of one accelerator type serving `m`; zero when the model cannot fit at all.
AcceleratorRoofline roofline(const Accelerator& a, const ServedModel& m, double promptTokens,
                             double outputTokens, const WorkloadConstants& k = {});

// Power of one rack at accelerator/CPU utilisation u (0..1) before its cap, with fans scaled by fanFactor.
double rackPowerAtW(const Rack& r, const Catalog& c, double u, double fanFactor,
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
};

class WorkloadModel {
  public:
    WorkloadModel(const Twin& twin, const WorkloadConstants& k = {});

    // Serves min(demand, what the caps allow); fanFactor (per rack, may be empty) scales fan power.
    WorkloadPoint evaluate(double demandRps, const std::vector<double>& fanFactor = {}) const;
    double capacityRps() const { return capacityRps_; }

  private:
    struct RackRole {
        double requestsPerS = 0;   // at full utilisation, for the rack's role
        double maxUtilisation = 1; // the rack's own power cap
        bool prefill = true, decode = true, training = false;
        double peakFp16Flops = 0;
        // Rack power = fixedW + dynamicW·u^α + fanW·fanFactor, from rackPowerAtW's terms, once.
        double fixedW = 0, dynamicW = 0, fanW = 0;
    };
    WorkloadPoint pointAt(double servedRps, const std::vector<double>& fanFactor) const;
    double utilisation(size_t rack, double servedRps) const;
    double rackPowerW(size_t rack, double u, double fanFactor) const;
    double itPowerAtW(double servedRps, const std::vector<double>& fanFactor) const;

    const Twin& twin_;
    WorkloadConstants k_;
    std::vector<RackRole> roles_;
    double capacityRps_ = 0, prefillCapacityRps_ = 0, decodeCapacityRps_ = 0;
    double trainingTokensPerS_ = 0;
    bool disaggregated_ = false;
};

} // namespace halltwin::model::sim
