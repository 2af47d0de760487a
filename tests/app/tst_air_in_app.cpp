// The 3-D air solver in the application: it solves on a worker while the event loop keeps turning, shows
// its results (rack inlet colours, a temperature slice, KPI rows), cancels, re-solves from a warm start once
// an edit has settled, saves current results into the file and shows a saved file's without solving.
#include "support/GuiTestMain.hpp"
#include "support/TestPaths.hpp"
#include "support/XScreenCapture.hpp"

#include "AirRunner.hpp"
#include "ColourModes.hpp"
#include "MainWindow.hpp"
#include "ProbeComparisonDialog.hpp"
#include "Settings.hpp"
#include "commands/MoveObjectCommand.hpp"
#include "docks/KpiDock.hpp"
#include "docks/PropertyPanel.hpp"
#include "view/HallView.hpp"

#include "model/air/AirResultsFile.hpp"
#include "render/AirFieldView.hpp"
#include "render/HallScene.hpp"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

#include <cmath>

using namespace halltwin;

class TestAirInApp : public QObject {
    Q_OBJECT
    std::unique_ptr<app::MainWindow> w;

    static QString reference(const char* name) {
        return QString::fromStdString(test::referenceJson(name).string());
    }
    QAction* action(const char* name) const { return w->findChild<QAction*>(name); }
    app::AirRunner* runner() const { return w->airRunner(); }
    void open(app::MainWindow& win, const QString& path) {
        win.setDialogsEnabled(false);
        QVERIFY(win.openFile(path));
        win.show();
        QVERIFY(QTest::qWaitForWindowExposed(&win));
        win.view()->setView(render::View::Plan);
    }
    // Simulate → Solve air flow, then its result (nullptr when none came).
    // legacy-air with two probes in the hot aisle between rows B and C, 0.4 and 2.0 m above the raised floor.
    void openProbed(const QTemporaryDir& dir) {
        QFile in(reference("legacy-air"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject t = QJsonDocument::fromJson(in.readAll()).object();
        t["probes"] = QJsonArray{
            QJsonObject{{"id", "aisle-low"}, {"group", "strip"}, {"x_m", 7.0}, {"y_m", 6.0}, {"z_m", 0.4}},
            QJsonObject{{"id", "aisle-high"}, {"group", "strip"}, {"x_m", 7.0}, {"y_m", 6.0}, {"z_m", 2.0}}};
        QFile out(dir.filePath("probed.json"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(t).toJson());
        out.close();
        open(*w, dir.filePath("probed.json"));
    }

    std::shared_ptr<const app::AirSolution> solve(double cellM) {
        app::prefs::airCellM.set(cellM);
        const auto before = w->airSolution();
        action("solveAirAction")->trigger();
        const bool came =
            QTest::qWaitFor([&] { return w->airSolution() != before && !runner()->busy(); }, 30000);
        return came ? w->airSolution() : nullptr;
    }
    // One rack of row A moved a tile along the row, through the undo stack as a drag would.
    bool moveARack() {
        const model::Rack* last = nullptr;
        for (const model::Rack& r : w->document()->twin().racks)
            if (r.row == "row-a" && (!last || r.xM > last->xM)) last = &r;
        if (!last) return false;
        const QString id = QString::fromStdString(last->id);
        const app::Pose from{last->xM, last->yM, last->yawDeg}, to{last->xM + 0.6, last->yM, last->yawDeg};
        if (!app::tryPose(w->document(), id, to).isEmpty()) return false;
        app::tryPose(w->document(), id, from); // the command applies it
        w->document()->undoStack()->push(new app::MoveObjectCommand(w->document(), id, from, to, 7));
        return true;
    }

  private slots:
    void init() {
        app::prefs::autoSolveAir.set(false);
        app::prefs::airSliceM.set(1.2);
        app::prefs::colourMode.set(app::airInletMode);
        w = std::make_unique<app::MainWindow>();
        open(*w, reference("legacy-air"));
    }
    void cleanup() { w.reset(); }

    void solvesOffTheGuiThreadAndShowsTheResults() {
        app::prefs::airCellM.set(0.3);
        action("solveAirAction")->trigger();
        QVERIFY(runner()->busy());
        QTRY_VERIFY_WITH_TIMEOUT(w->airSolution() && !runner()->busy(), 30000);
        const model::air::HallAirResult& r = w->airSolution()->result();
        QCOMPARE(r.racks.size(), w->document()->twin().racks.size());
        const render::RackScalars inlets = render::rackInletScalars(w->document()->twin(), r);
        QVERIFY(std::all_of(inlets.values.begin(), inlets.values.end(),
                            [](double t) { return std::isfinite(t) && t > 10 && t < 60; }));
        QCOMPARE(w->view()->scene().legendTitle(), inlets.title + "\n[" + inlets.units + "]");
        QVERIFY(w->view()->hasAirSlice());
        QCOMPARE(w->kpis()->value("air_rci_hi"), r.rciHiPercent);
        QCOMPARE(w->kpis()->value("air_rti"), r.rtiPercent);
        QVERIFY(w->kpis()->value("air_max_inlet_c") > 10);
        QVERIFY(!w->airCancelButton()->isEnabled());
    }

    // Probes show in the 3-D view as dots (read back from the X server) labelled with their ids, then with
    // what they read in the solved air (the same readings the results hold).
    void probesShowTheirReadings() {
        QTemporaryDir dir;
        openProbed(dir);
        render::HallScene& scene = w->view()->scene();
        QCOMPARE(scene.counts().probes, size_t(2));
        QCOMPARE(scene.probeLabel(1), std::string("aisle-high"));
        QTest::qWait(300);
        const QPoint dot = w->view()->mapToGlobal(w->view()->widgetPointOf(7.0, 6.0, 0.6 + 2.0));
        const QImage px = test::captureScreen(QRect(dot - QPoint(2, 2), QSize(5, 5)));
        bool magenta = false; // palette::probe (214, 40, 160), shaded
        for (int y = 0; y < px.height(); ++y)
            for (int x = 0; x < px.width(); ++x) {
                const QColor c = px.pixelColor(x, y);
                magenta = magenta || (c.red() > 120 && c.green() < 90 && c.blue() > 80);
            }
        QVERIFY2(magenta, "no probe dot on screen");
        const auto s = solve(0.4);
        QVERIFY(s);
        const auto& read = s->air->probes;
        QCOMPARE(read.size(), size_t(2));
        QVERIFY(read[0].inAir);
        const std::string label = scene.probeLabel(0);
        QVERIFY2(label.find(QString::number(read[0].temperatureC, 'f', 1).toStdString() + " °C") !=
                     std::string::npos,
                 label.c_str());
        // Sensor readings 1 K under and 2 K over the model: the table's RMS is sqrt(2.5), the labels
        // carry the measured values and differences; a CSV naming an unknown probe is refused by name.
        QFile csv(dir.filePath("sensors.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write(QString("probe,value\naisle-low,%1\naisle-high,%2\n")
                      .arg(read[0].temperatureC - 1, 0, 'g', 17)
                      .arg(read[1].temperatureC + 2, 0, 'g', 17)
                      .toUtf8());
        csv.close();
        QString err;
        QVERIFY2(w->compareProbes(dir.filePath("sensors.csv"), &err), qPrintable(err));
        QTableWidget* table = w->probeComparison()->table();
        QVERIFY(w->probeComparison()->isVisible());
        QString rms;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0) && table->item(r, 0)->text() == "all") rms = table->item(r, 2)->text();
        QCOMPARE(rms, QString::number(std::sqrt(2.5), 'f', 2));
        QVERIFY2(scene.probeLabel(1).find("-2.0)") != std::string::npos, scene.probeLabel(1).c_str());
        QVERIFY2(scene.probeLabel(0).find("+1.0)") != std::string::npos, scene.probeLabel(0).c_str());
        QFile bad(dir.filePath("bad.csv"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("nowhere,20\n");
        bad.close();
        QVERIFY(!w->compareProbes(dir.filePath("bad.csv"), &err));
        QVERIFY2(err.contains("'nowhere' is not a probe"), qPrintable(err));
    }

    // Probes, obstructions and vents are added, edited in the properties and deleted with undo; each probe's
    // label stays on its own probe through the change, and a moved probe reads the shown air where it now is.
    void probesObstructionsAndVentsAreEditedWithUndo() {
        auto trigger = [&](const QString& text) {
            for (QAction* a : w->findChildren<QAction*>())
                if (a->text() == text) return a->trigger(), true;
            return false;
        };
        QTemporaryDir dir;
        openProbed(dir);
        QVERIFY(solve(0.6));
        render::HallScene& scene = w->view()->scene();
        const model::Twin before = w->document()->twin();
        const size_t probes = before.probes.size();
        QVERIFY(probes >= 2);
        QVERIFY(trigger("Add &probe"));
        QTRY_COMPARE(scene.counts().probes, probes + 1);
        const std::string id = w->document()->twin().probes.back().id;
        QTRY_VERIFY2(scene.probeLabel(probes).find(id + " ") == 0 &&
                         scene.probeLabel(probes).find("°C") != std::string::npos,
                     scene.probeLabel(probes).c_str());
        QCOMPARE(w->view()->selected(), QString::fromStdString(id));
        QTRY_VERIFY(w->properties()->editorFor("z_m"));
        w->properties()->editorFor("z_m")->setValue(0.3);
        QCOMPARE(w->document()->twin().probes.back().zM, 0.3);
        QVERIFY(trigger("Add o&bstruction"));
        QCOMPARE(w->document()->twin().obstructions.size(), before.obstructions.size() + 1);
        QVERIFY(trigger("Add ceiling &vent"));
        QCOMPARE(w->document()->twin().vents.size(), before.vents.size() + 1);
        QTRY_VERIFY(w->properties()->editorFor("flow_m3_s"));
        w->properties()->editorFor("flow_m3_s")->setValue(0.8);
        QCOMPARE(w->document()->twin().vents.back().flowM3s, 0.8);
        QTRY_VERIFY(qobject_cast<QComboBox*>(w->properties()->textEditorFor("kind")));
        qobject_cast<QComboBox*>(w->properties()->textEditorFor("kind"))->setCurrentText("supply");
        QCOMPARE(w->document()->twin().vents.back().kind, std::string("supply"));
        // Free text through its Edit… button and the dialog it opens.
        QTRY_VERIFY(w->properties()->freeTextButtonFor("name"));
        QTimer::singleShot(0, [] {
            auto* d = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            QVERIFY(d);
            d->setTextValue("grille over row A");
            d->accept();
        });
        w->properties()->freeTextButtonFor("name")->click();
        QCOMPARE(w->document()->twin().vents.back().name, std::string("grille over row A"));
        // Deleting the first probe leaves every other label on its probe.
        w->view()->select(QString::fromStdString(before.probes[0].id));
        QVERIFY(trigger("&Delete"));
        QTRY_COMPARE(scene.counts().probes, probes);
        QVERIFY2(scene.probeLabel(0).find(before.probes[1].id) == 0, scene.probeLabel(0).c_str());
        QUndoStack* undo = w->document()->undoStack();
        for (int n = 0; n < 8; ++n)
            undo->undo();
        QVERIFY(w->document()->twin() == before);
        QTRY_COMPARE(scene.counts().probes, probes);
        QVERIFY2(scene.probeLabel(0).find(before.probes[0].id) == 0, scene.probeLabel(0).c_str());
    }

    void sliceFollowsTheViewMenu() {
        QVERIFY(solve(0.6));
        QAction* off = nullptr;
        for (QAction* a : w->findChildren<QAction*>())
            if (a->isCheckable() && a->data().toDouble() == 0.0 && a->text() == "Off") off = a;
        QVERIFY(off);
        off->trigger();
        QVERIFY(!w->view()->hasAirSlice());
        QCOMPARE(app::prefs::airSliceM.get(), 0.0);
        for (QAction* a : w->findChildren<QAction*>())
            if (a->isCheckable() && a->data().toDouble() == 2.0) a->trigger();
        QVERIFY(w->view()->hasAirSlice());
    }

    void cancelStopsTheSolveAndKeepsThePreviousResult() {
        const auto previous = solve(0.6);
        QVERIFY(previous);
        QSignalSpy cancelled(runner(), &app::AirRunner::cancelled);
        app::prefs::airCellM.set(0.2); // several seconds of work
        action("solveAirAction")->trigger();
        QVERIFY(w->airCancelButton()->isEnabled());
        QTest::mouseClick(w->airCancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(cancelled.count() == 1, 20000); // how fast: tst_gui_timing
        QVERIFY(!runner()->busy());
        QCOMPARE(w->airSolution(), previous);
        QVERIFY(!w->airCancelButton()->isEnabled());
        QVERIFY(w->statusBar()->currentMessage().contains("cancelled"));
    }

    void anEditReSolvesFromAWarmStart() {
        app::prefs::airCellM.set(0.3);
        action("autoSolveAirAction")->trigger(); // on: solves at once, there being no results yet
        QVERIFY(action("autoSolveAirAction")->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(w->airSolution() && !runner()->busy(), 30000);
        const auto first = w->airSolution();
        QVERIFY(!first->warm);
        QVERIFY(moveARack());
        QVERIFY(moveARack()); // a drag: several moves, one solve once they stop
        QVERIFY(w->airStale());
        QVERIFY(!runner()->busy());
        QCOMPARE(w->kpis()->value("air_rci_hi"), first->result().rciHiPercent);
        QTRY_VERIFY_WITH_TIMEOUT(w->airSolution() != first && !runner()->busy(), 30000);
        const auto warm = w->airSolution();
        QVERIFY(warm->warm);
        QVERIFY(!w->airStale());

        // The same edited hall from a cold start, in a window of its own.
        app::MainWindow fresh;
        fresh.setDialogsEnabled(false);
        fresh.document()->reset(w->document()->twin(), QString());
        fresh.findChild<QAction*>("solveAirAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(fresh.airSolution() && !fresh.airRunner()->busy(), 30000);
        const auto cold = fresh.airSolution();
        QVERIFY(!cold->warm);
        QVERIFY2(warm->provenance.airSteps < cold->provenance.airSteps,
                 qPrintable(QString("warm %1 steps, cold %2")
                                .arg(warm->provenance.airSteps)
                                .arg(cold->provenance.airSteps)));
    }

    void saveWritesCurrentResultsAndOpenShowsThem() {
        const auto solved = solve(0.6);
        QVERIFY(solved);
        QTemporaryDir dir;
        const QString path = dir.filePath("air.h5");
        QVERIFY(w->saveTo(path));
        const auto stored = model::air::readAirResults(path.toStdString());
        QVERIFY(stored);
        QCOMPARE(stored->fields.temperature, solved->air->fields.temperature);
        QCOMPARE(stored->result.racks.size(), solved->result().racks.size());

        app::prefs::autoSolveAir.set(true); // even so, a file with results is not solved again
        app::MainWindow again;
        open(again, path);
        QVERIFY(again.airSolution());
        QVERIFY(again.view()->hasAirSlice());
        QCOMPARE(again.kpis()->value("air_rti"), solved->result().rtiPercent);
        QTest::qWait(600);
        QVERIFY(!again.airRunner()->busy());
        QCOMPARE(again.airSolution()->result().steps, solved->result().steps);

        // After an edit the results describe another hall: they stay out of the file.
        QVERIFY(moveARack());
        QVERIFY(w->airStale());
        QVERIFY(w->saveTo(path));
        QVERIFY(!model::air::readAirFields(path.toStdString()));
    }

    void aLiquidOnlyTwinSaysThereIsNoAirToSolve() {
        app::MainWindow liquid;
        open(liquid, reference("rubin-nvl"));
        model::Twin t = liquid.document()->twin();
        t.cooling.airHandlers.clear();
        liquid.document()->reset(t, QString());
        QAction* solveAir = liquid.findChild<QAction*>("solveAirAction");
        QAction* autoSolve = liquid.findChild<QAction*>("autoSolveAirAction");
        solveAir->trigger();
        QVERIFY(liquid.statusBar()->currentMessage().contains("no air handlers"));
        QVERIFY(!liquid.airRunner()->busy());
        QVERIFY(!autoSolve->isChecked());
        autoSolve->trigger();
        QVERIFY(!autoSolve->isChecked());
        QVERIFY(liquid.statusBar()->currentMessage().contains("no air handlers"));
    }

    // The window and `halltwin simulate --air` run the same pipeline: the same twin, cell size and
    // climate give the same KPIs, to the last bit, system and air alike.
    void appAndCliGiveTheSameKpis() {
        const auto solved = solve(0.6);
        QVERIFY(solved);
        QVERIFY(solved->system);
        QVERIFY(solved->provenance.coupled);
        QTemporaryDir dir;
        const QString json = dir.filePath("kpis.json");
        QProcess cli;
        cli.start(HALLTWIN_BINARY,
                  {"simulate", reference("legacy-air"), "--air", "--cell", "0.6", "--json", json});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
        QVERIFY(doc.value("provenance").toObject().value("coupled").toBool());
        const QJsonArray kpis = doc.value("kpis").toArray();
        QVERIFY(kpis.size() > 30);
        int compared = 0;
        for (const QJsonValue& v : kpis) {
            const QJsonObject k = v.toObject();
            const QString key = k.value("key").toString();
            const double app = w->kpis()->value(key);
            if (k.value("value").isNull()) {
                QVERIFY2(std::isnan(app), qPrintable(key));
                continue;
            }
            QVERIFY2(app == k.value("value").toDouble(),
                     qPrintable(QString("%1: app %2, CLI %3")
                                    .arg(key)
                                    .arg(app, 0, 'g', 17)
                                    .arg(k.value("value").toDouble(), 0, 'g', 17)));
            ++compared;
        }
        QVERIFY(compared > 25);
        QVERIFY(
            w->kpis()->findChild<QLabel*>("kpiProvenance")->text().contains("Coupled with the air solver"));
    }

    // The README's picture of the window with an air slice, read back from the X server as a user's
    // screen shows it: HALLTWIN_WRITE_DOC_IMAGES=DIR.
    void docImage() {
        const QString dir = qEnvironmentVariable("HALLTWIN_WRITE_DOC_IMAGES");
        if (dir.isEmpty()) QSKIP("HALLTWIN_WRITE_DOC_IMAGES is not set");
        app::prefs::colourMode.set(app::airInletMode);
        QVERIFY(solve(0.2));
        w->resize(1600, 1000);
        w->move(0, 0);
        w->view()->setView(render::View::Iso);
        QTest::qWait(1000);
        const QImage shot = test::captureScreen(w->frameGeometry());
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(dir + "/main-window-air.png"));
    }
};

HALLTWIN_TEST_MAIN_GUI(TestAirInApp)
#include "tst_air_in_app.moc"
