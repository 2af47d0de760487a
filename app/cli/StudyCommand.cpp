// study: run a design study's variants on all cores into an HDF5 results file (resumable), and report
// the table and the Pareto set of chosen KPIs.
#include "cli/CliCommands.hpp"
#include "cli/CliSupport.hpp"
#include "cli/StudyMpi.hpp"

#include "model/AtomicFile.hpp"
#include "model/CatalogIo.hpp"
#include "model/KpiText.hpp"
#include "model/study/StudyLimits.hpp"
#include "model/study/StudyResultsFile.hpp"
#include "render/OffscreenWindow.hpp"
#include "render/StudyChart.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

namespace halltwin::app {
namespace {

namespace st = halltwin::model::study;

// Same study, same parameters, same design, same columns: the file can be resumed.
bool sameStudy(const st::StudyResults& a, const st::StudyResults& b) {
    if (a.kpis.size() != b.kpis.size()) return false;
    for (size_t c = 0; c < a.kpis.size(); ++c)
        if (a.kpis[c].key != b.kpis[c].key) return false;
    return a.name == b.name && a.fields == b.fields && a.parameterNames == b.parameterNames && a.parameterPaths == b.parameterPaths &&
           a.values == b.values && a.design == b.design;
}

using st::doneCount;

// The results to start from: empty, or with --resume those already in `out` (when they are this study's).
std::optional<st::StudyResults> startingResults(const QCommandLineParser& p, const st::Study& s,
                                                const std::vector<st::KpiColumn>& columns,
                                                const std::filesystem::path& out) {
    st::StudyResults fresh = st::emptyResults(s, columns);
    if (!p.isSet("resume") || !std::filesystem::exists(out)) return fresh;
    model::Diagnostics d;
    std::optional<st::StudyResults> old = st::loadStudyResults(out, d);
    if (!old) return printProblems(d, false), std::nullopt;
    if (!sameStudy(*old, fresh)) {
        std::fprintf(stderr, "error: '%s' holds the results of another study or design: cannot resume\n",
                     out.c_str());
        return std::nullopt;
    }
    return old;
}

// Batches on worker threads, the file saved after each: a killed run loses at most one batch.
int runOnThreads(const QCommandLineParser& p, const st::Study& s, const model::Catalog& catalog,
                 st::StudyResults& results, const std::filesystem::path& out) {
    st::RunOptions o;
    o.threads = p.value("threads").toInt();
    const size_t workers =
        o.threads > 0 ? size_t(o.threads) : std::max(1u, std::thread::hardware_concurrency());
    std::fprintf(stderr, "study '%s': %zu variants, %zu to run on %zu threads\n", results.name.c_str(),
                 results.variants.size(), results.variants.size() - doneCount(results), workers);
    st::runStudyToFile(s, catalog, results, out, o, 4 * workers, [&] {
        std::fprintf(stderr, "  %zu / %zu variants\n", doneCount(results), results.variants.size());
    });
    return 0;
}

// Rank 0 hands out variants and saves; the other ranks compute (cli/StudyMpi.hpp).
int runOnRanks(const st::Study& s, const model::Catalog& catalog, st::StudyResults& results,
               const std::filesystem::path& out) {
    const bool first = mpiRank() == 0;
    if (first)
        std::fprintf(stderr, "study '%s': %zu variants, %zu to run on %d MPI ranks\n", results.name.c_str(),
                     results.variants.size(), results.variants.size() - doneCount(results), mpiRanks());
    std::string failure;
    MpiStudyRun r{&s, &catalog, &results, [&] {
                      try {
                          st::saveStudyResults(results, out);
                          std::fprintf(stderr, "  %zu / %zu variants\n", doneCount(results),
                                       results.variants.size());
                      } catch (const std::exception& e) {
                          failure = e.what();
                      }
                  }};
    if (runStudyOnRanks(r) != 0) return 0; // not rank 0: nothing to report
    if (!failure.empty()) throw model::SaveError(failure);
    return 0;
}

void printSummary(const st::StudyResults& results, double wall, const std::filesystem::path& out) {
    size_t failed = 0;
    for (size_t v = 0; v < results.variants.size(); ++v)
        if (!results.variants[v].error.empty()) {
            ++failed;
            std::fprintf(stderr, "variant %zu: %s\n", v + 1, results.variants[v].error.c_str());
        }
    std::printf("%zu variants (%zu failed) in %.1f s; results in %s\n", results.variants.size(), failed, wall,
                out.c_str());
}

int studyRun(const QCommandLineParser& p, const std::filesystem::path& file) {
    if (!p.isSet("out")) return std::fprintf(stderr, "error: study run needs --out RESULTS.h5\n"), 2;
    const std::filesystem::path out = p.value("out").toStdString();
    st::StudyLoad l = st::loadStudy(file);
    model::Diagnostics& d = l.diagnostics;
    const model::Catalog catalog = model::loadCatalogDir(model::assetDir() / "catalog", d);
    std::vector<st::KpiColumn> columns;
    if (d.ok()) columns = st::kpiColumns(l.study, catalog, d);
    // Every rank reads the same inputs and so reaches the same verdict; only rank 0 speaks.
    if (!d.ok()) return (mpiRank() == 0 ? printProblems(d, false) : void()), 1;
    std::optional<st::StudyResults> results = startingResults(p, l.study, columns, out);
    if (!results) return 1;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        if (mpiRanks() > 1) {
            runOnRanks(l.study, catalog, *results, out);
            if (mpiRank() != 0) return 0;
        } else {
            runOnThreads(p, l.study, catalog, *results, out);
        }
    } catch (const std::exception& e) {
        return std::fprintf(stderr, "error: %s\n", e.what()), 1;
    }
    printSummary(*results, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), out);
    return 0;
}

std::optional<size_t> columnOf(const st::StudyResults& r, const QString& key) {
    return st::columnOf(r, key.toStdString());
}

std::optional<std::vector<st::Limit>> parseLimits(const st::StudyResults& r, const QStringList& specs) {
    std::vector<st::Limit> out;
    for (const QString& spec : specs) {
        std::string error;
        const std::optional<st::Limit> l = st::parseLimit(r, spec.toStdString(), error);
        if (!l) {
            std::fprintf(stderr, "error: --limit '%s': %s\n", qPrintable(spec), error.c_str());
            return std::nullopt;
        }
        out.push_back(*l);
    }
    return out;
}

// The Pareto set over the KPIs named in --pareto (each in its better direction).
std::optional<std::vector<size_t>> paretoOf(const st::StudyResults& r, const QString& keys,
                                            const std::vector<st::Limit>& limits) {
    std::vector<size_t> cols;
    for (const QString& k : keys.split(',', Qt::SkipEmptyParts)) {
        const std::optional<size_t> c = columnOf(r, k);
        if (!c) {
            std::fprintf(stderr, "error: --pareto: '%s' is not a KPI of these results\n", qPrintable(k));
            return std::nullopt;
        }
        cols.push_back(*c);
    }
    return st::paretoOf(r, cols, limits);
}

void printTable(const st::StudyResults& r, const std::vector<size_t>& pareto,
                const std::vector<st::Limit>& limits) {
    std::string head = model::padRight("#", 5);
    for (const std::string& n : r.parameterNames)
        head += model::padRight(n, 20);
    for (const st::KpiColumn& k : r.kpis)
        head += model::padLeft(k.key + (k.units == "1" ? "" : " [" + model::unitSymbol(k.units) + "]"), 22);
    std::printf("%s\n", head.c_str());
    for (size_t v = 0; v < r.variants.size(); ++v) {
        const bool front = std::find(pareto.begin(), pareto.end(), v) != pareto.end();
        const bool over = st::outsideLimits(r.variants[v], limits);
        std::string line = model::padRight(fmt::format("{}{}", v + 1, front ? "*" : over ? "!" : ""), 5);
        for (size_t p = 0; p < r.parameterNames.size(); ++p)
            line += model::padRight(r.valueText(v, p), 20);
        const st::VariantResult& x = r.variants[v];
        if (!x.done || !x.error.empty()) {
            line += !x.done ? "  not run" : "  error: " + x.error.substr(0, 80);
        } else {
            for (double k : x.kpis)
                line += model::padLeft(
                    model::formatKpiValue(std::isfinite(k) ? std::optional(k) : std::nullopt), 22);
        }
        std::printf("%s\n", line.c_str());
    }
}

std::string axisTitle(const st::KpiColumn& k) {
    const std::string units = model::unitSymbol(k.units);
    return k.label + (units.empty() ? "" : " (" + units + ")") +
           (k.higherIsBetter ? ", higher is better" : ", lower is better");
}

// The scatter of the first two --pareto KPIs, the Pareto set (over all of them) marked.
int writeChart(const QCommandLineParser& p, const st::StudyResults& r, const std::vector<size_t>& pareto) {
    const QStringList keys = p.value("pareto").split(',', Qt::SkipEmptyParts);
    if (keys.size() < 2) return std::fprintf(stderr, "error: --png needs at least two KPIs in --pareto\n"), 2;
    const size_t cx = *columnOf(r, keys[0]), cy = *columnOf(r, keys[1]);
    render::StudyChartData d{fmt::format("{}: Pareto set of {}", r.name, qPrintable(keys.join(", "))),
                             axisTitle(r.kpis[cx]),
                             axisTitle(r.kpis[cy]),
                             {},
                             {},
                             {}};
    for (size_t v = 0; v < r.variants.size(); ++v) {
        const st::VariantResult& x = r.variants[v];
        if (!x.done || !x.error.empty() || !std::isfinite(x.kpis[cx]) || !std::isfinite(x.kpis[cy])) continue;
        d.x.push_back(x.kpis[cx]);
        d.y.push_back(x.kpis[cy]);
        d.pareto.push_back(std::find(pareto.begin(), pareto.end(), v) != pareto.end());
    }
    try {
        render::writePng(render::renderStudyChart(d), p.value("png").toStdString());
    } catch (const std::exception& e) {
        return std::fprintf(stderr, "error: %s\n", e.what()), 1;
    }
    std::printf("wrote %s\n", qPrintable(p.value("png")));
    return 0;
}

int studyReport(const QCommandLineParser& p, const std::filesystem::path& file) {
    model::Diagnostics d;
    const std::optional<st::StudyResults> r = st::loadStudyResults(file, d);
    if (!r) return printProblems(d, false), 1;
    const std::optional<std::vector<st::Limit>> limits = parseLimits(*r, p.values("limit"));
    if (!limits) return 2;
    std::vector<size_t> pareto;
    if (p.isSet("pareto")) {
        const std::optional<std::vector<size_t>> set = paretoOf(*r, p.value("pareto"), *limits);
        if (!set) return 2;
        pareto = *set;
    }
    std::printf("study '%s': %zu variants, %zu done\n", r->name.c_str(), r->variants.size(), doneCount(*r));
    printTable(*r, pareto, *limits);
    if (!limits->empty())
        std::printf("Outside the limits (%s): marked !\n", qPrintable(p.values("limit").join(", ")));
    if (p.isSet("pareto")) {
        std::printf("Pareto set over %s (* above):", qPrintable(p.value("pareto")));
        for (size_t v : pareto)
            std::printf(" %zu", v + 1);
        std::printf("\n");
    }
    return p.isSet("png") ? writeChart(p, *r, pareto) : 0;
}

int study(const QCommandLineParser& p) {
    const QStringList args = p.positionalArguments();
    const std::filesystem::path file = args[1].toStdString();
    if (args[0] == "run") return studyRun(p, file);
    if (args[0] == "report") return studyReport(p, file);
    return std::fprintf(stderr, "error: study ACTION must be run or report\n"), 2;
}

} // namespace

std::map<QString, CliCommand> studyCommands() {
    auto options = [](QCommandLineParser& p) {
        p.addOption({"out", "run: the results file (HDF5) to write.", "RESULTS.h5"});
        p.addOption({"threads", "run: worker threads (default: one per core).", "N", "0"});
        p.addOption({"resume", "run: keep the variants --out already holds and run the rest."});
        p.addOption(
            {"pareto", "report: mark the Pareto set over these KPIs (comma-separated keys).", "KPIS"});
        p.addOption(
            {"png", "report: write the scatter of the first two --pareto KPIs, Pareto set marked.", "OUT"});
        p.addOption(
            {"limit",
             "report: a bound such as max_chip_c<=60 (repeatable); variants outside it are not in the "
             "Pareto set.",
             "KPI<=VALUE"});
    };
    return {
        {"study",
         {"Run a design study (run STUDY.json --out RESULTS.h5) or report its results (report RESULTS.h5).",
          {"ACTION", "FILE"},
          options,
          study}}};
}

} // namespace halltwin::app
