// The averaged steady state (SolveOptions::averageAfter) on a hall whose plumes keep moving: legacy-air
// with 56 % grates at 0.4 m never settles step by step. The averaged fields must be the mean of the steps
// they stand for (rack intakes against a mean taken here step by step) and keep the heat balance.
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/air/AirSolver.hpp"
#include "model/air/HallAirResult.hpp"

#include <algorithm>
#include <cmath>

using namespace halltwin::model;
using namespace halltwin::model::air;

namespace {

HallGrid gratedHall() {
    Twin t = halltwin::test::referenceTwin("legacy-air");
    t.hall.tileOpenFraction = 0.56;
    return buildHallGrid(t, HallGridOptions(0.4));
}

SolveOptions averaging() {
    SolveOptions o = hallSolveOptions();
    o.averageAfter = 100;
    o.averageBlock = 100;
    return o;
}

std::vector<double> intakeMeans(const AirSolver& s, const HallGrid& h) {
    std::vector<double> m;
    for (const RackInlet& r : rackInlets(s, h))
        m.push_back(r.meanC);
    return m;
}

} // namespace

class TestAirAveraging : public QObject {
    Q_OBJECT

  private slots:
    void gratedHallDoesNotSettleStepByStep() {
        const HallGrid h = gratedHall();
        AirSolver s(h.airCase, h.airCase.air.referenceC);
        SolveOptions o = hallSolveOptions();
        o.averageAfter = 0;
        o.maxSteps = 400;
        const SolveReport r = s.solveSteady(o);
        qInfo("without averaging: %d steps, settled %d, last monitor change %.3f K", r.steps, int(r.settled),
              r.monitorChange);
        QVERIFY(!r.converged);
    }

    // Averaging counts on the fields' age: a warm start (fields older than averageAfter) begins after
    // warmAverageAfter steps and judges its first block against the fields it started from, so it
    // settles sooner than the cold start, on the same mean.
    void warmStartAveragesSooner() {
        const HallGrid h = gratedHall();
        AirSolver s(h.airCase, h.airCase.air.referenceC);
        const SolveOptions o = averaging();
        const SolveReport cold = s.solveSteady(o);
        QVERIFY(cold.converged && cold.averaged);
        QVERIFY(cold.steps >= o.averageAfter + 2 * o.averageBlock);
        const std::vector<double> coldIntakes = intakeMeans(s, h);
        const SolveReport warm = s.solveSteady(o);
        qInfo("cold %d steps, warm %d steps", cold.steps, warm.steps);
        QVERIFY(warm.converged && warm.averaged);
        QCOMPARE(warm.steps % o.averageBlock, o.warmAverageAfter % o.averageBlock);
        QVERIFY(warm.steps < cold.steps);
        const std::vector<double> warmIntakes = intakeMeans(s, h);
        for (size_t k = 0; k < coldIntakes.size(); ++k)
            QVERIFY2(std::fabs(warmIntakes[k] - coldIntakes[k]) < 4 * o.monitorTolerance,
                     qPrintable(QString("rack %1: %2 vs %3").arg(k).arg(warmIntakes[k]).arg(coldIntakes[k])));
        // Where the first block's mean agrees with the start (here within a looser tolerance), one block
        // is enough: without the start as reference no solve could end before its second block.
        SolveOptions loose = o;
        loose.monitorTolerance = 0.2;
        QCOMPARE(s.solveSteady(loose).steps, o.warmAverageAfter + o.averageBlock);
    }

    void averagedFieldsAreTheMeanOfTheSteps() {
        const HallGrid h = gratedHall();
        AirSolver averaged(h.airCase, h.airCase.air.referenceC);
        const SolveReport r = averaged.solveSteady(averaging());
        qInfo("averaged: %d steps, change %.4f K, fluctuation %.3f K, imbalance %.4f %%", r.steps,
              r.monitorChange, r.fluctuation, 100 * averaged.energyBalance().relativeImbalance());
        QVERIFY(r.converged && r.averaged);
        QVERIFY(r.fluctuation > 0.05); // the rack temperatures did move while averaging
        QVERIFY(std::fabs(averaged.energyBalance().relativeImbalance()) < 0.01);

        // The same steps once more, averaging the intakes here.
        AirSolver stepped(h.airCase, h.airCase.air.referenceC);
        SolveOptions o = hallSolveOptions();
        o.averageAfter = 0;
        o.monitorTolerance = 0;
        o.tolerance = 0;
        o.maxSteps = averaging().averageAfter;
        stepped.solveSteady(o);
        const size_t racks = h.racks.size();
        std::vector<double> mean(racks, 0.0), lo(racks, 1e30), hi(racks, -1e30);
        const int samples = r.steps - o.maxSteps;
        for (int n = 0; n < samples; ++n) {
            stepped.step(o.step(true, 1e30));
            const std::vector<double> now = intakeMeans(stepped, h);
            for (size_t k = 0; k < racks; ++k) {
                mean[k] += now[k] / samples;
                lo[k] = std::min(lo[k], now[k]);
                hi[k] = std::max(hi[k], now[k]);
            }
        }
        const std::vector<double> got = intakeMeans(averaged, h);
        double worst = 0, widest = 0;
        for (size_t k = 0; k < racks; ++k) {
            worst = std::max(worst, std::fabs(got[k] - mean[k]));
            widest = std::max(widest, hi[k] - lo[k]);
        }
        qInfo("rack intake means: largest difference %.2e K over %d steps; widest intake range %.3f K "
              "(reported %.3f K)",
              worst, samples, widest, r.fluctuation);
        QVERIFY(worst < 2e-3);
        // The reported fluctuation is the widest range a rack's exhaust (its intake mean + ΔT) took.
        QVERIFY(std::fabs(r.fluctuation - widest) < 0.01);
        QVERIFY(widest > 10 * worst); // the mean differs from the steps it was taken over
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestAirAveraging)
#include "tst_air_averaging.moc"
