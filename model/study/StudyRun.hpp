// Running a design study: every variant of the design through the same pipeline as `halltwin simulate`
// (model/HallSimulation.hpp: design point, the 3-D air when asked for, the year, the KPIs), on worker
// threads that take the next variant when they finish one (air solves differ in cost). A variant that
// cannot be built or run is recorded with its error; the others go on. Each variant runs its OpenMP
// loops on one thread, so the KPI table is the same bit for bit whatever the number of workers.
#pragma once

#include "StudyDesign.hpp"
#include "model/Catalog.hpp"
#include "model/TwinJson.hpp"

#include <atomic>
#include <functional>
#include <optional>

namespace halltwin::model::study {

struct KpiColumn {
    std::string key, label, units;
    bool higherIsBetter = false;
};

struct VariantResult {
    std::vector<double> kpis; // in the order of StudyResults::kpis; NaN where a KPI does not apply
    std::vector<std::vector<float>> fields; // in the order of StudyResults::fields; empty until run
    std::string error;                      // empty when the variant ran
    bool done = false;                      // false when the run stopped before it (cancelled)
};

struct StudyResults {
    std::string name;
    std::vector<std::string> parameterNames, parameterPaths;
    std::vector<std::vector<size_t>> design;      // per variant, the index of each parameter's value
    std::vector<std::vector<std::string>> values; // per parameter, its values as JSON text
    std::vector<KpiColumn> kpis;
    std::vector<std::string> fields; // per-variant series kept (keys of kStudyFields)
    std::vector<VariantResult> variants;
    std::string studySource, baseSource; // the study and its base twin as run (JSON text; empty in old files)
    // The value of parameter p in variant v, as JSON text (e.g. 35, "hot").
    const std::string& valueText(size_t v, size_t p) const { return values[p][design[v][p]]; }
};

struct RunOptions {
    int threads = 0;                  // 0 = one per core
    std::filesystem::path climateDir; // empty = the bundled climates
    size_t limit = size_t(-1);        // run at most this many of the variants still to do (then save, go on)
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(size_t done, size_t total)> progress; // from worker threads
};

// The KPI columns a study keeps (its `kpis`, or every KPI), in the order `simulate` lists them; an
// unknown key is an error naming it.
std::vector<KpiColumn> kpiColumns(const Study& s, const Catalog& catalog, Diagnostics& d);

// Variant `choice` as a twin, validated; errors name the variant.
TwinLoad variantTwin(const Study& s, const Catalog& catalog, const std::vector<size_t>& choice);

// Runs one variant: its KPIs in the order of `columns` and the study's fields.
VariantResult runVariant(const Study& s, const Catalog& catalog, const std::vector<size_t>& choice,
                         const std::vector<KpiColumn>& columns, const std::filesystem::path& climateDir = {});

// An empty result with the study's parameters, design and columns, every variant still to run.
StudyResults emptyResults(const Study& s, std::vector<KpiColumn> columns);

size_t doneCount(const StudyResults& r);

// Runs the variants of `results` not yet done, in design order (so a run loaded from a partial file resumes).
void runStudy(const Study& s, const Catalog& catalog, StudyResults& results, const RunOptions& o = {});

} // namespace halltwin::model::study
