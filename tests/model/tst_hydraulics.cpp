// Liquid-loop hydraulics and energy balance against closed forms and published values: Hagen–Poiseuille,
// pipes in series and parallel, a pump's operating point, a textbook three-reservoir problem, a published
// two-loop Hardy Cross network, conservation at every junction, and the coolant property correlations.
// Reference values are computed here from the formulas themselves (independently of the solver's code).
#include "support/TestMain.hpp"

#include "model/sim/Coolant.hpp"
#include "model/sim/HydraulicNetwork.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numbers>
#include <stdexcept>

using namespace halltwin::model::sim;

namespace {

constexpr double g = 9.80665;
constexpr double pi = std::numbers::pi;

// Fixed properties (water near 20 °C) so the hydraulic tests do not depend on the property correlations.
const FluidProperties kWater{998.2, 4182.0, 1.002e-3, 0.598};

bool closeRel(double actual, double expected, double tol) {
    return std::abs(actual - expected) <= tol * std::max(std::abs(expected), 1e-300);
}

QString describe(double actual, double expected) {
    return QString("actual %1, expected %2").arg(actual, 0, 'g', 15).arg(expected, 0, 'g', 15);
}

#define VERIFY_REL(actual, expected, tol)                                                                    \
    do {                                                                                                     \
        const double a_ = (actual), e_ = (expected);                                                         \
        QVERIFY2(closeRel(a_, e_, tol), qPrintable(describe(a_, e_)));                                       \
    } while (false)

double bisect(const std::function<double(double)>& f, double lo, double hi) {
    double flo = f(lo);
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi), fm = f(mid);
        if ((fm < 0) == (flo < 0))
            lo = mid, flo = fm;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

// Swamee & Jain (1976): f = 0.25 / [log10(ε/(3.7D) + 5.74/Re^0.9)]², written out from the paper.
double swameeJainRef(double re, double relRough) {
    const double l = std::log10(relRough / 3.7 + 5.74 / std::pow(re, 0.9));
    return 0.25 / (l * l);
}

// Colebrook (1939): 1/√f = −2·log10(ε/(3.7D) + 2.51/(Re·√f)), by fixed-point iteration on 1/√f.
double colebrookRef(double re, double relRough) {
    double x = 8.0;
    for (int i = 0; i < 200; ++i)
        x = -2.0 * std::log10(relRough / 3.7 + 2.51 * x / re);
    return 1.0 / (x * x);
}

// Darcy–Weisbach head loss of a turbulent pipe (Re > 4000 asserted by the caller) plus minor losses.
double turbulentHeadLossM(double q, const Pipe& p, const FluidProperties& f) {
    const double a = pi * p.diameterM * p.diameterM / 4, v = q / a;
    const double re = std::abs(v) * p.diameterM * f.densityKgM3 / f.viscosityPaS;
    return (swameeJainRef(re, p.roughnessM / p.diameterM) * p.lengthM / p.diameterM + p.minorLossK) * v *
           std::abs(v) / (2 * g);
}

double reynolds(double q, double d, const FluidProperties& f) {
    return 4 * std::abs(q) / (pi * d) * f.densityKgM3 / f.viscosityPaS;
}

// Hagen–Poiseuille: ΔP = 128·μ·L·Q/(π·D⁴), as head.
double laminarHeadLossM(double q, double lengthM, double diameterM, const FluidProperties& f) {
    return 128 * f.viscosityPaS * lengthM * q / (pi * std::pow(diameterM, 4)) / (f.densityKgM3 * g);
}

// Net flow into junction i minus its demand: zero by continuity.
double imbalanceM3s(const Network& net, const HydraulicResult& r, std::size_t i) {
    double sum = -net.nodes[i].demandM3s;
    for (std::size_t k = 0; k < net.links.size(); ++k) {
        if (net.links[k].to == net.nodes[i].name) sum += r.flowM3s[k];
        if (net.links[k].from == net.nodes[i].name) sum -= r.flowM3s[k];
    }
    return sum;
}

double flowOf(const Network& net, const HydraulicResult& r, const std::string& link) {
    return r.flowM3s[net.linkIndex(link).value()];
}
double headOf(const Network& net, const HydraulicResult& r, const std::string& node) {
    return r.headM[net.nodeIndex(node).value()];
}

HydraulicResult solveOk(const Network& net, const FluidProperties& f = kWater) {
    HydraulicResult r = solveHydraulics(net, f);
    if (!r.converged) std::fprintf(stderr, "solver did not converge: %s\n", r.error.c_str());
    return r;
}

// A CDU secondary loop: the CDU outlet is the pressure reference (fixed head, supply temperature), a pump
// draws the return header back into it, eight racks with cold plates (power law) between a supply and a
// return header, a bypass valve at the far end and a cross-tie making a second loop.
Network rowLoop(int racks, double leakM3s) {
    Network net;
    net.addFixedHead("cdu-out", 15.0);
    net.addJunction("pump-in");
    for (int i = 0; i < racks; ++i) {
        net.addJunction(fmt::format("s{}", i));
        net.addJunction(fmt::format("r{}", i), i == racks / 2 ? leakM3s : 0.0);
    }
    const Pipe header{6.0, 0.10, 4.5e-5, 0.5};
    net.addLink("supply-main", "cdu-out", "s0", Pipe{20.0, 0.125, 4.5e-5, 3.0});
    for (int i = 0; i + 1 < racks; ++i) {
        net.addLink(fmt::format("sh{}", i), fmt::format("s{}", i), fmt::format("s{}", i + 1), header);
        net.addLink(fmt::format("rh{}", i), fmt::format("r{}", i + 1), fmt::format("r{}", i), header);
    }
    for (int i = 0; i < racks; ++i) // a rack's manifold and cold plates: ~13 m (130 kPa) at 1.5 L/s
        net.addLink(fmt::format("rack{}", i), fmt::format("s{}", i), fmt::format("r{}", i),
                    PowerLaw{1.6e6 * (1.0 + 0.05 * i), 1.8 + 0.02 * i});
    net.addLink("bypass", fmt::format("s{}", racks - 1), fmt::format("r{}", racks - 1),
                Valve{0.05, 5.0, 0.3});
    net.addLink("cross-tie", "s2", "r5", Pipe{3.0, 0.025, 1.5e-6, 2.0});
    net.addLink("return-main", "r0", "pump-in", Pipe{20.0, 0.125, 4.5e-5, 3.0});
    net.addLink("pump", "pump-in", "cdu-out", Pump{32.0, 1.0e5, 1.0, 0.6});
    return net;
}

} // namespace

class TestHydraulics : public QObject {
    Q_OBJECT

  private slots:
    // ---- coolant properties -------------------------------------------------------------------------
    void waterAt20C() {
        // Density 998.21 kg/m³ (Kell 1975; IAPWS-95 998.21), viscosity 1.0016 mPa·s (IAPWS 2008),
        // cp 4184 J/(kg·K) and k 0.598 W/(m·K) (IAPWS-95 / IAPWS 2011 at 0.1 MPa).
        const FluidProperties w = coolantProperties("water", 20.0);
        VERIFY_REL(w.densityKgM3, 998.21, 2e-5);
        VERIFY_REL(w.viscosityPaS, 1.002e-3, 5e-3);
        VERIFY_REL(w.cpJKgK, 4184.0, 1e-3);
        VERIFY_REL(w.conductivityWmK, 0.598, 5e-3);
    }

    void waterAgainstIapws_data() {
        QTest::addColumn<double>("tempC");
        QTest::addColumn<double>("density");
        QTest::addColumn<double>("viscosity");
        // IAPWS-95 densities and IAPWS 2008 viscosities at 0.101325 MPa (NIST Chemistry WebBook).
        QTest::newRow("10 C") << 10.0 << 999.70 << 1.3059e-3;
        QTest::newRow("40 C") << 40.0 << 992.22 << 0.6527e-3;
        QTest::newRow("60 C") << 60.0 << 983.20 << 0.4665e-3;
        QTest::newRow("80 C") << 80.0 << 971.80 << 0.3544e-3;
    }
    void waterAgainstIapws() {
        QFETCH(double, tempC);
        QFETCH(double, density);
        QFETCH(double, viscosity);
        const FluidProperties w = coolantProperties("water", tempC);
        VERIFY_REL(w.densityKgM3, density, 1e-4);
        VERIFY_REL(w.viscosityPaS, viscosity, 0.02); // the Vogel fit's accuracy is a few per mille to ~1 %
    }

    void pg25MatchesPublishedPoints() {
        // Vendor PG25 data (Airedale glycol design tables [V]; μ [E]): ρ 1023.7/1014.3, cp 3910/3960,
        // μ 2.4/1.4 mPa·s at 20/40 °C.
        const FluidProperties a = coolantProperties("pg25", 20.0), b = coolantProperties("pg25", 40.0);
        VERIFY_REL(a.densityKgM3, 1023.7, 1e-12);
        VERIFY_REL(b.densityKgM3, 1014.3, 1e-12);
        VERIFY_REL(a.cpJKgK, 3910.0, 1e-12);
        VERIFY_REL(b.cpJKgK, 3960.0, 1e-12);
        VERIFY_REL(a.viscosityPaS, 2.4e-3, 1e-12);
        VERIFY_REL(b.viscosityPaS, 1.4e-3, 1e-12);
        // Midway: ρ and cp linear, μ interpolated in log → the geometric mean.
        const FluidProperties m = coolantProperties("pg25", 30.0);
        VERIFY_REL(m.densityKgM3, 1019.0, 1e-12);
        VERIFY_REL(m.cpJKgK, 3935.0, 1e-12);
        VERIFY_REL(m.viscosityPaS, std::sqrt(2.4e-3 * 1.4e-3), 1e-12);
        // Extrapolated linearly to 50 °C: 1014.3 − 4.7 = 1009.6.
        VERIFY_REL(coolantProperties("pg25", 50.0).densityKgM3, 1009.6, 1e-12);
        QVERIFY(m.conductivityWmK > 0.4 && m.conductivityWmK < 0.6);
    }

    void unknownFluidIsNamed() {
        try {
            coolantProperties("glycerol", 20.0);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("glycerol") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, coolantProperties("water", 130.0));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, coolantProperties("pg25", NAN));
    }

    // ---- friction factor ----------------------------------------------------------------------------
    void frictionFactorAgainstColebrook_data() {
        QTest::addColumn<double>("re");
        QTest::addColumn<double>("relRough");
        for (double re : {5e3, 1e4, 1e5, 1e6, 1e8})
            for (double rr : {1e-6, 1e-4, 1e-2})
                QTest::addRow("Re=%g e/D=%g", re, rr) << re << rr;
    }
    void frictionFactorAgainstColebrook() {
        // Swamee & Jain quote ~1 % from Colebrook over 5e3 < Re < 1e8, 1e-6 < ε/D < 1e-2. Measured against
        // the iterated Colebrook above: within 1.3 % over the whole chart except the rough, low-Re corner,
        // which reaches 2.8 % (ε/D = 1e-2, Re = 5e3); both well inside the uncertainty of roughness itself.
        QFETCH(double, re);
        QFETCH(double, relRough);
        const double tolerance = relRough >= 1e-2 && re <= 1e4 ? 0.03 : 0.013;
        VERIFY_REL(darcyFrictionFactor(re, relRough), colebrookRef(re, relRough), tolerance);
    }

    void frictionFactorIsLaminarAndContinuous() {
        VERIFY_REL(darcyFrictionFactor(1000, 1e-4), 0.064, 1e-12);
        VERIFY_REL(darcyFrictionFactor(2300 * (1 + 1e-9), 1e-4), 64.0 / 2300, 1e-6);
        VERIFY_REL(darcyFrictionFactor(4000 * (1 - 1e-9), 1e-4), swameeJainRef(4000, 1e-4), 1e-6);
    }

    void headLossRisesThroughTransition() {
        // Newton needs h(Q) monotone: check it on a fine grid across laminar → turbulent.
        const Pipe p{10.0, 0.02, 1.5e-6, 0.0};
        double previous = -1;
        for (double re = 1500; re <= 6000; re += 10) {
            const double q = re * pi * p.diameterM * kWater.viscosityPaS / (4 * kWater.densityKgM3);
            const double h = linkHeadLossM(p, q, kWater);
            QVERIFY2(h > previous, qPrintable(QString("head loss falls at Re %1").arg(re)));
            previous = h;
        }
    }

    // ---- single elements and simple combinations ----------------------------------------------------
    void hagenPoiseuille_data() {
        QTest::addColumn<double>("lengthM");
        QTest::addColumn<double>("diameterM");
        QTest::addColumn<double>("dropM");
        QTest::addColumn<double>("viscosity");
        QTest::newRow("water capillary") << 10.0 << 0.004 << 0.05 << 1.002e-3;
        QTest::newRow("glycol microchannel") << 0.5 << 0.001 << 0.2 << 2.4e-3;
        QTest::newRow("viscous oil line") << 30.0 << 0.02 << 3.0 << 0.1;
    }
    void hagenPoiseuille() {
        QFETCH(double, lengthM);
        QFETCH(double, diameterM);
        QFETCH(double, dropM);
        QFETCH(double, viscosity);
        FluidProperties fluid = kWater;
        fluid.viscosityPaS = viscosity;
        Network net;
        net.addFixedHead("up", 10.0 + dropM);
        net.addFixedHead("down", 10.0);
        net.addLink("tube", "up", "down", Pipe{lengthM, diameterM, 1e-5, 0});
        const HydraulicResult r = solveOk(net, fluid);
        QVERIFY(r.converged);
        // Q = π·D⁴·ΔP/(128·μ·L) with ΔP = ρ·g·Δh.
        const double expected =
            pi * std::pow(diameterM, 4) * fluid.densityKgM3 * g * dropM / (128 * viscosity * lengthM);
        QVERIFY(reynolds(expected, diameterM, fluid) < 2300);
        VERIFY_REL(r.flowM3s[0], expected, 1e-9);
    }

    void seriesHeadLossesAdd_data() {
        QTest::addColumn<double>("flowM3s");
        QTest::addColumn<bool>("laminar");
        QTest::newRow("turbulent 5 L/s") << 5e-3 << false;
        QTest::newRow("turbulent 40 L/s") << 40e-3 << false;
        QTest::newRow("laminar 2 mL/s") << 2e-6 << true;
    }
    void seriesHeadLossesAdd() {
        QFETCH(double, flowM3s);
        QFETCH(bool, laminar);
        const Pipe a{50.0, 0.10, 4.5e-5, 2.0}, b{30.0, 0.08, 1.5e-6, 0.0};
        Network net;
        net.addFixedHead("tank", 50.0);
        net.addJunction("mid");
        net.addJunction("end", flowM3s);
        net.addLink("a", "tank", "mid", a);
        net.addLink("b", "mid", "end", b);
        const HydraulicResult r = solveOk(net);
        QVERIFY(r.converged);
        VERIFY_REL(r.flowM3s[0], flowM3s, 1e-12);
        double ha, hb;
        if (laminar) {
            QVERIFY(reynolds(flowM3s, b.diameterM, kWater) < 2300 &&
                    reynolds(flowM3s, a.diameterM, kWater) < 2300);
            // Minor losses at this flow are ~1e-9 of the friction loss; include them anyway.
            const double va = flowM3s / (pi * a.diameterM * a.diameterM / 4);
            ha = laminarHeadLossM(flowM3s, a.lengthM, a.diameterM, kWater) + a.minorLossK * va * va / (2 * g);
            hb = laminarHeadLossM(flowM3s, b.lengthM, b.diameterM, kWater);
        } else {
            QVERIFY(reynolds(flowM3s, a.diameterM, kWater) > 4000);
            ha = turbulentHeadLossM(flowM3s, a, kWater);
            hb = turbulentHeadLossM(flowM3s, b, kWater);
        }
        VERIFY_REL(50.0 - headOf(net, r, "mid"), ha, 1e-9);
        VERIFY_REL(50.0 - headOf(net, r, "end"), ha + hb, 1e-9);
    }

    void parallelLaminarSplit() {
        // Two capillaries between the same nodes: Q_i ∝ D_i⁴/L_i (Hagen–Poiseuille conductances).
        const double total = 4e-6, l1 = 2.0, d1 = 0.004, l2 = 5.0, d2 = 0.006;
        Network net;
        net.addFixedHead("in", 5.0);
        net.addJunction("out", total);
        net.addLink("p1", "in", "out", Pipe{l1, d1, 0, 0});
        net.addLink("p2", "in", "out", Pipe{l2, d2, 0, 0});
        const HydraulicResult r = solveOk(net);
        QVERIFY(r.converged);
        const double c1 = std::pow(d1, 4) / l1, c2 = std::pow(d2, 4) / l2;
        const double q1 = total * c1 / (c1 + c2);
        QVERIFY(reynolds(total, d1, kWater) < 2300);
        VERIFY_REL(flowOf(net, r, "p1"), q1, 1e-9);
        VERIFY_REL(flowOf(net, r, "p2"), total - q1, 1e-9);
        VERIFY_REL(5.0 - headOf(net, r, "out"), laminarHeadLossM(q1, l1, d1, kWater), 1e-9);
    }

    void parallelTurbulentSplit() {
        // Equal head loss across both branches, solved here by bisection on the split.
        const double total = 0.03;
        const Pipe p1{80.0, 0.10, 4.5e-5, 4.0}, p2{40.0, 0.065, 1.5e-6, 1.5};
        Network net;
        net.addFixedHead("in", 30.0);
        net.addJunction("out", total);
        net.addLink("p1", "in", "out", p1);
        net.addLink("p2", "in", "out", p2);
        const HydraulicResult r = solveOk(net);
        QVERIFY(r.converged);
        const double q1 = bisect(
            [&](double q) {
                return turbulentHeadLossM(q, p1, kWater) - turbulentHeadLossM(total - q, p2, kWater);
            },
            1e-6, total - 1e-6);
        QVERIFY(reynolds(q1, p1.diameterM, kWater) > 4000 &&
                reynolds(total - q1, p2.diameterM, kWater) > 4000);
        VERIFY_REL(flowOf(net, r, "p1"), q1, 1e-8);
        VERIFY_REL(flowOf(net, r, "p2"), total - q1, 1e-8);
        VERIFY_REL(30.0 - headOf(net, r, "out"), turbulentHeadLossM(q1, p1, kWater), 1e-8);
    }

    void powerLawMatchesDatasheet_data() {
        QTest::addColumn<double>("k");
        QTest::addColumn<double>("n");
        QTest::addColumn<double>("dropM");
        QTest::newRow("linear n=1") << 2.0e4 << 1.0 << 2.0;
        QTest::newRow("cold plate n=1.8") << 1.6e6 << 1.8 << 6.0;
        QTest::newRow("quick disconnect n=2") << 5.0e6 << 2.0 << 1.5;
        QTest::newRow("n=2.5") << 1.0e9 << 2.5 << 3.0;
    }
    void powerLawMatchesDatasheet() {
        QFETCH(double, k);
        QFETCH(double, n);
        QFETCH(double, dropM);
        Network net;
        net.addFixedHead("a", 10.0 + dropM);
        net.addFixedHead("b", 10.0);
        net.addLink("plate", "a", "b", PowerLaw{k, n});
        const HydraulicResult r = solveOk(net);
        QVERIFY(r.converged);
        VERIFY_REL(r.flowM3s[0], std::pow(dropM / k, 1.0 / n), 1e-9); // Δh = k·Q^n
    }

    // ---- pumps --------------------------------------------------------------------------------------
    void pumpOperatingPoint_data() {
        QTest::addColumn<double>("speed");
        QTest::newRow("rated") << 1.0;
        QTest::newRow("80 %") << 0.8;
        QTest::newRow("60 %") << 0.6;
    }
    void pumpOperatingPoint() {
        // Reservoir at 0 m → pump (h = s²·30 − 1.2e5·Q²) → system k·Q² = 8e4·Q² → reservoir at 5 m.
        // Operating point: s²·h0 − r·Q² = Δz + k·Q²  ⇒  Q = √((s²·h0 − Δz)/(r + k)).
        QFETCH(double, speed);
        const double h0 = 30, r = 1.2e5, k = 8e4, dz = 5, eta = 0.55;
        Network net;
        net.addFixedHead("sump", 0.0);
        net.addJunction("discharge");
        net.addFixedHead("tank", dz);
        net.addLink("pump", "sump", "discharge", Pump{h0, r, speed, eta});
        net.addLink("system", "discharge", "tank", PowerLaw{k, 2.0});
        const HydraulicResult res = solveOk(net);
        QVERIFY(res.converged);
        const double q = std::sqrt((speed * speed * h0 - dz) / (r + k));
        VERIFY_REL(res.flowM3s[0], q, 1e-9);
        VERIFY_REL(headOf(net, res, "discharge"), dz + k * q * q, 1e-9);
        // Power: ρ·g·Q·H, electric through the wire-to-water efficiency.
        const std::vector<PumpPower> power = pumpPowers(net, res, kWater.densityKgM3);
        const double hydraulic = kWater.densityKgM3 * g * q * (speed * speed * h0 - r * q * q);
        VERIFY_REL(power[0].hydraulicW, hydraulic, 1e-8);
        VERIFY_REL(power[0].electricW, hydraulic / eta, 1e-8);
        QCOMPARE(power[1].hydraulicW, 0.0);
    }

    void stoppedOrOverpoweredPumpIsClosed() {
        const double h0 = 30, r = 1.2e5, k = 8e4, dz = 5;
        for (double speed : {0.0, 0.3}) { // 0.3² · 30 = 2.7 m < 5 m of static lift: the check valve holds
            Network net;
            net.addFixedHead("sump", 0.0);
            net.addJunction("discharge");
            net.addFixedHead("tank", dz);
            net.addLink("pump", "sump", "discharge", Pump{h0, r, speed});
            net.addLink("system", "discharge", "tank", PowerLaw{k, 2.0});
            const HydraulicResult res = solveOk(net);
            QVERIFY(res.converged);
            QVERIFY(res.linkClosed[0]);
            QVERIFY2(std::abs(res.flowM3s[0]) < 1e-7, qPrintable(describe(res.flowM3s[0], 0)));
            QCOMPARE(pumpPowers(net, res, kWater.densityKgM3)[0].electricW, 0.0);
        }
    }

    void pumpWithoutCheckValveRunsBackwards() {
        // Same system at 30 % speed, no check valve: s²h0 − r·Q|Q| − Δz = k·Q|Q| ⇒ Q|Q| = (2.7 − 5)/(2e5).
        Network net;
        net.addFixedHead("sump", 0.0);
        net.addJunction("discharge");
        net.addFixedHead("tank", 5.0);
        Pump pump{30.0, 1.2e5, 0.3};
        pump.checkValve = false;
        net.addLink("pump", "sump", "discharge", pump);
        net.addLink("system", "discharge", "tank", PowerLaw{8e4, 2.0});
        const HydraulicResult res = solveOk(net);
        QVERIFY(res.converged);
        QVERIFY(!res.linkClosed[0]);
        VERIFY_REL(res.flowM3s[0], -std::sqrt(2.3 / 2e5), 1e-9);
    }

    void parallelPumps() {
        // Two identical pumps in parallel: each delivers Q/2, so h0 − r·(Q/2)² = Δz + k·Q².
        // With one stopped its check valve closes and the other runs alone: h0 − r·Q² = Δz + k·Q².
        const double h0 = 30, r = 1.2e5, k = 8e4, dz = 5;
        for (double secondSpeed : {1.0, 0.0}) {
            Network net;
            net.addFixedHead("sump", 0.0);
            net.addJunction("header");
            net.addFixedHead("tank", dz);
            net.addLink("pump-a", "sump", "header", Pump{h0, r, 1.0});
            net.addLink("pump-b", "sump", "header", Pump{h0, r, secondSpeed});
            net.addLink("system", "header", "tank", PowerLaw{k, 2.0});
            const HydraulicResult res = solveOk(net);
            QVERIFY(res.converged);
            const double total =
                secondSpeed > 0 ? std::sqrt((h0 - dz) / (r / 4 + k)) : std::sqrt((h0 - dz) / (r + k));
            // A stopped pump is a closed link of 1e9 s/m²: ~15 m across it leaks 1.5e-8 m³/s back, 1e-6 of
            // the flow, which is the price of keeping its nodes in the matrix.
            const double tolerance = secondSpeed > 0 ? 1e-9 : 3e-6;
            VERIFY_REL(flowOf(net, res, "system"), total, tolerance);
            VERIFY_REL(flowOf(net, res, "pump-a"), secondSpeed > 0 ? total / 2 : total, tolerance);
        }
    }

    // ---- published networks -------------------------------------------------------------------------
    void threeReservoirTextbook() {
        // Three-reservoir problem, Example 9.12 (p. 340) of the fluid-mechanics textbook reproduced as FOSSEE
        // Scilab Textbook Companion 1962 (github.com/FOSSEE/Scilab-TBC-Uploads, 1962/CH9/EX9.12): energy
        // levels 135, 120 and 112 m; pipes 5000 m × 1.5 m, 800 m × 0.5 m, 1500 m × 0.75 m with h = r·Q²,
        // r = 0.7594, 36.33, 8.168 s²/m⁵. Published solution: junction energy level 131.6 m by iteration,
        // hence Q1 = √(3.4/0.7594) = 2.116, Q2 = √(11.6/36.33) = 0.5651, Q3 = √(19.6/8.168) = 1.549 m³/s.
        Network net;
        net.addFixedHead("R1", 135.0);
        net.addFixedHead("R2", 120.0);
        net.addFixedHead("R3", 112.0);
        net.addJunction("J");
        net.addLink("1", "R1", "J", PowerLaw{0.7594, 2.0});
        net.addLink("2", "J", "R2", PowerLaw{36.33, 2.0});
        net.addLink("3", "J", "R3", PowerLaw{8.168, 2.0});
        const HydraulicResult r = solveOk(net);
        QVERIFY(r.converged);
        VERIFY_REL(headOf(net, r, "J"), 131.6, 0.005);
        VERIFY_REL(flowOf(net, r, "1"), 2.116, 0.005);
        VERIFY_REL(flowOf(net, r, "2"), 0.5651, 0.005);
        VERIFY_REL(flowOf(net, r, "3"), 1.549, 0.005);
    }

    void twoLoopHardyCrossNetwork() {
        // The documented example of hardycross() in E. Maurer's R package "hydraulics" (CRAN, v0.7, reference
        // page hardycross.html): square A–B–D–C with diagonal A–D, h = K·Q², K = 200 (1: C–A), 2500 (2: A–D),
        // 500 (3: C–D), 800 (4: A–B), 300 (5: B–D); 0.5 m³/s enters at C and leaves at B. Loops clockwise:
        // (1, 2, 3) and (2, 4, 5); start flows (0.3, 0.1, −0.2) and (−0.1, 0.2, −0.3). Published after one
        // iteration: 0.27195122, 0.05195122, −0.22804878, 0.22, −0.28. Links here point the clockwise way
        // of their first loop, so loop-1 flows and the loop-2 flows of pipes 4 and 5 compare directly.
        const std::array<double, 5> kS2M5{200, 2500, 500, 800, 300};
        const std::vector<std::vector<std::pair<int, int>>> loops{{{0, 1}, {1, 1}, {2, 1}},
                                                                  {{1, -1}, {3, 1}, {4, 1}}};
        std::array<double, 5> q{0.3, 0.1, -0.2, 0.2, -0.3};
        auto hardyCrossIteration = [&] {
            std::vector<double> dq;
            for (const auto& loop : loops) {
                double num = 0, den = 0;
                for (auto [j, s] : loop) {
                    num += s * kS2M5[j] * q[j] * std::abs(q[j]);
                    den += 2 * kS2M5[j] * std::abs(q[j]);
                }
                dq.push_back(-num / den);
            }
            for (std::size_t l = 0; l < loops.size(); ++l)
                for (auto [j, s] : loops[l])
                    q[j] += s * dq[l];
        };
        hardyCrossIteration();
        const std::array<double, 5> published{0.27195122, 0.05195122, -0.22804878, 0.22, -0.28};
        for (int j = 0; j < 5; ++j)
            QVERIFY2(std::abs(q[j] - published[j]) < 1e-8, qPrintable(describe(q[j], published[j])));
        for (int i = 0; i < 200; ++i)
            hardyCrossIteration();

        Network net;
        net.addFixedHead("C", 100.0);
        net.addJunction("A");
        net.addJunction("B", 0.5);
        net.addJunction("D");
        net.addLink("1", "C", "A", PowerLaw{kS2M5[0], 2});
        net.addLink("2", "A", "D", PowerLaw{kS2M5[1], 2});
        net.addLink("3", "D", "C", PowerLaw{kS2M5[2], 2});
        net.addLink("4", "A", "B", PowerLaw{kS2M5[3], 2});
        net.addLink("5", "B", "D", PowerLaw{kS2M5[4], 2});
        const HydraulicResult r = solveOk(net);
        QVERIFY(r.converged);
        for (int j = 0; j < 5; ++j)
            VERIFY_REL(r.flowM3s[j], q[j], 1e-8);
        // And both loops close in head: Σ ±K·Q|Q| = 0.
        for (const auto& loop : loops) {
            double sum = 0, scale = 0;
            for (auto [j, s] : loop) {
                sum += s * kS2M5[j] * r.flowM3s[j] * std::abs(r.flowM3s[j]);
                scale += std::abs(kS2M5[j] * r.flowM3s[j] * r.flowM3s[j]);
            }
            QVERIFY(std::abs(sum) < 1e-10 * scale);
        }
    }

    // ---- conservation on a realistic loop -----------------------------------------------------------
    void massIsConservedAtEveryJunction() {
        const Network net = rowLoop(8, 2e-4);
        const HydraulicResult r = solveOk(net);
        QVERIFY(r.converged);
        QVERIFY2(r.iterations < 40, qPrintable(QString("%1 iterations").arg(r.iterations)));
        const double pumpFlow = flowOf(net, r, "pump");
        QVERIFY(pumpFlow > 0.005); // sanity: the loop actually circulates
        for (std::size_t i = 0; i < net.nodes.size(); ++i)
            if (net.nodes[i].kind == NodeKind::Junction)
                QVERIFY2(std::abs(imbalanceM3s(net, r, i)) <= 1e-9 * pumpFlow,
                         qPrintable(QString::fromStdString(net.nodes[i].name)));
        // The fixed head supplies exactly the leak: pump inflow minus supply-main outflow.
        VERIFY_REL(flowOf(net, r, "supply-main") - pumpFlow, 2e-4, 1e-6);
        // Every cold plate sits on its datasheet curve k·Q^n at the solved flow.
        for (int i = 0; i < 8; ++i) {
            const std::string name = fmt::format("rack{}", i);
            const auto& plate = std::get<PowerLaw>(net.links[net.linkIndex(name).value()].element);
            const double q = flowOf(net, r, name);
            const double drop = headOf(net, r, fmt::format("s{}", i)) - headOf(net, r, fmt::format("r{}", i));
            VERIFY_REL(drop, plate.k * std::pow(q, plate.n), 1e-8);
        }
    }

    void balancedBridgeCarriesNoFlow() {
        // Wheatstone bridge with arms in equal ratio (a1/b1 = a2/b2 = 1/4, h = k·Q²): both midpoints sit at
        // a fifth of the drop, so the bridge carries nothing, which is where Newton on Q|Q| terms loses its
        // gradient. Paths: (a1 + b1)·Q1² = (a2 + b2)·Q2², Q1 + Q2 = 4 L/s ⇒ Q1 = 0.004/(1 + 1/√2).
        Network net;
        net.addFixedHead("in", 20.0);
        net.addJunction("left");
        net.addJunction("right");
        net.addJunction("out", 0.004);
        net.addLink("a1", "in", "left", PowerLaw{2e5, 2});
        net.addLink("b1", "left", "out", PowerLaw{8e5, 2});
        net.addLink("a2", "in", "right", PowerLaw{4e5, 2});
        net.addLink("b2", "right", "out", PowerLaw{16e5, 2});
        net.addLink("bridge", "left", "right", PowerLaw{1e6, 1.8});
        const HydraulicResult r = solveOk(net);
        QVERIFY(r.converged);
        QVERIFY2(r.iterations <= 15, qPrintable(QString("%1 iterations").arg(r.iterations)));
        QVERIFY2(std::abs(flowOf(net, r, "bridge")) < 1e-12,
                 qPrintable(describe(flowOf(net, r, "bridge"), 0)));
        const double q1 = 0.004 / (1 + 1 / std::sqrt(2.0));
        VERIFY_REL(flowOf(net, r, "a1"), q1, 1e-9);
        VERIFY_REL(flowOf(net, r, "b2"), 0.004 - q1, 1e-9);
        VERIFY_REL(20.0 - headOf(net, r, "out"), 1e6 * q1 * q1, 1e-9);
    }

    void nonConvergenceIsReportedNotThrown() {
        HydraulicOptions options;
        options.maxIterations = 2;
        const HydraulicResult r = solveHydraulics(rowLoop(8, 0), kWater, options);
        QVERIFY(!r.converged);
        QVERIFY(!r.error.empty());
        QCOMPARE(r.iterations, 2);
    }

    // ---- structural errors --------------------------------------------------------------------------
    void structuralErrorsNameTheCulprit_data() {
        QTest::addColumn<int>("defect");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown node") << 0 << "ghost";
        QTest::newRow("floating part") << 1 << "island";
        QTest::newRow("duplicate node") << 2 << "j1";
        QTest::newRow("self loop") << 3 << "loopy";
        QTest::newRow("zero diameter") << 4 << "thin";
        QTest::newRow("power law n<1") << 5 << "odd";
    }
    void structuralErrorsNameTheCulprit() {
        QFETCH(int, defect);
        QFETCH(QString, mentions);
        Network net;
        net.addFixedHead("tank", 10.0);
        net.addJunction("j1", 1e-3);
        net.addLink("main", "tank", "j1", Pipe{10, 0.05, 1e-5, 0});
        switch (defect) {
        case 0:
            net.addLink("stray", "j1", "ghost", Pipe{10, 0.05, 1e-5, 0});
            break;
        case 1:
            net.addJunction("island");
            net.addJunction("island2", 1e-3);
            net.addLink("bridge", "island", "island2", Pipe{10, 0.05, 1e-5, 0});
            break;
        case 2:
            net.addJunction("j1");
            break;
        case 3:
            net.addLink("loopy", "j1", "j1", Pipe{10, 0.05, 1e-5, 0});
            break;
        case 4:
            net.addLink("thin", "tank", "j1", Pipe{10, 0.0, 1e-5, 0});
            break;
        case 5:
            net.addLink("odd", "tank", "j1", PowerLaw{1e5, 0.5});
            break;
        }
        try {
            solveHydraulics(net, kWater);
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(mentions), e.what());
        }
    }

    // ---- energy balance -----------------------------------------------------------------------------
    void heatedChainAddsUp() {
        // Supply at 25 °C through two heated cold plates: T = 25 + ΣQ/(ρ·V̇·cp) after each.
        Network net;
        net.addFixedHead("supply", 20.0);
        net.addJunction("j1");
        net.addJunction("j2");
        net.addJunction("j3");
        net.addFixedHead("return", 0.0);
        net.addLink("feed", "supply", "j1", Pipe{5, 0.025, 1.5e-6, 1});
        net.addLink("plate-a", "j1", "j2", PowerLaw{1.6e6, 1.8});
        net.addLink("plate-b", "j2", "j3", PowerLaw{1.6e6, 1.8});
        net.addLink("out", "j3", "return", Pipe{5, 0.025, 1.5e-6, 1});
        const HydraulicResult h = solveOk(net);
        QVERIFY(h.converged);
        const double q = h.flowM3s[0], rhoCp = kWater.densityKgM3 * kWater.cpJKgK;
        const ThermalResult t = solveTemperatures(net, h, {0, 5000, 3000, 0}, {{"supply", 25.0}},
                                                  kWater.densityKgM3, kWater.cpJKgK);
        QVERIFY2(t.ok, t.error.c_str());
        VERIFY_REL(t.nodeTempC[net.nodeIndex("j2").value()], 25 + 5000 / (rhoCp * q), 1e-12);
        VERIFY_REL(t.nodeTempC[net.nodeIndex("j3").value()], 25 + 8000 / (rhoCp * q), 1e-12);
        VERIFY_REL(t.linkOutletTempC[3], 25 + 8000 / (rhoCp * q), 1e-12);
        VERIFY_REL(t.nodeInflowTempC[net.nodeIndex("return").value()], 25 + 8000 / (rhoCp * q), 1e-12);
        QCOMPARE(t.nodeTempC[net.nodeIndex("supply").value()], 25.0);
    }

    void twoStreamsMixByFlow() {
        Network net;
        net.addFixedHead("hot", 12.0);
        net.addFixedHead("cold", 10.0);
        net.addJunction("mix");
        net.addFixedHead("drain", 0.0);
        net.addLink("h", "hot", "mix", Pipe{10, 0.03, 1.5e-6, 0});
        net.addLink("c", "cold", "mix", Pipe{10, 0.05, 1.5e-6, 0});
        net.addLink("d", "mix", "drain", Pipe{10, 0.06, 1.5e-6, 0});
        const HydraulicResult h = solveOk(net);
        QVERIFY(h.converged);
        const double qh = h.flowM3s[0], qc = h.flowM3s[1];
        QVERIFY(qh > 0 && qc > 0);
        const ThermalResult t = solveTemperatures(net, h, {0, 0, 0}, {{"hot", 45.0}, {"cold", 20.0}},
                                                  kWater.densityKgM3, kWater.cpJKgK);
        QVERIFY2(t.ok, t.error.c_str());
        VERIFY_REL(t.nodeTempC[net.nodeIndex("mix").value()], (45 * qh + 20 * qc) / (qh + qc), 1e-12);
    }

    void loopEnergyBalance() {
        // Around the CDU loop: everything leaving the network (back into the CDU and through the leak)
        // carries out exactly the rack heat: ρ·cp·[V̇_back·T_back + V̇_leak·T_leak − V̇_supply·T_supply] = ΣQ.
        const double leak = 2e-4;
        const Network net = rowLoop(8, leak);
        const HydraulicResult h = solveOk(net);
        QVERIFY(h.converged);
        std::vector<double> heat(net.links.size(), 0.0);
        double total = 0;
        for (int i = 0; i < 8; ++i) {
            heat[net.linkIndex(fmt::format("rack{}", i)).value()] = 60e3 + 5e3 * i;
            total += 60e3 + 5e3 * i;
        }
        const double supplyC = 30.0;
        const ThermalResult t =
            solveTemperatures(net, h, heat, {{"cdu-out", supplyC}}, kWater.densityKgM3, kWater.cpJKgK);
        QVERIFY2(t.ok, t.error.c_str());
        QVERIFY(t.warnings.empty());
        const double back = flowOf(net, h, "pump"), out = flowOf(net, h, "supply-main");
        const double tBack = t.nodeInflowTempC[net.nodeIndex("cdu-out").value()];
        const double tLeak = t.nodeTempC[net.nodeIndex("r4").value()];
        const double carried =
            kWater.densityKgM3 * kWater.cpJKgK * (back * tBack + leak * tLeak - out * supplyC);
        VERIFY_REL(carried, total, 1e-9);
        QVERIFY(tBack > supplyC + 1);
        QCOMPARE(t.nodeTempC[net.nodeIndex("cdu-out").value()], supplyC);
    }

    void stagnantLinksCarryNothing() {
        // A dead leg behind a shut valve: no flow, its heat is reported, its outlet is undefined.
        Network net;
        net.addFixedHead("supply", 10.0);
        net.addJunction("j");
        net.addJunction("dead");
        net.addFixedHead("return", 0.0);
        net.addLink("in", "supply", "j", Pipe{5, 0.03, 1.5e-6, 0});
        net.addLink("out", "j", "return", Pipe{5, 0.03, 1.5e-6, 0});
        net.addLink("shut", "j", "dead", Valve{0.03, 1.0, 0.0});
        const HydraulicResult h = solveOk(net);
        QVERIFY(h.converged);
        QVERIFY(h.linkClosed[2]);
        const ThermalResult t =
            solveTemperatures(net, h, {0, 0, 500}, {{"supply", 30.0}}, kWater.densityKgM3, kWater.cpJKgK);
        QVERIFY2(t.ok, t.error.c_str());
        QCOMPARE(t.warnings.size(), std::size_t(1));
        QVERIFY(std::isnan(t.linkOutletTempC[2]));
        QVERIFY(std::isnan(t.nodeTempC[net.nodeIndex("dead").value()]));
        VERIFY_REL(t.nodeTempC[net.nodeIndex("j").value()], 30.0, 1e-12);
    }

    void circulationWithoutReferenceIsReported() {
        // A pumped loop of junctions whose pressure reference hangs off a stub: flow circulates with no node
        // to set its temperature, so the energy balance reports the loop instead of inventing a value.
        Network net;
        net.addFixedHead("expansion", 5.0);
        net.addJunction("a");
        net.addJunction("b");
        net.addJunction("c");
        net.addLink("stub", "expansion", "a", Pipe{1, 0.02, 1.5e-6, 0});
        net.addLink("pump", "a", "b", Pump{20, 1e5, 1.0});
        net.addLink("rack", "b", "c", PowerLaw{1e6, 2});
        net.addLink("return", "c", "a", Pipe{10, 0.05, 1.5e-6, 0});
        const HydraulicResult h = solveOk(net);
        QVERIFY(h.converged);
        QVERIFY(h.flowM3s[1] > 1e-3);
        const ThermalResult t = solveTemperatures(net, h, {0, 0, 1e4, 0}, {{"expansion", 30.0}},
                                                  kWater.densityKgM3, kWater.cpJKgK);
        QVERIFY(!t.ok);
        QVERIFY2(QString::fromStdString(t.error).contains("b"), t.error.c_str());
    }

    void missingSupplyTemperatureThrows() {
        Network net;
        net.addFixedHead("supply", 10.0);
        net.addFixedHead("return", 0.0);
        net.addLink("p", "supply", "return", Pipe{5, 0.03, 1.5e-6, 0});
        const HydraulicResult h = solveOk(net);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 solveTemperatures(net, h, {0}, {}, kWater.densityKgM3, kWater.cpJKgK));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, solveTemperatures(net, h, {0, 1}, {{"supply", 20.0}},
                                                                          kWater.densityKgM3, kWater.cpJKgK));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestHydraulics)
#include "tst_hydraulics.moc"
