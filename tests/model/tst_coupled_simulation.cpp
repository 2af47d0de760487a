// The system simulation coupled to the 3-D air solver: per-rack intakes from the solved field, server
// fans that respond to them, the air handlers' load from the same heat, and the fixed point reached.
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/air/CoupledSimulation.hpp"
#include "model/air/HallAirResult.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

using namespace halltwin::model;
using namespace halltwin::model::air;

namespace {

CouplingOptions coarse() {
    CouplingOptions c;
    c.cellM = 0.4; // seconds per solve; the coupling logic does not depend on the cell size
    return c;
}

sim::SimulationOptions designOnly() {
    sim::SimulationOptions o;
    o.hours = 0;
    return o;
}

// legacy-air with every air handler supplying `supplyC`.
Twin legacyAt(double supplyC) {
    Twin t = halltwin::test::referenceTwin("legacy-air");
    for (AirHandler& a : t.cooling.airHandlers)
        a.supplyTempC = supplyC;
    return t;
}

} // namespace

class TestCoupledSimulation : public QObject {
    Q_OBJECT
  private slots:
    // Cool supply: intakes stay below the fans' 25 °C ramp, so one air solve is the fixed point.
    void coolHallIsTheFixedPointAtOnce() {
        const Twin t = legacyAt(18);
        const CoupledResult r = simulateCoupled(t, designOnly(), coarse());
        QVERIFY(r.converged);
        QCOMPARE(r.passes, 2); // the second pass finds the same heat and keeps the solution
        const sim::OperatingPoint& d = r.system.design;
        QVERIFY(d.airFromSolver);
        QCOMPARE(d.rackInletsC.size(), t.racks.size());
        // The system's per-rack intakes are the solver's intake means.
        for (const RackInlet& in : rackInlets(r.solution, r.hall))
            for (size_t i = 0; i < t.racks.size(); ++i)
                if (t.racks[i].id == in.id) QVERIFY(std::fabs(d.rackInletsC[i] - in.meanC) < 1e-9);
        // The air handlers take out what the racks put into the air.
        const HallAirResult h = analyseHall(r.solution, r.hall, r.lastSolve);
        qInfo("%s",
              fmt::format("cool: {} passes, rack air heat {:.1f} kW, removed {:.1f} kW, mean inlet {:.2f} C",
                          r.passes, h.rackAirHeatW / 1e3, h.removedW / 1e3, d.rackInletC)
                  .c_str());
        QVERIFY(std::fabs(h.energyImbalance) < 0.01);
    }

    // Warm supply: intakes above 25 °C speed up the server fans, which adds heat, which warms the
    // intakes: several passes, converging, and more IT power than with the cool supply.
    void warmHallIteratesFansAndHeat() {
        const CoupledResult cool = simulateCoupled(legacyAt(18), designOnly(), coarse());
        const CoupledResult warm = simulateCoupled(legacyAt(26), designOnly(), coarse());
        QVERIFY(warm.converged);
        QVERIFY(warm.passes >= 2);
        QVERIFY(warm.lastChangeK < coarse().toleranceK);
        const double fanShare = warm.system.design.itW / cool.system.design.itW - 1;
        qInfo("%s",
              fmt::format("warm: {} passes, last change {:.3f} K, IT {:.1f} kW vs {:.1f} kW cool (+{:.2f} %)",
                          warm.passes, warm.lastChangeK, warm.system.design.itW / 1e3,
                          cool.system.design.itW / 1e3, 100 * fanShare)
                  .c_str());
        QVERIFY(fanShare > 0);
        const auto& in = warm.system.design.rackInletsC;
        const double coldest = *std::min_element(in.begin(), in.end());
        qInfo("  coldest intake %.4f C", coldest);
        QVERIFY(coldest > 26 - 0.01); // nothing in the hall is colder than the supply (bounded advection)
    }

    // The annual run carries each rack's solved recirculation into every hour.
    void annualRunUsesTheSolvedRecirculation() {
        sim::SimulationOptions o;
        o.hours = 24;
        const CoupledResult r = simulateCoupled(legacyAt(18), o, coarse());
        QCOMPARE(r.system.annual.hours, 24);
        QCOMPARE(r.rackBeta.size(), legacyAt(18).racks.size());
        for (double b : r.rackBeta)
            QVERIFY(!std::isfinite(b) || (b > -0.01 && b < 1));
    }

    void refusesAHallWithoutAirHandlers() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        t.cooling.airHandlers.clear();
        try {
            simulateCoupled(t, designOnly(), coarse());
            QFAIL("no error");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains("cooling.air_handlers is empty"));
        }
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestCoupledSimulation)
#include "tst_coupled_simulation.moc"
