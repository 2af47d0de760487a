#include "StudyRun.hpp"

#include "model/HallSimulation.hpp"
#include "model/TwinJsonDocument.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <thread>

namespace halltwin::model::study {

namespace {

HallSimulationOptions simulationOptions(const Study& s, const std::filesystem::path& climateDir) {
    HallSimulationOptions o;
    o.system.hours = s.year ? 8760 : 0;
    o.system.climateDir = climateDir;
    if (s.air) o.air = AirSettings{s.airCellM};
    return o;
}

std::vector<sim::Kpi> kpisOfVariant(const Study& s, const Twin& t, const std::filesystem::path& climateDir) {
    return kpisOf(t, simulateHall(t, simulationOptions(s, climateDir)));
}

std::vector<float> asFloats(const std::vector<double>& v) {
    return std::vector<float>(v.begin(), v.end());
}

// The series `key` (a kStudyFields entry) of one run.
std::vector<float> fieldOf(const std::string& key, const sim::SimulationResult& r) {
    const sim::AnnualResult& a = r.annual;
    if (key == "hourly_pue") return asFloats(a.hourlyPue);
    if (key == "it_w") return asFloats(a.itW);
    if (key == "facility_w") return asFloats(a.facilityW);
    if (key == "cooling_w") return asFloats(a.coolingW);
    if (key == "dry_bulb_c") return asFloats(a.dryBulbC);
    if (key == "decode_tokens_per_s") return asFloats(a.decodeTokensPerS);
    if (key == "utilisation") return asFloats(a.utilisation);
    if (key == "rack_inlets_c") return asFloats(r.design.rackInletsC);
    throw std::logic_error("unknown study field " + key);
}

} // namespace

std::vector<KpiColumn> kpiColumns(const Study& s, const Catalog& catalog, Diagnostics& d) {
    // The base twin's design point lists every key a variant can report (values aside).
    const TwinLoad base = loadTwinJsonDocument(s.baseSource, catalog, s.baseTwin.string());
    if (!base.diagnostics.ok()) {
        d.append(base.diagnostics);
        return {};
    }
    Study designPoint = s;
    designPoint.year = false;
    designPoint.air = false;
    std::vector<sim::Kpi> all = kpisOfVariant(designPoint, base.twin, {});
    if (s.air) { // the air KPIs' keys, from an empty air result
        const std::vector<sim::Kpi> a = airKpisOf(air::HallAirResult{});
        all.insert(all.end(), a.begin(), a.end());
    }
    std::vector<KpiColumn> out;
    for (const sim::Kpi& k : all)
        if (s.kpis.empty() || std::find(s.kpis.begin(), s.kpis.end(), k.key) != s.kpis.end())
            out.push_back({k.key, k.label, k.units, k.higherIsBetter});
    for (const std::string& want : s.kpis)
        if (std::none_of(out.begin(), out.end(), [&](const KpiColumn& c) { return c.key == want; }))
            d.error("study '" + s.name + "'", "kpis",
                    fmt::format("'{}' is not a KPI (see halltwin simulate --json)", want));
    return out;
}

TwinLoad variantTwin(const Study& s, const Catalog& catalog, const std::vector<size_t>& choice) {
    return loadTwinJsonDocument(variantSource(s, choice), catalog, "variant");
}

size_t doneCount(const StudyResults& r) {
    return size_t(
        std::count_if(r.variants.begin(), r.variants.end(), [](const VariantResult& v) { return v.done; }));
}

VariantResult runVariant(const Study& s, const Catalog& catalog, const std::vector<size_t>& choice,
                         const std::vector<KpiColumn>& columns, const std::filesystem::path& climateDir) {
    VariantResult r;
    r.done = true;
    r.kpis.assign(columns.size(), std::numeric_limits<double>::quiet_NaN());
    const TwinLoad t = variantTwin(s, catalog, choice);
    if (!t.diagnostics.ok()) {
        r.error = t.diagnostics.errorText(5);
        return r;
    }
    try {
        const HallSimulationResult run = simulateHall(t.twin, simulationOptions(s, climateDir));
        for (const sim::Kpi& k : kpisOf(t.twin, run))
            for (size_t c = 0; c < columns.size(); ++c)
                if (columns[c].key == k.key && k.value) r.kpis[c] = *k.value;
        for (const std::string& f : s.fields)
            r.fields.push_back(fieldOf(f, run.system));
    } catch (const std::exception& e) {
        r.error = e.what();
    }
    return r;
}

StudyResults emptyResults(const Study& s, std::vector<KpiColumn> columns) {
    StudyResults r;
    r.name = s.name;
    r.studySource = s.document.dump();
    r.baseSource = s.baseSource.dump();
    for (const Parameter& p : s.parameters) {
        r.parameterNames.push_back(p.name);
        r.parameterPaths.push_back(p.path);
        std::vector<std::string> text;
        for (size_t i = 0; i < p.values.size(); ++i)
            text.push_back(p.text(i));
        r.values.push_back(std::move(text));
    }
    r.design = designOf(s);
    r.kpis = std::move(columns);
    r.fields = s.fields;
    VariantResult toDo;
    toDo.kpis.assign(r.kpis.size(), std::numeric_limits<double>::quiet_NaN());
    r.variants.assign(r.design.size(), toDo);
    return r;
}

void runStudy(const Study& s, const Catalog& catalog, StudyResults& results, const RunOptions& o) {
    std::vector<size_t> todo;
    for (size_t v = 0; v < results.variants.size(); ++v)
        if (!results.variants[v].done && todo.size() < o.limit) todo.push_back(v);
    const size_t workers = std::max<size_t>(
        1,
        std::min(todo.size(), size_t(o.threads > 0 ? o.threads : int(std::thread::hardware_concurrency()))));
    std::atomic<size_t> next{0}, finished{0};
    auto work = [&] {
        omp_set_num_threads(1); // the same arithmetic in every variant, however many workers run
        for (size_t i = next++; i < todo.size(); i = next++) {
            if (o.cancel && o.cancel->load()) return;
            const size_t v = todo[i];
            results.variants[v] = runVariant(s, catalog, results.design[v], results.kpis, o.climateDir);
            if (o.progress) o.progress(++finished, todo.size());
        }
    };
    std::vector<std::thread> pool; // the calling thread is one of the workers
    for (size_t w = 1; w < workers; ++w)
        pool.emplace_back(work);
    const int callerThreads = omp_get_max_threads();
    work();
    omp_set_num_threads(callerThreads);
    for (std::thread& t : pool)
        t.join();
}

} // namespace halltwin::model::study
