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
            "schema version 2 is newer than this HallTwin reads (1)");
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
    }

    void corpus() {
        QFETCH(QString, file);
        QFETCH(QString, object);
        QFETCH(QString, detail);
        TwinLoad l = loadTwinFile(halltwin::test::data() / "bad" / file.toStdString());
        QVERIFY2(!l.diagnostics.ok(), "a broken file must not load");
        const QString text = QString::fromStdString(l.diagnostics.errorText());
        QVERIFY2(text.contains(object + ": "), qPrintable("no object/field '" + object + "' in:\n" + text));
        QVERIFY2(text.contains(detail), qPrintable("no '" + detail + "' in:\n" + text));
    }

    void corpusIsComplete() {
        int files = 0;
        for (const auto& e : std::filesystem::directory_iterator(halltwin::test::data() / "bad"))
            files += e.path().extension() == ".h5";
        QCOMPARE(files, 15);
    }

    void missingFileIsAnErrorNotACrash() {
        TwinLoad l = loadTwinFile("/nonexistent/twin.h5");
        QVERIFY(!l.diagnostics.ok());
        QVERIFY(QString::fromStdString(l.diagnostics.errorText()).contains("does not exist"));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestBadFiles)
#include "tst_bad_files.moc"
