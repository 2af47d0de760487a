// The sourced catalogue: it loads, every entry names its source, every efficiency curve is usable.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/CatalogIo.hpp"
#include "model/RackPower.hpp"

#include <fstream>

using namespace halltwin::model;

class TestCatalog : public QObject {
    Q_OBJECT
    Catalog c;

  private slots:
    void initTestCase() {
        Diagnostics d;
        c = loadCatalogDir(halltwin::test::assets() / "catalog", d);
        QVERIFY2(d.ok(), d.errorText().c_str());
        for (const Problem& w : d.warnings())
            QFAIL(w.toString().c_str());
    }

    void everyEntryHasASource() {
        auto check = [](const auto& entries) {
            for (const auto& [id, e] : entries) {
                QVERIFY2(e.source.size() > 20,
                         qPrintable(QString::fromStdString(id) + " has no real source"));
                QVERIFY(!e.name.empty());
            }
        };
        check(c.accelerators), check(c.cpus), check(c.servers), check(c.rackTypes), check(c.cduTypes);
        check(c.airHandlerTypes), check(c.heatRejectionTypes), check(c.powerStageTypes);
    }

    void efficiencyCurvesCoverZeroToFullLoad() {
        QVERIFY(c.powerStageTypes.size() >= 7);
        for (const auto& [id, s] : c.powerStageTypes) {
            QCOMPARE(s.loadFraction.size(), s.efficiency.size());
            QCOMPARE(s.loadFraction.front(), 0.0);
            QCOMPARE(s.loadFraction.back(), 1.0);
            for (double e : s.efficiency)
                QVERIFY2(e > 0 && e <= 1, id.c_str());
        }
    }

    void requiredEquipment_data() {
        QTest::addColumn<QString>("id");
        for (const char* id :
             {"tecorigin-t100", "loongson-3c6000", "domestic-40kw-cabinet", "vera-rubin-nvl72", "gb300-nvl72",
              "groq-lpx", "air-hgx-h100-12kw", "cdu-row-1500kw", "crah-150kw", "fan-wall-400kw",
              "dry-cooler-1mw", "chiller-1mw", "mv-transformer-2500kva", "ups-double-conversion", "pdu-415",
              "psu-54v-titanium", "sst-800vdc", "dcdc-800-50", "vrm-core"})
            QTest::newRow(id) << id;
    }
    void requiredEquipment() {
        QFETCH(QString, id);
        QVERIFY(c.contains(id.toStdString()));
    }

    void titaniumPsuMatchesThe80PlusPoints() {
        // 80 PLUS Titanium (230 V internal redundant): 90 / 94 / 96 / 91 % at 10 / 20 / 50 / 100 % load.
        const PowerStageType& p = c.powerStageTypes.at("psu-54v-titanium");
        const std::map<double, double> published{{0.1, 0.90}, {0.2, 0.94}, {0.5, 0.96}, {1.0, 0.91}};
        for (auto [load, eff] : published) {
            auto it = std::find(p.loadFraction.begin(), p.loadFraction.end(), load);
            QVERIFY(it != p.loadFraction.end());
            QCOMPARE(p.efficiency[size_t(it - p.loadFraction.begin())], eff);
        }
    }

    void rackNameplateIsTheSumOfItsParts() {
        // Domestic server: 8 x 450 W cards + 2 x 120 W CPUs + 1200 W board + 300 W fans = 5340 W (press
        // reports: ~5.4 kW).
        const Server& s = c.servers.at("domestic-4u-8card");
        QCOMPARE(serverNameplateW(s, c), 8 * 450.0 + 2 * 120.0 + 1200.0 + 300.0);
        Rack r;
        r.type = "domestic-40kw-cabinet";
        r.serverCount = 8;
        QCOMPARE(rackNameplateW(r, c), 8 * 5340.0 + 1000.0);
        r.powerCapW = 40000;
        QCOMPARE(rackDesignPowerW(r, c), 40000.0);
    }

    void brokenCurveIsReported() {
        const auto dir = std::filesystem::temp_directory_path() / "halltwin-bad-catalog";
        std::filesystem::create_directories(dir);
        std::ofstream(dir / "power.json") << R"({"kind": "power_stages", "entries": [{"id": "x", "name": "X",
            "source": "test", "estimate": true, "kind": "psu", "rated_power_w": 1000, "input_v": 230,
            "output_v": 54, "load_fraction": [0.1, 1.0], "efficiency": [0.9, 1.2]}]})";
        Diagnostics d;
        loadCatalogDir(dir, d);
        std::filesystem::remove_all(dir);
        QVERIFY(!d.ok());
        const std::string text = d.errorText();
        QVERIFY2(text.find("power stage type 'x', field 'load_fraction'") != std::string::npos, text.c_str());
        QVERIFY2(text.find("field 'efficiency': 1.2") != std::string::npos, text.c_str());
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestCatalog)
#include "tst_catalog.moc"
