// The bad-file corpus is reproducible: regenerating every broken file from tests/data/two-racks.json
// gives the same error as the committed copy. HALLTWIN_WRITE_BAD_CORPUS=1 writes the corpus (and the
// schema-v1 fixture) into tests/data instead, after a schema change.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/CatalogIo.hpp"
#include "model/Hdf5.hpp"
#include "model/TwinFile.hpp"

#include <QTemporaryDir>

#include <cmath>
#include <fstream>
#include <functional>

namespace fs = std::filesystem;
using namespace halltwin::model;

namespace {

fs::path out; // where the corpus is being written

void save(const Twin& t, const char* name) {
    saveTwinFile(t, out / name);
}

// Saves a valid twin, then edits the file with the raw HDF5 API.
void saveEdited(const Twin& t, const char* name, const std::function<void(hid_t)>& edit) {
    save(t, name);
    h5::Handle f(H5Fopen((out / name).c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
    edit(f.get());
}

void setStringAttr(hid_t obj, const char* attr, const std::string& value) {
    H5Adelete(obj, attr);
    h5::writeAttr(obj, attr, value);
}

void withDataset(hid_t f, const char* path, const std::function<void(hid_t)>& edit) {
    h5::Handle ds(H5Dopen2(f, path, H5P_DEFAULT));
    edit(ds.get());
}

template <class F> Twin mutated(const Twin& base, F change) {
    Twin t = base;
    change(t);
    return t;
}

void writeCorpus(const Twin& t, const fs::path& fixture) {
    saveTwinFile(t, fixture);

    save(t, "truncated.h5");
    fs::resize_file(out / "truncated.h5", fs::file_size(out / "truncated.h5") / 2);
    std::ofstream(out / "not-hdf5.h5") << "{\"format\": \"halltwin-twin\"} is JSON, not HDF5\n";
    saveEdited(t, "wrong-format.h5", [](hid_t f) { setStringAttr(f, "format", "netcdf-climate"); });
    saveEdited(t, "newer-schema.h5", [](hid_t f) {
        H5Adelete(f, "schema_version");
        h5::writeAttr(f, "schema_version", 2L);
    });
    saveEdited(t, "missing-group.h5", [](hid_t f) { H5Ldelete(f, "cooling", H5P_DEFAULT); });
    saveEdited(t, "missing-attribute.h5",
               [](hid_t f) { withDataset(f, "racks/x_m", [](hid_t ds) { H5Adelete(ds, "units"); }); });
    saveEdited(t, "missing-format-attribute.h5", [](hid_t f) { H5Adelete(f, "format"); });
    saveEdited(t, "wrong-units.h5", [](hid_t f) {
        withDataset(f, "racks/power_cap_w", [](hid_t ds) { setStringAttr(ds, "units", "kW"); });
    });
    save(mutated(t, [](Twin& x) { x.racks[0].powerCapW = std::nan(""); }), "nan-power.h5");
    save(mutated(t, [](Twin& x) { x.racks[1].powerCapW = -5000; }), "negative-power.h5");
    save(mutated(t, [](Twin& x) { x.catalog.accelerators.at("nvidia-rubin").tdpW = std::nan(""); }),
         "nan-catalog-tdp.h5");
    save(mutated(t, [](Twin& x) { x.racks[0].type = "no-such-rack"; }), "unknown-catalog-ref.h5");
    save(mutated(t, [](Twin& x) { x.racks[1].id = x.racks[0].id; }), "duplicate-id.h5");
    save(mutated(t, [](Twin& x) { x.racks[1].xM = x.racks[0].xM + 0.3; }), "overlapping-racks.h5");
    save(mutated(t, [](Twin& x) { x.racks[0].xM = -2.0; }), "rack-outside-hall.h5");
}

std::string errorsOf(const fs::path& file) {
    std::string text = loadTwinFile(file).diagnostics.errorText();
    // Two messages quote the file's own path; compare them without it.
    for (size_t at; (at = text.find(file.string())) != std::string::npos;)
        text.replace(at, file.string().size(), "FILE");
    return text;
}

} // namespace

class TestBadCorpus : public QObject {
    Q_OBJECT

  private slots:
    void regeneratedFilesGiveTheCommittedErrors() {
        Diagnostics d;
        const Catalog catalog = loadCatalogDir(halltwin::test::assets() / "catalog", d);
        TwinLoad base = loadTwinJson(halltwin::test::data() / "two-racks.json", catalog);
        QVERIFY2(base.diagnostics.ok(), base.diagnostics.errorText().c_str());
        QTemporaryDir tmp;
        const bool write = qEnvironmentVariableIntValue("HALLTWIN_WRITE_BAD_CORPUS") == 1;
        out = write ? halltwin::test::data() / "bad" : fs::path(tmp.path().toStdString());
        writeCorpus(base.twin, write ? halltwin::test::data() / "schema-v1.h5" : out / "schema-v1.h5");
        int compared = 0;
        for (const auto& e : fs::directory_iterator(halltwin::test::data() / "bad")) {
            const std::string fresh = errorsOf(out / e.path().filename());
            QVERIFY2(!fresh.empty(), e.path().filename().c_str());
            QCOMPARE(fresh, errorsOf(e.path()));
            ++compared;
        }
        QCOMPARE(compared, 15);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestBadCorpus)
#include "tst_bad_corpus.moc"
