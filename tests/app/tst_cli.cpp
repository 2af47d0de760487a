// The headless CLI: info, validate and convert on real files, with exit codes scripts can rely on.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include <QProcess>
#include <QTemporaryDir>

class TestCli : public QObject {
    Q_OBJECT

    struct Run {
        int code;
        QString out, err;
    };
    static Run run(const QStringList& args, const QStringList& env = {}) {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        for (const QString& kv : env)
            e.insert(kv.section('=', 0, 0), kv.section('=', 1));
        p.setProcessEnvironment(e);
        p.start(HALLTWIN_BINARY, args);
        if (!p.waitForFinished(60000)) return {-1, {}, "timeout"};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }
    static QString asset(const char* rel) {
        return QString::fromStdString((halltwin::test::assets() / rel).string());
    }

  private slots:
    void infoSummarisesAReferenceTwin() {
        Run r = run({"info", asset("twins/rubin-nvl.json")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("Racks: 10, IT capacity 1800.0 kW"), qPrintable(r.out));
        QVERIFY(r.out.contains("800VDC"));
        QVERIFY(r.out.contains("CDUs:          2"));
    }

    void validateGivesExitCodes() {
        QCOMPARE(run({"validate", asset("twins/legacy-air.json")}).code, 0);
        Run bad = run(
            {"validate", QString::fromStdString((halltwin::test::data() / "bad" / "nan-power.h5").string())});
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.err.contains("rack 'rack-1', field 'power_cap_w': is NaN"));
    }

    void convertWritesALoadableFile() {
        QTemporaryDir dir;
        const QString out = dir.filePath("t.h5");
        QCOMPARE(run({"convert", asset("twins/domestic-40kw.json"), out}).code, 0);
        Run info = run({"info", out});
        QCOMPARE(info.code, 0);
        QVERIFY(info.out.contains("Racks: 40"));
    }

    void helpAndUsage() {
        Run h = run({"--help"});
        QCOMPARE(h.code, 0);
        QVERIFY(h.out.contains("convert"));
        Run ch = run({"convert", "--help"});
        QCOMPARE(ch.code, 0);
        QVERIFY(ch.out.contains("IN") && ch.out.contains("OUT"));
        QCOMPARE(run({"info"}).code, 2);
    }

    void withoutADisplayTheAppPrintsTheSummary() {
        Run r = run({asset("twins/rubin-nvl.json")}, {"DISPLAY=", "WAYLAND_DISPLAY=", "QT_QPA_PLATFORM="});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.contains("no display found"));
        QVERIFY(r.out.contains("Racks: 10"));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestCli)
#include "tst_cli.moc"
