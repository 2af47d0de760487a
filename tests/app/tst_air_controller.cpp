// The AirController without any window: the document and the controller alone solve, mark results out
// of date after an edit, re-solve once the edits settle (warm), refuse a hall without air handlers, and
// hand current results to a save.
#include "support/GuiTestMain.hpp"
#include "support/TestPaths.hpp"

#include "AirController.hpp"
#include "Settings.hpp"
#include "TwinDocument.hpp"
#include "commands/MoveObjectCommand.hpp"

#include <QLabel>
#include <QSignalSpy>
#include <QToolButton>

using namespace halltwin;

class TestAirController : public QObject {
    Q_OBJECT
    std::unique_ptr<app::TwinDocument> doc;
    std::unique_ptr<app::AirController> air;

    // The last rack of row A one tile further along its row, through the undo stack as a drag would.
    bool moveLastRack() {
        const model::Rack* last = nullptr;
        for (const model::Rack& r : doc->twin().racks)
            if (r.row == "row-a" && (!last || r.xM > last->xM)) last = &r;
        if (!last) return false;
        const model::Rack r = *last;
        const QString id = QString::fromStdString(r.id);
        const app::Pose from{r.xM, r.yM, r.yawDeg}, to{r.xM + 0.6, r.yM, r.yawDeg};
        if (!app::tryPose(doc.get(), id, to).isEmpty()) return false;
        app::tryPose(doc.get(), id, from);
        doc->undoStack()->push(new app::MoveObjectCommand(doc.get(), id, from, to, 3));
        return true;
    }

  private slots:
    void init() {
        app::prefs::autoSolveAir.set(false);
        app::prefs::airCellM.set(0.6);
        doc = std::make_unique<app::TwinDocument>();
        air = std::make_unique<app::AirController>(doc.get());
        QString err;
        QVERIFY2(doc->load(QString::fromStdString(test::referenceJson("legacy-air").string()), &err),
                 qPrintable(err));
    }
    void cleanup() {
        air.reset();
        doc.reset();
    }

    void solvesAndGoesOutOfDateAfterAnEdit() {
        QVERIFY(air->statusLabel()->text().contains("not solved"));
        QSignalSpy shown(air.get(), &app::AirController::shownChanged);
        air->solve(true);
        QVERIFY(air->cancelButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(air->shown() && !air->runner()->busy(), 60000);
        QVERIFY(air->currentSystem()); // the coupled run, while current
        QVERIFY(air->writer());
        QVERIFY(air->statusLabel()->text().contains("RCI_HI"));
        QVERIFY(!air->cancelButton()->isEnabled());
        QVERIFY(moveLastRack());
        QVERIFY(air->stale());
        QVERIFY(!air->currentSystem());
        QVERIFY(!air->writer()); // out-of-date results stay out of files
        QVERIFY(air->statusLabel()->text().contains("out of date"));
        QVERIFY(shown.count() >= 2);
    }

    void autoSolveReSolvesWarmOnceTheEditsSettle() {
        air->setAutoSolve(true);
        QTRY_VERIFY_WITH_TIMEOUT(air->shown() && !air->runner()->busy(), 60000);
        const auto first = air->shown();
        QVERIFY(moveLastRack());
        QVERIFY(moveLastRack()); // a drag: one solve after the last move
        QVERIFY(!air->runner()->busy());
        QTRY_VERIFY_WITH_TIMEOUT(air->shown() != first && !air->runner()->busy(), 60000);
        QVERIFY(air->shown()->warm);
        QVERIFY(!air->stale());
    }

    void aHallWithoutAirHandlersIsRefusedWithAReason() {
        model::Twin t = doc->twin();
        t.cooling.airHandlers.clear();
        doc->reset(t, QString());
        QSignalSpy said(air.get(), &app::AirController::message);
        QSignalSpy autoSolve(air.get(), &app::AirController::autoSolveChanged);
        air->solve(true);
        QCOMPARE(said.count(), 1);
        QVERIFY(said.first().first().toString().contains("no air handlers"));
        QVERIFY(!air->runner()->busy());
        air->setAutoSolve(true);
        QCOMPARE(autoSolve.last().first().toBool(), false);
        QVERIFY(air->statusLabel()->text().contains("no air handlers"));
    }
};

HALLTWIN_TEST_MAIN_GUI(TestAirController)
#include "tst_air_controller.moc"
