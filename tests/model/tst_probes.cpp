// Probes: a twin's named sensor points through the file formats (schema version 2; version 1 files load
// without them), validation with named errors, sampling of the solved air (exact for a linear field, the
// air in front of a solid face, nothing inside a rack), /results/air/probes, and the comparison with a
// measurements CSV (RMS, bias and largest difference per group against hand-computed figures).
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/HallSimulation.hpp"
#include "model/Hdf5.hpp"
#include "model/NumberText.hpp"
#include "model/TwinFile.hpp"
#include "model/TwinValidation.hpp"
#include "model/air/AirResultsFile.hpp"
#include "model/air/ProbeComparison.hpp"
#include "model/air/ProbeSampling.hpp"

#include <QTemporaryDir>

#include <cmath>
#include <fstream>

using namespace halltwin::model;
using namespace halltwin::model::air;
namespace fs = std::filesystem;

namespace {

// 6 × 5 × 4 cells of 0.5 m from (1, 2, 0), T = 20 + 2x − y + 0.5z, velocity (1, 2, 2) everywhere.
AirFields linearField() {
    AirFields f;
    f.dims = {6, 5, 4};
    f.origin = {1, 2, 0};
    f.spacing = {0.5, 0.5, 0.5};
    f.temperature.resize(f.dims.size());
    f.velocity.resize(3 * f.dims.size());
    f.solid.assign(f.dims.size(), 0);
    for (int k = 0; k < 4; ++k)
        for (int j = 0; j < 5; ++j)
            for (int i = 0; i < 6; ++i) {
                const size_t c = f.dims.index(i, j, k);
                const double x = 1 + 0.5 * (i + 0.5), y = 2 + 0.5 * (j + 0.5), z = 0.5 * (k + 0.5);
                f.temperature[c] = float(20 + 2 * x - y + 0.5 * z);
                f.velocity[3 * c] = 1, f.velocity[3 * c + 1] = 2, f.velocity[3 * c + 2] = 2;
            }
    return f;
}

Twin withProbes() {
    Twin t = halltwin::test::referenceTwin("legacy-air");
    t.probes = {{"front-a-low", "strip-a", 3.0, 4.0, 0.4},
                {"front-a-high", "strip-a", 3.0, 4.0, 2.0},
                {"ceiling", "", 6.0, 6.0, t.hall.heightM - t.hall.raisedFloorM - 0.2}};
    return t;
}

fs::path writeText(const QTemporaryDir& dir, const char* name, const std::string& text) {
    const fs::path p = fs::path(dir.path().toStdString()) / name;
    std::ofstream(p) << text;
    return p;
}

} // namespace

class TestProbes : public QObject {
    Q_OBJECT

  private slots:
    void samplingIsExactForALinearField() {
        const AirFields f = linearField();
        for (const auto& [x, y, z] :
             {std::array{2.1, 3.3, 0.9}, std::array{1.3, 2.26, 0.3}, std::array{3.7, 4.2, 1.7}}) {
            const ProbeReading r = sampleProbe(f, {"p", "", x, y, z});
            QVERIFY(r.inAir);
            QVERIFY2(std::abs(r.temperatureC - (20 + 2 * x - y + 0.5 * z)) < 1e-5,
                     std::to_string(r.temperatureC).c_str());
            QVERIFY(std::abs(r.speedMs - 3) < 1e-6);
        }
        // Within half a cell of the grid's edge the edge cells' values hold (no extrapolation).
        const ProbeReading edge = sampleProbe(f, {"p", "", 1.0, 2.0, 0.0});
        QVERIFY(std::abs(edge.temperatureC - (20 + 2 * 1.25 - 2.25 + 0.5 * 0.25)) < 1e-5);
    }

    void solidCellsAreLeftOut() {
        AirFields f = linearField();
        // The x-lower half is solid (a rack face at x = 2.5): a probe just in front reads the air cells.
        for (int k = 0; k < 4; ++k)
            for (int j = 0; j < 5; ++j)
                for (int i = 0; i < 3; ++i)
                    f.solid[f.dims.index(i, j, k)] = 1;
        const ProbeReading front = sampleProbe(f, {"p", "", 2.6, 3.1, 1.1});
        QVERIFY(front.inAir);
        const double airColumnX = 1 + 0.5 * 3.5; // the first air cells' centre
        QVERIFY(std::abs(front.temperatureC - (20 + 2 * airColumnX - 3.1 + 0.5 * 1.1)) < 1e-5);
        QVERIFY(!sampleProbe(f, {"p", "", 1.5, 3.0, 1.0}).inAir); // deep inside the solid
    }

    void probesRoundTripAndVersionOneLoads() {
        const Twin t = withProbes();
        QVERIFY2(validateTwin(t).ok(), validateTwin(t).errorText().c_str());
        QTemporaryDir dir;
        const fs::path h5 = fs::path(dir.path().toStdString()) / "p.h5",
                       json = fs::path(dir.path().toStdString()) / "p.json";
        saveTwinFile(t, h5);
        TwinLoad back = loadTwinFile(h5);
        QVERIFY2(back.diagnostics.ok(), back.diagnostics.errorText().c_str());
        QVERIFY(back.twin == t);
        QCOMPARE(back.twin.probes.size(), size_t(3));
        h5::Handle f(H5Fopen(h5.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        QCOMPARE(h5::readIntAttr(f.get(), "schema_version", "file"), 2L);
        saveTwinFile(t, json);
        back = loadTwinFile(json);
        QVERIFY2(back.diagnostics.ok(), back.diagnostics.errorText().c_str());
        QVERIFY(back.twin == t);
        // The version 1 fixture (no probes group) still loads, with no probes.
        const TwinLoad v1 = loadTwinFile(halltwin::test::data() / "schema-v1.h5");
        QVERIFY2(v1.diagnostics.ok(), v1.diagnostics.errorText().c_str());
        QVERIFY(v1.twin.probes.empty());
    }

    void badProbesAreNamed() {
        Twin t = withProbes();
        t.probes[1].xM = t.hall.lengthM + 1;
        std::string e = validateTwin(t).errorText();
        QVERIFY2(e.find("probe 'front-a-high'") != std::string::npos && e.find("x_m") != std::string::npos &&
                     e.find("outside the hall") != std::string::npos,
                 e.c_str());
        t = withProbes();
        t.probes[2].id = "front-a-low";
        e = validateTwin(t).errorText();
        QVERIFY2(e.find("front-a-low") != std::string::npos, e.c_str());
    }

    // A coarse solve of legacy-air: probes in the aisles read air between the supply and the hottest
    // exhaust; the readings go to /results/air/probes and back.
    void probesReadTheSolvedHall() {
        Twin t = withProbes();
        HallSimulationOptions o;
        o.system.hours = 0;
        o.air = AirSettings{0.4};
        // A probe at the centre of a cell whose neighbours are all solid (inside a rack or a unit); probe
        // heights are above the room floor, where the grid starts.
        const AirFields grid = simulateHall(t, o).air->fields;
        const Dims& n = grid.dims;
        std::array<double, 3> deep{-1, -1, -1};
        for (int k = 1; k + 1 < n.nz && deep[0] < 0; ++k)
            for (int j = 1; j + 1 < n.ny && deep[0] < 0; ++j)
                for (int i = 1; i + 1 < n.nx && deep[0] < 0; ++i) {
                    bool all = true;
                    for (int c = 0; c < 27; ++c)
                        all = all && grid.solid[n.index(i + c % 3 - 1, j + c / 3 % 3 - 1, k + c / 9 - 1)];
                    if (all)
                        deep = {grid.origin[0] + (i + 0.5) * grid.spacing[0],
                                grid.origin[1] + (j + 0.5) * grid.spacing[1], (k + 0.5) * grid.spacing[2]};
                }
        QVERIFY(deep[0] >= 0);
        t.probes.push_back({"inside-rack", "", deep[0], deep[1], deep[2]});
        const HallSimulationResult res = simulateHall(t, o);
        QVERIFY(res.air);
        QCOMPARE(res.air->probes.size(), size_t(4));
        for (size_t i = 0; i < 3; ++i) {
            const ProbeReading& p = res.air->probes[i];
            QVERIFY2(p.inAir && p.temperatureC > res.air->result.supplyC - 0.5 && p.temperatureC < 60,
                     (p.id + " " + std::to_string(p.temperatureC)).c_str());
        }
        QVERIFY(!res.air->probes[3].inAir);
        QTemporaryDir dir;
        const fs::path file = fs::path(dir.path().toStdString()) / "solved.h5";
        SaveOptions so;
        so.writeExtra = [&](long long id) { writeAirResults(id, *res.air); };
        saveTwinFile(t, file, so);
        const std::optional<AirResults> back = readAirResults(file);
        QVERIFY(back);
        QCOMPARE(back->probes.size(), size_t(4));
        QCOMPARE(back->probes[0].temperatureC, res.air->probes[0].temperatureC);
        QVERIFY(!back->probes[3].inAir);
    }

    // Differences against hand-computed figures; a CSV with a header, comments and uncertainties.
    void comparisonWithMeasurements() {
        QTemporaryDir dir;
        const fs::path csv = writeText(dir, "m.csv",
                                       "probe,value,uncertainty\n# strip A\nfront-a-low,20.0,0.5\n"
                                       "front-a-high, 25.0 ,\n\nceiling,30,2\n");
        Diagnostics d;
        const std::vector<Measurement> m = readMeasurementsCsv(csv, d);
        QVERIFY2(d.ok(), d.errorText().c_str());
        QCOMPARE(m.size(), size_t(3));
        QCOMPARE(m[1].uncertainty, -1.0);
        const std::vector<ProbeReading> model{{"front-a-low", "strip-a", 21.0, 0.1, true},
                                              {"front-a-high", "strip-a", 22.0, 0.2, true},
                                              {"ceiling", "", 30.5, 0.3, true},
                                              {"unmeasured", "", 25.0, 0.0, true}};
        const ProbeComparison c = compareWithMeasurements(model, m, ProbeQuantity::Temperature, d);
        QVERIFY(d.ok());
        QCOMPARE(c.probes.size(), size_t(3));
        QCOMPARE(c.probes[0].difference(), 1.0);
        QVERIFY(!c.probes[0].withinUncertainty() && c.probes[2].withinUncertainty());
        QCOMPARE(c.groups.size(), size_t(2)); // "" and strip-a
        const DifferenceStats& a = c.groups[1];
        QCOMPARE(a.group, std::string("strip-a"));
        QVERIFY(std::abs(a.rms - std::sqrt((1.0 + 9.0) / 2)) < 1e-12);
        QVERIFY(std::abs(a.mean - (-1.0)) < 1e-12);
        QCOMPARE(a.maxAbs, 3.0);
        QVERIFY(std::abs(c.all.rms - std::sqrt((1.0 + 9.0 + 0.25) / 3)) < 1e-12);
        QCOMPARE(c.unmeasured, std::vector<std::string>{"unmeasured"});

        // As spreadsheets write it: a byte order mark, a comment before the column names, quoted cells,
        // Windows line ends.
        Diagnostics sheet;
        const std::vector<Measurement> s = readMeasurementsCsv(
            writeText(dir, "sheet.csv",
                      "\xEF\xBB\xBF# exported\r\n\"probe\",\"value\"\r\n\"ceiling\",\"+30.5\"\r\n"),
            sheet);
        QVERIFY2(sheet.ok(), sheet.errorText().c_str());
        QCOMPARE(s.size(), size_t(1));
        QCOMPARE(s[0].probe, std::string("ceiling"));
        QCOMPARE(s[0].value, 30.5);
        double v = 0;
        QVERIFY(!parseNumber("1,5", v) && !parseNumber("", v) && !parseNumber("nan", v) &&
                parseNumber("-2e1", v));
        QCOMPARE(v, -20.0);

        Diagnostics bad;
        readMeasurementsCsv(writeText(dir, "bad.csv", "front-a-low,20\nceiling,warm\n"), bad);
        QVERIFY2(bad.errorText().find("line 2") != std::string::npos &&
                     bad.errorText().find("'warm' is not a number") != std::string::npos,
                 bad.errorText().c_str());
        Diagnostics unknown;
        compareWithMeasurements(model, {{"nowhere", 20}}, ProbeQuantity::Temperature, unknown);
        QVERIFY2(unknown.errorText().find("'nowhere' is not a probe") != std::string::npos,
                 unknown.errorText().c_str());
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestProbes)
#include "tst_probes.moc"
