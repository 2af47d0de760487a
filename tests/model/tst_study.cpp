// Design studies: the reference study file loads and every variant it makes is a valid twin carrying its
// values; defective study files give errors naming the parameter and the field; Latin hypercubes are
// stratified and reproducible; the Pareto set equals the one a sort-and-scan finds for two objectives.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/CatalogIo.hpp"
#include "model/TwinJsonDocument.hpp"
#include "model/study/Pareto.hpp"
#include "model/study/StudyDesign.hpp"
#include "model/study/StudyLimits.hpp"
#include "model/study/StudyResultsFile.hpp"

#include <cstring>

#include <QTemporaryDir>

#include <algorithm>
#include <fstream>
#include <functional>
#include <random>

using namespace halltwin::model;
using namespace halltwin::model::study;

namespace {

std::filesystem::path referenceStudy() {
    return halltwin::test::assets() / "studies" / "domestic-40kw-water.json";
}

// A copy of the reference study (its base twin by absolute path) with `edit` applied, in a folder of its own.
StudyLoad edited(const std::function<void(Json&)>& edit) {
    std::ifstream in(referenceStudy());
    Json doc = Json::parse(in);
    doc["base_twin"] = std::filesystem::absolute(halltwin::test::referenceJson("domestic-40kw")).string();
    edit(doc);
    QTemporaryDir dir;
    const std::filesystem::path p = std::filesystem::path(dir.path().toStdString()) / "study.json";
    std::ofstream(p) << doc.dump(2);
    return loadStudy(p);
}

void expectError(const StudyLoad& l, const char* object, const char* field, const char* words) {
    const std::string text = l.diagnostics.errorText();
    QVERIFY2(!l.diagnostics.ok(), "the study loaded");
    QVERIFY2(text.find(object) != std::string::npos && text.find(field) != std::string::npos &&
                 text.find(words) != std::string::npos,
             text.c_str());
}

const Catalog& catalog() {
    static const Catalog c = [] {
        Diagnostics d;
        return loadCatalogDir(halltwin::test::assets() / "catalog", d);
    }();
    return c;
}

// The reference study at the design point only (a few ms per variant), with one value a twin refuses.
Study designPointStudy() {
    StudyLoad l = edited([](Json& d) {
        d["compute"]["year"] = false;
        d.erase("fields"); // hourly series need the year
        d["parameters"][0].erase("range");
        d["parameters"][0]["values"] = Json::array({30, 45, -300});
    });
    if (!l.diagnostics.ok()) throw std::runtime_error(l.diagnostics.errorText());
    return l.study;
}

// Bit for bit, NaN included.
bool sameTable(const study::StudyResults& a, const study::StudyResults& b) {
    if (a.variants.size() != b.variants.size()) return false;
    for (size_t v = 0; v < a.variants.size(); ++v) {
        const auto &x = a.variants[v], &y = b.variants[v];
        if (x.done != y.done || x.error != y.error || x.kpis.size() != y.kpis.size() ||
            std::memcmp(x.kpis.data(), y.kpis.data(), x.kpis.size() * sizeof(double)) != 0)
            return false;
    }
    return true;
}

StudyResults run(const Study& s, int threads, size_t limit = size_t(-1), StudyResults* from = nullptr) {
    Diagnostics d;
    StudyResults r = from ? *from : emptyResults(s, kpiColumns(s, catalog(), d));
    RunOptions o;
    o.threads = threads;
    o.limit = limit;
    runStudy(s, catalog(), r, o);
    return r;
}

} // namespace

class TestStudy : public QObject {
    Q_OBJECT

  private slots:
    void referenceStudyMakesValidVariants() {
        const StudyLoad l = loadStudy(referenceStudy());
        QVERIFY2(l.diagnostics.ok(), l.diagnostics.errorText().c_str());
        const Study& s = l.study;
        QCOMPARE(s.parameters.size(), size_t(4));
        QCOMPARE(s.parameters[0].values.size(), size_t(4)); // 30..45 step 5
        const auto rows = designOf(s);
        QCOMPARE(rows.size(), size_t(4 * 2 * 3 * 2));
        QCOMPARE(rows.back(), (std::vector<size_t>{3, 1, 2, 1}));
        Diagnostics d;
        const Catalog catalog = loadCatalogDir(halltwin::test::assets() / "catalog", d);
        for (const auto& row : rows) {
            const TwinLoad t = loadTwinJsonDocument(variantSource(s, row), catalog, "variant");
            QVERIFY2(t.diagnostics.ok(), t.diagnostics.errorText().c_str());
            QCOMPARE(t.twin.cooling.facility.supplyTempC, s.parameters[0].values[row[0]].get<double>());
            for (const Row& r : t.twin.rows) // "*" reaches every row
                QCOMPARE(r.containment, s.parameters[1].values[row[1]].get<std::string>());
            QCOMPARE(t.twin.site.climate, s.parameters[2].values[row[2]].get<std::string>());
            // A whole group replaced: the 415 VAC chain brings its own stages.
            QCOMPARE(t.twin.power.settings.architecture, s.parameters[3].labels[row[3]]);
            QCOMPARE(t.twin.power.stages.front().type,
                     std::string(row[3] == 0 ? "sst-800vdc" : "mv-transformer-2500kva"));
        }
    }

    void defectsAreNamed() {
        expectError(edited([](Json& d) { d["base_twin"] = "/nonexistent/missing.json"; }), "base twin", "",
                    "missing.json");
        expectError(edited([](Json& d) { d["parameters"][0]["path"] = "/cooling/facility/supply_c"; }),
                    "parameter 'facility_supply_c'", "path", "/cooling/facility/supply_c");
        expectError(edited([](Json& d) { d["parameters"][1]["path"] = "rows/*/containment"; }),
                    "parameter 'containment'", "path", "JSON Pointer");
        expectError(edited([](Json& d) { d["parameters"][1]["path"] = "/hall"; }), "parameter 'containment'",
                    "path", "group of fields");
        expectError(edited([](Json& d) { d["parameters"][2]["values"] = Json::array(); }), "parameter 'site'",
                    "values", "non-empty");
        expectError(edited([](Json& d) { d["parameters"][0]["range"]["step"] = 0; }),
                    "parameter 'facility_supply_c'", "step", "number");
        expectError(edited([](Json& d) { d["parameters"][3]["name"] = "site"; }), "study", "parameters",
                    "two parameters are named 'site'");
        expectError(edited([](Json& d) { d["parameters"][3].erase("labels"); }), "parameter 'power'",
                    "labels", "required");
        expectError(edited([](Json& d) { d["parameters"][3]["path"] = "/power/settings/architecture"; }),
                    "parameter 'power'", "path", "one value, but the values are groups");
        expectError(edited([](Json& d) { d["parameters"][2]["name"] = "site/town"; }),
                    "parameter 'site/town'", "name", "letters, digits");
        expectError(edited([](Json& d) {
                        d["design"] = Json{{"kind", "sobol"}};
                    }),
                    "study", "design", "grid");
        expectError(edited([](Json& d) {
                        d["parameters"][0]["range"] = Json{{"from", 0}, {"to", 9999}, {"step", 1}};
                        d["parameters"][2]["values"] =
                            Json::array({"frankfurt", "singapore", "phoenix", "hohhot", "stockholm"});
                    }),
                    "study", "design", "Latin hypercube");
    }

    void latinHypercubeIsStratifiedAndReproducible() {
        auto lhs = [](std::uint32_t seed, size_t samples) {
            return edited([&](Json& d) {
                d["design"] = Json{{"kind", "latin_hypercube"}, {"samples", samples}, {"seed", seed}};
            });
        };
        const StudyLoad a = lhs(7, 12);
        QVERIFY2(a.diagnostics.ok(), a.diagnostics.errorText().c_str());
        const auto rows = designOf(a.study);
        QCOMPARE(rows.size(), size_t(12));
        // 12 samples over 4, 2, 3 and 2 values: each value of each parameter exactly 12 / count times.
        for (size_t p = 0; p < a.study.parameters.size(); ++p) {
            const size_t count = a.study.parameters[p].values.size();
            std::vector<size_t> uses(count, 0);
            for (const auto& r : rows)
                ++uses[r[p]];
            for (size_t v : uses)
                QCOMPARE(v, 12 / count);
        }
        QCOMPARE(designOf(lhs(7, 12).study), rows);
        QVERIFY(designOf(lhs(8, 12).study) != rows);
        expectError(edited([](Json& d) {
                        d["design"] = Json{{"kind", "latin_hypercube"}};
                    }),
                    "study", "design", "samples");
    }

    void runsAreTheSameOnAnyNumberOfThreads() {
        const Study s = designPointStudy();
        Diagnostics d;
        const std::vector<KpiColumn> columns = kpiColumns(s, catalog(), d);
        QVERIFY2(d.ok(), d.errorText().c_str());
        QCOMPARE(columns.size(), s.kpis.size());
        const StudyResults serial = run(s, 1), threaded = run(s, 2);
        QVERIFY(sameTable(serial, threaded));
        size_t failed = 0, ran = 0;
        for (size_t v = 0; v < serial.variants.size(); ++v) {
            const VariantResult& x = serial.variants[v];
            QVERIFY(x.done);
            if (serial.valueText(v, 0) == "-300") { // refused by the twin's validation, named; the rest ran
                QVERIFY2(x.error.find("supply_temp_c") != std::string::npos, x.error.c_str());
                ++failed;
            } else {
                QVERIFY2(x.error.empty(), x.error.c_str());
                QVERIFY(std::isfinite(x.kpis[0]) && x.kpis[0] > 1 && x.kpis[0] < 2); // design PUE
                ++ran;
            }
        }
        QCOMPARE(failed, size_t(12));
        QCOMPARE(ran, size_t(24));
    }

    void unknownKpiIsNamed() {
        StudyLoad l = edited([](Json& d) { d["kpis"] = Json::array({"pue_annual", "pue_anual"}); });
        QVERIFY(l.diagnostics.ok());
        Diagnostics d;
        kpiColumns(l.study, catalog(), d);
        QVERIFY2(d.errorText().find("kpis") != std::string::npos &&
                     d.errorText().find("'pue_anual' is not a KPI") != std::string::npos,
                 d.errorText().c_str());
    }

    void resultsFileRoundTripsAndResumes() {
        const Study s = designPointStudy();
        const StudyResults full = run(s, 2);
        StudyResults half = run(s, 2, 10); // stopped after 10 variants
        size_t done = 0;
        for (const VariantResult& v : half.variants)
            done += v.done;
        QCOMPARE(done, size_t(10));
        QTemporaryDir dir;
        const std::filesystem::path p = std::filesystem::path(dir.path().toStdString()) / "results.h5";
        saveStudyResults(half, p);
        Diagnostics d;
        std::optional<StudyResults> back = loadStudyResults(p, d);
        QVERIFY2(back, d.errorText().c_str());
        QVERIFY(sameTable(*back, half));
        QCOMPARE(back->design, half.design);
        QCOMPARE(back->values, half.values);
        QCOMPARE(back->kpis.size(), half.kpis.size());
        QCOMPARE(back->kpis[1].units, half.kpis[1].units);
        const StudyResults resumed = run(s, 2, size_t(-1), &*back);
        QVERIFY(sameTable(resumed, full));
        // Not a results file: a named error, nothing returned.
        std::ofstream(p) << "not hdf5";
        QVERIFY(!loadStudyResults(p, d));
        QVERIFY(d.errorText().find("not an HDF5 file") != std::string::npos);
    }

    // The results file keeps the study and its base twin: the variants rebuilt from the file alone equal
    // those of the study file; a study on another base (a twin in memory) takes it instead of base_twin.
    void resultsRebuildTheirVariants() {
        const Study s = designPointStudy();
        const StudyResults r = run(s, 2);
        QTemporaryDir dir;
        const std::filesystem::path p = std::filesystem::path(dir.path().toStdString()) / "results.h5";
        saveStudyResults(r, p);
        Diagnostics d;
        const std::optional<StudyResults> back = loadStudyResults(p, d);
        QVERIFY(back);
        const std::optional<Study> again = studyOfResults(*back, p, d);
        QVERIFY2(again, d.errorText().c_str());
        for (size_t v = 0; v < r.design.size(); ++v)
            QCOMPARE(variantSource(*again, r.design[v]), variantSource(s, r.design[v]));
        StudyResults bad = *back;
        bad.studySource = "{";
        QVERIFY(!studyOfResults(bad, p, d));
        QVERIFY(d.errorText().find("study_source") != std::string::npos);

        // The base twin as the app hands it over: exported JSON with the installed catalogue embedded, so
        // the 415 VAC variants find their stage types; the same KPIs as from the file.
        const TwinLoad base = loadTwinJson(halltwin::test::referenceJson("domestic-40kw"), catalog());
        const Json inMemory = twinJsonDocument(base.twin, catalog());
        std::ifstream in(referenceStudy());
        Json doc = Json::parse(in);
        doc["base_twin"] = "/nonexistent/twin.json";
        doc["compute"]["year"] = false;
        doc.erase("fields");
        const StudyLoad l = loadStudyDocument(doc, referenceStudy(), &inMemory);
        QVERIFY2(l.diagnostics.ok(), l.diagnostics.errorText().c_str());
        const StudyLoad fromFile = loadStudyDocument(doc, referenceStudy());
        QVERIFY(!fromFile.diagnostics.ok()); // without the override, base_twin is read and is missing
        const StudyResults a = run(l.study, 2);
        QVERIFY(std::all_of(a.variants.begin(), a.variants.end(), [](auto& v) { return v.error.empty(); }));
        Study reference = loadStudy(referenceStudy()).study;
        reference.year = false;
        reference.fields.clear();
        QVERIFY(sameTable(a, run(reference, 2)));
    }

    // Kept series agree with the KPIs they add up to (annual PUE = Σ facility / Σ IT over the hours), come
    // back from the file, and a study that asks for what it cannot keep is told so by name.
    void fieldsAreKeptPerVariant() {
        StudyLoad l = edited([](Json& d) {
            d["parameters"] = Json::array({d["parameters"][0]});
            d["parameters"][0].erase("range");
            d["parameters"][0]["values"] = Json::array({30, 45});
            d["fields"] = Json::array({"it_w", "facility_w", "rack_inlets_c"});
        });
        QVERIFY2(l.diagnostics.ok(), l.diagnostics.errorText().c_str());
        const StudyResults r = run(l.study, 2);
        const size_t pue = *columnOf(r, "pue_annual");
        QCOMPARE(r.fields, (std::vector<std::string>{"it_w", "facility_w", "rack_inlets_c"}));
        for (const VariantResult& v : r.variants) {
            QCOMPARE(v.fields[0].size(), size_t(8760));
            double it = 0, facility = 0;
            for (size_t h = 0; h < 8760; ++h)
                it += v.fields[0][h], facility += v.fields[1][h];
            QVERIFY2(std::abs(facility / it / v.kpis[pue] - 1) < 1e-6, std::to_string(facility / it).c_str());
            QCOMPARE(v.fields[2].size(), size_t(40)); // the 40 cabinets
        }
        QTemporaryDir dir;
        const std::filesystem::path p = std::filesystem::path(dir.path().toStdString()) / "fields.h5";
        saveStudyResults(r, p);
        Diagnostics d;
        const std::optional<StudyResults> back = loadStudyResults(p, d);
        QVERIFY2(back, d.errorText().c_str());
        QCOMPARE(back->fields, r.fields);
        for (size_t v = 0; v < r.variants.size(); ++v)
            QCOMPARE(back->variants[v].fields, r.variants[v].fields);

        expectError(edited([](Json& d) { d["fields"] = Json::array({"pue_hourly"}); }), "study", "fields",
                    "\"pue_hourly\" is not a series a study keeps (one of hourly_pue");
        expectError(edited([](Json& d) {
                        d["compute"]["year"] = false;
                        d["fields"] = Json::array({"it_w"});
                    }),
                    "study", "fields", "'it_w' is hourly over the year: set compute.year");
    }

    void limitsAreParsedWithNamedErrors() {
        const StudyResults r = run(designPointStudy(), 2);
        std::string error;
        const std::optional<Limit> l = parseLimit(r, " max_chip_c <= 55.5 ", error);
        QVERIFY(l && l->atMost && l->value == 55.5 && r.kpis[l->column].key == "max_chip_c");
        QVERIFY(parseLimit(r, "pue_annual>=1", error) && !parseLimit(r, "pue_annual>=1", error)->atMost);
        QVERIFY(!parseLimit(r, "max_chip<=55", error) &&
                error.find("'max_chip' is not a KPI") != std::string::npos);
        QVERIFY(!parseLimit(r, "max_chip_c<=hot", error) &&
                error.find("'hot' is not a number") != std::string::npos);
        QVERIFY(!parseLimit(r, "max_chip_c=55", error) && error.find("KPI<=VALUE") != std::string::npos);
        // A limit takes variants out of the Pareto set and marks them; failed variants are neither.
        const size_t chip = *columnOf(r, "max_chip_c"), pue = *columnOf(r, "pue_design");
        const std::vector<size_t> all = paretoOf(r, {pue, chip}, {});
        const std::vector<Limit> strict{{chip, true, -1000}};
        QVERIFY(paretoOf(r, {pue, chip}, strict).empty());
        QVERIFY(!all.empty());
        for (const VariantResult& v : r.variants)
            QCOMPARE(outsideLimits(v, strict), v.error.empty());
    }

    void paretoSetMatchesSortAndScan() {
        // Hand example: minimising both, (3,4) is dominated by (2,3) and the two equal (2,3) both stay;
        // maximising both, (1,5), (3,4) and (4,1) remain. A row with a NaN takes no part.
        const std::vector<std::vector<double>> small{{1, 5}, {2, 3}, {3, 4}, {4, 1}, {2, 3}, {NAN, 0}};
        QCOMPARE(paretoSet(small, {false, false}), (std::vector<size_t>{0, 1, 3, 4}));
        QCOMPARE(paretoSet(small, {true, true}), (std::vector<size_t>{0, 2, 3}));
        // Random points, minimise x and maximise y: sort by x, keep each point whose y beats all before it.
        std::mt19937 gen(3);
        std::uniform_real_distribution<double> u(0, 1);
        std::vector<std::vector<double>> pts(400);
        for (auto& p : pts)
            p = {u(gen), u(gen)};
        std::vector<size_t> order(pts.size());
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return pts[a][0] < pts[b][0]; });
        std::vector<size_t> scan;
        double best = -1;
        for (size_t i : order)
            if (pts[i][1] > best) scan.push_back(i), best = pts[i][1];
        std::sort(scan.begin(), scan.end());
        QCOMPARE(paretoSet(pts, {false, true}), scan);
        QVERIFY(scan.size() > 3);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestStudy)
#include "tst_study.moc"
