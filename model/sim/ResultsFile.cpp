#include "ResultsFile.hpp"

#include "model/Hdf5.hpp"
#include "model/TwinFile.hpp"

#include <cmath>
#include <limits>

namespace halltwin::model::sim {
namespace {

void writeKpis(hid_t results, const std::vector<Kpi>& kpis) {
    h5::Handle g = h5::createGroup(results, "kpis", "HT_table");
    h5::writeAttr(g.get(), "rows", long(kpis.size()));
    std::vector<std::string> keys, labels, units;
    std::vector<double> values, better;
    for (const Kpi& k : kpis)
        keys.push_back(k.key), labels.push_back(k.label), units.push_back(k.units),
            values.push_back(k.value.value_or(std::numeric_limits<double>::quiet_NaN())),
            better.push_back(k.higherIsBetter);
    h5::writeStrings(g.get(), "key", keys, false);
    h5::writeStrings(g.get(), "label", labels, false);
    h5::writeStrings(g.get(), "value_units", units, false);
    // Units differ per row, so the value column is dimensionless here and value_units names each row's unit;
    // NaN marks a KPI that does not apply to the twin or run.
    h5::writeNumbers(g.get(), "value", values, "1", false);
    h5::writeNumbers(g.get(), "higher_is_better", better, "1", false, H5T_STD_U8LE);
}

void writeRacks(hid_t results, const Twin& t, const OperatingPoint& d) {
    h5::Handle g = h5::createGroup(results, "racks", "HT_table");
    h5::writeAttr(g.get(), "rows", long(t.racks.size()));
    std::vector<std::string> ids;
    std::vector<double> power, util, flow, supply, ret, chip;
    for (size_t i = 0; i < t.racks.size(); ++i) {
        ids.push_back(t.racks[i].id);
        power.push_back(d.workload.rackPowerW[i]), util.push_back(d.workload.rackUtilisation[i]);
        const RackLiquidState& l = d.liquid.racks[i];
        flow.push_back(l.flowM3s), supply.push_back(l.supplyC), ret.push_back(l.returnC),
            chip.push_back(l.chipC);
    }
    h5::writeStrings(g.get(), "id", ids, false);
    h5::writeNumbers(g.get(), "it_power_w", power, "W", false);
    h5::writeNumbers(g.get(), "utilisation", util, "1", false);
    h5::writeNumbers(g.get(), "coolant_flow_m3_s", flow, "m3/s", false);
    h5::writeNumbers(g.get(), "coolant_supply_c", supply, "degC", false);
    h5::writeNumbers(g.get(), "coolant_return_c", ret, "degC", false);
    h5::writeNumbers(g.get(), "chip_c", chip, "degC", false);
}

void writeHourly(hid_t results, const AnnualResult& a) {
    h5::Handle g = h5::createGroup(results, "hourly", "HT_series");
    h5::writeAttr(g.get(), "hours", long(a.hours));
    h5::writeNumbers(g.get(), "it_power_w", a.itW, "W", false);
    h5::writeNumbers(g.get(), "facility_power_w", a.facilityW, "W", false);
    h5::writeNumbers(g.get(), "cooling_power_w", a.coolingW, "W", false);
    h5::writeNumbers(g.get(), "distribution_loss_w", a.lossW, "W", false);
    h5::writeNumbers(g.get(), "dry_bulb_c", a.dryBulbC, "degC", false);
    h5::writeNumbers(g.get(), "pue", a.hourlyPue, "1", false);
    h5::writeNumbers(g.get(), "output_tokens_per_s", a.decodeTokensPerS, "1/s", false);
    h5::writeNumbers(g.get(), "utilisation", a.utilisation, "1", false);
    h5::writeNumbers(g.get(), "water_l", a.waterL, "L", false);
}

} // namespace

void writeResults(long long fileId, const Twin& twin, const SimulationResult& r) {
    const hid_t f = hid_t(fileId);
    h5::Handle g = h5::openOrCreateGroup(f, "results", "HT_results"); // /results/air may be there already
    h5::writeAttr(g.get(), "climate", r.climate);
    h5::writeAttr(g.get(), "rack_inlets_from",
                  std::string(r.design.airFromSolver ? "3-D air solver" : "well-mixed room"));
    writeKpis(g.get(), kpisOf(twin, r));
    writeRacks(g.get(), twin, r.design);
    if (r.annual.hours > 0) writeHourly(g.get(), r.annual);
}

void saveTwinWithResults(const Twin& twin, const SimulationResult& result, const std::filesystem::path& path,
                         const std::function<void(long long)>& alsoWrite) {
    SaveOptions o;
    o.writeExtra = [&](long long id) {
        writeResults(id, twin, result);
        if (alsoWrite) alsoWrite(id);
    };
    saveTwinFile(twin, path, o);
}

std::vector<Kpi> readKpis(const std::filesystem::path& path) {
    std::vector<Kpi> out;
    h5::silenceErrorStack();
    h5::Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!f.valid() || !h5::exists(f.get(), "results/kpis")) return out;
    h5::Handle g = h5::openGroup(f.get(), "results/kpis", "results");
    const auto keys = h5::readStrings(g.get(), "key", "results/kpis");
    const auto labels = h5::readStrings(g.get(), "label", "results/kpis");
    const auto units = h5::readStrings(g.get(), "value_units", "results/kpis");
    const auto values = h5::readNumbers(g.get(), "value", "results/kpis");
    const auto better = h5::readNumbers(g.get(), "higher_is_better", "results/kpis");
    for (size_t i = 0; i < keys.size() && i < values.size(); ++i)
        out.push_back({keys[i],
                       labels.at(i),
                       units.at(i),
                       std::isnan(values[i]) ? std::nullopt : std::optional(values[i]),
                       better.at(i) != 0,
                       {}});
    return out;
}

} // namespace halltwin::model::sim
