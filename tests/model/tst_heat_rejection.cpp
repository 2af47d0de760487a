// Heat rejection: chiller COP against the Carnot fraction, free cooling when the approach allows,
// and every watt of heat accounted for.
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/sim/HeatRejection.hpp"

using namespace halltwin::model;
using namespace halltwin::model::sim;
using halltwin::test::referenceTwin;

class TestHeatRejection : public QObject {
    Q_OBJECT

  private slots:
    void copIsAFractionOfCarnotWithAFloor() {
        const HeatRejectionType& ch =
            referenceTwin("legacy-air").catalog.heatRejectionTypes.at("chiller-1mw");
        const double carnot = (8 + 273.15) / (40 - 8);
        QVERIFY(std::abs(chillerCop(ch, 8, 40) - ch.carnotFraction * carnot) < 1e-12);
        QCOMPARE(chillerCop(ch, 8, 90), ch.copMin);
    }

    void coldDayIsFreeCooling() {
        const Twin& t = referenceTwin("rubin-nvl");
        PlantResult p = solvePlant(t, {1.5e6, 40, 10}, {0, 18, 6}, 10, 7);
        QCOMPARE(p.warm.chillerW, 0.0);
        QCOMPARE(p.warm.freeW, 1.5e6);
        QVERIFY(p.warm.fanPowerW > 0 && p.warm.fanPowerW < 2 * 18000);
        QVERIFY(p.freeCooling());
    }

    void hotDayNeedsTheChiller() {
        const Twin& t = referenceTwin("legacy-air");
        PlantResult p = solvePlant(t, {0, 32, 10}, {1.4e6, 12, 6}, 30, 20);
        QVERIFY(p.cold.chillerW > 0);
        QVERIFY(p.cold.cop >= 3);
        QVERIFY(std::abs(p.cold.chillerPowerW - p.cold.chillerW / p.cold.cop) < 1e-6);
    }

    void heatIsConserved_data() {
        QTest::addColumn<double>("ambientC");
        for (double a : {-10.0, 5.0, 20.0, 30.0, 38.0})
            QTest::newRow(qPrintable(QString::number(a))) << a;
    }
    void heatIsConserved() {
        QFETCH(double, ambientC);
        const Twin& t = referenceTwin("domestic-40kw");
        LoopDemand warm{1.5e6, 32, 10}, cold{0.3e6, 18, 6};
        PlantResult p = solvePlant(t, warm, cold, ambientC, ambientC - 8);
        QVERIFY(std::abs(p.warm.freeW + p.warm.chillerW + p.warm.unmetW - warm.heatW) < 1e-6);
        QVERIFY(std::abs(p.cold.freeW + p.cold.chillerW + p.cold.unmetW - cold.heatW) < 1e-6);
    }

    void warmerWaterMeansFewerChillerHours() {
        const Twin& t = referenceTwin("domestic-40kw");
        PlantResult at32 = solvePlant(t, {1.5e6, 32, 10}, {0, 18, 6}, 28, 18);
        PlantResult at45 = solvePlant(t, {1.5e6, 45, 10}, {0, 18, 6}, 28, 18);
        QVERIFY(at45.powerW() < at32.powerW());
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestHeatRejection)
#include "tst_heat_rejection.moc"
