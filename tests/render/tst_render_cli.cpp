// screenshot and compare --png from the command line: image sizes, option errors, and a clear message
// when there is no display.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

class TestRenderCli : public QObject {
    Q_OBJECT

    struct Run {
        int code;
        QString out, err;
    };
    static Run run(const QStringList& args, bool withDisplay = true) {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        if (!withDisplay) e.remove("DISPLAY");
        p.setProcessEnvironment(e);
        p.start(HALLTWIN_BINARY, args);
        if (!p.waitForFinished(120000)) return {-1, {}, "timeout"};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }
    static QString twin(const char* name) {
        return QString::fromStdString(halltwin::test::referenceJson(name).string());
    }

  private slots:
    void screenshotWritesAPngOfTheRequestedSize() {
        QTemporaryDir dir;
        const QString out = dir.filePath("s.png");
        Run r = run({"screenshot", twin("rubin-nvl"), "--view", "plan", "--color", "power", "--size",
                     "640x400", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QImage(out).size(), QSize(640, 400));
    }

    void overlaysColourThePipes() {
        // Pipes run along the floor: with overlays the cool–warm map appears where plain pipes were blue.
        QTemporaryDir dir;
        const QString plain = dir.filePath("plain.png"), over = dir.filePath("over.png");
        QCOMPARE(run({"screenshot", twin("domestic-40kw"), "--size", "640x400", "--out", plain}).code, 0);
        QCOMPARE(
            run({"screenshot", twin("domestic-40kw"), "--size", "640x400", "--overlays", "--out", over}).code,
            0);
        const QImage a(plain), b(over);
        int changed = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x)
                changed += a.pixel(x, y) != b.pixel(x, y);
        QVERIFY2(changed > 500, qPrintable(QString::number(changed))); // legend, caption and pipes differ
    }

    void screenshotRejectsBadOptions() {
        QTemporaryDir dir;
        const QString out = dir.filePath("s.png");
        QCOMPARE(run({"screenshot", twin("rubin-nvl"), "--view", "side", "--out", out}).code, 2);
        QCOMPARE(run({"screenshot", twin("rubin-nvl"), "--color", "rainbow", "--out", out}).code, 2);
        QCOMPARE(run({"screenshot", twin("rubin-nvl"), "--size", "big", "--out", out}).code, 2);
        QCOMPARE(run({"screenshot", twin("rubin-nvl")}).code, 2);
        QVERIFY(!QFile::exists(out));
    }

    void screenshotWithoutADisplaySaysSo() {
        QTemporaryDir dir;
        Run r = run({"screenshot", twin("rubin-nvl"), "--out", dir.filePath("s.png")}, false);
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains("xvfb-run"), qPrintable(r.err));
    }

    void compareWritesTheCompositeAndItsTable() {
        QTemporaryDir dir;
        const QString out = dir.filePath("c.png");
        Run r = run({"compare", twin("domestic-40kw"), twin("rubin-nvl"), "--hours", "0", "--png", out,
                     "--size", "900x560"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("PUE (design point)")); // the text table is still printed
        QCOMPARE(QImage(out).size(), QSize(900, 560));
    }

    // simulate --air --save, then a horizontal temperature slice from the saved /results/air.
    void screenshotSlicesTheSavedAirResults() {
        QTemporaryDir dir;
        const QString h5 = dir.filePath("air.h5"), out = dir.filePath("slice.png");
        QCOMPARE(run({"convert", twin("legacy-air"), h5}).code, 0);
        Run solve =
            run({"simulate", h5, "--hours", "0", "--air", "--cell", "0.6", "--max-steps", "200", "--save"});
        QVERIFY2(solve.code == 0, qPrintable(solve.err));
        Run r =
            run({"screenshot", h5, "--slice", "1.2", "--view", "plan", "--size", "640x400", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QImage(out).size(), QSize(640, 400));
        Run high = run({"screenshot", h5, "--slice", "9", "--out", dir.filePath("high.png")});
        QCOMPARE(high.code, 1);
        QVERIFY2(high.err.contains("misses the air results"), qPrintable(high.err));
    }

    void sliceWithoutAirResultsSaysHowToGetThem() {
        QTemporaryDir dir;
        const QString h5 = dir.filePath("plain.h5"), out = dir.filePath("s.png");
        QCOMPARE(run({"convert", twin("legacy-air"), h5}).code, 0);
        Run r = run({"screenshot", h5, "--slice", "1.2", "--out", out});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("has no air results (/results/air); run `halltwin simulate " + h5 +
                                " --air --save` first"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        QCOMPARE(run({"screenshot", h5, "--slice", "high", "--out", out}).code, 2);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestRenderCli)
#include "tst_render_cli.moc"
