// How one tensor-parallel group of accelerators serves an LLM: a roofline per decode step with the
// batch and group width sized by memory and by the scenario's latency bounds.
//  - Decode step: a fixed overhead, then the slower of compute (2·params FLOPs per token plus attention
//    over the context, at the achieved fraction of the dense peak) and memory (the weights once plus
//    every sequence's KV cache, at the achieved fraction of HBM bandwidth), plus the group's two
//    all-reduces per layer over the scale-up link.
//  - Prefill is compute-bound and, chunked into the decode steps, lengthens each step (Sarathi-Serve,
//    Agrawal et al., OSDI 2024): time per output token = step + batch·(prompt/output)·prefill per token.
//  - Queueing for the first token: the c groups behind one request queue as an M/M/c queue of rate μ
//    each; the 99th percentile wait, P(W > t) = C(c, a)·e^{−cμ(1−ρ)t} with Erlang's C (Kleinrock 1975),
//    must leave the time-to-first-token bound.
//  - Power: P = idle + (TDP − idle)·u·f^γ with the clock f the power limit allows. Dynamic power is
//    ∝ V²·f; over the upper DVFS range of current GPUs the voltage rises only about as √f (it is near
//    its floor at base clock), so γ ≈ 2 rather than the 3 of V ∝ f. Compute slows with f, memory not.
#pragma once

#include "model/Twin.hpp"

#include <string>

namespace halltwin::model::sim {

struct ServingConstants {
    double prefillEfficiency = 0.45; // for accelerators without a fitted value [E]
    double decodeEfficiency = 0.45;
    double hbmEfficiency = 0.85;      // decode kernels stream the weights at 80–90 % of peak [E]
    double memoryUsable = 0.9;        // share of HBM for weights and KV cache; the rest: runtime, activations
    double stepOverheadS = 2e-3;      // scheduling and launch per decode step [E]
    double allReduceLatencyS = 10e-6; // one small all-reduce on a scale-up fabric [E]
    double scaleOutGBs = 50;          // between scale-up domains (400 Gb/s per accelerator)
    double clockFloor = 0.3;          // lowest clock a power limit can force, as a fraction of maximum
    double dvfsExponent = 2.0;        // γ in P_dynamic ∝ f^γ [E]
    double latencyQuantile = 0.99;    // MLPerf's percentile for the latency bounds
    int maxBatch = 4096;
    int maxGroup = 4096;       // widest tensor-parallel group tried (a benchmark system's accelerator count)
    int queueAccelerators = 0; // accelerators behind one request queue (a system, a rack); 0 = one group
};

struct LatencyBounds {
    double ttftS = 0, tpotS = 0; // 0 = unbounded
};
// The scenario's bounds (MLPerf Inference Llama 2 70B: server 2 s / 200 ms, interactive 450 / 40 ms),
// with the twin's own values where given.
LatencyBounds boundsOf(const WorkloadSettings& w);

struct ModelShape {
    double params = 0, weightBytes = 0, kvBytesPerToken = 0;
    double layers = 0, hidden = 0;
    double kvBytesPerValue = 1;
};
ModelShape shapeOf(const ServedModel& m);

struct ServingPlan {
    int tp = 0, batch = 0;       // group width (may span scale-up domains) and sequences per step
    double clock = 1;            // fraction of the maximum clock the power limit leaves at full load
    double stepS = 0;            // decode step alone
    double tpotS = 0;            // time per output token with prefill chunked into the steps
    double prefillPerTokenS = 0; // group time per prompt token
    double requestsPerS = 0;     // per group, at the highest load the latency bounds allow
    double maxLoad = 1;          // that load as a fraction of the group's saturated rate
    double outputTokensPerS = 0; // per accelerator (for a prefill pool: of the requests it prefills)
    double acceleratorW = 0;     // per accelerator at full load
    std::string limitedBy;       // memory, compute, bandwidth, latency, or why nothing fits
    bool fits() const { return requestsPerS > 0; }
};

// What the group does: both phases on the same chips, or one pool of a disaggregated hall.
enum class ServingRole { Both, Prefill, Decode };

// `domain` accelerators share a scale-up fabric; `limitW` is the per-accelerator power limit (0 = TDP).
ServingPlan planServing(const Accelerator& a, int domain, const ServedModel& m, const WorkloadSettings& w,
                        double limitW = 0, const ServingConstants& k = {},
                        ServingRole role = ServingRole::Both);

// Fraction of the maximum clock at which a fully loaded accelerator draws `limitW`.
double clockUnderLimit(const Accelerator& a, double limitW, const ServingConstants& k = {});
// Power at utilisation u (0..1) and clock f.
double acceleratorPowerW(const Accelerator& a, double u, double clock, const ServingConstants& k = {});
// Dense peak FLOP/s at the precision of `bytesPerValue` (FP4 ≤ 0.5, FP8 ≤ 1, else FP16).
double peakFlopsFor(const Accelerator& a, double bytesPerValue);

} // namespace halltwin::model::sim
