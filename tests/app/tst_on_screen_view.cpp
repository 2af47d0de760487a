// The 3-D view as the user sees it: the main window on the X server, read back with XGetImage after Qt
// composed it. The hall must be there, rack by rack, as an offscreen render of the same camera draws it;
// the same check must fail on a view that stayed black.
#include "support/GuiTestMain.hpp"
#include "support/TestPaths.hpp"
#include "support/XScreenCapture.hpp"

#include "MainWindow.hpp"
#include "Settings.hpp"
#include "SimulationRunner.hpp"
#include "view/HallView.hpp"

#include "render/Colormap.hpp"
#include "render/RenderTestSupport.hpp"

#include <QDir>
#include <QOpenGLFunctions>
#include <QOpenGLWidget>

#include <vector>

using namespace halltwin;

namespace {

struct ViewCheck {
    bool ok = false;
    QString why;
};

int distance(QRgb a, QRgb b) {
    return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) + std::abs(qBlue(a) - qBlue(b));
}

// The hall is drawn on screen when, at the top centre of every rack, the screen shows the colour an
// offscreen render of the same camera gives there (a rack, not the floor), and nearly all other pixels
// agree too (llvmpipe draws both, so only edge pixels may differ).
ViewCheck hallDrawn(const QImage& screen, const QImage& expected, const std::vector<QPoint>& racks) {
    if (screen.size() != expected.size())
        return {false, QString("screen %1x%2, expected %3x%4")
                           .arg(screen.width())
                           .arg(screen.height())
                           .arg(expected.width())
                           .arg(expected.height())};
    const QRgb floor = qRgb(render::palette::floor[0], render::palette::floor[1], render::palette::floor[2]);
    int checked = 0, wrong = 0;
    for (const QPoint& p : racks) {
        if (!expected.rect().contains(p)) continue;
        const QRgb want = expected.pixel(p);
        if (distance(want, floor) < 30) continue; // hidden behind something in this view
        ++checked;
        if (distance(screen.pixel(p), want) > 3 * test::levelThreshold) ++wrong;
    }
    if (checked < int(racks.size()) / 2)
        return {
            false,
            QString("only %1 of %2 racks are visible in the expected image").arg(checked).arg(racks.size())};
    const double differing = test::differingFraction(screen, expected);
    if (wrong > 0 || differing > 0.03)
        return {false, QString("%1 of %2 racks missing or miscoloured, %3 % of pixels differ")
                           .arg(wrong)
                           .arg(checked)
                           .arg(100 * differing, 0, 'f', 1)};
    return {true,
            QString("%1 racks drawn, %2 % of pixels differ").arg(checked).arg(100 * differing, 0, 'f', 2)};
}

// A GL view that clears to black and draws nothing: what the screen showed while VTK skipped its renders.
class BlackView : public QOpenGLWidget, protected QOpenGLFunctions {
  protected:
    void initializeGL() override { initializeOpenGLFunctions(); }
    void paintGL() override {
        glClearColor(0, 0, 0, 1);
        glClear(GL_COLOR_BUFFER_BIT);
    }
};

QString outputPath(const QString& name) {
    QDir().mkpath(HALLTWIN_TEST_OUTPUT_DIR);
    return QString(HALLTWIN_TEST_OUTPUT_DIR) + "/" + name;
}

} // namespace

class TestOnScreenView : public QObject {
    Q_OBJECT
    std::unique_ptr<app::MainWindow> w;

    QRect viewOnScreen() const { return QRect(w->view()->mapToGlobal(QPoint(0, 0)), w->view()->size()); }
    std::vector<QPoint> rackTops() const {
        std::vector<QPoint> out;
        for (const model::Rack& r : w->document()->twin().racks)
            out.push_back(w->view()->widgetPointOf(r.xM, r.yM, 2.0));
        return out;
    }
    // Lets Qt paint and compose the window onto the X server.
    static void settle() {
        for (int i = 0; i < 10; ++i)
            QTest::qWait(50);
    }

  private slots:
    void init() {
        app::prefs::autoSolveAir.set(false);
        app::prefs::colourMode.set("power");
        w = std::make_unique<app::MainWindow>();
        w->setDialogsEnabled(false);
        w->resize(1200, 800); // inside xvfb-run's default 1280x1024 screen
        w->move(0, 0);
    }
    void cleanup() {
        w->simulation()->waitForAnnual();
        w.reset();
    }

    void hallIsOnScreen_data() {
        QTest::addColumn<QString>("twin");
        QTest::addColumn<int>("view");
        QTest::newRow("rubin-nvl plan") << "rubin-nvl" << int(render::View::Plan);
        QTest::newRow("domestic-40kw iso") << "domestic-40kw" << int(render::View::Iso);
        QTest::newRow("legacy-air plan") << "legacy-air" << int(render::View::Plan);
    }
    void hallIsOnScreen() {
        QFETCH(QString, twin);
        QFETCH(int, view);
        QVERIFY(w->openFile(QString::fromStdString(test::referenceJson(qPrintable(twin)).string())));
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->view()->setView(render::View(view));
        settle();
        const QImage screen = test::captureScreen(viewOnScreen());
        QVERIFY2(!screen.isNull(), "no X display to read back");
        const QImage expected = w->view()->exportImage(w->view()->width(), w->view()->height());
        const QString tag = twin + (view == int(render::View::Plan) ? "-plan" : "-iso");
        screen.save(outputPath(tag + "-screen.png"));
        expected.save(outputPath(tag + "-expected.png"));
        test::captureScreen(w->frameGeometry()).save(outputPath("main-window-" + tag + ".png"));
        const ViewCheck c = hallDrawn(screen, expected, rackTops());
        qInfo("%s: %s", qPrintable(tag), qPrintable(c.why));
        QVERIFY2(c.ok, qPrintable(c.why));
    }

    // The check cannot pass on a view that is not drawn: an all-black image, and a real GL widget that
    // only clears to black, put on screen where the view is.
    void checkFailsOnABlackView() {
        QVERIFY(w->openFile(QString::fromStdString(test::referenceJson("rubin-nvl").string())));
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->view()->setView(render::View::Plan);
        settle();
        const QRect where = viewOnScreen();
        const QImage expected = w->view()->exportImage(where.width(), where.height());
        QImage black(where.size(), QImage::Format_RGB32);
        black.fill(Qt::black);
        QVERIFY(!hallDrawn(black, expected, rackTops()).ok);

        BlackView cover;
        cover.setWindowFlags(Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint);
        cover.setGeometry(where);
        cover.show();
        QVERIFY(QTest::qWaitForWindowExposed(&cover));
        settle();
        const QImage screen = test::captureScreen(where);
        QVERIFY(!screen.isNull());
        QCOMPARE(QColor(screen.pixel(screen.width() / 2, screen.height() / 2)), QColor(Qt::black));
        const ViewCheck c = hallDrawn(screen, expected, rackTops());
        qInfo("black view: %s", qPrintable(c.why));
        QVERIFY(!c.ok);
    }
};

HALLTWIN_TEST_MAIN_GUI(TestOnScreenView)
#include "tst_on_screen_view.moc"
