// MLPerf Inference Llama 2 70B (datacenter, closed) as workload-model inputs: the benchmark's model and
// request shape, the systems that ran it mapped to catalogue entries, and the published rows. Used by the
// calibration program (bench/fit_mlperf) and the validation test (tst_mlperf).
#pragma once

#include "ServingModel.hpp"

#include "model/Catalog.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace halltwin::model::sim::mlperf {

// Llama 2 70B: 80 layers, hidden 8,192, 8 KV heads × 128 (Touvron et al. 2023); OpenOrca requests.
ServedModel llama2_70b(double weightBytes, double kvBytes);
// Offline or Server; output 294.45 tokens mean (the reference implementation's mean), input ~400 [E]
// (not published; the fitted efficiencies absorb it).
WorkloadSettings scenario(const std::string& name);

struct System {
    std::string label;           // as in the results table
    std::string accelerator;     // catalogue id
    std::string mlperfName;      // the results' accelerator column
    double weightBytes, kvBytes; // as submitted: Hopper and MI300X FP8, Blackwell FP4 weights + FP8 KV
    int accelerators;            // per system
};
const std::vector<System>& systems();

struct Row {
    std::string system, accelerator, scenario;
    double tokensPerSPerAccelerator;
    int accelerators; // in the system
};
// The Llama 2 70B (99 %) rows of the results file, without power-limited (MaxQ) systems.
std::vector<Row> readRows(const std::filesystem::path& csv);
// Median per-accelerator tokens/s of the systems like `s` (accelerator and count) in one scenario; 0 when
// there are none.
double measured(const std::vector<Row>& rows, const System& s, const std::string& scenario);

// The model's per-accelerator output tokens/s for a system, at an optional power limit per accelerator.
ServingPlan modelled(const Catalog& c, const System& s, const std::string& scenario, double limitW = 0);

} // namespace halltwin::model::sim::mlperf
