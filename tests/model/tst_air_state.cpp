// The air solver's model/state split: a state is a value. Copies stepped on other threads, at the same
// time, against one shared model give the fields of the same steps taken serially, bit for bit; a step
// depends on its state and options only (nothing is remembered from earlier calls); a warm start carried
// onto an edited model keeps the fields of the cells that stay fluid; a state interpolated onto a finer
// grid keeps linear fields exactly, and a cold start nests a coarser grid's solution.
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/air/AirSolver.hpp"
#include "model/air/HallColdStart.hpp"
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

    void interpolationKeepsLinearFields() {
        const Twin t = halltwin::test::referenceTwin("legacy-air");
        const std::shared_ptr<const AirModel> coarse =
            makeAirModel(buildHallGrid(t, HallGridOptions(0.4)).airCase);
        const std::shared_ptr<const AirModel> fine =
            makeAirModel(buildHallGrid(t, HallGridOptions(0.2)).airCase);
        // T = 20 + 0.3 x − 0.5 z and u = 0.1 y at every point of the coarse grid (cell centres, faces).
        auto centre = [](const AirGrid& g, int a, int i) { return (i + 0.5) * g.h(a); };
        auto T = [](double x, double, double z) { return 20 + 0.3 * x - 0.5 * z; };
        AirState s = restState(*coarse, 20);
        const AirGrid& cg = coarse->grid();
        for (int k = 0; k < cg.nz; ++k)
            for (int j = 0; j < cg.ny; ++j)
                for (int i = 0; i < cg.nx; ++i)
                    s.T[cg.cells().index(i, j, k)] =
                        float(T(centre(cg, 0, i), centre(cg, 1, j), centre(cg, 2, k)));
        const Dims u = coarse->velDims[0];
        for (int k = 0; k < u.nz; ++k)
            for (int j = 0; j < u.ny; ++j)
                for (int i = 0; i < u.nx; ++i)
                    s.vel[0][u.index(i, j, k)] = float(0.1 * centre(cg, 1, j));
        s.age = 123;
        const AirState f = interpolateState(*fine, *coarse, s);
        QCOMPARE(f.age, 123L);
        const AirGrid& fg = fine->grid();
        int exact = 0;
        for (int k = 0; k < fg.nz; ++k)
            for (int j = 0; j < fg.ny; ++j)
                for (int i = 0; i < fg.nx; ++i) {
                    // Inside the coarse lattice and away from solids every weight is a fluid one.
                    const double x = centre(fg, 0, i), y = centre(fg, 1, j), z = centre(fg, 2, k);
                    bool clear = x > cg.hx && y > cg.hy && z > cg.hz && x < (cg.nx - 1) * cg.hx &&
                                 y < (cg.ny - 1) * cg.hy && z < (cg.nz - 1) * cg.hz;
                    for (int c = 0; c < 8 && clear; ++c)
                        clear =
                            cg.isFluid(int(x / cg.hx - 0.5) + (c & 1), int(y / cg.hy - 0.5) + (c >> 1 & 1),
                                       int(z / cg.hz - 0.5) + (c >> 2 & 1));
                    if (!clear) continue;
                    QVERIFY(std::fabs(f.T[fg.cells().index(i, j, k)] - T(x, y, z)) < 1e-4);
                    ++exact;
                }
        QVERIFY(exact > 10000);
        const Dims fu = fine->velDims[0];
        int faces = 0;
        for (int k = 0; k < fu.nz; ++k)
            for (int j = 1; j + 1 < fu.ny; ++j)
                for (int i = 0; i < fu.nx; ++i) {
                    const size_t n = fu.index(i, j, k);
                    if (fine->faceKind[0][n] != Active) {
                        QCOMPARE(f.vel[0][n], 0.0f);
                        continue;
                    }
                    const double y = centre(fg, 1, j);
                    if (y < cg.hy || y > (cg.ny - 1) * cg.hy) continue; // clamped beyond the outer centres
                    QVERIFY(std::fabs(f.vel[0][n] - 0.1 * y) < 1e-5);
                    ++faces;
                }
        QVERIFY(faces > 10000);
    }

    void coldStartNestsTheCoarserSolution() {
        const Twin t = halltwin::test::referenceTwin("legacy-air");
        const HallGrid h = buildHallGrid(t, HallGridOptions(0.2));
        const std::shared_ptr<const AirModel> fine = makeAirModel(h.airCase);
        const SolveOptions o = hallSolveOptions();
        // Above the coarsest size nothing nests: air at rest.
        const ColdStart rest = coldStart(t, HallGridOptions(0.2), *fine, o);
        QCOMPARE(rest.coarseSteps, 0);
        QVERIFY(rest.state.vel[0] == restState(*fine, 0).vel[0]);
        // With 0.4 m allowed: the 0.4 m solution, interpolated.
        const ColdStart nested = coldStart(t, HallGridOptions(0.2), *fine, o, 0.4);
        const HallGrid ch = buildHallGrid(t, HallGridOptions(0.4));
        AirSolver coarse(ch.airCase, ch.airCase.air.referenceC);
        const SolveReport r = coarse.solveSteady(o);
        QVERIFY(r.converged);
        QCOMPARE(nested.coarseSteps, r.steps);
        QCOMPARE(nested.coarseCellSteps, double(coarse.model().cells.size()) * r.steps);
        // A developed flow, not yet a fine solution: averaging starts after kSettleSteps, with no warm
        // start's first-block reference.
        QCOMPARE(nested.state.age, o.averageAfter - kSettleSteps);
        // The start is that solution carried onto the fine grid (the same steps: the same fields).
        AirState expected = interpolateState(*fine, coarse.model(), coarse.state());
        expected.age = nested.state.age;
        QVERIFY(sameFields(nested.state, expected));
        QVERIFY(!sameFields(nested.state, rest.state));
        // A coarsest size below the cell nests nothing either.
        QCOMPARE(coldStart(t, HallGridOptions(0.2), *fine, o, 0.3).coarseSteps, 0);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestAirState)
#include "tst_air_state.moc"
