// Counter-flow ε-NTU exchangers (CDUs): effectiveness against its closed forms, energy conservation, the
// log-mean temperature difference (an independent route to the same duty) and approach-based sizing.
// Cross-flow coils (rear doors): the exact series against its limits, a tabulated value and Incropera's
// approximation; the rear door's rating, energy balance and linearity in the air's excess temperature.
#include "support/TestMain.hpp"

#include "model/CatalogIo.hpp"
#include "model/sim/HeatExchanger.hpp"
#include "model/sim/RearDoor.hpp"
#include "support/TestPaths.hpp"

#include <cmath>
#include <stdexcept>

using namespace halltwin::model::sim;
using halltwin::model::RearDoorType;

namespace {

bool closeRel(double actual, double expected, double tol) {
    return std::abs(actual - expected) <= tol * std::max(std::abs(expected), 1e-300);
}

QString describe(double actual, double expected) {
    return QString("actual %1, expected %2").arg(actual, 0, 'g', 15).arg(expected, 0, 'g', 15);
}

// Counter-flow LMTD from the two terminal differences; equal differences are its limit.
double lmtdCounterFlow(double hotIn, double hotOut, double coldIn, double coldOut) {
    const double d1 = hotIn - coldOut, d2 = hotOut - coldIn;
    if (std::abs(d1 - d2) < 1e-12 * std::abs(d1)) return d1;
    return (d1 - d2) / std::log(d1 / d2);
}

} // namespace

class TestHeatExchanger : public QObject {
    Q_OBJECT

  private slots:
    void effectivenessMatchesClosedForm_data() {
        QTest::addColumn<double>("ntu");
        QTest::addColumn<double>("cr");
        QTest::addColumn<double>("expected");
        // Incropera & DeWitt, Table 11.3: Cr = 0 → 1 − e^−NTU; Cr = 1 (counter-flow) → NTU/(1+NTU);
        // otherwise (1 − e^(−NTU(1−Cr)))/(1 − Cr·e^(−NTU(1−Cr))). Evaluated here with plain exp().
        auto general = [](double ntu, double cr) {
            const double e = std::exp(-ntu * (1 - cr));
            return (1 - e) / (1 - cr * e);
        };
        for (double ntu : {0.25, 1.0, 3.0})
            QTest::addRow("Cr=0 NTU=%g", ntu) << ntu << 0.0 << 1 - std::exp(-ntu);
        for (double ntu : {0.5, 1.0, 4.0})
            QTest::addRow("Cr=1 NTU=%g", ntu) << ntu << 1.0 << ntu / (1 + ntu);
        for (auto [ntu, cr] : {std::pair{1.0, 0.25}, {2.0, 0.5}, {3.0, 0.75}, {0.3, 0.9}})
            QTest::addRow("Cr=%g NTU=%g", cr, ntu) << ntu << cr << general(ntu, cr);
        // Hand values: NTU 1, Cr 0.5 → (1 − e^−0.5)/(1 − 0.5·e^−0.5) = 0.3934693/0.6967347 = 0.5647334.
        QTest::newRow("hand NTU=1 Cr=0.5") << 1.0 << 0.5 << 0.5647334;
        QTest::newRow("hand NTU=2 Cr=1") << 2.0 << 1.0 << 2.0 / 3.0;
    }
    void effectivenessMatchesClosedForm() {
        QFETCH(double, ntu);
        QFETCH(double, cr);
        QFETCH(double, expected);
        const double eps = effectivenessCounterFlow(ntu, cr);
        QVERIFY2(closeRel(eps, expected, 2e-7), qPrintable(describe(eps, expected)));
    }

    void effectivenessIsContinuousAtCrOne() {
        // The Cr < 1 formula is 0/0 at Cr = 1; near it the result must approach NTU/(1+NTU).
        for (double ntu : {0.1, 2.0, 20.0}) {
            const double limit = ntu / (1 + ntu);
            QVERIFY2(closeRel(effectivenessCounterFlow(ntu, 1 - 1e-9), limit, 1e-7),
                     qPrintable(describe(effectivenessCounterFlow(ntu, 1 - 1e-9), limit)));
            QVERIFY(closeRel(effectivenessCounterFlow(ntu, 1 - 1e-4), limit, 1e-3));
        }
    }

    void effectivenessLimits() {
        QCOMPARE(effectivenessCounterFlow(0, 0.5), 0.0);
        QCOMPARE(effectivenessCounterFlow(INFINITY, 1.0), 1.0);
        QVERIFY(std::abs(effectivenessCounterFlow(60, 0.5) - 1) < 1e-12);
        // Counter-flow with Cr = 1 approaches 1 only as 1/NTU.
        QVERIFY(closeRel(1 - effectivenessCounterFlow(1e6, 1.0), 1 / (1 + 1e6), 1e-6));
    }

    void ntuInvertsEffectiveness_data() {
        QTest::addColumn<double>("ntu");
        QTest::addColumn<double>("cr");
        for (auto [ntu, cr] : {std::pair{0.5, 0.0}, {2.0, 0.3}, {5.0, 0.8}, {3.0, 1.0}, {8.0, 0.999}})
            QTest::addRow("NTU=%g Cr=%g", ntu, cr) << ntu << cr;
    }
    void ntuInvertsEffectiveness() {
        QFETCH(double, ntu);
        QFETCH(double, cr);
        const double back = ntuCounterFlow(effectivenessCounterFlow(ntu, cr), cr);
        QVERIFY2(closeRel(back, ntu, 1e-9), qPrintable(describe(back, ntu)));
    }

    void rejectsInvalidArguments() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, effectivenessCounterFlow(1, 1.2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, effectivenessCounterFlow(-1, 0.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, effectivenessCounterFlow(NAN, 0.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ntuCounterFlow(1.0, 0.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, counterFlowExchanger(40, 30, -1, 100, 100));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, counterFlowExchanger(40, 30, 100, 100, NAN));
    }

  private:
    static void exchangerRows() {
        QTest::addColumn<double>("hotIn");
        QTest::addColumn<double>("coldIn");
        QTest::addColumn<double>("cHot");
        QTest::addColumn<double>("cCold");
        QTest::addColumn<double>("ua");
        // A 1.5 MW row CDU: rack loop 45 → ~35 °C at 150 kW/K, facility water from 32 °C at 180 kW/K.
        QTest::newRow("cdu 1.5 MW") << 45.0 << 32.0 << 150e3 << 180e3 << 600e3;
        QTest::newRow("hot side is Cmax") << 60.0 << 20.0 << 5e3 << 2e3 << 3e3;
        QTest::newRow("balanced Cr=1") << 40.0 << 30.0 << 1e3 << 1e3 << 2.5e3;
        QTest::newRow("condensing-like Cr≈0") << 50.0 << 10.0 << 1e9 << 4e3 << 8e3;
        QTest::newRow("small UA") << 35.0 << 25.0 << 10e3 << 12e3 << 100.0;
    }
  private slots:
    void exchangerConservesEnergy_data() { exchangerRows(); }
    void exchangerConservesEnergy() {
        QFETCH(double, hotIn);
        QFETCH(double, coldIn);
        QFETCH(double, cHot);
        QFETCH(double, cCold);
        QFETCH(double, ua);
        const HeatExchangerResult r = counterFlowExchanger(hotIn, coldIn, cHot, cCold, ua);
        const double given = cHot * (hotIn - r.hotOutletTempC);
        const double taken = cCold * (r.coldOutletTempC - coldIn);
        QVERIFY2(closeRel(given, r.dutyW, 1e-9), qPrintable(describe(given, r.dutyW)));
        QVERIFY2(closeRel(taken, r.dutyW, 1e-9), qPrintable(describe(taken, r.dutyW)));
        QVERIFY(r.dutyW > 0);
        // Second law: neither outlet crosses the other stream's inlet.
        QVERIFY(r.hotOutletTempC >= coldIn && r.coldOutletTempC <= hotIn);
    }
    void exchangerDutyEqualsUaTimesLmtd_data() { exchangerRows(); }
    void exchangerDutyEqualsUaTimesLmtd() {
        // Q = UA·LMTD holds exactly for a counter-flow exchanger with constant U: an independent route
        // to the duty that ε-NTU must agree with.
        QFETCH(double, hotIn);
        QFETCH(double, coldIn);
        QFETCH(double, cHot);
        QFETCH(double, cCold);
        QFETCH(double, ua);
        const HeatExchangerResult r = counterFlowExchanger(hotIn, coldIn, cHot, cCold, ua);
        const double lmtd = lmtdCounterFlow(hotIn, r.hotOutletTempC, coldIn, r.coldOutletTempC);
        QVERIFY2(closeRel(ua * lmtd, r.dutyW, 1e-7), qPrintable(describe(ua * lmtd, r.dutyW)));
    }

    void reversedStreamsAreSymmetric() {
        // Labelling the colder stream "hot" gives the same physics with a negative duty.
        const HeatExchangerResult a = counterFlowExchanger(45, 30, 2e3, 3e3, 4e3);
        const HeatExchangerResult b = counterFlowExchanger(30, 45, 3e3, 2e3, 4e3);
        QVERIFY(closeRel(b.dutyW, -a.dutyW, 1e-12));
        QVERIFY(closeRel(b.hotOutletTempC, a.coldOutletTempC, 1e-12));
        QVERIFY(closeRel(b.coldOutletTempC, a.hotOutletTempC, 1e-12));
    }

    void stoppedStreamExchangesNothing() {
        const HeatExchangerResult r = counterFlowExchanger(45, 30, 0, 3e3, 4e3);
        QCOMPARE(r.dutyW, 0.0);
        QCOMPARE(r.coldOutletTempC, 30.0);
        QCOMPARE(r.hotOutletTempC, 45.0);
    }

    void uaFromApproachBalancedClosedForm() {
        // Cr = 1 counter-flow: the temperature difference is the same all along, so it equals the
        // approach: 45 °C hot in, 30 °C cold in, 1 kW/K each, 3 K approach → hot out 33 °C,
        // Q = 1000·12 = 12 kW, UA = Q/ΔT = 4000 W/K.
        QVERIFY(closeRel(uaFromApproach(45, 30, 1e3, 1e3, 3.0), 4000.0, 1e-9));
        QVERIFY(closeRel(uaFromApproach(45, 30, 1e3, 1e3, 3.0, ApproachEnd::HotEnd), 4000.0, 1e-9));
    }

    void uaFromApproachDesignPoints_data() {
        QTest::addColumn<double>("hotIn");
        QTest::addColumn<double>("coldIn");
        QTest::addColumn<double>("cHot");
        QTest::addColumn<double>("cCold");
        QTest::addColumn<double>("approach");
        QTest::addColumn<bool>("coldEnd");
        // CDU-style design points with 2–5 K approach (a typical CDU approach, estimate [E]).
        QTest::newRow("cdu W32 3K") << 45.0 << 32.0 << 150e3 << 180e3 << 3.0 << true;
        QTest::newRow("cdu W17 2K") << 30.0 << 17.0 << 100e3 << 130e3 << 2.0 << true;
        QTest::newRow("cdu hot end 5K") << 45.0 << 32.0 << 150e3 << 180e3 << 5.0 << false;
        QTest::newRow("facility is Cmin") << 40.0 << 27.0 << 120e3 << 90e3 << 4.0 << true;
    }
    void uaFromApproachDesignPoints() {
        QFETCH(double, hotIn);
        QFETCH(double, coldIn);
        QFETCH(double, cHot);
        QFETCH(double, cCold);
        QFETCH(double, approach);
        QFETCH(bool, coldEnd);
        const ApproachEnd end = coldEnd ? ApproachEnd::ColdEnd : ApproachEnd::HotEnd;
        const double ua = uaFromApproach(hotIn, coldIn, cHot, cCold, approach, end);
        // Independent: the approach fixes one outlet, the energy balance the other, and UA = Q/LMTD.
        const double hotOut =
            coldEnd ? coldIn + approach : hotIn - cCold * (hotIn - approach - coldIn) / cHot;
        const double q = cHot * (hotIn - hotOut);
        const double coldOut = coldIn + q / cCold;
        const double expectedUa = q / lmtdCounterFlow(hotIn, hotOut, coldIn, coldOut);
        QVERIFY2(closeRel(ua, expectedUa, 1e-9), qPrintable(describe(ua, expectedUa)));
        // And the exchanger sized so reproduces the approach.
        const HeatExchangerResult r = counterFlowExchanger(hotIn, coldIn, cHot, cCold, ua);
        const double got = coldEnd ? r.hotOutletTempC - coldIn : hotIn - r.coldOutletTempC;
        QVERIFY2(closeRel(got, approach, 1e-9), qPrintable(describe(got, approach)));
    }

    void uaFromApproachRejectsTheImpossible() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, uaFromApproach(45, 30, 1e3, 1e3, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, uaFromApproach(45, 30, 1e3, 1e3, 15));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, uaFromApproach(45, 30, 0, 1e3, 3));
        // Hot stream twice the cold one: cooling it from 45 °C heats the cold stream by twice as much, so the
        // hot outlet cannot get closer than 15·(1 − 1/2) = 7.5 K to the cold inlet.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, uaFromApproach(45, 30, 2e3, 1e3, 7.0));
        QVERIFY(uaFromApproach(45, 30, 2e3, 1e3, 8.0) > 0);
    }

    void crossFlowMatchesLimitsAndTables() {
        // Cr → 0: every exchanger is 1 − e^−NTU.
        for (double ntu : {0.3, 1.0, 4.0})
            QVERIFY(closeRel(effectivenessCrossFlowUnmixed(ntu, 1e-6), 1 - std::exp(-ntu), 1e-5));
        // Kays & London, Compact Heat Exchangers, cross-flow, both fluids unmixed: NTU 1, Cr 1 → 0.476.
        QVERIFY(std::abs(effectivenessCrossFlowUnmixed(1, 1) - 0.476) < 5e-4);
        // Incropera & DeWitt's approximation 1 − exp[(1/Cr)·NTU^0.22·(exp(−Cr·NTU^0.78) − 1)] lies within
        // 0.015 of the series over the range rear doors use.
        for (double ntu : {0.5, 1.0, 2.0, 3.0})
            for (double cr : {0.25, 0.5, 1.0}) {
                const double approx =
                    1 - std::exp(std::pow(ntu, 0.22) * (std::exp(-cr * std::pow(ntu, 0.78)) - 1) / cr);
                const double eps = effectivenessCrossFlowUnmixed(ntu, cr);
                QVERIFY2(std::abs(eps - approx) < 0.015, qPrintable(describe(eps, approx)));
                // Below counter-flow, the best arrangement, at the same NTU and Cr.
                QVERIFY(eps < effectivenessCounterFlow(ntu, cr));
                QVERIFY(closeRel(ntuCrossFlowUnmixed(eps, cr), ntu, 1e-9));
            }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, effectivenessCrossFlowUnmixed(-1, 0.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ntuCrossFlowUnmixed(1.0, 0.5));
    }

    static RearDoorType door() {
        RearDoorType d;
        d.id = "test-door";
        d.ratedAirflowM3s = 2.4, d.ratedAirInC = 36, d.ratedWaterInC = 18, d.approachK = 6;
        d.waterFlowM3s = 0.0017;
        return d;
    }

    void rearDoorMeetsItsRating() {
        const RearDoorType d = door();
        const RearDoorDuty r = rearDoorDuty(d, 2.4, 36, 18, kDoorWaterRhoCp * d.waterFlowM3s);
        // Rated: the air leaves approach_k above the water, so the duty is ρc_p·q·(36 − 18 − 6).
        QVERIFY2(std::abs(r.airOutC - 24) < 1e-6, qPrintable(describe(r.airOutC, 24)));
        QVERIFY(closeRel(r.dutyW, kDoorAirRhoCp * 2.4 * 12, 1e-6));
        // Energy: what the air loses the water gains.
        QVERIFY(closeRel(r.dutyW, kDoorWaterRhoCp * d.waterFlowM3s * (r.waterOutC - 18), 1e-12));
        // Linear in the air's excess over the water: twice the excess, twice the duty.
        const RearDoorDuty twice = rearDoorDuty(d, 2.4, 54, 18, kDoorWaterRhoCp * d.waterFlowM3s);
        QVERIFY(closeRel(twice.dutyW, 2 * r.dutyW, 1e-12));
        QVERIFY(closeRel(r.airCoolFraction, 12.0 / 18.0, 1e-6));
        // Less air: a higher effectiveness on the air side, a smaller duty.
        const RearDoorDuty half = rearDoorDuty(d, 1.2, 36, 18, kDoorWaterRhoCp * d.waterFlowM3s);
        QVERIFY(half.airCoolFraction > r.airCoolFraction && half.dutyW < r.dutyW);
        QCOMPARE(rearDoorDuty(d, 0, 36, 18, 1e4).dutyW, 0.0);
        // Water warmer than the air (a door put on a warm-water loop): the valve closes, nothing heats the
        // room.
        QCOMPARE(rearDoorDuty(d, 2.4, 30, 45, kDoorWaterRhoCp * d.waterFlowM3s).dutyW, 0.0);
        // Held room-neutral: the valve caps the duty at the rack's own heat.
        const RearDoorDuty capped =
            rearDoorDuty(d, 2.4, 36, 18, kDoorWaterRhoCp * d.waterFlowM3s, kDoorAirRhoCp, 2e4);
        QCOMPARE(capped.dutyW, 2e4);
        QVERIFY(closeRel(capped.airOutC, 36 - 2e4 / (kDoorAirRhoCp * 2.4), 1e-12));
    }

    void rearDoorCatalogueEntriesMatchTheirClass() {
        // Passive doors take up to ~35 kW, active ones ~60 kW per rack (vendor datasheets).
        halltwin::model::Diagnostics diag;
        const auto catalog = halltwin::model::loadCatalogDir(halltwin::test::assets() / "catalog", diag);
        QVERIFY(diag.ok());
        const auto expect = [&](const char* id, double kW) {
            const RearDoorType& d = catalog.rearDoorTypes.at(id);
            const double w = rearDoorDuty(d, d.ratedAirflowM3s, d.ratedAirInC, d.ratedWaterInC,
                                          kDoorWaterRhoCp * d.waterFlowM3s)
                                 .dutyW;
            QVERIFY2(std::abs(w / 1e3 - kW) < 1.5, qPrintable(QString("%1: %2 kW").arg(id).arg(w / 1e3)));
        };
        expect("rdhx-passive-35kw", 35);
        expect("rdhx-active-60kw", 60);
    }

    void rearDoorRefusesAnImpossibleRating() {
        RearDoorType d = door();
        d.approachK = 19; // above the 18 K between the rated air and water
        QCOMPARE(rearDoorRatingProblem(d).first, std::string("approach_k"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rearDoorRatedUaWK(d));
        d = door();
        d.waterFlowM3s = 1e-5; // 42 W/K of water cannot take 35 kW
        QCOMPARE(rearDoorRatingProblem(d).first, std::string("approach_k"));
        QVERIFY(rearDoorRatingProblem(door()).second.empty());
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestHeatExchanger)
#include "tst_heat_exchanger.moc"
