// The standard k-ε model (Launder & Spalding 1974): decaying homogeneous turbulence against its closed
// form, the wall function against the log law, and a hall solved with the model (heat balance, positive
// k and ε, the warm start and the nested cold start carrying the turbulence along).
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/HallSimulation.hpp"
#include "model/air/AirKernels.hpp"
#include "model/air/AirSolver.hpp"
#include "model/air/HallAirResult.hpp"

#include <algorithm>
#include <cmath>

using namespace halltwin::model;
using namespace halltwin::model::air;

class TestAirKEpsilon : public QObject {
    Q_OBJECT

  private slots:
    // Without mean flow dk/dt = −ε and dε/dt = −C2 ε²/k, whose solution is
    // k = k0 (1 + (C2 − 1) ε0 t / k0)^(−1/(C2 − 1)), ε = ε0 (1 + (C2 − 1) ε0 t / k0)^(−C2/(C2 − 1)).
    void homogeneousTurbulenceDecaysAsTheClosedForm() {
        AirCase c;
        c.grid = AirGrid(24, 24, 1, 1.0, 1.0, 1.0);
        c.air.gravity = {0, 0, 0};
        c.air.kEpsilon = true;
        const auto m = makeAirModel(c);
        AirState s = restState(*m, 20);
        QCOMPARE(s.k.size(), m->cells.size());
        const double k0 = 0.01, e0 = 0.001;
        std::fill(s.k.begin(), s.k.end(), float(k0));
        std::fill(s.eps.begin(), s.eps.end(), float(e0));
        AirWorkspace w = makeWorkspace(*m);
        StepOptions o;
        o.steady = false, o.dtMax = 0.005;
        double t = 0;
        while (t < 10 - 1e-9)
            t += step(*m, s, w, o);
        const size_t centre = m->cells.index(12, 12, 0);
        const double x = 1 + (kernels::kEpsilonC2 - 1) * e0 * t / k0;
        const double k = k0 * std::pow(x, -1 / (kernels::kEpsilonC2 - 1));
        const double e = e0 * std::pow(x, -kernels::kEpsilonC2 / (kernels::kEpsilonC2 - 1));
        QVERIFY2(std::fabs(s.k[centre] / k - 1) < 0.005, qPrintable(QString::number(s.k[centre] / k)));
        QVERIFY2(std::fabs(s.eps[centre] / e - 1) < 0.005, qPrintable(QString::number(s.eps[centre] / e)));
        // ν_t = C_μ k²/ε, evaluated as the next step begins.
        step(*m, s, w, o);
        const double nut = kernels::kEpsilonCmu * double(s.k[centre]) * s.k[centre] / s.eps[centre];
        QVERIFY(std::fabs(s.nuT[centre] / nut - 1) < 0.01);
        QVERIFY(s.nuT[centre] > 100 * c.air.viscosity); // the model is on
    }

    // In the log layer U/u_τ = ln(E y+)/κ with u_τ = C_μ^¼ k^½: the wall's viscosity ν + ν_w must make
    // (ν + ν_w)·U/y the wall shear u_τ²; inside the viscous sublayer the wall sees ν alone.
    void wallFunctionGivesTheLogLawShear() {
        const double nu = 1.5e-5;
        for (double yPlus : {30.0, 100.0, 1000.0}) {
            const double uTau = 0.05, y = yPlus * nu / uTau;
            const double k = uTau * uTau / std::sqrt(kernels::kEpsilonCmu);
            const double U = uTau / kernels::kEpsilonKappa * std::log(kernels::kEpsilonE * yPlus);
            const double shear = (nu + kernels::wallEddyViscosity(nu, k, y)) * U / y;
            QVERIFY2(std::fabs(shear / (uTau * uTau) - 1) < 1e-9, qPrintable(QString::number(shear)));
        }
        QCOMPARE(kernels::wallEddyViscosity(nu, 0.05 * 0.05 / 0.3, 5 * nu / 0.05), 0.0);
    }

    void modelsAreNamedAsTheCommandLineTakesThem() {
        for (TurbulenceModel m :
             {TurbulenceModel::Constant, TurbulenceModel::ZeroEquation, TurbulenceModel::KEpsilon})
            QVERIFY(turbulenceModelNamed(nameOf(m)) == m);
        QCOMPARE(std::string(nameOf(TurbulenceModel::KEpsilon)), std::string("k-epsilon"));
        QVERIFY(!turbulenceModelNamed("k-omega"));
    }

    void hallSolvesWithTheModel() {
        HallGridOptions opt(0.4);
        opt.kEpsilon = true;
        const Twin twin = halltwin::test::referenceTwin("legacy-air");
        const HallGrid h = buildHallGrid(twin, opt);
        QCOMPARE(turbulenceModelOf(h.airCase.air),
                 std::string("standard k-epsilon (Launder & Spalding 1974), log-law wall functions"));
        AirSolver s(h.airCase, 18);
        SolveOptions o = hallSolveOptions();
        o.maxSteps = 400;
        s.solveSteady(o);
        const AirState& st = s.state();
        const AirModel& m = s.model();
        double nutMax = 0;
        for (size_t n = 0; n < m.cells.size(); ++n) {
            if (!m.fluid(n)) continue;
            QVERIFY(std::isfinite(st.k[n]) && st.k[n] > 0 && std::isfinite(st.eps[n]) && st.eps[n] > 0);
            nutMax = std::max(nutMax, double(st.nuT[n]));
        }
        QVERIFY(nutMax > 100 * m.airCase.air.viscosity);
        // The memory budget holds with the model's fields (ν_t, k, ε and the wall flags).
        const double bytesPerCell = double(s.memoryBytes()) / double(m.cells.size());
        qInfo("k-epsilon hall at 0.4 m: %.1f B/cell", bytesPerCell);
        QVERIFY2(bytesPerCell <= 120, qPrintable(QString::number(bytesPerCell)));
        const EnergyBalance e = s.energyBalance();
        QVERIFY2(std::fabs(e.relativeImbalance()) < 0.01, qPrintable(QString::number(e.relativeImbalance())));
        // An edit's warm start keeps the turbulence it had.
        const AirState before = st;
        AirSolver warm(s.solution());
        warm.setCase(h.airCase);
        QVERIFY(warm.state().k == before.k && warm.state().eps == before.eps);
        // A nested cold start's interpolation carries it onto the finer grid.
        opt.cellM = 0.2;
        const auto fine = makeAirModel(buildHallGrid(twin, opt).airCase);
        const AirState on = interpolateState(*fine, m, st);
        const auto [lo, hi] = std::minmax_element(on.k.begin(), on.k.end());
        QVERIFY(on.k.size() == fine->cells.size() && *hi > 10 * *lo);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestAirKEpsilon)
#include "tst_air_k_epsilon.moc"
