// Autosave and recovery as a user meets them: the application is killed (SIGKILL) at a random moment
// while it is being edited and autosaving, started again, and the window offers the work back; Recover
// gives the last autosaved twin, complete, on its original file and marked unsaved. Windows that are
// alive never see each other's slots.
#include "support/GuiTestMain.hpp"
#include "support/TestPaths.hpp"

#include "MainWindow.hpp"
#include "RecoveryFiles.hpp"
#include "Settings.hpp"
#include "SimulationRunner.hpp"
#include "commands/SetPowerCapCommand.hpp"

#include "model/TwinFile.hpp"

#include <QMessageBox>
#include <QProcess>
#include <QPushButton>

#include <cstring>
#include <random>

using namespace halltwin;

namespace {

constexpr double kBaseCapW = 100000.0; // edit k sets the first rack's cap to base + 10 k W
constexpr double kStepW = 10.0;

QString referenceTwin() {
    return QString::fromStdString(test::referenceJson("rubin-nvl").string());
}

double firstCap(const app::TwinDocument& doc) {
    return doc.twin().racks.front().powerCapW;
}

// The role of the killed application: open the twin and change a rack's power every 10 ms through the
// undo stack, as the property editor does; report each completed autosave with the edits it holds.
int editUntilKilled(int argc, char** argv) {
    QStandardPaths::setTestModeEnabled(true); // the parent's test home, inherited through HOME
    app::useVtkSurfaceFormat();
    QApplication qapp(argc, argv);
    QApplication::setOrganizationName("HallTwinTests");
    app::MainWindow w;
    w.setDialogsEnabled(false);
    if (!w.openFile(QString::fromLocal8Bit(argv[2]))) return 2;
    w.show();
    app::TwinDocument* doc = w.document();
    const QString rack = QString::fromStdString(doc->twin().racks.front().id);
    int edits = 0;
    QObject::connect(&w, &app::MainWindow::autosaved, [&] {
        std::printf("autosaved %d\n", edits);
        std::fflush(stdout);
    });
    QTimer edit;
    edit.callOnTimeout([&] {
        ++edits;
        doc->undoStack()->push(
            new app::SetPowerCapCommand(doc, rack, firstCap(*doc), kBaseCapW + kStepW * edits));
    });
    edit.start(10);
    return qapp.exec();
}

QStringList sessionFiles() {
    return QDir(app::recoveryFolder()).entryList({"session-*"}, QDir::Files);
}

// Answers the recovery question with `button` once it shows.
void answerRecovery(const QString& button) {
    auto* poll = new QTimer;
    poll->callOnTimeout([poll, button] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) return;
        for (QAbstractButton* b : box->buttons())
            if (b->text() == button) b->click();
        poll->deleteLater();
    });
    poll->start(20);
}

} // namespace

class TestRecovery : public QObject {
    Q_OBJECT

  private slots:
    void init() {
        app::prefs::autoSolveAir.set(false);
        app::prefs::autosaveSeconds.set(1);
        QSettings().sync(); // the child reads the same settings file
        QVERIFY(sessionFiles().isEmpty());
    }

    void killedWhileEditingIsRecoveredAfterRestart() {
        const model::TwinLoad original = model::loadTwinAny(referenceTwin().toStdString());
        QVERIFY(original.diagnostics.ok() && !original.twin.racks.empty());
        std::mt19937 random(20261202);
        const int trials = 12;
        for (int trial = 0; trial < trials; ++trial) {
            const int lastAutosave = runAndKill(std::uniform_int_distribution<int>(0, 1500)(random));
            auto w = std::make_unique<app::MainWindow>();
            answerRecovery("&Recover");
            w->show();
            QTRY_VERIFY_WITH_TIMEOUT(w->document()->isModified(), 20000);
            QCOMPARE(w->document()->path(), referenceTwin());
            const double cap = firstCap(*w->document());
            const int edits = int(std::lround((cap - kBaseCapW) / kStepW));
            QVERIFY2(edits >= lastAutosave && cap == kBaseCapW + kStepW * edits,
                     qPrintable(QString("trial %1: cap %2 W, last autosave held %3 edits")
                                    .arg(trial)
                                    .arg(cap)
                                    .arg(lastAutosave)));
            model::Twin expected = original.twin;
            expected.racks.front().powerCapW = cap;
            QVERIFY(w->document()->twin() == expected); // complete: nothing else changed or lost
            QVERIFY(QFile::exists(w->autosavePath()));  // the work is safe again before the old slot goes
            w->setDialogsEnabled(false);
            w->close();
            w->simulation()->waitForAnnual();
            w.reset(); // its lock goes with it
            QVERIFY2(sessionFiles().isEmpty(), qPrintable(sessionFiles().join(", ")));
        }
    }

    void laterKeepsDiscardRemovesLiveWindowsAreLeftAlone() {
        runAndKill(0);
        QCOMPARE(sessionFiles().filter(".h5").size(), 1);
        {
            app::MainWindow live; // a window that is open holds its slot
            live.setDialogsEnabled(false);
            QVERIFY(live.openFile(referenceTwin()));
            live.document()->markModified();
            QSignalSpy saved(&live, &app::MainWindow::autosaved);
            QVERIFY(saved.wait(5000));
            QCOMPARE(app::findRecoverableSessions().size(), size_t(1)); // only the killed one

            app::MainWindow later;
            answerRecovery("&Later");
            later.show();
            QTest::qWait(500);
            QVERIFY(!later.document()->isModified());
            QCOMPARE(sessionFiles().filter(".h5").size(), 2);

            app::MainWindow discard;
            answerRecovery("&Discard");
            discard.show();
            QTRY_COMPARE(sessionFiles().filter(".h5").size(), 1);
            QVERIFY(sessionFiles().contains(QFileInfo(live.autosavePath()).fileName()));
            for (app::MainWindow* w : {&live, &later, &discard})
                w->simulation()->waitForAnnual();
            live.setDialogsEnabled(false);
            live.close();
        }
        QVERIFY2(sessionFiles().isEmpty(), qPrintable(sessionFiles().join(", ")));
    }

  private:
    // Starts the application editing the reference twin, waits for its first autosave and `afterMs`
    // more, kills it; returns how many edits its last completed autosave held.
    static int runAndKill(int afterMs) {
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {"--edit-until-killed", referenceTwin()});
        QByteArray out;
        for (QElapsedTimer t; !out.contains("autosaved") && child.state() != QProcess::NotRunning;) {
            child.waitForReadyRead(100);
            out += child.readAllStandardOutput();
            if (!t.isValid()) t.start();
            if (t.elapsed() > 60000) break;
        }
        QTest::qWait(afterMs);
        child.kill();
        child.waitForFinished();
        out += child.readAllStandardOutput();
        int last = -1;
        for (const QByteArray& line : out.split('\n'))
            if (line.startsWith("autosaved ")) last = line.mid(10).toInt();
        if (last < 0) qFatal("the application never autosaved: %s", child.readAllStandardError().constData());
        return last;
    }
};

int main(int argc, char** argv) {
    if (argc >= 3 && std::strcmp(argv[1], "--edit-until-killed") == 0) return editUntilKilled(argc, argv);
    return test::runGuiTest<TestRecovery>(argc, argv);
}

#include "tst_recovery.moc"
