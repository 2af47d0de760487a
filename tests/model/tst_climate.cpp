// Site climates: every file loads and names its source, the typical year keeps the monthly normals it was
// built from, the day has its extremes at the right hours, and the psychrometrics match published values.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/sim/Climate.hpp"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>

#include <algorithm>
#include <fstream>
#include <numeric>

using namespace halltwin::model::sim;

namespace {

const char* const kSites[] = {"frankfurt", "singapore", "stockholm", "phoenix", "shanghai", "hohhot"};

std::filesystem::path siteFile(const std::string& id) {
    return halltwin::test::assets() / "climate" / (id + ".json");
}

double mean(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

// First hour index of each month, from our own table of month lengths.
int firstHourOfMonth(int month) {
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return 24 * std::accumulate(days, days + month - 1, 0);
}

// Writes a copy of the Frankfurt file changed by edit, loads it and returns the error message.
template <class Edit> QString refusal(const QTemporaryDir& dir, Edit edit) {
    std::ifstream in(siteFile("frankfurt"));
    nlohmann::json doc = nlohmann::json::parse(in);
    edit(doc);
    const std::string path = dir.filePath("bad.json").toStdString();
    std::ofstream(path) << doc.dump(2);
    try {
        loadClimate(path);
    } catch (const std::runtime_error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestClimate : public QObject {
    Q_OBJECT

    static void addSiteRows() {
        QTest::addColumn<QString>("id");
        for (const char* id : kSites)
            QTest::newRow(id) << id;
    }

  private slots:
    void everySiteLoadsAndNamesItsSource_data() { addSiteRows(); }
    void everySiteLoadsAndNamesItsSource() {
        QFETCH(QString, id);
        const ClimateNormals c = loadClimate(siteFile(id.toStdString()));
        QCOMPARE(QString::fromStdString(c.id), id);
        QVERIFY(c.source.size() > 100);
        QVERIFY(!c.name.empty() && !c.kind.empty());
        for (int m = 0; m < 12; ++m)
            QCOMPARE(c.months[size_t(m)].month, m + 1);
    }

    // Each month of the hourly year against the normals it was built from: mean of the daily max and min
    // within 0.1 K, and the monthly mean within 0.1 K of the mean of the two (the model's daily mean).
    void typicalYearKeepsTheMonthlyNormals_data() { addSiteRows(); }
    void typicalYearKeepsTheMonthlyNormals() {
        QFETCH(QString, id);
        const ClimateNormals c = loadClimate(siteFile(id.toStdString()));
        const HourlyClimate h = hourlySeries(c);
        QCOMPARE(int(h.dryBulbC.size()), 8760);
        for (int m = 1; m <= 12; ++m) {
            const int first = firstHourOfMonth(m), last = m == 12 ? 8760 : firstHourOfMonth(m + 1);
            double sumMax = 0, sumMin = 0, sumAll = 0;
            for (int day = first; day < last; day += 24) {
                auto [lo, hi] = std::minmax_element(h.dryBulbC.begin() + day, h.dryBulbC.begin() + day + 24);
                sumMax += *hi, sumMin += *lo;
                sumAll = std::accumulate(h.dryBulbC.begin() + day, h.dryBulbC.begin() + day + 24, sumAll);
            }
            const int days = (last - first) / 24;
            const MonthlyNormal& n = c.months[size_t(m - 1)];
            const QByteArray where = id.toUtf8() + " month " + QByteArray::number(m);
            QVERIFY2(std::abs(sumMax / days - n.tmaxC) < 0.1, where + " mean daily max");
            QVERIFY2(std::abs(sumMin / days - n.tminC) < 0.1, where + " mean daily min");
            QVERIFY2(std::abs(sumAll / (24 * days) - (n.tmaxC + n.tminC) / 2) < 0.1, where + " monthly mean");
        }
    }

    void dayPeaksMidAfternoonAndBottomsAtDawn_data() { addSiteRows(); }
    void dayPeaksMidAfternoonAndBottomsAtDawn() {
        QFETCH(QString, id);
        const HourlyClimate h = hourlySeries(loadClimate(siteFile(id.toStdString())));
        const int firstHour = firstHourOfMonth(7) + 14 * 24; // 15 July
        auto day = h.dryBulbC.begin() + firstHour;
        const auto hottest = std::max_element(day, day + 24) - day;
        const auto coldest = std::min_element(day, day + 24) - day;
        QVERIFY2(hottest >= 13 && hottest <= 17, qPrintable(QString("hottest hour %1").arg(hottest)));
        QVERIFY2(coldest >= 4 && coldest <= 8, qPrintable(QString("coldest hour %1").arg(coldest)));
    }

    void seriesIsPhysical_data() { addSiteRows(); }
    void seriesIsPhysical() {
        QFETCH(QString, id);
        const HourlyClimate h = hourlySeries(loadClimate(siteFile(id.toStdString())));
        QCOMPARE(int(h.wetBulbC.size()), 8760);
        QCOMPARE(int(h.rhPct.size()), 8760);
        for (size_t i = 0; i < h.dryBulbC.size(); ++i) {
            QVERIFY(h.wetBulbC[i] <= h.dryBulbC[i]);
            QVERIFY(h.rhPct[i] > 0 && h.rhPct[i] <= 100);
            // No jumps, across midnight and across the new year included.
            const size_t next = (i + 1) % h.dryBulbC.size();
            QVERIFY(std::abs(h.dryBulbC[next] - h.dryBulbC[i]) < 4);
        }
    }

    void stullCheckValue() {
        // Stull (2011) abstract: T = 20 degC, RH = 50 % gives Tw = 13.7 degC.
        QVERIFY(std::abs(wetBulbStullC(20, 50) - 13.7) < 0.05);
    }

    void magnusDewPoint() {
        // Psychrometric tables: air at 20 degC and 50 % RH has a dew point of 9.3 degC.
        QVERIFY(std::abs(dewPointC(20, 50) - 9.3) < 0.1);
        QVERIFY(std::abs(relativeHumidityPct(20, dewPointC(20, 50)) - 50) < 1e-9);
        // Saturation vapour pressure of water at 20 degC: 2.3393 kPa (IAPWS-95, Wagner & Pruss 2002).
        QVERIFY(std::abs(saturationVapourPressureHpa(20) - 23.39) < 0.1);
    }

    void climatesAreWhereTheNormalsSayTheyAre() {
        // Annual means of the normals: Singapore about 28 degC, Stockholm about 8 degC.
        QVERIFY(mean(hourlySeries(loadClimate(siteFile("singapore"))).dryBulbC) > 26);
        QVERIFY(mean(hourlySeries(loadClimate(siteFile("stockholm"))).dryBulbC) < 10);
    }

    void badFilesAreRefusedNamingTheField_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("field");
        QTest::newRow("tmin above tmax") << 0 << "months[month 3].tmin_c";
        QTest::newRow("missing month") << 1 << "month 7 is missing";
        QTest::newRow("RH above 100") << 2 << "months[month 1].rh_pct";
        QTest::newRow("null tmax") << 3 << "months[month 5].tmax_c is null";
        QTest::newRow("duplicate month") << 4 << "month 2 appears twice";
        QTest::newRow("no source") << 5 << "source is missing";
    }
    void badFilesAreRefusedNamingTheField() {
        QFETCH(int, kind);
        QFETCH(QString, field);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString message = refusal(dir, [kind](nlohmann::json& doc) {
            auto& months = doc["months"];
            switch (kind) {
            case 0:
                months[2]["tmin_c"] = months[2]["tmax_c"].get<double>() + 1;
                break;
            case 1:
                months.erase(6);
                break;
            case 2:
                months[0]["rh_pct"] = 120;
                break;
            case 3:
                months[4]["tmax_c"] = nullptr;
                break;
            case 4:
                months[2]["month"] = 2;
                break;
            default:
                doc.erase("source");
            }
        });
        QVERIFY2(message.contains(field), qPrintable(message));
        QVERIFY2(message.contains("bad.json"), qPrintable(message));
    }

    void unreadableFilesAreRefused() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("broken.json").toStdString();
        std::ofstream(path) << "{\"id\": \"x\", ";
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadClimate(path));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadClimate(dir.filePath("absent.json").toStdString()));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestClimate)
#include "tst_climate.moc"
