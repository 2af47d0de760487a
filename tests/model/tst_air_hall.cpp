// The hall voxeliser on the legacy-air reference twin: grid, rack openings sized from the rack heat,
// supply matching the racks, and the rack exhaust following the intake.
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/Catalog.hpp"
#include "model/CatalogIo.hpp"
#include "model/TwinFile.hpp"
#include "model/TwinJson.hpp"
#include "model/TwinValidation.hpp"
#include "model/air/AirResultsFile.hpp"
#include "model/air/AirSolver.hpp"
#include "model/air/HallAirResult.hpp"
#include "model/air/HallGrid.hpp"
#include "model/air/ProbeSampling.hpp"
#include "model/sim/Coolant.hpp"
#include "model/sim/RearDoor.hpp"

#include <QTemporaryDir>

#include <cmath>
#include <numeric>
#include <set>

using namespace halltwin::model;
using namespace halltwin::model::air;

namespace {
std::string fmt(const char* pattern, int n) {
    return QString(pattern).arg(n).toStdString();
}

// The hall solved to steady from 18 °C: the heat balance's relative error.
double solvedImbalance(const HallGrid& h) {
    AirSolver s(h.airCase, 18);
    const SolveReport rep = s.solveSteady(hallSolveOptions());
    return analyseHall(s, h, rep).energyImbalance;
}

// The twin saved as HDF5 in `dir` and loaded back.
TwinLoad throughHdf5(const Twin& t, const QTemporaryDir& dir) {
    const std::string path = dir.filePath("twin.h5").toStdString();
    saveTwinFile(t, path);
    return loadTwinFile(path);
}

// Rear doors on row A's racks, on a water CDU at 18 °C beside the hall's far wall.
Twin withRearDoors(Twin t) {
    Diagnostics d;
    const Catalog full = loadCatalogDir(halltwin::test::assets() / "catalog", d);
    t.catalog.rearDoorTypes.emplace("rdhx-passive-35kw", full.rearDoorTypes.at("rdhx-passive-35kw"));
    t.catalog.cduTypes.emplace("cdu-row-800kw", full.cduTypes.at("cdu-row-800kw"));
    Cdu cdu;
    cdu.id = "cdu-doors", cdu.type = "cdu-row-800kw", cdu.xM = 12.6, cdu.yM = 22.0, cdu.supplyTempC = 18;
    cdu.fluid = "water";
    t.cooling.cdus.push_back(cdu);
    for (Rack& r : t.racks)
        if (r.row == "row-a") r.rearDoor = "rdhx-passive-35kw", r.cdu = cdu.id;
    return t;
}

// Water's ρ·c_p at 18 °C over the door rating's 997 × 4180.
double waterRhoCpRatio() {
    const sim::FluidProperties f = sim::coolantProperties("water", 18);
    return f.densityKgM3 * f.cpJKgK / (997.0 * 4180);
}
} // namespace

class TestAirHall : public QObject {
    Q_OBJECT

  private slots:
    void voxelisesTheReferenceHall() {
        const Twin& t = halltwin::test::referenceTwin("legacy-air");
        const HallGrid h = buildHallGrid(t);
        const AirGrid& g = h.airCase.grid;
        QCOMPARE(g.nx, 72); // 14.4 m x 22.8 m x (4.5 − 0.6 m raised floor) at 0.2 m
        QCOMPARE(g.ny, 114);
        QCOMPARE(g.nz, 20);
        QCOMPARE(h.racks.size(), t.racks.size());
        QCOMPARE(h.airHandlers.size(), t.cooling.airHandlers.size());
        size_t solid = 0;
        for (auto s : g.solid)
            solid += s;
        QVERIFY(solid > 0);
        const double rhoCp = h.airCase.air.density * h.airCase.air.heatCapacity;
        double rackFlow = 0, supply = 0;
        for (const RackOpenings& r : h.racks) {
            QVERIFY(r.airHeatW > 0);
            QVERIFY(std::fabs(r.flowM3s - r.airHeatW / (rhoCp * r.deltaT)) < 1e-9);
            const Opening& in = h.airCase.openings[size_t(r.intake)];
            const Opening& ex = h.airCase.openings[size_t(r.exhaust)];
            QVERIFY(!in.faces.empty() && !ex.faces.empty());
            QCOMPARE(ex.linkedTo, r.intake);
            double area = 0;
            for (const BoundaryFace& f : in.faces)
                area += g.faceArea(f.axis);
            QVERIFY(std::fabs(-in.velocity * area - r.flowM3s) < 1e-9);
            rackFlow += r.flowM3s;
        }
        // Fixed-speed air handlers blow their catalogue flow, variable-speed ones share the rack flow; with
        // the raised floor all of it rises through the tiles in front of the racks.
        double expected = 0;
        for (const AirHandler& a : t.cooling.airHandlers) {
            const AirHandlerType* type = find(t.catalog.airHandlerTypes, a.type);
            QVERIFY(type);
            expected += type->variableSpeed
                            ? rackFlow * HallGridOptions{}.supplyMargin / double(t.cooling.airHandlers.size())
                            : type->airflowM3s;
        }
        QCOMPARE(h.supplies.size(), size_t(1));
        for (int n : h.supplies) {
            const Opening& o = h.airCase.openings[size_t(n)];
            QCOMPARE(o.name, std::string("floor tiles"));
            for (const BoundaryFace& f : o.faces) {
                QCOMPARE(f.axis, 2);
                supply += o.velocity * g.faceArea(f.axis);
            }
        }
        QVERIFY(std::fabs(supply - expected) < 1e-9 * expected);
        QVERIFY(supply > 0);
    }

    // legacy-air has cold-aisle containment on every row: a roof covers each rack's intake.
    void coldAislesAreRoofed() {
        const Twin& t = halltwin::test::referenceTwin("legacy-air");
        const HallGrid h = buildHallGrid(t);
        const AirGrid& g = h.airCase.grid;
        int roofed = 0;
        for (const RackOpenings& r : h.racks) {
            const BoundaryFace& f = h.airCase.openings[size_t(r.intake)].faces.front();
            bool covered = false;
            for (int k = f.k; k < g.nz; ++k)
                covered = covered || !g.isFluid(f.i, f.j, k);
            roofed += covered;
        }
        size_t contained = 0;
        for (const Row& row : t.rows)
            contained += row.containment == "cold";
        QVERIFY(contained > 0);
        QCOMPARE(roofed, int(h.racks.size()));
    }

    // Hot-aisle containment: a roof over each rear aisle, the handlers' air drawn through a duct under it
    // (their own grilles closed); the heat the racks give the air leaves through that duct.
    void hotAisleContainmentDuctsTheReturn() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        for (Row& r : t.rows)
            r.containment = "hot";
        const HallGrid h = buildHallGrid(t, {0.4});
        const Opening& duct = h.airCase.openings[size_t(h.returns.back())];
        QCOMPARE(duct.name, std::string("hot-aisle return duct"));
        QCOMPARE(h.returns.size(), h.airHandlers.size() + 1);
        for (size_t n = 0; n + 1 < h.returns.size(); ++n)
            QCOMPARE(h.airCase.openings[size_t(h.returns[n])].velocity, 0.0);
        for (const BoundaryFace& f : duct.faces)
            QVERIFY(!h.airCase.grid.isFluid(f.i, f.j, f.k + 1)); // under the roof
        AirSolver s(h.airCase, 18);
        const SolveReport r = s.solveSteady(hallSolveOptions());
        const double rackHeat =
            std::accumulate(h.racks.begin(), h.racks.end(), 0.0,
                            [](double a, const RackOpenings& o) { return a + o.airHeatW; });
        const AirProperties& air = h.airCase.air;
        const double ductW = -air.density * air.heatCapacity * s.openingFlow(size_t(h.returns.back())) *
                             (s.openingTemperature(size_t(h.returns.back())) - 18);
        qInfo("hot aisles: %d steps, converged %d, duct carries %.1f kW of %.1f kW rack air heat at %.1f C",
              r.steps, int(r.converged), ductW / 1e3, rackHeat / 1e3,
              s.openingTemperature(size_t(h.returns.back())));
        QVERIFY(r.converged);
        QVERIFY(std::fabs(ductW / rackHeat - 1) < 0.01);
    }

    // Perforated tiles: the jets' extra momentum u²(1/f − 1)/h as a body force above each tile face,
    // none for fully open tiles; the stronger jets reach higher before they spread.
    void tileJetsCarryTheirMomentum() {
        Twin open = halltwin::test::referenceTwin("legacy-air"), perforated = open;
        open.hall.tileOpenFraction = 1;
        perforated.hall.tileOpenFraction = 0.25;
        const HallGrid a = buildHallGrid(open, {0.4}), b = buildHallGrid(perforated, {0.4});
        QVERIFY(a.airCase.momentumSources.empty());
        const Opening& tiles = b.airCase.openings[size_t(b.supplies.front())];
        QCOMPARE(b.airCase.momentumSources.size(), tiles.faces.size());
        const double u = tiles.velocity, expected = u * u * (1 / 0.25 - 1) / b.airCase.grid.hz;
        for (const MomentumSource& m : b.airCase.momentumSources) {
            QCOMPARE(m.axis, 2);
            QCOMPARE(m.k, 1);
            QVERIFY(std::fabs(m.acceleration - expected) < 1e-12 * expected);
        }
        // Mean upward speed one cell above the tiles after the same number of steps.
        auto rise = [&](const HallGrid& h) {
            AirSolver s(h.airCase, 18);
            SolveOptions o = hallSolveOptions();
            o.maxSteps = 60;
            s.solveSteady(o);
            double w = 0;
            for (const BoundaryFace& f : tiles.faces)
                w += s.faceVelocity(2, f.i, f.j, 2) / double(tiles.faces.size());
            return w;
        };
        const double wOpen = rise(a), wPerforated = rise(b);
        qInfo("tile jets: mean w two faces up %.3f m/s (open) vs %.3f m/s (25 %% open), tile face %.3f m/s",
              wOpen, wPerforated, u);
        QVERIFY(wPerforated > wOpen);
    }

    // Blanking panels: with an air band of 0.4–1.8 m the intake and exhaust faces are the cells whose centres
    // lie in it, the same flow passes through fewer faces (faster), and a rack's own band overrides the
    // type's.
    void airBandKeepsTheOpeningsBetweenTheBlanking() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        const HallGrid whole = buildHallGrid(t, {0.2});
        for (auto& [id, type] : t.catalog.rackTypes)
            type.airBandBottomM = 0.4, type.airBandTopM = 1.8;
        t.racks[0].airBandBottomM = 1.0, t.racks[0].airBandTopM = 2.0;
        const HallGrid band = buildHallGrid(t, {0.2});
        QCOMPARE(band.racks.size(), whole.racks.size());
        const double hz = band.airCase.grid.hz;
        auto zRange = [&](const HallGrid& h, size_t rack) {
            double lo = 1e9, hi = -1e9;
            for (const BoundaryFace& f : h.airCase.openings[size_t(h.racks[rack].intake)].faces)
                lo = std::min(lo, (f.k + 0.5) * hz), hi = std::max(hi, (f.k + 0.5) * hz);
            return std::pair{lo, hi};
        };
        const auto [lo0, hi0] = zRange(band, 0);
        QVERIFY2(lo0 >= 1.0 && hi0 <= 2.0 && hi0 - lo0 > 0.5, qPrintable(QString("%1 %2").arg(lo0).arg(hi0)));
        const auto [lo1, hi1] = zRange(band, 1);
        QVERIFY2(lo1 >= 0.4 && hi1 <= 1.8 && lo1 < 0.6 && hi1 > 1.6,
                 qPrintable(QString("%1 %2").arg(lo1).arg(hi1)));
        for (size_t r = 0; r < band.racks.size(); ++r) {
            const Opening& a = whole.airCase.openings[size_t(whole.racks[r].exhaust)];
            const Opening& b = band.airCase.openings[size_t(band.racks[r].exhaust)];
            QCOMPARE(band.racks[r].flowM3s, whole.racks[r].flowM3s); // the servers move the same air
            QVERIFY(b.faces.size() < a.faces.size());
        }
        // Bands outside the rack are named errors.
        t.racks[0].airBandTopM = 5;
        Diagnostics d = validateTwin(t);
        QVERIFY2(d.errorText().find("air_band_top_m") != std::string::npos, d.errorText().c_str());
        t.racks[0].airBandBottomM = 2.5, t.racks[0].airBandTopM = 2.0;
        d = validateTwin(t);
        QVERIFY2(d.errorText().find("air_band_bottom_m") != std::string::npos, d.errorText().c_str());
    }

    // Fan-driven racks move their idle flow at no load and their full flow at full load, linearly between;
    // a rack's measured flow overrides the model; the exhaust rise is heat / (ρ·c_p·flow) whatever set the
    // flow. An air handler's own airflow is its flow, and the variable-speed units supply the rest.
    void fanDrivenRacksAndOwnHandlerFlows() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        const std::string type = t.racks[0].type;
        RackType& rt = t.catalog.rackTypes.at(type);
        rt.airflowModel = "fan", rt.idleAirflowM3s = 0.3, rt.fullAirflowM3s = 1.1;
        t.racks[1].measuredAirflowM3s = 0.8;
        t.cooling.airHandlers[0].airflowM3s = 2.0;
        for (auto& [id, at] : t.catalog.airHandlerTypes)
            at.variableSpeed = true; // the others share what the racks draw
        QVERIFY2(validateTwin(t).ok(), validateTwin(t).errorText().c_str());
        HallGridOptions o{0.4};
        for (size_t n = 0; n < t.racks.size(); ++n)
            o.rackUtilisation.push_back(n % 2 ? 0.25 : 0.0);
        const HallGrid h = buildHallGrid(t, o);
        const double rhoCp = h.airCase.air.density * h.airCase.air.heatCapacity;
        double rackFlow = 0;
        for (size_t n = 0; n < h.racks.size(); ++n) {
            const RackOpenings& r = h.racks[n];
            QCOMPARE(r.id, t.racks[n].id);
            const double expected = n == 1                    ? 0.8
                                    : t.racks[n].type != type ? r.airHeatW / (rhoCp * r.deltaT)
                                    : n % 2                   ? 0.3 + 0.25 * (1.1 - 0.3)
                                                              : 0.3;
            QVERIFY2(std::fabs(r.flowM3s - expected) < 1e-12, qPrintable(QString::fromStdString(r.id)));
            QVERIFY(std::fabs(r.deltaT * rhoCp * r.flowM3s - r.airHeatW) < 1e-6 * r.airHeatW);
            QCOMPARE(h.airCase.openings[size_t(r.exhaust)].deltaT, r.deltaT);
            rackFlow += r.flowM3s;
        }
        // With a raised floor every unit's return draws its flow; together they supply the tiles.
        const double share = (rackFlow * o.supplyMargin - 2.0) / double(h.airHandlers.size() - 1);
        for (size_t n = 0; n < h.returns.size(); ++n) {
            const Opening& ret = h.airCase.openings[size_t(h.returns[n])];
            double area = 0;
            for (const BoundaryFace& f : ret.faces)
                area += h.airCase.grid.faceArea(f.axis);
            QVERIFY2(std::fabs(-ret.velocity * area - (n == 0 ? 2.0 : share)) < 1e-9,
                     qPrintable(QString("%1: %2 m3/s, expected %3")
                                    .arg(n)
                                    .arg(-ret.velocity * area)
                                    .arg(n == 0 ? 2.0 : share)));
        }
        // Solved, the handlers remove the racks' air heat (heat balance) and each exhaust leaves at its
        // intake mean + ΔT.
        const double imbalance = solvedImbalance(h);
        QVERIFY2(std::fabs(imbalance) < 0.01, qPrintable(QString::number(imbalance)));
        // Written and read back.
        QTemporaryDir dir;
        const TwinLoad back = throughHdf5(t, dir);
        QVERIFY2(back.diagnostics.ok(), back.diagnostics.errorText().c_str());
        QVERIFY(back.twin == t);
        QCOMPARE(back.twin.catalog.rackTypes.at(type).airflowModel, std::string("fan"));
        QCOMPARE(back.twin.racks[1].measuredAirflowM3s, 0.8);
        QCOMPARE(back.twin.cooling.airHandlers[0].airflowM3s, 2.0);
    }

    void badFanSettingsAreNamed() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        RackType& rt = t.catalog.rackTypes.at(t.racks[0].type);
        auto errors = [&] { return validateTwin(t).errorText(); };
        rt.airflowModel = "fans";
        QVERIFY2(errors().find("airflow_model") != std::string::npos, errors().c_str());
        rt.airflowModel = "fan";
        QVERIFY2(errors().find("full_airflow_m3_s") != std::string::npos, errors().c_str());
        rt.fullAirflowM3s = 0.5, rt.idleAirflowM3s = 0.9;
        QVERIFY2(errors().find("idle_airflow_m3_s") != std::string::npos, errors().c_str());
        rt.idleAirflowM3s = 0.2;
        QVERIFY2(validateTwin(t).ok(), errors().c_str());
        t.racks[0].measuredAirflowM3s = -1;
        QVERIFY2(errors().find("measured_airflow_m3_s") != std::string::npos, errors().c_str());
    }

    // Obstructions are solid cells (a beam thinner than a cell still blocks its layer), the air goes round
    // them with the heat balance still closed, and they are kept through both file formats.
    void obstructionsBlockTheAir() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        const double room = t.hall.heightM - t.hall.raisedFloorM;
        t.obstructions.push_back({"zone", "closed store", 1.4, 0, 0, 1.0, 1.0, room}); // clear of the CRAHs
        t.obstructions.push_back({"beam", "", 0, 11.3, 3.2, t.hall.lengthM, 0.4, 0.1});
        QVERIFY2(validateTwin(t).ok(), validateTwin(t).errorText().c_str());
        const HallGrid h = buildHallGrid(t, {0.2});
        const AirGrid& g = h.airCase.grid;
        for (int k = 0; k < g.nz; ++k)
            for (int j = 0; j < 5; ++j)
                for (int i = 7; i < 12; ++i)
                    QVERIFY(!g.isFluid(i, j, k));
        const int kBeam = int(std::lround(3.2 / g.hz));
        for (int i = 0; i < g.nx; ++i) {
            QVERIFY(!g.isFluid(i, 57, kBeam) && !g.isFluid(i, 58, kBeam));
            QVERIFY(g.isFluid(i, 57, kBeam + 1) || kBeam + 1 >= g.nz);
        }
        const double imbalance = solvedImbalance(buildHallGrid(t, {0.4}));
        QVERIFY2(std::fabs(imbalance) < 0.01, qPrintable(QString::number(imbalance)));
        QTemporaryDir dir;
        const TwinLoad h5 = throughHdf5(t, dir);
        QVERIFY2(h5.diagnostics.ok() && h5.twin == t, h5.diagnostics.errorText().c_str());
        saveTwinJson(t, dir.filePath("o.json").toStdString());
        const TwinLoad json = loadTwinJson(dir.filePath("o.json").toStdString(), t.catalog);
        QVERIFY2(json.diagnostics.ok(), json.diagnostics.errorText().c_str());
        QCOMPARE(json.twin.obstructions.size(), size_t(2));
        QCOMPARE(json.twin.obstructions[1].zM, 3.2);
        // One reaching out of the room is named.
        t.obstructions[1].heightM = 1.0;
        QVERIFY2(validateTwin(t).errorText().find("obstruction 'beam', field 'height_m'") !=
                     std::string::npos,
                 validateTwin(t).errorText().c_str());
    }

    // Room vents: the units returning from the ceiling draw their whole flow through the fed return vents
    // (shared by area; their own returns closed), an own-flow supply vent blows its flow, and what it adds
    // leaves through the opening held at the reference pressure (mass balance); the heat balance closes
    // over every opening. A unit's front grille sits where its bottom and height put it.
    void ventsAndGrillesCarryTheirFlows() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        for (AirHandler& a : t.cooling.airHandlers)
            a.returnFrom = "ceiling";
        t.cooling.airHandlers[0].discharge = "front";
        t.cooling.airHandlers[0].grilleBottomM = 0.4, t.cooling.airHandlers[0].grilleHeightM = 0.8;
        for (int n = 0; n < 4; ++n)
            t.vents.push_back(
                {fmt("ret-%1", n), "", "return", "ceiling", 3.0 + 2.8 * n, 11.4, 0, 1.2, 1.2, 0, 20});
        t.vents.push_back({"fresh-air", "", "supply", "wall", 0, 8.0, 2.5, 1.0, 0.6, 0.5, 20});
        t.vents.push_back({"relief", "", "pressure", "wall", t.hall.lengthM, 15.0, 3.0, 1.0, 0.6, 0, 20});
        QVERIFY2(validateTwin(t).ok(), validateTwin(t).errorText().c_str());
        const HallGrid h = buildHallGrid(t, {0.4});
        const AirCase& c = h.airCase;
        auto byName = [&](const std::string& name) -> const Opening& {
            for (const Opening& o : c.openings)
                if (o.name == name) return o;
            return c.openings.front();
        };
        auto flow = [&](const Opening& o) {
            return o.velocity * double(o.faces.size()) * c.grid.faceArea(o.faces[0].axis);
        };
        double handlers = 0;
        for (size_t n = 0; n < h.airHandlers.size(); ++n) {
            const std::string id = h.airHandlers[n];
            QCOMPARE(c.openings[size_t(h.returns[n])].velocity, 0.0); // closed: the plenum draws instead
            const Opening* sup = nullptr;
            for (const Opening& o : c.openings)
                if (o.name == id + " supply") sup = &o;
            handlers += sup ? flow(*sup) : 0;
        }
        const Opening& grille = byName(t.cooling.airHandlers[0].id + " supply");
        for (const BoundaryFace& f : grille.faces)
            QVERIFY((f.k + 0.5) * c.grid.hz > 0.4 - c.grid.hz && (f.k + 0.5) * c.grid.hz < 1.2 + c.grid.hz);
        double plenum = 0, tiles = byName("floor tiles").faces.empty() ? 0 : flow(byName("floor tiles"));
        for (int n = 0; n < 4; ++n) {
            const Opening& v = byName(fmt("ret-%1", n));
            QVERIFY(!v.faces.empty() && v.faces[0].k == c.grid.nz - 1);
            plenum -= flow(v);
        }
        QVERIFY2(std::fabs(plenum - (handlers + tiles)) < 1e-9 * plenum,
                 qPrintable(QString("%1 vs %2").arg(plenum).arg(handlers + tiles)));
        QVERIFY(std::fabs(flow(byName("fresh-air")) - 0.5) < 1e-12);
        QCOMPARE(byName("relief").kind, Opening::Kind::Pressure);
        AirSolver s(c, 18);
        const SolveReport rep = s.solveSteady(hallSolveOptions());
        size_t relief = 0;
        for (size_t n = 0; n < c.openings.size(); ++n)
            if (c.openings[n].name == "relief") relief = n;
        const double out = -s.openingFlow(relief);
        QVERIFY2(std::fabs(out - 0.5) < 0.01, qPrintable(QString("relief passes %1 m3/s").arg(out)));
        const HallAirResult res = analyseHall(s, h, rep);
        QVERIFY2(std::fabs(res.energyImbalance) < 0.01, qPrintable(QString::number(res.energyImbalance)));
    }

    void badVentsAndHandlerChoicesAreNamed() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        auto errors = [&] { return validateTwin(t).errorText(); };
        auto names = [&](const std::string& what) { return errors().find(what) != std::string::npos; };
        t.cooling.airHandlers[0].returnFrom = "ceiling";
        t.cooling.airHandlers[1].discharge = "up";
        QVERIFY2(names("field 'return'") && names("field 'discharge'"), errors().c_str());
        t.vents.push_back({"v1", "", "return", "ceiling", 3, 3, 0, 0.6, 0.6, 0, 20});
        t.vents.push_back({"v2", "", "supply", "ceiling", 5, 3, 0, 0.6, 0.6, 0, 20});
        QVERIFY2(validateTwin(t).ok(), errors().c_str());
        t.vents.push_back({"v3", "", "exhaust", "wall", 3, 3, 1, 0.6, 0.6, 0, 20});
        QVERIFY2(names("vent 'v3', field 'kind'") && names("vent 'v3', field 'x_m'"), errors().c_str());
    }

    // A room with every air-side element at once (tests/data/rooms/side-blown-room.json: fan-driven racks
    // with blanking panels, coolers with front grilles blowing across the cold aisles, two of them returning
    // through ceiling grilles, a column, a beam and sensor strips) loads, solves with its heat balance
    // closed, and its probes read the air: the strips see the exhaust recirculating over the rack tops.
    void sideBlownRoomSolvesWithEveryElement() {
        const TwinLoad room = loadTwinAny(halltwin::test::data() / "rooms" / "side-blown-room.json");
        QVERIFY2(room.diagnostics.ok(), room.diagnostics.errorText().c_str());
        const Twin& t = room.twin;
        const HallGrid h = buildHallGrid(t, {0.2});
        for (const RackOpenings& r : h.racks)
            QVERIFY(r.flowM3s >= 0.35 - 1e-12 && r.flowM3s <= 0.9 + 1e-12);
        AirSolver s(h.airCase, 20);
        const SolveReport rep = s.solveSteady(hallSolveOptions());
        QVERIFY(rep.converged);
        const HallAirResult res = analyseHall(s, h, rep);
        QVERIFY2(std::fabs(res.energyImbalance) < 0.01, qPrintable(QString::number(res.energyImbalance)));
        const std::vector<ProbeReading> read = sampleProbes(fieldsOf(s), t.probes);
        QCOMPARE(read.size(), size_t(12));
        std::map<std::string, double> c;
        for (const ProbeReading& p : read) {
            QVERIFY2(p.inAir, p.id.c_str());
            c[p.id] = p.temperatureC;
        }
        QVERIFY(c["a2-front-20"] > c["a2-front-04"] + 2); // warm exhaust over the top reaches the intake
        QVERIFY(c["a2-rear-12"] > c["a2-front-12"] + 5);  // rear strips read the exhaust
    }

    // A legacy hall's row A with passive rear doors on a CDU loop at 18 °C: each door takes what the
    // cross-flow ε-NTU closed form gives at the solved intake, the exhaust leaves cooled by it, the handlers
    // remove the rest (heat balance), and the door survives both file formats.
    void rearDoorsCoolTheExhaust() {
        Twin t = withRearDoors(halltwin::test::referenceTwin("legacy-air"));
        QVERIFY2(validateTwin(t).ok(), validateTwin(t).errorText().c_str());
        const HallGrid h = buildHallGrid(t, {0.4});
        AirSolver s(h.airCase, 18);
        const SolveReport rep = s.solveSteady(hallSolveOptions());
        const HallAirResult res = analyseHall(s, h, rep);
        QVERIFY2(std::fabs(res.energyImbalance) < 0.01, qPrintable(QString::number(res.energyImbalance)));
        const RearDoorType& door = t.catalog.rearDoorTypes.at("rdhx-passive-35kw");
        const double waterWK = 997.0 * 4180 * door.waterFlowM3s * waterRhoCpRatio();
        const double rhoCp = h.airCase.air.density * h.airCase.air.heatCapacity;
        int doors = 0;
        for (size_t n = 0; n < h.racks.size(); ++n) {
            const RackOpenings& r = h.racks[n];
            const RackAirResult& out = res.racks[n];
            const bool hasDoor = t.racks[n].rearDoor == door.id;
            const double hot = s.openingTemperature(size_t(r.intake)) + r.deltaT;
            const sim::RearDoorDuty expected =
                sim::rearDoorDuty(door, r.flowM3s, hot, 18, waterWK, rhoCp, rhoCp * r.flowM3s * r.deltaT);
            const double want = hasDoor ? expected.dutyW : 0;
            QVERIFY2(
                std::fabs(out.rearDoorW - want) < 1e-3 * std::max(want, 1.0) + 1,
                qPrintable(QString("%1: %2 W, expected %3").arg(r.id.c_str()).arg(out.rearDoorW).arg(want)));
            doors += hasDoor;
            if (hasDoor) QVERIFY(out.exhaustC < hot - 0.5 * r.deltaT); // most of the rise is taken
            // β still measures recirculation against the rack's own rise, door or not.
            QVERIFY2(std::isfinite(out.beta) && out.beta > -0.1 && out.beta < 1,
                     qPrintable(QString::number(out.beta)));
            // Room-neutral: no door cools its exhaust below its intake.
            QVERIFY(out.exhaustC >= s.openingTemperature(size_t(r.intake)) - 1e-3);
        }
        QCOMPARE(doors, 14);
        QVERIFY(res.rearDoorW > 0.5 * 14 * h.racks[0].airHeatW);
        QTemporaryDir dir;
        const TwinLoad back = throughHdf5(t, dir);
        QVERIFY2(back.diagnostics.ok(), back.diagnostics.errorText().c_str());
        QVERIFY(back.twin == t);
        QCOMPARE(back.twin.racks[0].rearDoor, door.id);
        QVERIFY(back.twin.catalog.rearDoorTypes.contains(door.id));
    }

    // A CDU that could not hold its set point (as the system simulation solved it) gives its doors warmer
    // water, and they take what ε-NTU gives against that water.
    void rearDoorsTakeTheCdusSolvedSupply() {
        const Twin t = withRearDoors(halltwin::test::referenceTwin("legacy-air"));
        HallGridOptions opt(0.4);
        opt.cduSupplyC["cdu-doors"] = 24;
        const HallGrid h = buildHallGrid(t, opt);
        AirSolver s(h.airCase, 18);
        const HallAirResult res = analyseHall(s, h, s.solveSteady(hallSolveOptions()));
        const RearDoorType& door = t.catalog.rearDoorTypes.at("rdhx-passive-35kw");
        const sim::FluidProperties f = sim::coolantProperties("water", 24);
        const double waterWK = f.densityKgM3 * f.cpJKgK * door.waterFlowM3s;
        const double rhoCp = h.airCase.air.density * h.airCase.air.heatCapacity;
        for (size_t n = 0; n < h.racks.size(); ++n) {
            if (t.racks[n].rearDoor.empty()) continue;
            const RackOpenings& r = h.racks[n];
            const double hot = s.openingTemperature(size_t(r.intake)) + r.deltaT;
            const double want =
                sim::rearDoorDuty(door, r.flowM3s, hot, 24, waterWK, rhoCp, rhoCp * r.flowM3s * r.deltaT)
                    .dutyW;
            QVERIFY2(std::fabs(res.racks[n].rearDoorW - want) < 1e-3 * want + 1,
                     qPrintable(QString("%1 W, expected %2 W").arg(res.racks[n].rearDoorW).arg(want)));
        }
    }

    // A door takes its depth of air behind the rack: the exhaust leaves from the door's rear face.
    void rearDoorsMoveTheExhaustBack() {
        const Twin bare = halltwin::test::referenceTwin("legacy-air");
        const Twin doors = withRearDoors(bare);
        const HallGrid h0 = buildHallGrid(bare, {0.2}), h1 = buildHallGrid(doors, {0.2});
        const double depth = doors.catalog.rearDoorTypes.at("rdhx-passive-35kw").depthM;
        int moved = 0;
        for (size_t n = 0; n < h1.racks.size(); ++n) {
            const BoundaryFace a = h0.airCase.openings[size_t(h0.racks[n].exhaust)].faces.front();
            const BoundaryFace b = h1.airCase.openings[size_t(h1.racks[n].exhaust)].faces.front();
            QCOMPARE(a.axis, b.axis);
            const int at[3] = {a.i, a.j, a.k}, bt[3] = {b.i, b.j, b.k};
            const double shiftM = -(bt[a.axis] - at[a.axis]) * a.outward * 0.2; // faces point into the rack
            if (doors.racks[n].rearDoor.empty()) {
                QCOMPARE(shiftM, 0.0);
                continue;
            }
            QVERIFY2(std::fabs(shiftM - depth) <= 0.1 + 1e-9, qPrintable(QString::number(shiftM)));
            ++moved;
        }
        QCOMPARE(moved, 14);
    }

    // An active door's fans blow through its coil: their work warms the air after it, and the hall's heat
    // balance counts it.
    void activeDoorFansWarmTheRoom() {
        Twin t = withRearDoors(halltwin::test::referenceTwin("legacy-air"));
        Diagnostics d;
        const Catalog full = loadCatalogDir(halltwin::test::assets() / "catalog", d);
        const RearDoorType& active = full.rearDoorTypes.at("rdhx-active-60kw");
        t.catalog.rearDoorTypes.emplace(active.id, active);
        for (Rack& r : t.racks)
            if (!r.rearDoor.empty()) r.rearDoor = active.id;
        const HallGrid h = buildHallGrid(t, {0.4});
        AirSolver s(h.airCase, 18);
        const HallAirResult res = analyseHall(s, h, s.solveSteady(hallSolveOptions()));
        QVERIFY2(std::fabs(res.energyImbalance) < 0.01, qPrintable(QString::number(res.energyImbalance)));
        QVERIFY(std::fabs(res.rearDoorFanW - 14 * active.fanPowerW) < 1);
        const double rhoCp = h.airCase.air.density * h.airCase.air.heatCapacity;
        const std::vector<RackInlet> inlets = rackInlets(s, h);
        for (size_t n = 0; n < h.racks.size(); ++n) {
            if (t.racks[n].rearDoor.empty()) continue;
            QVERIFY(std::fabs(inlets[n].rearDoorFanW - active.fanPowerW) < 1e-6 * active.fanPowerW);
            // Room-neutral at most, then the fans' rise on top.
            const double fanK = active.fanPowerW / (rhoCp * h.racks[n].flowM3s);
            QVERIFY(inlets[n].exhaustC >= s.openingTemperature(size_t(h.racks[n].intake)) + fanK - 1e-3);
        }
    }

    void badRearDoorsAreNamed() {
        Twin t = withRearDoors(halltwin::test::referenceTwin("legacy-air"));
        auto errors = [&] { return validateTwin(t).errorText(); };
        t.racks[0].rearDoor = "no-such-door";
        QVERIFY2(errors().find("field 'rear_door'") != std::string::npos, errors().c_str());
        t.racks[0].rearDoor = "rdhx-passive-35kw", t.racks[0].cdu.clear();
        QVERIFY2(errors().find("field 'rear_door'") != std::string::npos, errors().c_str());
        t.racks[0].cdu = "cdu-doors";
        t.catalog.rearDoorTypes.at("rdhx-passive-35kw").approachK = 30;
        QVERIFY2(errors().find("rear door type 'rdhx-passive-35kw', field 'approach_k'") != std::string::npos,
                 errors().c_str());
    }

    // In-row coolers replace two racks of row A: each draws from the hot aisle behind it over its whole rear
    // and blows into the cold aisle over its whole front, at its set point; the solved hall's heat balance
    // closes.
    void inRowCoolersDrawFromTheHotAisle() {
        Twin t = halltwin::test::referenceTwin("legacy-air");
        Diagnostics d;
        const Catalog full = loadCatalogDir(halltwin::test::assets() / "catalog", d);
        const AirHandlerType& type = full.airHandlerTypes.at("inrow-cw-30kw");
        t.catalog.airHandlerTypes.emplace(type.id, type);
        for (const char* id : {"row-a-05", "row-a-10"}) {
            auto it = std::ranges::find_if(t.racks, [&](const Rack& r) { return r.id == id; });
            AirHandler a;
            a.id = std::string("inrow-") + id, a.type = type.id, a.supplyTempC = 20;
            a.xM = it->xM, a.yM = it->yM, a.yawDeg = it->yawDeg;
            t.racks.erase(it);
            t.cooling.airHandlers.push_back(a);
        }
        QVERIFY2(validateTwin(t).ok(), validateTwin(t).errorText().c_str());
        const HallGrid h = buildHallGrid(t, {0.4});
        for (size_t n = 0; n < h.airHandlers.size(); ++n) {
            if (h.airHandlers[n].rfind("inrow-", 0) != 0) continue;
            const Opening& ret = h.airCase.openings[size_t(h.returns[n])];
            const auto sup = std::ranges::find_if(
                h.airCase.openings, [&](const Opening& o) { return o.name == h.airHandlers[n] + " supply"; });
            QVERIFY(sup != h.airCase.openings.end());
            // Rear and front faces on opposite sides along y, both over the unit's whole height (5 layers).
            QVERIFY(!ret.faces.empty() && ret.faces.front().axis == 1 && sup->faces.front().axis == 1);
            QVERIFY(ret.faces.front().outward == -sup->faces.front().outward);
            std::set<int> layers;
            for (const BoundaryFace& f : sup->faces)
                layers.insert(f.k);
            QCOMPARE(int(layers.size()), 5);
        }
        const double imbalance = solvedImbalance(h);
        QVERIFY2(std::fabs(imbalance) < 0.01, qPrintable(QString::number(imbalance)));
        // A kind that is not one of the three is named.
        t.catalog.airHandlerTypes.at(type.id).kind = "inrow";
        QVERIFY2(validateTwin(t).errorText().find("air handler type 'inrow-cw-30kw', field 'kind'") !=
                     std::string::npos,
                 validateTwin(t).errorText().c_str());
    }

    void exhaustIsIntakePlusDeltaT() {
        const HallGrid h = buildHallGrid(halltwin::test::referenceTwin("legacy-air"));
        AirSolver s(h.airCase, 18);
        SolveOptions o;
        o.maxSteps = 20;
        s.solveSteady(o);
        for (const RackInlet& r : rackInlets(s, h)) {
            const RackOpenings* ro = nullptr;
            for (const RackOpenings& x : h.racks)
                if (x.id == r.id) ro = &x;
            QVERIFY(ro);
            QVERIFY(r.maxC >= r.meanC);
            // The exhaust temperature applied in the last step used the intake mean of that step.
            QVERIFY(std::fabs(r.exhaustC - (s.openingTemperature(size_t(ro->intake)) + ro->deltaT)) < 0.5);
        }
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestAirHall)
#include "tst_air_hall.moc"
