// Offscreen images of the reference twins against committed baselines, proof that the comparison can
// fail, and the design-review composite.
#include "RenderTestSupport.hpp"
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "render/Colormap.hpp"
#include "render/Comparison.hpp"
#include "render/Snapshot.hpp"

#include <QTemporaryDir>

using namespace halltwin;

namespace {

const std::filesystem::path baselines = HALLTWIN_BASELINE_DIR, outputs = HALLTWIN_RENDER_OUTPUT_DIR;

// Small, fixed-size images: iso without colouring, plan coloured by simulated rack power.
render::Image referenceImage(const model::Twin& t, render::View view) {
    render::SnapshotOptions o;
    o.view = view;
    o.colour = view == render::View::Plan ? render::ColourMode::Power : render::ColourMode::None;
    o.width = 400, o.height = 250;
    return render::renderTwin(t, o);
}

} // namespace

class TestRenderImages : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { test::failOnVtkMessages(); }

    void referenceTwinsMatchBaselines_data() {
        QTest::addColumn<QString>("twin");
        QTest::addColumn<int>("view");
        for (const char* t : {"domestic-40kw", "rubin-nvl", "legacy-air", "rubin-lpx"}) {
            QTest::addRow("%s-iso", t) << t << int(render::View::Iso);
            QTest::addRow("%s-plan", t) << t << int(render::View::Plan);
        }
    }

    void referenceTwinsMatchBaselines() {
        QFETCH(QString, twin);
        QFETCH(int, view);
        const render::Image img = referenceImage(test::referenceTwin(twin.toStdString()), render::View(view));
        QCOMPARE(img.width, 400);
        QCOMPARE(img.height, 250);
        const auto name = QString("%1-%2.png").arg(twin, view == int(render::View::Iso) ? "iso" : "plan");
        const test::BaselineCheck c = test::compareWithBaseline(img, baselines / name.toStdString(), outputs);
        QVERIFY2(c.result == test::BaselineResult::Match, qPrintable(c.message));
    }

    // No baseline for the row view (its perspective from inside the hall is the most driver-sensitive):
    // it must show equipment, not an empty or blocked frame.
    void rowViewLooksDownAnAisle() {
        render::SnapshotOptions o;
        o.view = render::View::Row, o.width = 400, o.height = 250;
        const render::Image img = render::renderTwin(test::referenceTwin("legacy-air"), o);
        const double filled = test::nonUniformFraction(img, 0, 0, 400, 250, render::palette::background);
        QVERIFY2(filled > 0.3 && filled < 0.95, qPrintable(QString::number(filled)));
    }

    // A missing baseline fails; the image goes to the output folder, and the baseline folder (the
    // source tree) is left alone.
    void missingBaselineFailsAndIsWrittenToTheOutput() {
        QTemporaryDir baselineDir, outputDir;
        const auto path = std::filesystem::path(baselineDir.path().toStdString()) / "new.png";
        const auto output = std::filesystem::path(outputDir.path().toStdString());
        const render::Image img = referenceImage(test::referenceTwin("rubin-nvl"), render::View::Iso);
        QCOMPARE(test::compareWithBaseline(img, path, output).result, test::BaselineResult::MissingWritten);
        QVERIFY(!std::filesystem::exists(path));
        QVERIFY(std::filesystem::exists(output / "new.png"));
        std::filesystem::copy_file(output / "new.png", path); // what a developer does after checking it
        QCOMPARE(test::compareWithBaseline(img, path, output).result, test::BaselineResult::Match);
    }

    // The check must be able to fail: one cabinet moved across the hall is caught.
    void movedRackFailsTheComparison() {
        model::Twin t = test::referenceTwin("rubin-nvl");
        t.racks[0].xM = 1.0, t.racks[0].yM = 6.0;
        QTemporaryDir dir;
        const test::BaselineCheck c =
            test::compareWithBaseline(referenceImage(t, render::View::Plan), baselines / "rubin-nvl-plan.png",
                                      dir.path().toStdString());
        QVERIFY2(c.result == test::BaselineResult::Differ, qPrintable(QString::number(c.fraction)));
        qDebug("moved rack: %.2f %% of pixels differ", 100 * c.fraction);
    }

    void compositeHasPanelsTitlesAndKpis() {
        std::vector<model::Twin> twins;
        std::vector<model::sim::SimulationResult> results;
        for (const char* n : {"domestic-40kw", "rubin-nvl", "legacy-air"}) {
            twins.push_back(test::referenceTwin(n));
            model::sim::SimulationOptions o;
            o.hours = 0; // design point: the composite does not depend on the annual run
            results.push_back(model::sim::simulate(twins.back(), o));
        }
        std::vector<render::CompareEntry> entries;
        for (size_t i = 0; i < twins.size(); ++i)
            entries.push_back({&twins[i], &results[i]});

        const std::vector<render::KpiRow> rows = render::comparisonKpis(entries);
        QCOMPARE(rows.size(), size_t(10));
        QCOMPARE(rows.front().label, std::string("PUE (design point)"));
        QCOMPARE(rows.back().label, std::string("Floor area"));
        for (const render::KpiRow& r : rows)
            QCOMPARE(r.values.size(), size_t(3));
        QCOMPARE(rows[1].values[0], std::string("–"));      // no annual run
        QCOMPARE(rows.back().values[1], std::string("70")); // 10 m × 7 m

        const int w = 900, h = 560, panelBottom = int(h * (1 - 0.33));
        const render::Image img =
            render::renderComparison(entries, {render::View::Iso, render::ColourMode::Power, w, h});
        QCOMPARE(img.width, w);
        QCOMPARE(img.height, h);
        for (int p = 0; p < 3; ++p) {
            const int x0 = p * w / 3, x1 = (p + 1) * w / 3;
            QVERIFY2(test::nonUniformFraction(img, x0, 0, x1, panelBottom, render::palette::background) >
                         0.15,
                     qPrintable(QString("panel %1 is nearly empty").arg(p)));
            QVERIFY2(test::nonUniformFraction(img, x0, 0, x0 + 150, 28, render::palette::background) > 0.01,
                     qPrintable(QString("panel %1 has no title").arg(p)));
        }
        QVERIFY(test::nonUniformFraction(img, 0, panelBottom, w, h, {255, 255, 255}) > 0.01);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestRenderImages)
#include "tst_render_images.moc"
