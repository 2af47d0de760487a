// A published room with a wall supply: the IEA Annex 20 two-dimensional test case (Nielsen 1990), a
// ventilated room whose supply slot under the ceiling throws a wall jet across it. The solved u/u0 on the
// four measured lines against the laser-Doppler data, with the three turbulence models: it validates the
// k-ε model (docs/validation.md, "A room with a wall supply").
#include "support/TestMain.hpp"

#include "model/air/AirSolver.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace halltwin::model::air;

namespace {

constexpr double H = 3.0, L = 3 * H, slot = 0.056 * H, outlet = 0.16 * H;
constexpr double u0 = 0.455, nu = 15.3e-6; // Re = slot·u0/ν = 5000

struct Point {
    std::string profile;
    double coord = 0, u = 0;
};

std::vector<Point> measurements() {
    std::ifstream in(std::string(HALLTWIN_TEST_VALIDATION_DIR) + "/nielsen1990-annex20.csv");
    std::vector<Point> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::stringstream ss(line);
        Point p;
        std::string coord, u;
        std::getline(ss, p.profile, ','), std::getline(ss, coord, ','), std::getline(ss, u, ',');
        p.coord = std::stod(coord), p.u = std::stod(u);
        out.push_back(p);
    }
    return out;
}

// The room in its symmetry plane: x along it, y up; the slot's and outlet's cells are the ones whose centres
// lie in them, the slot's velocity set so that it carries slot·u0 whatever its cell count.
AirCase annex20(int cellsPerH, double zeroEquationC, double viscosity, bool kEpsilon = false) {
    const double h = H / cellsPerH;
    const int nx = 3 * cellsPerH, ny = cellsPerH;
    AirCase c;
    c.grid = AirGrid(nx, ny, 1, h, h, 1.0);
    c.air.gravity = {0, 0, 0};
    c.air.viscosity = viscosity, c.air.diffusivity = viscosity / 0.9;
    c.air.zeroEquationC = zeroEquationC;
    c.air.kEpsilon = kEpsilon;
    Opening in, out;
    in.name = "slot", in.temperatureC = 20;
    out.name = "outlet", out.kind = Opening::Kind::Pressure;
    for (int j = 0; j < ny; ++j) {
        const double y = (j + 0.5) * h;
        if (y > H - slot) in.faces.push_back({0, 0, j, 0, -1});
        if (y < outlet) out.faces.push_back({0, nx - 1, j, 0, 1});
    }
    in.velocity = u0 * slot / (double(in.faces.size()) * h);
    // The specification's inlet turbulence: k = 1.5·(0.04·u0)², ε = k^1.5 / (slot/10).
    in.turbulenceIntensity = 0.04, in.turbulenceLength = slot / 10;
    c.openings = {in, out};
    return c;
}

// The mean of the u faces over the last of a long run: the jet's room keeps a slow unsteadiness that a
// single pseudo-time step would freeze at one phase of.
struct MeanU {
    int nx = 0, ny = 0;
    std::vector<double> u; // (nx + 1) × ny faces
    double at(int i, int j) const { return u[size_t(j) * size_t(nx + 1) + size_t(i)]; }
};

MeanU meanU(AirSolver& s, int blocks, int stepsPerBlock) {
    MeanU m{s.cellDims().nx, s.cellDims().ny, {}};
    m.u.assign(size_t(m.nx + 1) * size_t(m.ny), 0.0);
    SolveOptions o;
    o.tolerance = 0, o.maxSteps = stepsPerBlock, o.progressEvery = stepsPerBlock;
    for (int b = 0; b < blocks; ++b) {
        s.solveSteady(o);
        for (int j = 0; j < m.ny; ++j)
            for (int i = 0; i <= m.nx; ++i)
                m.u[size_t(j) * size_t(m.nx + 1) + size_t(i)] += s.faceVelocity(0, i, j, 0) / blocks;
    }
    return m;
}

// u at (x, y) from the staggered faces: linear along y between cell-centre rows, along x between faces.
double uAt(const MeanU& m, double x, double y) {
    const double h = H / m.ny;
    const double fi = std::clamp(x / h, 0.0, double(m.nx)),
                 fj = std::clamp(y / h - 0.5, 0.0, double(m.ny - 1));
    const int i0 = std::min(int(fi), m.nx - 1), j0 = std::min(int(fj), m.ny - 2);
    const double wx = fi - i0, wy = fj - j0;
    return (1 - wy) * ((1 - wx) * m.at(i0, j0) + wx * m.at(i0 + 1, j0)) +
           wy * ((1 - wx) * m.at(i0, j0 + 1) + wx * m.at(i0 + 1, j0 + 1));
}

struct Errors {
    std::map<std::string, double> rms; // per profile, of u/u0
    double all = 0;
};

Errors compare(const MeanU& s, const std::vector<Point>& data) {
    std::map<std::string, std::pair<double, int>> sums;
    double total = 0;
    for (const Point& p : data) {
        double x = 0, y = 0;
        if (p.profile == "x=H" || p.profile == "x=2H")
            x = p.profile == "x=H" ? H : 2 * H, y = H * (1 - p.coord);
        else
            x = p.coord * H, y = p.profile == "ceiling" ? H - slot / 2 : slot / 2;
        const double e = uAt(s, x, y) / u0 - p.u;
        sums[p.profile].first += e * e, ++sums[p.profile].second, total += e * e;
    }
    Errors out;
    for (const auto& [name, sum] : sums)
        out.rms[name] = std::sqrt(sum.first / sum.second);
    out.all = std::sqrt(total / double(data.size()));
    return out;
}

Errors solve(const char* label, const AirCase& c, const std::vector<Point>& data) {
    const auto t0 = std::chrono::steady_clock::now();
    AirSolver s(c, 20);
    SolveOptions o;
    o.tolerance = 1e-5;
    o.maxSteps = 3000;
    const SolveReport r = s.solveSteady(o);
    const Errors e = compare(meanU(s, 100, 20), data);
    qInfo("%s",
          fmt::format("Annex 20, {} ({}x{} cells): {} steps, residual {:.1e}; RMS of u/u0 x=H {:.3f}, x=2H "
                      "{:.3f}, ceiling {:.3f}, floor {:.3f}, all {:.3f}; {:.1f} s",
                      label, s.cellDims().nx, s.cellDims().ny, r.steps, r.residual, e.rms.at("x=H"),
                      e.rms.at("x=2H"), e.rms.at("ceiling"), e.rms.at("floor"), e.all,
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count())
              .c_str());
    return e;
}

} // namespace

class TestAirAnnex20 : public QObject {
    Q_OBJECT

  private slots:
    void wallJetRoomMatchesTheMeasurements() {
        const std::vector<Point> data = measurements();
        QCOMPARE(data.size(), size_t(106));
        const Errors kEps = solve("k-epsilon", annex20(48, 0, nu, true), data);
        const Errors zero = solve("zero-equation", annex20(48, chenXuC, nu), data);
        const Errors constant = solve("constant 0.01 m2/s", annex20(48, 0, 0.01), data);
        // The validation: the standard k-ε model with wall functions, at 48 cells per H (RMS 0.098 overall;
        // 0.129 at 24 and 0.083 at 96 cells per H, so the grid is converging). Tolerance, in u0: 0.10 on the
        // vertical profiles and the floor line, 0.20 on the ceiling line (h/2 below the ceiling, inside the
        // wall jet whose thin peak the first cell's wall function smears), 0.12 over all 106 points.
        QVERIFY2(kEps.rms.at("x=H") < 0.10, qPrintable(QString::number(kEps.rms.at("x=H"))));
        QVERIFY2(kEps.rms.at("x=2H") < 0.10, qPrintable(QString::number(kEps.rms.at("x=2H"))));
        QVERIFY2(kEps.rms.at("floor") < 0.10, qPrintable(QString::number(kEps.rms.at("floor"))));
        QVERIFY2(kEps.rms.at("ceiling") < 0.20, qPrintable(QString::number(kEps.rms.at("ceiling"))));
        QVERIFY2(kEps.all < 0.12, qPrintable(QString::number(kEps.all)));
        // The other two models, held against regressions: the zero-equation model follows the jet to x = H
        // (RMS 0.13) but lets it leave the ceiling near x = 1.8H, where the measured jet stays attached to the
        // end wall, whatever the grid; the constant hall viscosity spreads the jet at once.
        QVERIFY2(zero.rms.at("x=H") < 0.15, qPrintable(QString::number(zero.rms.at("x=H"))));
        QVERIFY2(zero.all < 0.30, qPrintable(QString::number(zero.all)));
        QVERIFY(kEps.all < zero.all - 0.1);
        QVERIFY(zero.all < constant.all - 0.1);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestAirAnnex20)
#include "tst_air_annex20.moc"
