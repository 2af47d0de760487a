// The Study window as a user meets it: a results file written by `halltwin study run` opened like any
// file, the Pareto set drawn on screen, a point clicked and its variant opened as a twin and compared with
// the base, limits and colour by a third KPI; and a study run from the app on the open twin, cancelled,
// resumed, its KPI table equal to the command line's bit for bit.
#include "support/GuiTestMain.hpp"
#include "support/TestPaths.hpp"
#include "support/XScreenCapture.hpp"

#include "CompareWindow.hpp"
#include "MainWindow.hpp"
#include "StudyScatter.hpp"
#include "StudyTableModel.hpp"
#include "StudyWindow.hpp"

#include "model/study/StudyResultsFile.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

#include <cmath>
#include <cstring>

using namespace halltwin;
namespace st = model::study;

class TestStudyWindow : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    QString studyFile, resultsFile;
    std::unique_ptr<app::MainWindow> main;

    // The reference study cut to 12 variants: water 30/40/45 °C × Frankfurt/Singapore × 800 V DC/415 VAC.
    static QString writeStudy(const QString& path) {
        QFile in(QString::fromStdString((test::assets() / "studies" / "domestic-40kw-water.json").string()));
        if (!in.open(QIODevice::ReadOnly)) return {};
        QJsonObject s = QJsonDocument::fromJson(in.readAll()).object();
        s["name"] = "water-site-power";
        s["base_twin"] = QString::fromStdString(test::referenceJson("domestic-40kw").string());
        QJsonArray params;
        for (const QJsonValue& v : s["parameters"].toArray()) {
            QJsonObject p = v.toObject();
            if (p["name"] == "containment") continue;
            if (p["name"] == "facility_supply_c") p.remove("range"), p["values"] = QJsonArray{30, 40, 45};
            if (p["name"] == "site") p["values"] = QJsonArray{"frankfurt", "singapore"};
            params.append(p);
        }
        s["parameters"] = params;
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly)) return {};
        out.write(QJsonDocument(s).toJson());
        return path;
    }

    static bool runCli(const QStringList& args) {
        QProcess p;
        p.start(HALLTWIN_BINARY, args);
        return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    app::StudyWindow* studyWindow() {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* s = qobject_cast<app::StudyWindow*>(w); s && s->isVisible()) return s;
        return nullptr;
    }

    template <class W> std::vector<W*> windows() {
        std::vector<W*> out;
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* x = qobject_cast<W*>(w); x && x->isVisible()) out.push_back(x);
        return out;
    }

    // The variant's pixel as the X server shows it.
    static QColor onScreen(app::StudyScatter* s, size_t v) {
        const QPoint at = s->mapToGlobal(*s->positionOf(v));
        const QImage shot = test::captureScreen(QRect(at, QSize(1, 1)));
        return shot.isNull() ? QColor() : shot.pixelColor(0, 0);
    }

    static bool closeTo(QColor a, QColor b, int tolerance = 40) {
        return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                   std::abs(a.blue() - b.blue()) <=
               tolerance;
    }

  private slots:
    void initTestCase() {
        studyFile = writeStudy(dir.filePath("study.json"));
        QVERIFY(!studyFile.isEmpty());
        resultsFile = dir.filePath("results.h5");
        QVERIFY(runCli({"study", "run", studyFile, "--out", resultsFile}));
        main = std::make_unique<app::MainWindow>();
        main->setDialogsEnabled(false);
    }

    void cleanup() {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (w != main.get() && w->testAttribute(Qt::WA_DeleteOnClose)) w->close();
        QCoreApplication::processEvents();
    }

    // Opened as any file is; the Pareto set is what no other variant beats in both axes, drawn red.
    void opensResultsWithTheParetoSetOnScreen() {
        QVERIFY(main->openFile(resultsFile));
        app::StudyWindow* w = studyWindow();
        QVERIFY(w);
        QVERIFY(QTest::qWaitForWindowExposed(w));
        QCOMPARE(w->results().variants.size(), size_t(12));
        QCOMPARE(w->scatter()->points().size(), size_t(12));
        QCOMPARE(w->table()->model()->rowCount(), 12);
        // Brute force: the default axes are annual PUE and cost per token, both lower-is-better.
        const st::StudyResults& r = w->results();
        const size_t px = *st::columnOf(r, "pue_annual"), py = *st::columnOf(r, "cost_per_mtok");
        std::vector<size_t> expected;
        for (size_t a = 0; a < 12; ++a) {
            bool beaten = false;
            for (size_t b = 0; b < 12; ++b) {
                const double ax = r.variants[a].kpis[px], ay = r.variants[a].kpis[py];
                const double bx = r.variants[b].kpis[px], by = r.variants[b].kpis[py];
                beaten = beaten || (bx <= ax && by <= ay && (bx < ax || by < ay));
            }
            if (!beaten) expected.push_back(a);
        }
        QVERIFY(!expected.empty() && expected.size() < 12);
        QCOMPARE(w->paretoSet(), expected);
        QTest::qWait(300);
        for (size_t v : expected) // a red diamond on the screen
            QVERIFY2(closeTo(onScreen(w->scatter(), v), QColor(200, 30, 30)),
                     qPrintable(onScreen(w->scatter(), v).name()));
        const QString first = w->table()->model()->index(int(expected[0]), 0).data().toString();
        QVERIFY2(first.endsWith("★"), qPrintable(first));
    }

    // A click selects the variant (table row too); a double click opens it as an unsaved twin whose fields
    // are the variant's; Compare puts it beside the base.
    void clickingAPointOpensTheVariant() {
        QVERIFY(main->openFile(resultsFile));
        app::StudyWindow* w = studyWindow();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        const st::StudyResults& r = w->results();
        size_t v = 0; // a variant with 45 °C water in Singapore on 415 VAC, wherever it sits in the design
        for (; v < r.variants.size(); ++v)
            if (r.valueText(v, 0) == "45" && r.valueText(v, 1) == "\"singapore\"" &&
                r.valueText(v, 2) == "415VAC")
                break;
        QVERIFY(v < r.variants.size());
        const QPoint at = *w->scatter()->positionOf(v);
        QTest::mouseClick(w->scatter()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(w->selectedVariant(), std::optional<size_t>(v));
        QCOMPARE(w->table()->currentIndex().data(app::StudyTableModel::VariantRole).toULongLong(),
                 qulonglong(v));
        QVERIFY(w->openButton()->isEnabled());
        QTest::mouseDClick(w->scatter()->viewport(), Qt::LeftButton, {}, at);
        std::vector<app::MainWindow*> opened;
        for (app::MainWindow* m : windows<app::MainWindow>())
            if (m != main.get()) opened.push_back(m);
        QCOMPARE(opened.size(), size_t(1));
        const model::Twin& t = opened[0]->document()->twin();
        QCOMPARE(t.cooling.facility.supplyTempC, 45.0);
        QCOMPARE(t.site.climate, std::string("singapore"));
        QVERIFY(opened[0]->document()->isModified());
        QVERIFY(opened[0]->windowTitle().contains(QString("variant %1").arg(v + 1)));
        QString err;
        app::CompareWindow* c = w->compareWithBase(v, &err);
        QVERIFY2(c, qPrintable(err));
        QCOMPARE(c->twinCount(), 2);
        c->waitForYears();
        QVERIFY(c->tableCsv().contains("(variant"));
    }

    // Limits leave the Pareto set and fade their points; a bad limit names what is wrong; colour by a
    // third KPI spans viridis from its lowest to its highest variant on screen.
    void limitsAndColour() {
        QVERIFY(main->openFile(resultsFile));
        app::StudyWindow* w = studyWindow();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        const std::vector<size_t> before = w->paretoSet();
        const st::StudyResults& r = w->results();
        const size_t chip = *st::columnOf(r, "max_chip_c");
        double cap = HUGE_VAL; // below the hottest Pareto variant's chips
        for (size_t v : before)
            cap = std::min(cap, r.variants[v].kpis[chip]);
        QString err;
        QVERIFY(!w->setLimits("max_chip<=55", &err));
        QVERIFY2(err.contains("'max_chip' is not a KPI"), qPrintable(err));
        QVERIFY2(w->setLimits(QString("max_chip_c<=%1").arg(cap - 0.01, 0, 'f', 3), &err), qPrintable(err));
        for (size_t v : w->paretoSet())
            QVERIFY(r.variants[v].kpis[chip] <= cap - 0.01);
        QVERIFY(w->paretoSet() != before);
        QVERIFY(w->setLimits("", &err));
        QCOMPARE(w->paretoSet(), before);

        QVERIFY(w->setAxes("pue_annual", "tokens_per_kwh", "facility_supply_c") == false); // a parameter
        QVERIFY(w->setAxes("pue_design", "tokens_per_kwh", "max_chip_c"));
        QTest::qWait(300);
        size_t coolest = 0, hottest = 0, checked = 0;
        for (size_t v = 0; v < 12; ++v) {
            if (r.variants[v].kpis[chip] < r.variants[coolest].kpis[chip]) coolest = v;
            if (r.variants[v].kpis[chip] > r.variants[hottest].kpis[chip]) hottest = v;
        }
        if (std::find(w->paretoSet().begin(), w->paretoSet().end(), coolest) == w->paretoSet().end())
            QVERIFY2(closeTo(onScreen(w->scatter(), coolest), QColor(68, 1, 84), 60) && ++checked,
                     qPrintable(onScreen(w->scatter(), coolest).name())); // viridis(0)
        if (std::find(w->paretoSet().begin(), w->paretoSet().end(), hottest) == w->paretoSet().end())
            QVERIFY2(closeTo(onScreen(w->scatter(), hottest), QColor(253, 231, 37), 60) && ++checked,
                     qPrintable(onScreen(w->scatter(), hottest).name())); // viridis(1)
        QVERIFY(checked > 0);
    }

    // From the Study menu's path: the open twin as the base, in the background; Cancel stops between
    // variants with the file holding those done; Resume finishes; the table equals the command line's.
    void runsOnTheOpenTwinCancelsAndResumes() {
        QVERIFY(main->openFile(QString::fromStdString(test::referenceJson("domestic-40kw").string())));
        const QString out = dir.filePath("from-app.h5");
        app::StudyWindow* w = main->runStudy(studyFile, out);
        QVERIFY(w);
        QVERIFY(w->running());
        QVERIFY(w->progressBar()->isVisible());
        QSignalSpy finished(w, &app::StudyWindow::runFinished);
        QTest::mouseClick(w->cancelButton(), Qt::LeftButton); // at once: the variants running finish
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const size_t done = st::doneCount(w->results());
        QVERIFY2(done < 12, qPrintable(QString::number(done)));
        QVERIFY(!w->running() && !w->progressBar()->isVisible());
        model::Diagnostics d;
        std::optional<st::StudyResults> onDisk = st::loadStudyResults(out.toStdString(), d);
        QVERIFY(onDisk);
        QCOMPARE(st::doneCount(*onDisk), done);
        w->resumeRun();
        QVERIFY(w->running() && w->progressBar()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        QCOMPARE(w->progressBar()->maximum(), 12);
        QCOMPARE(st::doneCount(w->results()), size_t(12)); // the window shows the last save
        onDisk = st::loadStudyResults(out.toStdString(), d);
        const std::optional<st::StudyResults> cli = st::loadStudyResults(resultsFile.toStdString(), d);
        QVERIFY(onDisk && cli);
        QCOMPARE(st::doneCount(*onDisk), size_t(12));
        for (size_t v = 0; v < 12; ++v)
            for (size_t c = 0; c < cli->kpis.size(); ++c)
                QVERIFY2(
                    std::memcmp(&onDisk->variants[v].kpis[c], &cli->variants[v].kpis[c], sizeof(double)) == 0,
                    qPrintable(
                        QString("variant %1, %2").arg(v + 1).arg(QString::fromStdString(cli->kpis[c].key))));
    }

    // The window as docs/studies.md shows it (HALLTWIN_WRITE_DOC_IMAGES=DIR).
    void docImage() {
        const QString out = qEnvironmentVariable("HALLTWIN_WRITE_DOC_IMAGES");
        if (out.isEmpty()) QSKIP("HALLTWIN_WRITE_DOC_IMAGES is not set");
        const QString reference = dir.filePath("reference.h5");
        QVERIFY(runCli(
            {"study", "run",
             QString::fromStdString((test::assets() / "studies" / "domestic-40kw-water.json").string()),
             "--out", reference}));
        QVERIFY(main->openFile(reference));
        app::StudyWindow* w = studyWindow();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        w->move(0, 0);
        QVERIFY(w->setAxes("pue_annual", "cost_per_mtok", "max_chip_c"));
        QString err;
        QVERIFY(w->setLimits("max_chip_c<=55", &err));
        w->selectVariant(w->paretoSet().front());
        QTest::qWait(500);
        QVERIFY(test::captureScreen(w->frameGeometry()).save(out + "/study-window.png"));
    }

    // A results file from before the study was kept in it still opens; opening a variant says why not.
    void olderResultsSayWhyAVariantCannotOpen() {
        model::Diagnostics d;
        std::optional<st::StudyResults> r = st::loadStudyResults(resultsFile.toStdString(), d);
        QVERIFY(r);
        r->studySource.clear();
        r->baseSource.clear();
        const QString old = dir.filePath("old.h5");
        st::saveStudyResults(*r, old.toStdString());
        app::StudyWindow w;
        QString err;
        QVERIFY2(w.openResults(old, &err), qPrintable(err));
        QVERIFY(!w.openVariant(0, &err));
        QVERIFY2(err.contains("study_source"), qPrintable(err));
    }
};

HALLTWIN_TEST_MAIN_GUI(TestStudyWindow)
#include "tst_study_window.moc"
