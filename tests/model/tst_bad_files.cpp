// Every file of the broken corpus gives its own clear error naming the object and the field, and
// nothing crashes (this suite also runs under AddressSanitizer, label `asan`).
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/TwinFile.hpp"

using namespace halltwin::model;

class TestBadFiles : public QObject {
    Q_OBJECT

  private slots:
    void corpus_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("object");
        QTest::addColumn<QString>("detail");
        auto row = [](const char* f, const char* o, const char* d) { QTest::newRow(f) << f << o << d; };
        row("truncated.h5", "file", "truncated or damaged");
        row("not-hdf5.h5", "file", "is not an HDF5 file");
        row("wrong-format.h5", "file, field 'format'", "'netcdf-climate' is not a HallTwin twin");
        row("missing-format-attribute.h5", "file", "attribute 'format' is missing");
        row("newer-schema.h5", "file, field 'schema_version'",
            "schema version 3 is newer than this HallTwin reads (2)");
        row("missing-group.h5", "file", "group 'cooling' is missing");
        row("missing-attribute.h5", "rack table 'racks', dataset 'x_m'", "attribute 'units' is missing");
        row("wrong-units.h5", "rack table 'racks', field 'power_cap_w'", "units 'kW' where 'W' is expected");
        row("nan-power.h5", "rack 'rack-1', field 'power_cap_w'", "is NaN");
        row("negative-power.h5", "rack 'rack-2', field 'power_cap_w'", "-5000 W is out of range");
        row("nan-catalog-tdp.h5", "accelerator 'nvidia-rubin', field 'tdp_w'", "is NaN");
        row("unknown-catalog-ref.h5", "rack 'rack-1', field 'type'",
            "unknown catalogue rack type 'no-such-rack'");
        row("duplicate-id.h5", "rack 'rack-1', field 'id'", "duplicate id");
        row("overlapping-racks.h5", "rack 'rack-2', field 'position'", "would overlap rack 'rack-1'");
        row("rack-outside-hall.h5", "rack 'rack-1', field 'position'", "leaves the hall");
        // Shapes, types and sizes a reader must check before it reads.
        row("null-dataspace-number.h5", "hall", "dataset 'length_m' is empty");
        row("null-dataspace-text.h5", "site", "dataset 'climate' is empty");
        row("array-rows-attribute.h5", "rack table 'racks'",
            "attribute 'rows' holds 4096 values where one is expected");
        row("array-schema-version.h5", "file",
            "attribute 'schema_version' holds 512 values where one is expected");
        row("array-format-attribute.h5", "file", "attribute 'format' holds 64 values where one is expected");
        row("array-units-attribute.h5", "rack table 'racks', dataset 'x_m'",
            "attribute 'units' holds 1000 values where one is expected");
        row("two-d-list.h5", "workload settings, field 'demand_rps'", "is 2-D where a 1-D list is expected");
        row("fractional-integer.h5", "rack table 'racks', field 'server_count'", "8.7 is not an integer");
        row("huge-integer.h5", "rack table 'racks', field 'server_count'",
            "1e+20 is out of the integer range");
        row("invalid-utf8-id.h5", "rack table 'racks'", "dataset 'id' is not valid UTF-8 text");
        row("external-link.h5", "", "'site' is a link into another file; a twin file must be self-contained");
        row("huge-declared-list.h5", "workload settings",
            "dataset 'demand_rps' declares 1099511627776 values, more than a twin file holds");
        // JSON twins with keys of the wrong type or range.
        row("format-not-text.json", "file, field 'format'", "expected a string, found number");
        row("schema-version-text.json", "file, field 'schema_version'", "expected an integer, found string");
        row("schema-version-huge.json", "file, field 'schema_version'", "1e+30 is out of range");
        row("schema-version-zero.json", "file, field 'schema_version'", "0 is out of range");
        row("schema-version-negative.json", "file, field 'schema_version'", "-1 is out of range");
        row("schema-version-missing.json", "file, field 'schema_version'", "is missing");
        row("name-not-text.json", "file, field 'name'", "expected a string, found object");
        row("fill-not-object.json", "row 'row-x' fill", "expected a JSON object, found array");
        row("fill-count-text.json", "row 'row-x' fill, field 'count'", "expected an integer, found string");
        row("fill-count-wraps.json", "row 'row-x' fill, field 'count'",
            "4294967297 is out of range (must be in [1, 1000])");
        row("fill-count-fraction.json", "row 'row-x' fill, field 'count'", "2.5 is not an integer");
        row("integer-fraction.json", "rack 'rack-1', field 'server_count'",
            "expected an integer, found number");
    }

    void corpus() {
        QFETCH(QString, file);
        QFETCH(QString, object);
        QFETCH(QString, detail);
        TwinLoad l = loadTwinAny(halltwin::test::data() / "bad" / file.toStdString());
        QVERIFY2(!l.diagnostics.ok(), "a broken file must not load");
        const QString text = QString::fromStdString(l.diagnostics.errorText());
        if (!object.isEmpty())
            QVERIFY2(text.contains(object + ": "),
                     qPrintable("no object/field '" + object + "' in:\n" + text));
        QVERIFY2(text.contains(detail), qPrintable("no '" + detail + "' in:\n" + text));
    }

    void corpusIsComplete() {
        int files = 0;
        for (const auto& e : std::filesystem::directory_iterator(halltwin::test::data() / "bad"))
            files += e.path().extension() == ".h5" || e.path().extension() == ".json";
        QCOMPARE(files, 39);
    }

    void missingFileIsAnErrorNotACrash() {
        TwinLoad l = loadTwinFile("/nonexistent/twin.h5");
        QVERIFY(!l.diagnostics.ok());
        QVERIFY(QString::fromStdString(l.diagnostics.errorText()).contains("does not exist"));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestBadFiles)
#include "tst_bad_files.moc"
