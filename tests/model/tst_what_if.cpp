// Failure what-ifs: a quiet run stays put, a pump trip heats the chips as a lumped capacitance says,
// a standby pump that starts in time saves them, and feed loss in 2N is carried by the other path.
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/sim/WhatIf.hpp"

#include <cmath>

using namespace halltwin::model;
using namespace halltwin::model::sim;
using halltwin::test::referenceTwin;

class TestWhatIf : public QObject {
    Q_OBJECT

    static Fault pumpTrip(double standbyDelayS) {
        Fault f;
        f.kind = FaultKind::CduPumpTrip, f.target = "cdu-1", f.atS = 5, f.standbyDelayS = standbyDelayS;
        return f;
    }

  private slots:
    void noFaultStaysAtSteadyState() {
        Fault never = pumpTrip(-1);
        never.atS = 1e9;
        WhatIfResult r = runWhatIf(referenceTwin("rubin-nvl"), never, 120);
        for (const WhatIfSample& s : r.samples)
            QVERIFY(std::abs(s.maxChipC - r.samples.front().maxChipC) < 1e-6);
        QCOMPARE(r.timeToThrottleS, -1.0);
        QCOMPARE(r.tokensLost, 0.0);
    }

    void pumpTripMatchesTheLumpedEstimate() {
        // With the flow gone the plate resistance rises twentyfold and the package heats almost
        // adiabatically: t ≈ C·ΔT / P from the chip's starting temperature to its throttle limit.
        // A near-instant rundown isolates the lumped part from the pump's coast-down.
        const Twin& t = referenceTwin("rubin-nvl");
        WhatIfConstants k;
        k.pumpRundownS = 0.01;
        WhatIfResult r = runWhatIf(t, pumpTrip(-1), 300, k);
        QVERIFY(r.timeToThrottleS > 0);
        const Accelerator& gpu = t.catalog.accelerators.at("nvidia-rubin");
        const double estimateS =
            k.chipHeatCapacityJK * (gpu.throttleTempC - r.samples.front().maxChipC) / r.hottestChipW;
        QVERIFY2(
            std::abs(r.timeToThrottleS - estimateS) < 0.2 * estimateS,
            qPrintable(QString("simulated %1 s, hand estimate %2 s").arg(r.timeToThrottleS).arg(estimateS)));
        QVERIFY(r.tokensLost > 0);
        QVERIFY(r.unprotectedTimeToShutdownS > r.timeToThrottleS);
        // With the default 2 s coast-down the limit comes later.
        QVERIFY(runWhatIf(t, pumpTrip(-1), 300).timeToThrottleS > r.timeToThrottleS);
    }

    void standbyPumpInTimePreventsTheLimit() {
        WhatIfResult quick = runWhatIf(referenceTwin("rubin-nvl"), pumpTrip(0.5), 120);
        QCOMPARE(quick.timeToThrottleS, -1.0);
        QVERIFY(quick.backupPreventedThrottle);
        WhatIfResult late = runWhatIf(referenceTwin("rubin-nvl"), pumpTrip(60), 120);
        QVERIFY(late.timeToThrottleS > 0);
        QVERIFY(!late.backupPreventedThrottle);
    }

    void facilityWaterLossHeatsTheLoopSlowly() {
        Fault f;
        f.kind = FaultKind::FacilityWaterLoss, f.target = "cdu-1", f.atS = 5;
        WhatIfResult r = runWhatIf(referenceTwin("rubin-nvl"), f, 300);
        QVERIFY(r.samples.back().coolantSupplyC > r.samples.front().coolantSupplyC + 5);
        WhatIfResult trip = runWhatIf(referenceTwin("rubin-nvl"), pumpTrip(-1), 300);
        QVERIFY(r.timeToThrottleS < 0 || r.timeToThrottleS > trip.timeToThrottleS); // flow still moves heat
    }

    void dryCoolerFansRaiseFacilityWater() {
        Fault f;
        f.kind = FaultKind::DryCoolerFans, f.fansLostFraction = 0.75, f.atS = 0;
        WhatIfResult r = runWhatIf(referenceTwin("domestic-40kw"), f, 600);
        QVERIFY(r.samples.back().facilitySupplyC > r.samples.front().facilitySupplyC);
    }

    void feedLossIn2NIsCarried() {
        Fault f;
        f.kind = FaultKind::PowerFeedLoss, f.target = "feed-a";
        WhatIfResult r = runWhatIf(referenceTwin("legacy-air"), f, 60);
        QVERIFY(r.backupPreventedThrottle);
        QCOMPARE(r.tokensLost, 0.0);
        QVERIFY(QString::fromStdString(r.events.front()).contains("no interruption"));
    }

    void unknownTargetIsNamed() {
        Fault f = pumpTrip(-1);
        f.target = "cdu-99";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runWhatIf(referenceTwin("rubin-nvl"), f, 10));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestWhatIf)
#include "tst_what_if.moc"
