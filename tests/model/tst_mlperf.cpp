// The serving model against MLPerf Inference v4.1, Llama 2 70B (closed, datacenter): per-accelerator
// Offline throughput, the ratios between accelerators, Server against Offline, and NVIDIA's 8x H200
// MaxQ run (500 W per GPU). The catalogue's efficiencies were fitted to the Offline medians (one value
// for Hopper, shared by H100 and H200; bench/fit_mlperf); the ratio H200/H100, Server and MaxQ are
// predictions. Systems are compared with the v4.1 rows of the same accelerator and count.
#include "support/TestMain.hpp"

#include "model/CatalogIo.hpp"
#include "model/Diagnostics.hpp"
#include "model/sim/MlperfCases.hpp"
#include "model/sim/WorkloadModel.hpp"

#include <cmath>

using namespace halltwin::model;
using namespace halltwin::model::sim;

namespace {

const Catalog& catalog() {
    static const Catalog c = [] {
        Diagnostics d;
        Catalog cat = loadCatalogDir(assetDir() / "catalog", d);
        if (!d.ok()) qFatal("%s", d.errorText().c_str());
        return cat;
    }();
    return c;
}
const std::vector<mlperf::Row>& rows() {
    static const auto r = mlperf::readRows(HALLTWIN_TEST_VALIDATION_DIR "/mlperf/mlperf_v4.1_llama2-70b.csv");
    return r;
}
const mlperf::System& systemOf(const char* accelerator) {
    for (const mlperf::System& s : mlperf::systems())
        if (s.accelerator == accelerator) return s;
    qFatal("no system for %s", accelerator);
}
double model(const char* acc, const char* scenario = "Offline") {
    return mlperf::modelled(catalog(), systemOf(acc), scenario).outputTokensPerS;
}
double measured(const char* acc, const char* scenario = "Offline") {
    return mlperf::measured(rows(), systemOf(acc), scenario);
}
void acceleratorRows() {
    QTest::addColumn<QString>("accelerator");
    for (const mlperf::System& s : mlperf::systems())
        QTest::newRow(s.accelerator.c_str()) << QString::fromStdString(s.accelerator);
}
QString table(double m, double x) {
    return QString("model %1, MLPerf %2, ratio %3").arg(m).arg(x).arg(m / x);
}

} // namespace

class TestMlperf : public QObject {
    Q_OBJECT

  private slots:
    void theResultsFileHoldsEveryV41Row() {
        QVERIFY(rows().size() > 60);
        for (const mlperf::System& s : mlperf::systems()) {
            QVERIFY(measured(s.accelerator.c_str()) > 0);
            QVERIFY(measured(s.accelerator.c_str(), "Server") > 0);
        }
    }

    void offlineTokensPerAcceleratorWithin15Percent_data() { acceleratorRows(); }
    void offlineTokensPerAcceleratorWithin15Percent() {
        QFETCH(QString, accelerator);
        const QByteArray a = accelerator.toUtf8();
        const double m = model(a), x = measured(a);
        QVERIFY2(std::abs(m / x - 1) <= 0.15, qPrintable(table(m, x)));
    }

    void ratiosBetweenAcceleratorsWithin15Percent_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("H200 / H100 (memory)") << "nvidia-h200-sxm"
                                              << "nvidia-h100-sxm";
        QTest::newRow("B200 / H200") << "nvidia-b200"
                                     << "nvidia-h200-sxm";
        QTest::newRow("MI300X / H100") << "amd-mi300x"
                                       << "nvidia-h100-sxm";
    }
    void ratiosBetweenAcceleratorsWithin15Percent() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        const QByteArray x = a.toUtf8(), y = b.toUtf8();
        const double m = model(x) / model(y), meas = measured(x) / measured(y);
        QVERIFY2(std::abs(m / meas - 1) <= 0.15, qPrintable(table(m, meas)));
    }

    void serverWithin10PercentOfItsOfflineRatio_data() { acceleratorRows(); }
    void serverWithin10PercentOfItsOfflineRatio() {
        QFETCH(QString, accelerator);
        const QByteArray a = accelerator.toUtf8();
        const double m = model(a, "Server") / model(a), x = measured(a, "Server") / measured(a);
        QVERIFY2(std::abs(m / x - 1) <= 0.10, qPrintable(table(m, x)));
    }

    void maxQRetainsThroughputWithin10Points() {
        // 8x H200, 500 W per GPU: 25,262 tokens/s against 31,303 unlimited (80.7 %), 6,153 W at the wall.
        const mlperf::System& h200 = systemOf("nvidia-h200-sxm");
        const ServingPlan full = mlperf::modelled(catalog(), h200, "Offline");
        const ServingPlan maxq = mlperf::modelled(catalog(), h200, "Offline", 500);
        const double retained = maxq.outputTokensPerS / full.outputTokensPerS;
        QVERIFY2(std::abs(100 * retained - 80.7) <= 10, qPrintable(QString::number(retained)));
        QVERIFY(maxq.acceleratorW <= 500 + 1e-9);
        Catalog c = catalog();
        c.rackTypes["one-server"].server = "hgx-h200-8gpu-air";
        Rack r;
        r.type = "one-server", r.serverCount = 1;
        const double wall = rackPowerAtW(r, c, 1, 1, 500);
        QVERIFY2(std::abs(wall / 6153 - 1) <= 0.10, qPrintable(QString::number(wall)));
        QVERIFY(rackPowerAtW(r, c, 1, 1, 0) > wall); // the limit saves power at the server
    }

    void aLatencyBoundShrinksTheBatch() {
        const mlperf::System& h100 = systemOf("nvidia-h100-sxm");
        const ServingPlan off = mlperf::modelled(catalog(), h100, "Offline");
        const ServingPlan inter = mlperf::modelled(catalog(), h100, "Interactive");
        QVERIFY(inter.tpotS <= 0.040 + 1e-12);
        QVERIFY(inter.batch < off.batch);
        QVERIFY(inter.outputTokensPerS < 0.8 * off.outputTokensPerS);
        QCOMPARE(QString::fromStdString(inter.limitedBy), QString("latency"));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestMlperf)
#include "tst_mlperf.moc"
