// The air solver's model/state split: a state is a value. Copies stepped on other threads, at the same
// time, against one shared model give the fields of the same steps taken serially, bit for bit; a step
// depends on its state and options only (nothing is remembered from earlier calls); a warm start carried
// onto an edited model keeps the fields of the cells that stay fluid.
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/air/AirSolver.hpp"
#include "model/air/HallGrid.hpp"

#include <thread>

using namespace halltwin::model;
using namespace halltwin::model::air;

namespace {

constexpr int kSteps = 15;

HallGrid hall() {
    return buildHallGrid(halltwin::test::referenceTwin("legacy-air"), HallGridOptions(0.4));
}

void stepN(const AirModel& m, AirState& s, int n, const StepOptions& o) {
    AirWorkspace w = makeWorkspace(m);
    for (int i = 0; i < n; ++i)
        step(m, s, w, o);
}

bool sameFields(const AirState& a, const AirState& b) {
    return a.vel[0] == b.vel[0] && a.vel[1] == b.vel[1] && a.vel[2] == b.vel[2] && a.T == b.T && a.p == b.p &&
           a.inflowT == b.inflowT && a.residual == b.residual;
}

} // namespace

class TestAirState : public QObject {
    Q_OBJECT

  private slots:
    void copiesSteppedOnThreadsMatchSerialSteps() {
        const HallGrid h = hall();
        const std::shared_ptr<const AirModel> m = makeAirModel(h.airCase);
        const StepOptions o = hallSolveOptions().step(true, 1e30);
        const AirState rest = restState(*m, h.airCase.air.referenceC);
        AirState serial = rest;
        stepN(*m, serial, kSteps, o);
        QVERIFY(!sameFields(serial, rest)); // the steps did move the air

        AirState a = rest, b = rest;
        std::thread other([&] { stepN(*m, b, kSteps, o); });
        stepN(*m, a, kSteps, o);
        other.join();
        QVERIFY(sameFields(a, serial));
        QVERIFY(sameFields(b, serial));
    }

    void aStepDependsOnItsStateAndOptionsOnly() {
        const HallGrid h = hall();
        AirSolver solver(h.airCase, h.airCase.air.referenceC);
        SolveOptions first = hallSolveOptions();
        first.maxSteps = 5;
        first.cfl = 3; // different options, remembered nowhere
        solver.solveSteady(first);
        const AirSolution before = solver.solution();
        const StepOptions o = hallSolveOptions().step(true, 1e30);
        solver.step(o);
        AirState fresh = before.state; // a new workspace, a copied state
        stepN(*before.model, fresh, 1, o);
        QVERIFY(sameFields(solver.state(), fresh));
    }

    void warmStartKeepsTheFieldsOfAnEditedHall() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        const HallGrid h = buildHallGrid(t, HallGridOptions(0.4));
        AirSolver solver(h.airCase, h.airCase.air.referenceC);
        SolveOptions o = hallSolveOptions();
        o.maxSteps = 30;
        solver.solveSteady(o);
        t.racks.back().xM += 0.6;
        const HallGrid moved = buildHallGrid(t, HallGridOptions(0.4));
        const std::shared_ptr<const AirModel> next = makeAirModel(moved.airCase);
        const AirState carried = carryOver(*next, solver.model(), solver.state());
        const AirGrid& was = solver.model().grid();
        const AirGrid& now = next->grid();
        int kept = 0, filled = 0;
        for (int k = 0; k < now.nz; ++k)
            for (int j = 0; j < now.ny; ++j)
                for (int i = 0; i < now.nx; ++i) {
                    const size_t n = now.cells().index(i, j, k);
                    if (was.isFluid(i, j, k) && now.isFluid(i, j, k)) {
                        QCOMPARE(carried.T[n], solver.state().T[n]);
                        ++kept;
                    } else if (!was.isFluid(i, j, k) && now.isFluid(i, j, k)) {
                        ++filled; // opened by the move: neighbours' mean, within the field's range
                        QVERIFY(carried.T[n] > 10 && carried.T[n] < 60);
                    }
                }
        QVERIFY(kept > 1000);
        QVERIFY(filled > 0);
        for (int a = 0; a < 3; ++a)
            for (size_t f = 0; f < carried.vel[a].size(); ++f)
                if (next->faceKind[a][f] != Active) QCOMPARE(carried.vel[a][f], 0.0f);
        // Another grid shape: air at rest.
        const std::shared_ptr<const AirModel> finer =
            makeAirModel(buildHallGrid(t, HallGridOptions(0.2)).airCase);
        const AirState rest = carryOver(*finer, solver.model(), solver.state());
        QCOMPARE(rest.T.size(), finer->cells.size());
        QCOMPARE(rest.vel[0][finer->velDims[0].index(1, 1, 1)], 0.0f);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestAirState)
#include "tst_air_state.moc"
