// The hall's air results: analyseHall on a coarse solve of the legacy-air hall, and /results/air in a twin
// file (fields chunked and compressed with units, beside the system results, atomic saves).
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/Hdf5.hpp"
#include "model/TwinFile.hpp"
#include "model/air/AirMetrics.hpp"
#include "model/air/AirResultsFile.hpp"
#include "model/air/AirSolver.hpp"
#include "model/air/HallAirResult.hpp"
#include "model/sim/ResultsFile.hpp"

#include <QTemporaryDir>

#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>

using namespace halltwin::model;
using namespace halltwin::model::air;
namespace fs = std::filesystem;

namespace {

std::string bytesOf(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

bool hasDeflate(hid_t ds) {
    h5::Handle plist(H5Dget_create_plist(ds));
    for (int i = 0; i < H5Pget_nfilters(plist.get()); ++i) {
        unsigned flags = 0, config = 0;
        size_t n = 0;
        if (H5Pget_filter2(plist.get(), unsigned(i), &flags, &n, nullptr, 0, nullptr, &config) ==
            H5Z_FILTER_DEFLATE)
            return true;
    }
    return false;
}

} // namespace

class TestAirResults : public QObject {
    Q_OBJECT

    const Twin* twin = nullptr;
    HallGrid hall;
    std::unique_ptr<AirSolver> solver;
    SolveReport report;
    HallAirResult result;
    sim::SimulationResult system;
    QTemporaryDir dir;

    fs::path file(const char* name) const { return fs::path(dir.path().toStdString()) / name; }
    void writeAir(long long id) const { writeAirResults(id, *solver, hall, result); }

  private slots:
    // A coarse (0.6 m) and capped solve: the checks are about bookkeeping, not converged physics.
    void initTestCase() {
        twin = &halltwin::test::referenceTwin("legacy-air");
        hall = buildHallGrid(*twin, {0.6});
        solver = std::make_unique<AirSolver>(hall.airCase, hall.airCase.air.referenceC);
        SolveOptions o = hallSolveOptions();
        o.maxSteps = 300;
        report = solver->solveSteady(o);
        result = analyseHall(*solver, hall, report);
        sim::SimulationOptions so;
        so.hours = 0;
        system = sim::simulate(*twin, so);
    }

    void placesTheGridOnTheRaisedFloor() { QCOMPARE(hall.airCase.grid.origin[2], twin->hall.raisedFloorM); }

    void racksAreReportedInTheGridsOrder() {
        const std::vector<RackInlet> inlets = rackInlets(*solver, hall);
        QCOMPARE(result.racks.size(), hall.racks.size());
        double heat = 0;
        for (size_t n = 0; n < inlets.size(); ++n) {
            const RackAirResult& r = result.racks[n];
            QCOMPARE(r.id, hall.racks[n].id);
            QCOMPARE(r.inletMeanC, inlets[n].meanC);
            QCOMPARE(r.inletMaxC, inlets[n].maxC);
            QCOMPARE(r.exhaustC, inlets[n].exhaustC);
            QCOMPARE(r.flowM3s, hall.racks[n].flowM3s);
            QVERIFY(r.inletMaxC >= r.inletMeanC);
            // β against the rack's own rise (the exhaust before any rear door).
            QCOMPARE(r.beta,
                     beta({r.inletMeanC, r.inletMeanC + hall.racks[n].deltaT, r.flowM3s}, result.supplyC));
            heat += hall.racks[n].airHeatW;
        }
        QCOMPARE(result.rackAirHeatW, heat);
    }

    void hallIndicesFollowTheMetrics() {
        std::vector<double> hottest;
        for (const RackAirResult& r : result.racks)
            hottest.push_back(r.inletMaxC);
        QCOMPARE(result.rciHiPercent, rciHi(hottest));
        QVERIFY(result.rciLoPercent <= 100);
        QVERIFY(std::fabs(result.supplyC - 18) < 1e-9); // every CRAH of legacy-air supplies 18 °C
        QVERIFY(result.returnC > result.supplyC);
        QVERIFY(std::fabs(result.shi + result.rhi - 1) < 1e-12);
        QVERIFY(std::isfinite(result.rtiPercent));
        QCOMPARE(result.energyImbalance, (result.rackAirHeatW - result.removedW) / result.rackAirHeatW);
        QCOMPARE(result.steps, report.steps);
        QCOMPARE(result.residual, report.residual);
        QCOMPARE(result.converged, report.converged);
        QCOMPARE(result.history, report.history);
        QCOMPARE(result.turbulenceModel, std::string("constant effective viscosity 0.01 m2/s"));
    }

    // What the racks put into the air and the air handlers take out are the openings' whole balance.
    void heatBalancesTheSolversOpenings() {
        const EnergyBalance e = solver->energyBalance();
        const double racksNet = e.inflowW - e.outflowW + result.removedW;
        QVERIFY2(std::fabs(racksNet - result.rackAirHeatW) < 0.02 * result.rackAirHeatW,
                 qPrintable(QString("%1 W through the racks, %2 W of rack air heat")
                                .arg(racksNet)
                                .arg(result.rackAirHeatW)));
    }

    void hotSpotsAreRacksAboveTheThreshold() {
        QCOMPARE(analyseHall(*solver, hall, report, -100).hotSpots.size(), hall.racks.size());
        QVERIFY(analyseHall(*solver, hall, report, 1000).hotSpots.empty());
        const double threshold = result.racks.front().inletMaxC;
        const HallAirResult r = analyseHall(*solver, hall, report, threshold);
        size_t above = 0;
        for (const RackAirResult& k : r.racks)
            above += k.inletMaxC > threshold;
        QCOMPARE(r.hotSpots.size(), above);
        QCOMPARE(r.hotSpotC, threshold);
    }

    void fieldsRoundTripBesideTheSystemResults() {
        const fs::path p = file("air.h5");
        sim::saveTwinWithResults(*twin, system, p, [&](long long id) { writeAir(id); });
        QVERIFY(loadTwinFile(p).diagnostics.ok());
        QVERIFY(!sim::readKpis(p).empty());
        const std::optional<AirFields> f = readAirFields(p);
        QVERIFY(f);
        const AirFields expected = fieldsOf(*solver);
        QCOMPARE(f->dims.nx, solver->cellDims().nx);
        QCOMPARE(f->dims.ny, solver->cellDims().ny);
        QCOMPARE(f->dims.nz, solver->cellDims().nz);
        QCOMPARE(f->origin, (std::array<double, 3>{0, 0, twin->hall.raisedFloorM}));
        const AirGrid& g = hall.airCase.grid;
        QCOMPARE(f->spacing, (std::array<double, 3>{g.hx, g.hy, g.hz}));
        QVERIFY(f->temperature == solver->temperature());
        QVERIFY(f->velocity == expected.velocity);
        QVERIFY(f->solid == g.solid);
    }

    void rackTableAndIndicesRoundTrip() {
        const fs::path p = file("results.h5");
        saveTwinFile(*twin, p, {{}, [&](long long id) { writeAir(id); }});
        const std::optional<AirResults> r = readAirResults(p);
        QVERIFY(r);
        QVERIFY(r->fields.temperature == solver->temperature());
        QCOMPARE(r->airHandlers, hall.airHandlers);
        QCOMPARE(r->result.racks.size(), result.racks.size());
        QCOMPARE(r->result.racks.front().id, result.racks.front().id);
        QCOMPARE(r->result.racks.back().inletMeanC, result.racks.back().inletMeanC);
        QCOMPARE(r->result.racks.back().exhaustC, result.racks.back().exhaustC);
        QCOMPARE(r->result.rciHiPercent, result.rciHiPercent);
        QCOMPARE(r->result.rtiPercent, result.rtiPercent);
        QCOMPARE(r->result.hotSpots, result.hotSpots);
        QCOMPARE(r->result.steps, result.steps);
        QCOMPARE(r->result.converged, result.converged);
        QCOMPARE(r->result.history, result.history);
        QCOMPARE(r->result.turbulenceModel, result.turbulenceModel);
        QVERIFY(!r->result.averaged);
        QCOMPARE(hottestInlet(r->result)->id, hottestInlet(result)->id);
        QVERIFY(!readAirResults(halltwin::test::referenceJson("legacy-air")));
    }

    // Averaged fields (SolveReport::averaged) say so in the file, with how far the racks moved.
    void averagedStateRoundTrips() {
        HallAirResult averaged = result;
        averaged.averaged = true;
        averaged.fluctuation = 0.26;
        const fs::path p = file("averaged.h5");
        saveTwinFile(*twin, p, {{}, [&](long long id) { writeAirResults(id, *solver, hall, averaged); }});
        const std::optional<AirResults> r = readAirResults(p);
        QVERIFY(r);
        QVERIFY(r->result.averaged);
        QCOMPARE(r->result.fluctuation, 0.26);
    }

    void fieldsAreChunkedCompressedAndCarryUnits() {
        const fs::path p = file("units.h5");
        sim::saveTwinWithResults(*twin, system, p, [&](long long id) { writeAir(id); });
        h5::Handle f(H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        h5::Handle g = h5::openGroup(f.get(), "results/air", "test");
        QCOMPARE(h5::readStringAttr(g.get(), "class", "test"), std::string("HT_air_results"));
        QCOMPARE(h5::readStringAttr(g.get(), "origin_units", "test"), std::string("m"));
        const std::vector<std::pair<const char*, const char*>> units{
            {"temperature", "degC"},   {"velocity", "m/s"},  {"solid", "1"},         {"rci_hi", "%"},
            {"rci_lo", "%"},           {"rti", "%"},         {"shi", "1"},           {"rhi", "1"},
            {"energy_imbalance", "1"}, {"residual", "1"},    {"steps", "1"},         {"converged", "1"},
            {"supply_c", "degC"},      {"return_c", "degC"}, {"removed_heat_w", "W"}};
        for (const auto& [name, u] : units)
            QCOMPARE(h5::unitsOf(g.get(), name, "test"), std::string(u));
        for (const char* name : {"temperature", "velocity", "solid"}) {
            h5::Handle ds(H5Dopen2(g.get(), name, H5P_DEFAULT));
            h5::Handle plist(H5Dget_create_plist(ds.get()));
            QCOMPARE(H5Pget_layout(plist.get()), H5D_CHUNKED);
            hsize_t chunk[4] = {};
            QVERIFY(H5Pget_chunk(plist.get(), 4, chunk) >= 3);
            QCOMPARE(chunk[0], hsize_t(1)); // one z-slab per chunk
            QVERIFY2(hasDeflate(ds.get()), name);
        }
        h5::Handle racks = h5::openGroup(g.get(), "racks", "test");
        QCOMPARE(h5::readStrings(racks.get(), "id", "test").size(), hall.racks.size());
        QCOMPARE(h5::readNumbers(racks.get(), "inlet_max_c", "test").back(), result.racks.back().inletMaxC);
        QCOMPARE(h5::unitsOf(racks.get(), "flow_m3_s", "test"), std::string("m3/s"));
        QCOMPARE(h5::readNumbers(g.get(), "rci_hi", "test").front(), result.rciHiPercent);
        QCOMPARE(h5::readNumbers(g.get(), "steps", "test").front(), double(result.steps));
    }

    void filesWithoutAirResultsGiveNothing() {
        const fs::path p = file("system-only.h5");
        sim::saveTwinWithResults(*twin, system, p);
        QVERIFY(!readAirFields(p));
        QVERIFY(!readAirFields(halltwin::test::referenceJson("legacy-air")));
        QVERIFY(!readAirFields(file("missing.h5")));
    }

    void inconsistentFieldsAreRefused() {
        const fs::path p = file("damaged.h5");
        SaveOptions o;
        o.writeExtra = [](long long id) {
            h5::Handle results = h5::createGroup(hid_t(id), "results", "HT_results");
            h5::Handle air = h5::createGroup(results.get(), "air", "HT_air_results");
            h5::writeFloatArray(air.get(), "temperature", std::vector<float>(24, 20.0f), {2, 3, 4}, "degC");
            h5::writeFloatArray(air.get(), "velocity", std::vector<float>(24, 0.0f), {2, 3, 4}, "m/s");
        };
        saveTwinFile(*twin, p, o);
        try {
            readAirFields(p);
            QFAIL("a velocity of the wrong shape was accepted");
        } catch (const h5::Error& e) {
            QVERIFY2(std::string(e.what()).find("'velocity' is not (z, y, x, 3)") != std::string::npos,
                     e.what());
        }
    }

    // Air results written before the system results share /results; a failing writer or a failing
    // commit leaves the previous file byte for byte.
    void failedSavesKeepTheOldFile() {
        const fs::path p = file("keep.h5");
        SaveOptions airFirst;
        airFirst.writeExtra = [&](long long id) {
            writeAir(id);
            sim::writeResults(id, *twin, system);
        };
        saveTwinFile(*twin, p, airFirst);
        QVERIFY(readAirFields(p) && !sim::readKpis(p).empty());
        const std::string before = bytesOf(p);
        Twin renamed = *twin;
        renamed.name = "changed";
        SaveOptions twice; // a second /results/air cannot be created
        twice.writeExtra = [&](long long id) {
            writeAir(id);
            writeAir(id);
        };
        QVERIFY_THROWS_EXCEPTION(SaveError, saveTwinFile(renamed, p, twice));
        SaveOptions refused = airFirst;
        refused.beforeCommit = [](const fs::path&) { throw std::runtime_error("disk full"); };
        QVERIFY_THROWS_EXCEPTION(SaveError, saveTwinFile(renamed, p, refused));
        QVERIFY(bytesOf(p) == before);
        QCOMPARE(loadTwinFile(p).twin.name, twin->name);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestAirResults)
#include "tst_air_results.moc"
