// Thermal indices of the air solver on hand-made inlet and outlet temperatures.
#include "support/TestMain.hpp"

#include "model/air/AirMetrics.hpp"

#include <cmath>
#include <vector>

using namespace halltwin::model::air;

class TestAirMetrics : public QObject {
    Q_OBJECT

  private slots:
    void rciHiCountsExcessOverRecommended() {
        // 2 K + 4 K over 27 °C across 4 racks with a 5 K allowable band: 1 − 6 / 20 = 70 %.
        const std::vector<double> t{25, 26, 29, 31};
        QCOMPARE(rciHi(t), 70.0);
        QCOMPARE(rciHi(std::vector<double>{20, 22, 27}), 100.0);
        QCOMPARE(rciHi(std::vector<double>{32}), 0.0);
        QVERIFY(rciHi(std::vector<double>{35}) < 0); // beyond allowable: negative, as Herrlin notes
    }

    void rciLoCountsDeficitUnderRecommended() {
        // 1 K under 18 °C across 4 racks with a 3 K band: 1 − 1 / 12.
        const std::vector<double> t{17, 20, 20, 20};
        QVERIFY(std::fabs(rciLo(t) - (1 - 1.0 / 12) * 100) < 1e-12);
        QCOMPARE(rciLo(std::vector<double>{15, 15}), 0.0);
        InletLimits l;
        l.minRecommendedC = 20;
        l.minAllowableC = 16;
        QCOMPARE(rciLo(std::vector<double>{18}, l), 50.0);
    }

    void rtiComparesAirRiseWithEquipmentRise() {
        QCOMPARE(rti(30, 20, 12.5), 80.0); // bypass
        QCOMPARE(rti(32, 20, 12), 100.0);
        const std::vector<RackAir> racks{{20, 30, 1}, {20, 40, 3}};
        QCOMPARE(equipmentDeltaT(racks), 17.5);
        QVERIFY(std::isnan(rti(30, 20, 0)));
        QVERIFY(
            std::isnan(rti(20.1, 20, 0.2))); // racks behind room-neutral rear doors: no rise to compare with
        QVERIFY(std::isnan(heatIndices(std::vector<RackAir>{{22, 22.2, 2}}, 22).shi));
    }

    void shiAndRhiSplitTheHeat() {
        // Inlets 2 and 4 K above supply, racks add 10 K each: SHI = 6 / 26.
        const std::vector<RackAir> racks{{22, 32, 1}, {24, 34, 1}};
        const HeatIndices h = heatIndices(racks, 20);
        QVERIFY(std::fabs(h.shi - 6.0 / 26) < 1e-12);
        QVERIFY(std::fabs(h.rhi - 20.0 / 26) < 1e-12);
        QVERIFY(std::fabs(h.shi + h.rhi - 1) < 1e-12);
        const HeatIndices clean = heatIndices(std::vector<RackAir>{{20, 30, 2}}, 20);
        QCOMPARE(clean.shi, 0.0);
        QCOMPARE(clean.rhi, 1.0);
    }

    void betaIsInletRiseOverRackRise() {
        QCOMPARE(beta({23, 35, 1}, 20), 0.25);
        QCOMPARE(beta({20, 30, 1}, 20), 0.0);
        QVERIFY(beta({36, 48, 1}, 20) > 1);
        QVERIFY(std::isnan(beta({25, 25, 1}, 20)));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestAirMetrics)
#include "tst_air_metrics.moc"
