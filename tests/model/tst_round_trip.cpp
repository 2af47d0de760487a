// JSON -> HDF5 -> model is lossless for every reference twin, and so is JSON export.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/CatalogIo.hpp"
#include "model/Schemas.hpp"
#include "model/TwinFile.hpp"

using namespace halltwin::model;

class TestRoundTrip : public QObject {
    Q_OBJECT
    Catalog catalog;
    std::filesystem::path dir;

    static void compareField(const Twin& a, const Twin& b) {
        // Field-by-field diagnostics before the overall comparison, so a failure names what differs.
        QCOMPARE(a.racks.size(), b.racks.size());
        for (size_t i = 0; i < a.racks.size(); ++i)
            QVERIFY2(sameFields(a.racks[i], b.racks[i]), firstDifference(a.racks[i], b.racks[i]).c_str());
        QVERIFY(sameFields(a.hall, b.hall));
        QVERIFY(sameFields(a.workload.settings, b.workload.settings));
        QVERIFY(a.catalog == b.catalog);
        QVERIFY(a == b);
    }

  private slots:
    void initTestCase() {
        Diagnostics d;
        catalog = loadCatalogDir(halltwin::test::assets() / "catalog", d);
        QVERIFY(d.ok());
        dir = std::filesystem::temp_directory_path() / "halltwin-round-trip";
        std::filesystem::create_directories(dir);
    }
    void cleanupTestCase() { std::filesystem::remove_all(dir); }

    void referenceTwins_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"domestic-40kw", "rubin-nvl", "legacy-air", "rubin-lpx", "rdhx-retrofit"})
            QTest::newRow(n) << n;
    }

    void referenceTwins() {
        QFETCH(QString, name);
        TwinLoad src = loadTwinJson(halltwin::test::referenceJson(qPrintable(name)), catalog);
        QVERIFY2(src.diagnostics.ok(), src.diagnostics.errorText().c_str());
        QVERIFY(!src.twin.racks.empty());
        QVERIFY(src.twin.catalog.size() < catalog.size()); // only the entries used are embedded

        const auto h5 = dir / (name.toStdString() + ".h5");
        saveTwinFile(src.twin, h5);
        TwinLoad back = loadTwinFile(h5);
        QVERIFY2(back.diagnostics.ok(), back.diagnostics.errorText().c_str());
        compareField(src.twin, back.twin);

        const auto json = dir / (name.toStdString() + ".json");
        saveTwinJson(back.twin, json);
        TwinLoad again = loadTwinJson(json, Catalog{}); // must not need the bundled catalogue
        QVERIFY2(again.diagnostics.ok(), again.diagnostics.errorText().c_str());
        compareField(src.twin, again.twin);
    }

    void roundTripDetectsAChange() {
        TwinLoad src = loadTwinJson(halltwin::test::referenceJson("rubin-nvl"), catalog);
        Twin changed = src.twin;
        changed.racks[3].powerCapW += 1;
        QVERIFY(!(changed == src.twin));
        QCOMPARE(firstDifference(changed.racks[3], src.twin.racks[3]), std::string("power_cap_w"));
    }

    void schemaVersionOneFixtureStillLoads() {
        TwinLoad l = loadTwinFile(halltwin::test::data() / "schema-v1.h5");
        QVERIFY2(l.diagnostics.ok(), l.diagnostics.errorText().c_str());
        QCOMPARE(l.twin.racks.size(), size_t(2));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestRoundTrip)
#include "tst_round_trip.moc"
