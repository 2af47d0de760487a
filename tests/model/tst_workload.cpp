// Workload roofline and power: scaling laws, caps, idle, and a published benchmark.
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/sim/WorkloadModel.hpp"

#include <cmath>

using namespace halltwin::model;
using namespace halltwin::model::sim;
using halltwin::test::referenceTwin;

class TestWorkload : public QObject {
    Q_OBJECT

    static Accelerator h100() {
        return referenceTwin("legacy-air").catalog.accelerators.at("nvidia-h100-sxm");
    }
    static ServedModel llama70b(int batch) {
        ServedModel m;
        m.paramsB = 70, m.bytesPerParam = 1, m.contextTokens = 4096, m.batchSize = batch, m.tpWidth = 8;
        return m;
    }

  private slots:
    void decodeDoublesWithBandwidth() {
        Accelerator a = h100();
        const ServedModel m = llama70b(8); // small batch: bandwidth-bound
        const double base = roofline(a, m, 1000, 200).decodeTokensPerS;
        a.hbmTBs *= 2;
        const double doubled = roofline(a, m, 1000, 200).decodeTokensPerS;
        QVERIFY(base > 0);
        QVERIFY(std::abs(doubled / base - 2) < 1e-9);
    }

    void prefillScalesWithFlops() {
        Accelerator a = h100();
        const double base = roofline(a, llama70b(8), 1000, 200).prefillTokensPerS;
        a.fp8Tflops *= 1.5;
        QVERIFY(std::abs(roofline(a, llama70b(8), 1000, 200).prefillTokensPerS / base - 1.5) < 1e-9);
        // 2·params FLOPs per token at the achievable MFU.
        QVERIFY(std::abs(base - 1979e12 * WorkloadConstants{}.prefillMfu / (2 * 70e9)) < 1e-6);
    }

    void groupWidensUntilTheModelFits() {
        const Accelerator lpu = referenceTwin("rubin-lpx").catalog.accelerators.at("groq-lp30");
        AcceleratorRoofline r = roofline(lpu, llama70b(64), 2000, 500);
        QVERIFY(r.groupSize * lpu.hbmGB * 0.9 >= 70); // 500 MB SRAM per chip: ~160 chips for the weights
        QVERIFY(r.decodeTokensPerS > 0);
    }

    void mlperfH100Llama70bOrderOfMagnitude() {
        // MLPerf Inference v4.1: 8x H100 SXM, Llama-2-70B offline, 24,525 tokens/s (3,066 per GPU).
        // Offline runs large batches; OpenOrca requests average roughly 300 tokens in and 300 out [E].
        const AcceleratorRoofline r = roofline(h100(), llama70b(512), 300, 300);
        const double perRequestS = 300 / r.prefillTokensPerS + 300 / r.decodeTokensPerS;
        const double outputPerGpu = 300 / perRequestS;
        QVERIFY2(outputPerGpu > 3066 * 0.6 && outputPerGpu < 3066 * 1.4,
                 qPrintable(QString::number(outputPerGpu)));
    }

    void zeroDemandGivesIdlePower() {
        const Twin& t = referenceTwin("domestic-40kw");
        WorkloadModel w(t);
        WorkloadPoint p = w.evaluate(0);
        double idle = 0;
        for (const Rack& r : t.racks)
            idle += rackPowerAtW(r, t.catalog, 0, 1);
        QCOMPARE(p.itPowerW, idle);
        QCOMPARE(p.decodeTokensPerS, 0.0);
        QCOMPARE(p.utilisation, 0.0);
    }

    void powerCapIsNeverExceeded_data() {
        QTest::addColumn<QString>("twin");
        QTest::addColumn<double>("capW");
        QTest::newRow("domestic at 1.2 MW") << "domestic-40kw" << 1.2e6;
        QTest::newRow("rubin at 1.0 MW") << "rubin-nvl" << 1.0e6;
        QTest::newRow("lpx at 1.1 MW") << "rubin-lpx" << 1.1e6;
    }
    void powerCapIsNeverExceeded() {
        QFETCH(QString, twin);
        QFETCH(double, capW);
        Twin t = referenceTwin(twin.toStdString());
        t.workload.settings.powerCapW = capW;
        WorkloadModel w(t);
        for (double demand : {0.1, 0.5, 1.0, 2.0, 10.0}) {
            WorkloadPoint p = w.evaluate(demand * w.capacityRps());
            QVERIFY2(p.itPowerW <= capW * (1 + 1e-9), qPrintable(QString::number(p.itPowerW)));
            QVERIFY(std::abs(p.admittedRps + p.rejectedRps - p.demandRps) < 1e-9 * (1 + p.demandRps));
        }
        WorkloadPoint flood = w.evaluate(10 * w.capacityRps());
        QVERIFY(flood.rejectedRps > 0);
        Twin uncapped = t;
        uncapped.workload.settings.powerCapW = 0;
        WorkloadModel u(uncapped);
        if (u.evaluate(u.capacityRps()).itPowerW > capW)
            QVERIFY(flood.itPowerW > 0.99 * capW); // the cap binds
    }

    void rackCapLimitsThroughput() {
        Twin t = referenceTwin("rubin-nvl");
        WorkloadModel capped(t);
        for (Rack& r : t.racks)
            r.powerCapW = 0;
        WorkloadModel free(t);
        QVERIFY(capped.capacityRps() < free.capacityRps());
        WorkloadPoint p = capped.evaluate(1e9);
        for (size_t i = 0; i < t.racks.size(); ++i)
            QVERIFY(p.rackPowerW[i] <= 180000 * (1 + 1e-9));
    }

    void disaggregatedUsesBothPools() {
        const Twin& t = referenceTwin("rubin-lpx");
        WorkloadModel w(t);
        WorkloadPoint p = w.evaluate(0.5 * w.capacityRps());
        double rubinU = 0, lpxU = 0;
        for (size_t i = 0; i < t.racks.size(); ++i)
            (t.racks[i].type == "groq-lpx" ? lpxU : rubinU) =
                std::max(t.racks[i].type == "groq-lpx" ? lpxU : rubinU, p.rackUtilisation[i]);
        QVERIFY(rubinU > 0 && lpxU > 0);
        QVERIFY(std::abs(p.decodeTokensPerS - p.admittedRps * t.workload.settings.outputTokens) < 1e-6);
    }

    void computeUnitsFollowTheirDefinition() {
        // 1 度算力 = 312 TFLOPS for an hour; at full utilisation a hall delivers its dense FP16 peak.
        const Twin& t = referenceTwin("domestic-40kw");
        Twin free = t;
        free.workload.settings.powerCapW = 0;
        WorkloadModel w(free);
        WorkloadPoint p = w.evaluate(w.capacityRps());
        const double peak = 40 * 8 * 8 * 256e12;
        QVERIFY(std::abs(p.computeUnitsPerHour - peak / 312e12) < 1e-6 * peak / 312e12);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestWorkload)
#include "tst_workload.moc"
