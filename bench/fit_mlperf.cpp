// Calibration of the serving model against MLPerf Inference v4.1 Llama 2 70B (closed, datacenter):
// one achieved-efficiency figure per accelerator architecture (Hopper: H100 and H200 together; B200;
// MI300X), fitted to the Offline medians; everything else (H200 vs H100, Server vs Offline, the MaxQ
// power limit) follows from the model. Prints the fitted values for the catalogue and the table for
// docs/simulation.md.  Usage: fit_mlperf [results.csv]
#include "model/CatalogIo.hpp"
#include "model/Diagnostics.hpp"
#include "model/sim/MlperfCases.hpp"
#include "model/sim/WorkloadModel.hpp"

#include <cmath>
#include <cstdio>
#include <map>

using namespace halltwin::model;
using namespace halltwin::model::sim;

namespace {

const std::map<std::string, std::vector<std::string>> kArchitectures{
    {"Hopper (H100, H200)", {"nvidia-h100-sxm", "nvidia-h200-sxm"}},
    {"Blackwell B200", {"nvidia-b200"}},
    {"MI300X", {"amd-mi300x"}},
};

void setEfficiency(Catalog& c, const std::vector<std::string>& ids, double e) {
    for (const std::string& id : ids)
        c.accelerators.at(id).prefillEfficiency = c.accelerators.at(id).decodeEfficiency = e;
}

// Mean log of model / measured over the architecture's systems, Offline.
double logError(const Catalog& c, const std::vector<mlperf::Row>& rows, const std::vector<std::string>& ids) {
    double sum = 0;
    int n = 0;
    for (const mlperf::System& s : mlperf::systems())
        for (const std::string& id : ids)
            if (s.accelerator == id) {
                sum += std::log(mlperf::modelled(c, s, "Offline").outputTokensPerS /
                                mlperf::measured(rows, s, "Offline"));
                ++n;
            }
    return n ? sum / n : 0;
}

} // namespace

int main(int argc, char** argv) {
    const std::string csv = argc > 1 ? argv[1] : HALLTWIN_MLPERF_CSV;
    Diagnostics d;
    Catalog c = loadCatalogDir(assetDir() / "catalog", d);
    if (!d.ok()) return std::fprintf(stderr, "%s", d.errorText().c_str()), 1;
    const std::vector<mlperf::Row> rows = mlperf::readRows(csv);
    std::printf(
        "Fitted achieved efficiency (prefill = decode, fraction of dense peak at the weights' precision):\n");
    for (const auto& [name, ids] : kArchitectures) {
        double lo = 0.05, hi = 1.0;
        for (int i = 0; i < 50; ++i) {
            const double mid = (lo + hi) / 2;
            setEfficiency(c, ids, mid);
            (logError(c, rows, ids) > 0 ? hi : lo) = mid;
        }
        setEfficiency(c, ids, lo);
        std::printf("  %-22s %.3f\n", name.c_str(), lo);
    }
    std::printf(
        "\n| System | Offline MLPerf | Offline model | ratio | Server/Offline MLPerf | model | tp | batch "
        "(Offline) | limited by |\n|---|---|---|---|---|---|---|---|---|\n");
    for (const mlperf::System& s : mlperf::systems()) {
        const ServingPlan off = mlperf::modelled(c, s, "Offline"), srv = mlperf::modelled(c, s, "Server");
        const double mOff = mlperf::measured(rows, s, "Offline"), mSrv = mlperf::measured(rows, s, "Server");
        std::printf("| %s | %.0f | %.0f | %.2f | %.3f | %.3f | %d | %d | %s |\n", s.label.c_str(), mOff,
                    off.outputTokensPerS, off.outputTokensPerS / mOff, mSrv / mOff,
                    srv.outputTokensPerS / off.outputTokensPerS, off.tp, off.batch, off.limitedBy.c_str());
    }
    // The 8x H200 MaxQ run: 500 W per GPU, 25,262 tokens/s at 6,153 W at the wall; 31,303 tokens/s unlimited.
    const mlperf::System& h200 = mlperf::systems()[1];
    const ServingPlan full = mlperf::modelled(c, h200, "Offline"),
                      maxq = mlperf::modelled(c, h200, "Offline", 500);
    Rack rack;
    rack.type = "probe";
    c.rackTypes["probe"] = RackType{};
    c.rackTypes["probe"].server = "hgx-h200-8gpu-air";
    rack.serverCount = 1;
    std::printf(
        "\n8x H200 at 500 W per GPU: clock %.3f, throughput retained %.1f %% (MLPerf 80.7 %%), server "
        "power %.0f W (MLPerf wall 6,153 W), %.2f tokens/J (MLPerf 4.11)\n",
        maxq.clock, 100 * maxq.outputTokensPerS / full.outputTokensPerS, rackPowerAtW(rack, c, 1, 1, 500),
        8 * maxq.outputTokensPerS / rackPowerAtW(rack, c, 1, 1, 500));
    return 0;
}
