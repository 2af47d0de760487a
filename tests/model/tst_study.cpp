// Design studies: the reference study file loads and every variant it makes is a valid twin carrying its
// values; defective study files give errors naming the parameter and the field; Latin hypercubes are
// stratified and reproducible; the Pareto set equals the one a sort-and-scan finds for two objectives.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/CatalogIo.hpp"
#include "model/TwinJsonDocument.hpp"
#include "model/study/Pareto.hpp"
#include "model/study/StudyDesign.hpp"

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
            QCOMPARE(t.twin.power.settings.architecture, s.parameters[3].values[row[3]].get<std::string>());
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
        expectError(edited([](Json& d) {
                        d["design"] = Json{{"kind", "sobol"}};
                    }),
                    "study", "design", "grid");
        expectError(edited([](Json& d) {
                        d["parameters"][0]["range"] = Json{{"from", 0}, {"to", 9999}, {"step", 1}};
                        d["parameters"][3]["values"] =
                            Json::array({"800VDC", "415VAC", "800VDC", "415VAC", "800VDC"});
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
