// The zero-equation turbulence model (Chen & Xu 1998): the wall
// distance against the closed form in a box, ν_t = 0.03874·|V|·l cell by cell, and the heat balance and
// a heatless hall with the model on.
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/air/AirSolver.hpp"
#include "model/air/HallAirResult.hpp"

#include <algorithm>
#include <cmath>

using namespace halltwin::model;
using namespace halltwin::model::air;

namespace {

// Distance from the centre of cell (i, j, k) to the nearest side of a box of n cells of size h per axis.
double boxWallDistance(int i, int j, int k, const AirGrid& g) {
    const int m[3] = {i, j, k}, n[3] = {g.nx, g.ny, g.nz};
    double d = 1e30;
    for (int a = 0; a < 3; ++a)
        d = std::min({d, (m[a] + 0.5) * g.h(a), (n[a] - m[a] - 0.5) * g.h(a)});
    return d;
}

HallGrid zeroEquationHall(const Twin& t, double cellM) {
    HallGridOptions o(cellM);
    o.zeroEquationC = chenXuC;
    return buildHallGrid(t, o);
}

} // namespace

class TestAirTurbulence : public QObject {
    Q_OBJECT

  private slots:
    void wallDistanceIsToTheNearestWall() {
        AirCase c;
        c.grid = AirGrid(12, 8, 6, 0.1, 0.2, 0.3);
        c.air.zeroEquationC = chenXuC;
        const AirSolver s(c, 20);
        const Dims d = s.cellDims();
        QCOMPARE(s.wallDistance().size(), d.size());
        for (int k = 0; k < d.nz; ++k)
            for (int j = 0; j < d.ny; ++j)
                for (int i = 0; i < d.nx; ++i)
                    QVERIFY(std::fabs(s.wallDistance()[d.index(i, j, k)] - boxWallDistance(i, j, k, c.grid)) <
                            1e-6);
        // A solid block is a wall too: the cell beside it is half a cell from its face.
        c.grid.setSolid(5, 4, 2);
        const AirSolver b(c, 20);
        QCOMPARE(double(b.wallDistance()[d.index(5, 4, 2)]), 0.0);
        QVERIFY(std::fabs(b.wallDistance()[d.index(6, 4, 2)] - 0.05) < 1e-6);
        QVERIFY(std::fabs(b.wallDistance()[d.index(5, 4, 3)] - 0.15) < 1e-6);
        // Without the model the solver keeps no per-cell turbulence fields.
        c.air.zeroEquationC = 0;
        QVERIFY(AirSolver(c, 20).eddyViscosity().empty());
        // Results name the model they were solved with.
        QCOMPARE(turbulenceModelOf(c.air), std::string("constant effective viscosity 1.5e-05 m2/s"));
        c.air.zeroEquationC = 0.03874;
        QCOMPARE(turbulenceModelOf(c.air), std::string("zero-equation (Chen & Xu 1998), C = 0.03874"));
    }

    void eddyViscosityFollowsTheFormula() {
        const HallGrid h = zeroEquationHall(halltwin::test::referenceTwin("legacy-air"), 0.4);
        AirSolver s(h.airCase, 18);
        SolveOptions o = hallSolveOptions();
        o.maxSteps = 20;
        s.solveSteady(o);
        // The model is evaluated from the velocities a step starts with.
        const Dims d = s.cellDims();
        std::vector<double> speed(d.size(), 0.0);
        for (int k = 0; k < d.nz; ++k)
            for (int j = 0; j < d.ny; ++j)
                for (int i = 0; i < d.nx; ++i) {
                    const auto u = s.cellVelocity(i, j, k);
                    speed[d.index(i, j, k)] = std::hypot(u[0], u[1], u[2]);
                }
        s.step(o.step(true, 1e30));
        double largest = 0;
        for (int k = 0; k < d.nz; ++k)
            for (int j = 0; j < d.ny; ++j)
                for (int i = 0; i < d.nx; ++i) {
                    if (!h.airCase.grid.isFluid(i, j, k)) continue;
                    const size_t n = d.index(i, j, k);
                    const double expected = 0.03874 * speed[n] * s.wallDistance()[n];
                    QVERIFY(std::fabs(s.eddyViscosity()[n] - expected) <= 1e-5 * expected + 1e-9);
                    largest = std::max(largest, expected);
                }
        qInfo("largest eddy viscosity %.4f m2/s", largest);
        QVERIFY(largest > 1e-3); // the jets and plumes are turbulent: the model is not idle
    }

    void zeroEquationHallKeepsItsHeatBalance() {
        const HallGrid h = zeroEquationHall(halltwin::test::referenceTwin("legacy-air"), 0.4);
        AirSolver s(h.airCase, 18);
        const SolveReport r = s.solveSteady(hallSolveOptions());
        const EnergyBalance e = s.energyBalance();
        qInfo("zero-equation legacy-air at 0.4 m: %d steps, settled %d, imbalance %.4f %%", r.steps,
              int(r.settled), 100 * e.relativeImbalance());
        QVERIFY(r.converged);
        QVERIFY(std::fabs(e.relativeImbalance()) < 0.01);
    }

    void heatlessHallStaysAtSupplyWithTheModel() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        HallGridOptions o(0.4);
        o.zeroEquationC = chenXuC;
        o.rackAirHeatW.assign(t.racks.size(), 0.0);
        const HallGrid h = buildHallGrid(t, o);
        AirSolver s(h.airCase, h.airCase.air.referenceC);
        SolveOptions so = hallSolveOptions();
        so.maxSteps = 100;
        s.solveSteady(so);
        const auto [lo, hi] = std::minmax_element(s.temperature().begin(), s.temperature().end());
        QVERIFY(*hi - *lo < 1e-3);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestAirTurbulence)
#include "tst_air_turbulence.moc"
