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
    static ServedModel llama70b(int batch, int tp) {
        ServedModel m;
        m.paramsB = 70, m.bytesPerParam = 1, m.contextTokens = 4096, m.batchSize = batch, m.tpWidth = tp;
        m.layers = 80, m.hiddenSize = 8192, m.kvDim = 1024;
        return m;
    }
    static WorkloadSettings offline() {
        WorkloadSettings w;
        w.scenario = "offline", w.promptTokens = 1000, w.outputTokens = 200;
        return w;
    }

  private slots:
    void smallBatchDecodeFollowsBandwidthNotFlops() {
        Accelerator a = h100();
        const ServedModel m = llama70b(8, 2);
        const double base = planServing(a, 8, m, offline()).stepS;
        Accelerator faster = a;
        faster.fp8Tflops *= 2;
        QVERIFY(std::abs(planServing(faster, 8, m, offline()).stepS / base - 1) < 0.02);
        Accelerator wider = a;
        wider.hbmTBs *= 2;
        QVERIFY(planServing(wider, 8, m, offline()).stepS < 0.75 * base);
    }

    void prefillMatchesItsClosedForm() {
        // One accelerator, no all-reduce: (2·params + attention over half the prompt) FLOPs per token.
        Accelerator a = h100();
        a.hbmGB = 200; // the FP8 weights fit on one
        const ServingPlan p = planServing(a, 1, llama70b(8, 1), offline());
        const double eff = a.prefillEfficiency, peak = 1979e12;
        const double expected = (2 * 70e9 + 4 * 80 * 8192 * 500.0) / (peak * eff);
        QVERIFY2(std::abs(p.prefillPerTokenS / expected - 1) < 1e-12,
                 qPrintable(QString::number(p.prefillPerTokenS)));
    }

    void groupWidensUntilTheModelFits() {
        const Accelerator lpu = referenceTwin("rubin-lpx").catalog.accelerators.at("groq-lp30");
        const ServingPlan p = planServing(lpu, 256, llama70b(0, 0), offline());
        QVERIFY(p.tp * lpu.hbmGB * 0.9 >= 70); // 500 MB SRAM per chip: ~160 chips for the weights
        QVERIFY(p.outputTokensPerS > 0);
    }

    void aPowerLimitLowersTheClockAndPower() {
        const Accelerator a = h100();
        QCOMPARE(clockUnderLimit(a, 0), 1.0);
        QCOMPARE(clockUnderLimit(a, 700), 1.0);
        const double f = clockUnderLimit(a, 400);
        QVERIFY(f > 0.3 && f < 1);
        QVERIFY(std::abs(acceleratorPowerW(a, 1, f) - 400) < 1e-9); // the limit is met exactly at full load
        const ServingPlan full = planServing(a, 8, llama70b(0, 0), offline());
        const ServingPlan capped = planServing(a, 8, llama70b(0, 0), offline(), 400);
        const double powerRatio = (400.0 / 700),
                     throughputRatio = capped.outputTokensPerS / full.outputTokensPerS;
        QVERIFY2(throughputRatio > powerRatio && throughputRatio < 1,
                 qPrintable(QString::number(throughputRatio)));
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

    void hallCapIsMetByLoweringEveryAcceleratorsLimit() {
        // Capped below what the hall draws at full load, the model lowers the per-accelerator limit:
        // a lower clock costs less throughput than power, so it serves more than idling racks would.
        Twin t = referenceTwin("rubin-nvl");
        for (Rack& r : t.racks)
            r.powerCapW = 0;
        t.workload.settings.powerCapW = 0;
        const double full = WorkloadModel(t).evaluate(1e12).itPowerW;
        t.workload.settings.powerCapW = 0.7 * full;
        const WorkloadPoint p = WorkloadModel(t).evaluate(1e12);
        QVERIFY(p.itPowerW <= 0.7 * full * (1 + 1e-9));
        const double tdp = t.catalog.accelerators.at("nvidia-rubin").tdpW;
        QVERIFY2(p.gpuPowerLimitW < tdp && p.clock < 1, qPrintable(QString::number(p.gpuPowerLimitW)));
        WorkloadConstants only;
        only.limitLevels = {1.0};
        const WorkloadPoint idling = WorkloadModel(t, only).evaluate(1e12);
        QCOMPARE(idling.gpuPowerLimitW, tdp);
        QVERIFY2(p.decodeTokensPerS > 1.05 * idling.decodeTokensPerS,
                 qPrintable(QString("%1 vs %2").arg(p.decodeTokensPerS).arg(idling.decodeTokensPerS)));
    }

    void rackCapLimitsThroughput() {
        const Twin t = referenceTwin("rubin-nvl");
        WorkloadModel capped(t);
        Twin uncapped = t; // the model keeps a reference: a separate twin
        for (Rack& r : uncapped.racks)
            r.powerCapW = 0;
        WorkloadModel free(uncapped);
        QVERIFY(capped.capacityRps() < free.capacityRps());
        WorkloadPoint p = capped.evaluate(1e9);
        for (size_t i = 0; i < t.racks.size(); ++i)
            QVERIFY(p.rackPowerW[i] <= 180000 * (1 + 1e-9));
        // The 180 kW rack cap is met by the accelerators' limit, not by idling them.
        QVERIFY(p.gpuPowerLimitW < t.catalog.accelerators.at("nvidia-rubin").tdpW);
        QVERIFY(p.rackPowerW.front() > 0.999 * 180000);
        QCOMPARE(p.utilisation, 1.0);
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
