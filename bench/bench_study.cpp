// Design-study budgets (the design's table): the machinery's overhead per variant beyond the variant's own
// simulation ≤ 5 %, and rank 0's gather of 1,000 variants' results (every row kept and the file saved every
// 8 results, as under MPI) ≤ 1 s. Runs the reference study on one thread.
#include "Median.hpp"

#include "model/CatalogIo.hpp"
#include "model/HallSimulation.hpp"
#include "model/study/StudyResultsFile.hpp"

#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>

using namespace halltwin;
namespace st = model::study;

namespace {

constexpr int kRuns = 5;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// The variants' own simulations (twins built beforehand), serially: what a study cannot avoid.
double ownSolvesMs(const st::Study& s, const model::Catalog& catalog, const st::StudyResults& r) {
    std::vector<model::Twin> twins;
    for (const std::vector<size_t>& choice : r.design)
        twins.push_back(st::variantTwin(s, catalog, choice).twin);
    model::HallSimulationOptions o;
    o.system.hours = s.year ? 8760 : 0;
    return bench::time(1,
                       [&] {
                           for (const model::Twin& t : twins)
                               (void)model::kpisOf(t, model::simulateHall(t, o));
                       })
        .medianMs;
}

// Rank 0's side of a 1,000-variant gather: each row stored, the file saved after every 8 results.
double gatherMs(const st::Study& s, std::vector<st::KpiColumn> columns, const std::filesystem::path& out) {
    st::Study big = s;
    big.design = st::DesignKind::LatinHypercube;
    big.samples = 1000;
    big.fields.clear();
    st::StudyResults r = st::emptyResults(big, std::move(columns));
    std::mt19937 gen(1);
    std::uniform_real_distribution<double> u(0, 2);
    return bench::time(1,
                       [&] {
                           for (size_t v = 0; v < r.variants.size(); ++v) {
                               r.variants[v].done = true;
                               for (double& k : r.variants[v].kpis)
                                   k = u(gen);
                               if ((v + 1) % 8 == 0) st::saveStudyResults(r, out);
                           }
                           st::saveStudyResults(r, out);
                       })
        .medianMs;
}

} // namespace

int main(int argc, char** argv) {
    const std::filesystem::path assets = argc > 1 ? argv[1] : "assets";
    const std::filesystem::path file = argc > 2 ? argv[2] : assets / "studies" / "domestic-40kw-water.json";
    st::StudyLoad l = st::loadStudy(file);
    const model::Catalog catalog = model::loadCatalogDir(assets / "catalog", l.diagnostics);
    std::vector<st::KpiColumn> columns;
    if (l.diagnostics.ok()) columns = st::kpiColumns(l.study, catalog, l.diagnostics);
    if (!l.diagnostics.ok()) return std::fprintf(stderr, "%s\n", l.diagnostics.errorText().c_str()), 2;
    omp_set_num_threads(1); // as every variant of a study runs
    const std::filesystem::path out = std::filesystem::temp_directory_path() / "halltwin-bench-study.h5";
    // Medians of alternating runs: the two figures differ by a few per cent, about the machine's own noise.
    const st::StudyResults fresh = st::emptyResults(l.study, columns);
    st::RunOptions o;
    o.threads = 1;
    std::vector<double> own, whole;
    for (int run = 0; run < kRuns; ++run) {
        own.push_back(ownSolvesMs(l.study, catalog, fresh));
        st::StudyResults r = fresh;
        whole.push_back(bench::time(1, [&] { st::runStudyToFile(l.study, catalog, r, out, o, 4); }).medianMs);
    }
    const double solves = median(own), study = median(whole);
    const st::StudyResults& r = fresh;
    const double overhead = 100 * (study / solves - 1);
    std::printf("study '%s': %zu variants on one thread, medians of %d runs\n", l.study.name.c_str(),
                r.variants.size(), kRuns);
    std::printf("  own simulations %.0f ms; whole study (variant twins, KPIs, saves) %.0f ms\n", solves,
                study);
    std::printf("  overhead per variant beyond its own simulation: %.1f %% (budget 5 %%)  %s\n", overhead,
                overhead <= 5 ? "OK" : "OVER");
    const double gather = gatherMs(l.study, columns, out);
    std::printf(
        "  rank 0's gather of 1000 variants (rows kept, saved every 8): %.0f ms (budget 1000 ms)  %s\n",
        gather, gather <= 1000 ? "OK" : "OVER");
    std::filesystem::remove(out);
    const bool ok = overhead <= 5 && gather <= 1000;
    std::printf(ok ? "all budgets met\n" : "OVER BUDGET: see the lines marked OVER\n");
    return ok ? 0 : 1;
}
