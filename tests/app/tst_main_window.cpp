// The application driven through real widgets: select and drag racks in the 3-D view, edit a rack's
// power in the property editor, save and reopen, failed saves, comparison, background simulation.
#include "support/GuiTestMain.hpp"
#include "support/TestPaths.hpp"

#include "CompareWindow.hpp"
#include "MainWindow.hpp"
#include "RackTypeDialog.hpp"
#include "Settings.hpp"
#include "SimulationRunner.hpp"
#include "docks/KpiDock.hpp"
#include "docks/PropertyPanel.hpp"
#include "view/HallView.hpp"

#include "GeneratedHall.hpp"

#include "model/LayoutWorld.hpp"
#include "model/TwinFile.hpp"
#include "model/TwinValidation.hpp"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenuBar>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <QToolButton>
#include <algorithm>
#include <map>

using namespace halltwin;

class TestMainWindow : public QObject {
    Q_OBJECT
    std::unique_ptr<app::MainWindow> w;

    static QString reference(const char* name) {
        return QString::fromStdString((test::assets() / "twins" / (std::string(name) + ".json")).string());
    }
    const model::Rack& rack(const QString& id) {
        for (const model::Rack& r : w->document()->twin().racks)
            if (QString::fromStdString(r.id) == id) return r;
        throw std::runtime_error("no rack");
    }
    QPoint onRack(const QString& id) {
        const model::Rack& r = rack(id);
        return w->view()->widgetPointOf(r.xM, r.yM, 2.2);
    }
    void mouse(QEvent::Type type, QPoint p, Qt::MouseButtons buttons) {
        QMouseEvent e(type, QPointF(p), w->view()->mapToGlobal(QPointF(p)),
                      type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons, Qt::NoModifier);
        QApplication::sendEvent(w->view(), &e);
    }
    void drag(QPoint from, QPoint to) {
        mouse(QEvent::MouseButtonPress, from, Qt::LeftButton);
        for (int i = 1; i <= 10; ++i)
            mouse(QEvent::MouseMove, from + (to - from) * i / 10, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, to, Qt::NoButton);
    }

  private slots:
    void init() {
        // The air solver has its own tests (tst_air_in_app); here it would share the cores with the year.
        app::prefs::autoSolveAir.set(false);
        w = std::make_unique<app::MainWindow>();
        w->setDialogsEnabled(false);
        QVERIFY(w->openFile(reference("rubin-nvl")));
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->view()->setView(render::View::Plan);
        QTest::qWait(200);
    }
    void cleanup() {
        w->simulation()->waitForAnnual();
        w.reset();
    }

    void clickSelectsTheRackUnderTheCursor() {
        mouse(QEvent::MouseButtonPress, onRack("row-b-03"), Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, onRack("row-b-03"), Qt::NoButton);
        QCOMPARE(w->view()->selected(), QString("row-b-03"));
        QCOMPARE(w->properties()->editorFor("x_m")->value(), rack("row-b-03").xM);
    }

    // On a raised floor in an oblique view, a band drawn tightly around racks' visible centres selects
    // exactly them: the band measures each solid where the scene draws it (floor, base, half its height).
    void rubberBandMeetsRacksOnARaisedFloor() {
        QVERIFY(w->openFile(reference("legacy-air")));
        const model::Twin& twin = w->document()->twin();
        QVERIFY(twin.hall.raisedFloorM > 0.3);
        w->view()->setView(render::View::Iso);
        QTest::qWait(200);
        std::map<QString, QPoint> centre;
        for (const model::Solid& s : model::solidsOf(twin))
            centre[QString::fromStdString(s.id)] =
                w->view()->widgetPointOf(s.xM, s.yM, twin.hall.raisedFloorM + s.baseM + s.heightM / 2);
        const QString first = QString::fromStdString(twin.racks.front().id);
        const QString second = QString::fromStdString(twin.racks[1].id);
        const QPoint a = centre[first], b = centre[second];
        QRect band = QRect(a, b).normalized().adjusted(-2, -2, 2, 2);
        QStringList expected;
        for (const auto& [id, p] : centre)
            if (band.contains(p)) expected << id;
        expected.sort();
        QVERIFY2(expected.contains(first) && expected.contains(second), qPrintable(expected.join(",")));
        // The scene draws the rack there: a click on the middle of its top (seen from above) picks it.
        const model::Rack& r = twin.racks.front();
        const double top = twin.hall.raisedFloorM + model::solidsOf(twin).front().heightM - 0.05;
        const QPoint onTop = w->view()->widgetPointOf(r.xM, r.yM, top);
        mouse(QEvent::MouseButtonPress, onTop, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, onTop, Qt::NoButton);
        QCOMPARE(w->view()->selected(), first);
        QMouseEvent press(QEvent::MouseButtonPress, QPointF(band.topLeft()),
                          w->view()->mapToGlobal(QPointF(band.topLeft())), Qt::LeftButton, Qt::LeftButton,
                          Qt::ShiftModifier);
        QApplication::sendEvent(w->view(), &press);
        mouse(QEvent::MouseMove, band.bottomRight(), Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, band.bottomRight(), Qt::NoButton);
        QStringList selected = w->view()->selection();
        selected.sort();
        QCOMPARE(selected, expected);
    }

    void rubberBandAndCtrlClickSelectSeveral() {
        // Shift-drag a band around row A's first three racks.
        const QPoint a = onRack("row-a-01"), c = onRack("row-a-03");
        const QPoint from(std::min(a.x(), c.x()) - 8, std::min(a.y(), c.y()) - 8),
            to(std::max(a.x(), c.x()) + 8, std::max(a.y(), c.y()) + 8);
        QMouseEvent press(QEvent::MouseButtonPress, QPointF(from), w->view()->mapToGlobal(QPointF(from)),
                          Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
        QApplication::sendEvent(w->view(), &press);
        mouse(QEvent::MouseMove, to, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, to, Qt::NoButton);
        QStringList band = w->view()->selection();
        band.sort();
        QCOMPARE(band, (QStringList{"row-a-01", "row-a-02", "row-a-03"}));
        QMouseEvent ctrl(QEvent::MouseButtonPress, QPointF(onRack("row-b-05")),
                         w->view()->mapToGlobal(QPointF(onRack("row-b-05"))), Qt::LeftButton, Qt::LeftButton,
                         Qt::ControlModifier);
        QApplication::sendEvent(w->view(), &ctrl);
        mouse(QEvent::MouseButtonRelease, onRack("row-b-05"), Qt::NoButton);
        QCOMPARE(w->view()->selection().size(), 4);
    }

    void dragMovesSnapsAndUndoes() {
        const model::Rack before = rack("row-a-01");
        // An empty stretch of floor between the rows' ends and the CDUs.
        drag(onRack("row-a-01"), w->view()->widgetPointOf(1.25, 3.2, 0));
        const model::Rack& after = rack("row-a-01");
        QVERIFY2(after.xM != before.xM || after.yM != before.yM, "the rack did not move");
        const double tile = w->document()->twin().hall.tileM;
        const double edge = after.xM - 0.3; // racks are 0.6 m wide: their edges snap to the tile grid
        QVERIFY(std::abs(edge / tile - std::round(edge / tile)) < 1e-9);
        QCOMPARE(w->document()->undoStack()->count(), 1); // the whole drag is one step
        w->document()->undoStack()->undo();
        QCOMPARE(rack("row-a-01").xM, before.xM);
        QCOMPARE(rack("row-a-01").yM, before.yM);
        w->document()->undoStack()->redo();
        QCOMPARE(rack("row-a-01").xM, after.xM);
        QVERIFY(w->isWindowModified());
    }

    // A probe drags in the horizontal plane at its own height like a rack on the floor, in one undo step.
    void probesDragInTheView() {
        QAction* addProbe = nullptr;
        for (QAction* a : w->findChildren<QAction*>())
            if (a->text() == "Add &probe") addProbe = a;
        QVERIFY(addProbe);
        addProbe->trigger();
        const model::Probe before = w->document()->twin().probes.back();
        const double z = w->document()->twin().hall.raisedFloorM + before.zM;
        const QPoint from = w->view()->widgetPointOf(before.xM, before.yM, z);
        drag(from, w->view()->widgetPointOf(before.xM + 1.0, before.yM - 0.5, z));
        const model::Probe& after = w->document()->twin().probes.back();
        QVERIFY2(std::abs(after.xM - (before.xM + 1.0)) < 0.11 &&
                     std::abs(after.yM - (before.yM - 0.5)) < 0.11,
                 qPrintable(QString("%1, %2").arg(after.xM).arg(after.yM)));
        QCOMPARE(after.zM, before.zM);
        QCOMPARE(w->view()->selected(), QString::fromStdString(before.id));
        const int steps = w->document()->undoStack()->count();
        w->document()->undoStack()->undo();
        QCOMPARE(w->document()->twin().probes.back().xM, before.xM);
        QCOMPARE(w->document()->undoStack()->count(), steps); // the drag was one step
    }

    // Edit → Edit rack type… changes the selected rack's type for every rack of it, as one undo step.
    void rackTypeIsEditedInItsDialog() {
        w->view()->select("row-a-02");
        const std::string typeId = rack("row-a-02").type;
        const model::RackType before = w->document()->twin().catalog.rackTypes.at(typeId);
        QTimer::singleShot(0, [] {
            auto* d = qobject_cast<halltwin::app::RackTypeDialog*>(QApplication::activeModalWidget());
            QVERIFY(d);
            d->airflowModel()->setCurrentIndex(d->airflowModel()->findData("fan"));
            QVERIFY(d->spinBox("full_airflow_m3_s")->isEnabled() &&
                    !d->spinBox("air_delta_t_k")->isEnabled());
            d->spinBox("full_airflow_m3_s")->setValue(2.5);
            d->spinBox("idle_airflow_m3_s")->setValue(0.8);
            d->spinBox("air_band_top_m")->setValue(1.8);
            d->accept();
        });
        QAction* edit = nullptr;
        for (QAction* a : w->findChildren<QAction*>())
            if (a->text() == "Edit rack &type…") edit = a;
        QVERIFY(edit);
        edit->trigger();
        const model::RackType& after = w->document()->twin().catalog.rackTypes.at(typeId);
        QCOMPARE(after.airflowModel, std::string("fan"));
        QCOMPARE(after.fullAirflowM3s, 2.5);
        QCOMPARE(after.idleAirflowM3s, 0.8);
        QCOMPARE(after.airBandTopM, 1.8);
        w->document()->undoStack()->undo();
        const model::RackType& undone = w->document()->twin().catalog.rackTypes.at(typeId);
        QVERIFY(undone.airflowModel == before.airflowModel &&
                undone.fullAirflowM3s == before.fullAirflowM3s && undone.airBandTopM == before.airBandTopM);
    }

    // A probe inside a rack is hidden by it: a click where it would be drawn selects the rack.
    void hiddenProbesAreNotPickedThroughARack() {
        for (QAction* a : w->findChildren<QAction*>())
            if (a->text() == "Add &probe") a->trigger();
        QVERIFY(!w->document()->twin().probes.empty());
        const model::Probe probe = w->document()->twin().probes.back();
        const model::Rack target = rack("row-b-03");
        QVERIFY(w->document()->editor().moveMarker(probe.id, target.xM, target.yM).ok());
        const double z = w->document()->twin().hall.raisedFloorM + probe.zM;
        const QPoint at = w->view()->widgetPointOf(target.xM, target.yM, z);
        mouse(QEvent::MouseButtonPress, at, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, at, Qt::NoButton);
        QCOMPARE(w->view()->selected(), QString("row-b-03"));
        w->document()->undoStack()->undo(); // the added probe
    }

    void dragOntoAnotherRackIsRefused() {
        drag(onRack("row-a-01"), onRack("row-a-04"));
        const model::Diagnostics d = model::validateTwin(w->document()->twin());
        QVERIFY2(d.ok(), d.errorText().c_str()); // it stopped before contact, never inside another rack
        QVERIFY(rack("row-a-01").xM < rack("row-a-04").xM - 0.5);
    }

    void powerEditChangesKpisAndUndoRestores() {
        // Capping one rack moves its share of the demand to the others, which run hotter.
        w->view()->select("row-a-02");
        const double chipBefore = w->kpis()->value("max_chip_c");
        QDoubleSpinBox* power = w->properties()->editorFor("power_cap_w");
        QVERIFY(power);
        power->setValue(60000);
        QTRY_VERIFY(w->kpis()->value("max_chip_c") > chipBefore + 0.1);
        QCOMPARE(rack("row-a-02").powerCapW, 60000.0);
        w->document()->undoStack()->undo();
        QTRY_COMPARE(w->kpis()->value("max_chip_c"), chipBefore);
        QCOMPARE(rack("row-a-02").powerCapW, 180000.0);
    }

    // Every number field of the selection is a spin box; an entry is one undo step, and an entry that breaks
    // a rule (an air band above the rack) is refused with the field named and leaves the twin as it was.
    void numberFieldsAreEditedWithUndo() {
        w->view()->select("row-a-03");
        QDoubleSpinBox* flow = w->properties()->editorFor("measured_airflow_m3_s");
        QVERIFY(flow);
        flow->setValue(1.5);
        QTRY_COMPARE(rack("row-a-03").measuredAirflowM3s, 1.5);
        QCOMPARE(w->document()->undoStack()->undoText(), QString("Set measured_airflow_m3_s of row-a-03"));
        w->document()->undoStack()->undo();
        QCOMPARE(rack("row-a-03").measuredAirflowM3s, 0.0);
        const model::Twin before = w->document()->twin();
        QTRY_VERIFY(w->properties()->editorFor("air_band_top_m"));
        w->properties()->editorFor("air_band_top_m")->setValue(4.9);
        QTRY_VERIFY(w->statusBar()->currentMessage().contains("air_band_top_m"));
        QVERIFY(w->document()->twin() == before);
        QCOMPARE(w->document()->undoStack()->undoText(), QString()); // nothing was pushed
    }

    void saveCloseReopenAndFailedSave() {
        QTemporaryDir dir;
        const QString path = dir.filePath("mine.h5");
        QVERIFY(w->saveTo(path));
        QVERIFY(!w->isWindowModified());
        const model::Twin saved = w->document()->twin();
        app::MainWindow again;
        again.setDialogsEnabled(false);
        QVERIFY(again.openFile(path));
        QVERIFY(again.document()->twin() == saved);
        const QByteArray bytes = [&] {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        QVERIFY(!w->saveTo(dir.filePath("missing/folder/mine.h5")));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), bytes);
        again.simulation()->waitForAnnual();
    }

    void badFileShowsTheObjectAndField() {
        const QString bad = QString::fromStdString((test::data() / "bad" / "nan-power.h5").string());
        QVERIFY(!w->openFile(bad));
        QVERIFY(w->statusBar()->currentMessage().contains("rack 'rack-1', field 'power_cap_w'"));
        QCOMPARE(w->document()->twin().name, std::string("rubin-nvl")); // the open twin is untouched
    }

    void compareShowsKpiRowsAndExports() {
        app::CompareWindow c;
        QString err;
        QVERIFY2(c.addTwin(reference("domestic-40kw"), &err), qPrintable(err));
        QVERIFY2(c.addTwin(reference("rubin-nvl"), &err), qPrintable(err));
        c.show();
        QVERIFY(QTest::qWaitForWindowExposed(&c));
        c.waitForYears();
        QStringList rows;
        for (int r = 0; r < c.table()->rowCount(); ++r)
            rows << c.table()->item(r, 0)->text();
        for (const char* k :
             {"PUE (annual, ISO/IEC 30134-2)", "IT power (design)", "Cost per million output tokens"})
            QVERIFY2(rows.contains(k), k);
        QVERIFY(c.tableCsv().startsWith("KPI,Units,domestic-40kw,rubin-nvl,Δ vs domestic-40kw"));
        QVERIFY(!c.tableCsv().contains("nan") && !c.tableCsv().contains("degC"));
        QTemporaryDir dir;
        QVERIFY2(c.exportReviewImage(dir.filePath("review.png"), 1200, 800, &err), qPrintable(err));
        QCOMPARE(QImage(dir.filePath("review.png")).size(), QSize(1200, 800));
    }

    // The open twin goes in as it is (edited, unsaved); its year runs on a worker while the window stays
    // responsive, and Cancel keeps the design-point KPIs with the annual ones marked as not there.
    void compareRunsTheYearOffTheGuiThreadAndCancels() {
        model::Twin edited = w->document()->twin();
        edited.name = "rubin-nvl edited";
        edited.racks.pop_back();
        app::CompareWindow c;
        QString err;
        QVERIFY2(c.addTwin(edited, &err), qPrintable(err));
        QVERIFY2(c.addTwin(reference("legacy-air"), &err), qPrintable(err));
        QVERIFY(c.yearsPending());
        QVERIFY(c.cancelButton()->isVisibleTo(&c));
        QCOMPARE(c.table()->horizontalHeaderItem(2)->text(), QString("rubin-nvl edited"));
        QSignalSpy done(&c, &app::CompareWindow::yearsFinished);
        QTest::mouseClick(c.cancelButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        int racksRow = -1, annualRow = -1;
        for (int r = 0; r < c.table()->rowCount(); ++r) {
            if (c.table()->item(r, 0)->text() == "Racks") racksRow = r;
            if (c.table()->item(r, 0)->text() == "PUE (annual, ISO/IEC 30134-2)") annualRow = r;
        }
        QVERIFY(racksRow >= 0 && annualRow >= 0);
        QCOMPARE(c.table()->item(racksRow, 2)->text(), QString::number(edited.racks.size()));
        QCOMPARE(c.table()->item(annualRow, 3)->text(), QString("–")); // legacy-air's year was cancelled
    }

    // At the window's default size every KPI name reads in full (wrapped, never elided), with its
    // definition as a tooltip; values that do not apply are "–", units are symbols.
    void kpiDockReadsInFull() {
        QTest::qWait(100);
        QTableWidget* t = w->kpis()->table();
        QVERIFY(t->rowCount() > 25);
        const int col = t->columnWidth(0);
        // The item delegate lays text out inside the cell less a focus-frame margin on each side.
        const int margin = t->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, t) + 1;
        for (int r = 0; r < t->rowCount(); ++r) {
            QTableWidgetItem* name = t->item(r, 0);
            const QRect need = t->fontMetrics().boundingRect(QRect(0, 0, col - 2 * margin, 10000),
                                                             Qt::TextWordWrap, name->text());
            QVERIFY2(need.height() <= t->rowHeight(r) && need.width() <= col,
                     qPrintable(QString("'%1' needs %2x%3 in a %4x%5 cell")
                                    .arg(name->text())
                                    .arg(need.width())
                                    .arg(need.height())
                                    .arg(col)
                                    .arg(t->rowHeight(r))));
            QVERIFY2(!name->toolTip().isEmpty(), qPrintable(name->text()));
            const QString units = t->item(r, 2)->text();
            QVERIFY2(units != "degC" && units != "1" && !t->item(r, 1)->text().contains("nan"),
                     qPrintable(name->text()));
        }
        // legacy-air is cooled by air alone: no coolant, no chip temperature.
        QVERIFY(w->openFile(reference("legacy-air")));
        w->simulation()->waitForAnnual();
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, 0)->text().startsWith("Max chip") || t->item(r, 0)->text().startsWith("Coolant"))
                QCOMPARE(t->item(r, 1)->text(), QString("–"));
        QVERIFY(!w->statusBar()->findChildren<QLabel*>().isEmpty());
        for (QLabel* l : w->statusBar()->findChildren<QLabel*>())
            QVERIFY2(!l->text().contains("nan") && !l->text().contains("max chip"), qPrintable(l->text()));
    }

    void duplicateRowGoesBackToBack() {
        model::Twin wider = w->document()->twin();
        wider.hall.widthM = 12; // room behind row B
        w->document()->reset(wider, QString());
        w->view()->select("row-b-01");
        const size_t before = w->document()->twin().racks.size();
        QAction* dup = nullptr;
        for (QAction* a : w->findChildren<QAction*>())
            if (a->text() == "D&uplicate row") dup = a;
        QVERIFY(dup);
        dup->trigger();
        const auto& racks = w->document()->twin().racks;
        QCOMPARE(racks.size(), before + 5); // row B's five racks
        QCOMPARE(std::fmod(racks.back().yawDeg - rack("row-b-01").yawDeg + 360, 360), 180.0);
        QVERIFY(racks.back().yM > rack("row-b-05").yM);
        QVERIFY(model::validateTwin(w->document()->twin()).ok());
    }

    void cancelStopsTheAnnualRun() {
        w->simulation()->waitForAnnual();
        QSignalSpy cancelled(w->simulation(), &app::SimulationRunner::cancelled);
        QAction* runNow = nullptr;
        for (QAction* menu : w->menuBar()->actions())
            if (menu->text() == "&Simulate") runNow = menu->menu()->actions().front();
        QVERIFY(runNow);
        runNow->trigger(); // Simulate → Run now
        QVERIFY(w->cancelButton()->isEnabled());
        QTest::mouseClick(w->cancelButton(), Qt::LeftButton);
        QTRY_COMPARE(cancelled.count(), 1);
        QVERIFY(!w->simulation()->annualPending());
        QVERIFY(!w->cancelButton()->isEnabled());
    }

    void draggingNearARackWarnsAboutClearance() {
        QSignalSpy warned(w->view(), &app::HallView::editWarning);
        // Into the cold aisle in front of row B: allowed, but it blocks the racks' service clearance.
        const model::Rack& b = rack("row-b-03");
        drag(onRack("row-a-01"), w->view()->widgetPointOf(b.xM, b.yM - 1.3, 0));
        QVERIFY(warned.count() > 0);
        QVERIFY(warned.last().first().toString().contains("clearance") ||
                warned.last().first().toString().contains("aisle"));
    }

    void exportViewWritesTheRequestedSize() {
        QImage img = w->view()->exportImage(800, 500);
        QCOMPARE(img.size(), QSize(800, 500));
        img.save("/tmp/halltwin-view.png");
    }
};

HALLTWIN_TEST_MAIN_GUI(TestMainWindow)
#include "tst_main_window.moc"
