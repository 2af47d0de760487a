#include "MlperfCases.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace halltwin::model::sim::mlperf {

ServedModel llama2_70b(double weightBytes, double kvBytes) {
    ServedModel m;
    m.id = "llama2-70b";
    m.paramsB = 68.98, m.bytesPerParam = weightBytes, m.kvBytesPerValue = kvBytes;
    m.layers = 80, m.hiddenSize = 8192, m.kvDim = 1024;
    m.contextTokens = 2048;
    return m;
}

WorkloadSettings scenario(const std::string& name) {
    WorkloadSettings w;
    w.scenario = name == "Server" ? "server" : name == "Interactive" ? "interactive" : "offline";
    w.promptTokens = 400, w.outputTokens = 294.45;
    return w;
}

const std::vector<System>& systems() {
    static const std::vector<System> s{
        {"8x H100 SXM (FP8)", "nvidia-h100-sxm", "NVIDIA H100-SXM-80GB", 1, 1, 8},
        {"8x H200 SXM (FP8)", "nvidia-h200-sxm", "NVIDIA H200-SXM-141GB", 1, 1, 8},
        {"1x B200 (FP4, FP8 KV)", "nvidia-b200", "NVIDIA B200-SXM-180GB", 0.5, 1, 1},
        {"1x MI300X (FP8)", "amd-mi300x", "AMD Instinct MI300X-NPS1-SPX-192GB-750W", 1, 1, 1},
    };
    return s;
}

namespace {
std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    for (std::string c; std::getline(in, c, ',');)
        out.push_back(c);
    return out;
}
} // namespace

std::vector<Row> readRows(const std::filesystem::path& csv) {
    std::ifstream in(csv);
    if (!in) throw std::runtime_error("cannot read " + csv.string());
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> head = cells(line);
    auto col = [&](const char* name) {
        const auto it = std::find(head.begin(), head.end(), name);
        if (it == head.end()) throw std::runtime_error(csv.string() + ": no column '" + name + "'");
        return size_t(it - head.begin());
    };
    const size_t system = col("system"), bench = col("benchmark"), scen = col("scenario"),
                 tps = col("tokens_per_s"), acc = col("accelerator"), perNode = col("acc_per_node"),
                 nodes = col("nodes");
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        const std::vector<std::string> c = cells(line);
        if (c.size() < head.size() || c[bench] != "llama2-70b-99" ||
            c[system].find("MaxQ") != std::string::npos)
            continue;
        const double n = std::stod(c[perNode]) * std::stod(c[nodes]);
        rows.push_back({c[system], c[acc], c[scen], std::stod(c[tps]) / n, int(n)});
    }
    return rows;
}

double measured(const std::vector<Row>& rows, const System& s, const std::string& scenario) {
    std::vector<double> v;
    for (const Row& r : rows)
        if (r.accelerator == s.mlperfName && r.scenario == scenario && r.accelerators == s.accelerators)
            v.push_back(r.tokensPerSPerAccelerator);
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

ServingPlan modelled(const Catalog& c, const System& s, const std::string& scenarioName, double limitW) {
    const Accelerator* a = find(c.accelerators, s.accelerator);
    if (!a) throw std::runtime_error("catalogue has no accelerator '" + s.accelerator + "'");
    ServingConstants k;
    k.maxGroup = k.queueAccelerators = s.accelerators;
    return planServing(*a, s.accelerators, llama2_70b(s.weightBytes, s.kvBytes), scenario(scenarioName),
                       limitW, k);
}

} // namespace halltwin::model::sim::mlperf
