// The bad-file corpus is reproducible: regenerating every broken file from tests/data/two-racks.json
// gives the same error as the committed copy. HALLTWIN_WRITE_BAD_CORPUS=1 writes the corpus into
// tests/data/bad instead, after a schema change (the version-1 fixture tests/data/schema-v1.h5 is never
// rewritten).
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/CatalogIo.hpp"
#include "model/Hdf5.hpp"
#include "model/TwinFile.hpp"

#include <QTemporaryDir>

#include <nlohmann/json.hpp>

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

// The units of a numeric dataset, kept when the dataset is replaced by a broken one.
std::string unitsAt(hid_t f, const char* path) {
    h5::Handle ds(H5Dopen2(f, path, H5P_DEFAULT));
    return h5::readStringAttr(ds.get(), "units", path);
}

// Replaces the dataset at `path` by one of `type` over `space`, with `data` (nullptr: nothing written).
void replaceDataset(hid_t f, const char* path, hid_t type, hid_t space, const void* data,
                    const std::string& units, hid_t dcpl = H5P_DEFAULT) {
    H5Ldelete(f, path, H5P_DEFAULT);
    h5::Handle ds(H5Dcreate2(f, path, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT));
    if (data) H5Dwrite(ds.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
    if (!units.empty()) h5::writeAttr(ds.get(), "units", units);
}

void replaceAttr(hid_t obj, const char* name, hid_t type, std::vector<hsize_t> dims, const void* data) {
    H5Adelete(obj, name);
    h5::Handle sp(H5Screate_simple(int(dims.size()), dims.data(), nullptr));
    h5::Handle a(H5Acreate2(obj, name, type, sp.get(), H5P_DEFAULT, H5P_DEFAULT));
    H5Awrite(a.get(), type, data);
}

h5::Handle textType(size_t width) {
    h5::Handle t(H5Tcopy(H5T_C_S1));
    H5Tset_size(t.get(), width);
    return t;
}

// Files a reader for one value, one shape or one type must refuse with a message, not read past a
// buffer: empty (null) dataspaces, arrays where one value belongs, wrong ranks, numbers that do not fit
// their field, text that is not UTF-8, links out of the file, lists that declare 2^40 values.
void writeShapeCorpus(const Twin& t) {
    saveEdited(t, "null-dataspace-number.h5", [](hid_t f) {
        const std::string units = unitsAt(f, "hall/length_m");
        h5::Handle sp(H5Screate(H5S_NULL));
        replaceDataset(f, "hall/length_m", H5T_IEEE_F64LE, sp.get(), nullptr, units);
    });
    saveEdited(t, "null-dataspace-text.h5", [](hid_t f) {
        h5::Handle sp(H5Screate(H5S_NULL));
        replaceDataset(f, "site/climate", textType(16).get(), sp.get(), nullptr, "");
    });
    saveEdited(t, "array-rows-attribute.h5", [](hid_t f) {
        h5::Handle g(H5Gopen2(f, "racks", H5P_DEFAULT));
        const std::vector<long> rows(4096, 2);
        replaceAttr(g.get(), "rows", H5T_NATIVE_LONG, {4096}, rows.data());
    });
    saveEdited(t, "array-schema-version.h5", [](hid_t f) {
        const std::vector<long> v(512, 1);
        replaceAttr(f, "schema_version", H5T_NATIVE_LONG, {512}, v.data());
    });
    saveEdited(t, "array-format-attribute.h5", [](hid_t f) {
        h5::Handle vlen(H5Tcopy(H5T_C_S1));
        H5Tset_size(vlen.get(), H5T_VARIABLE);
        std::vector<const char*> v(64, "halltwin-twin");
        replaceAttr(f, "format", vlen.get(), {64}, v.data());
    });
    saveEdited(t, "array-units-attribute.h5", [](hid_t f) {
        h5::Handle ds(H5Dopen2(f, "racks/x_m", H5P_DEFAULT));
        const std::vector<char> text(1000 * 8, 'm');
        replaceAttr(ds.get(), "units", textType(8).get(), {1000}, text.data());
    });
    saveEdited(t, "two-d-list.h5", [](hid_t f) {
        const char* path = "workload/settings/demand_rps";
        const std::string units = unitsAt(f, path);
        const std::vector<double> v(24, 1000);
        const hsize_t dims[2] = {4, 6};
        h5::Handle sp(H5Screate_simple(2, dims, nullptr));
        replaceDataset(f, path, H5T_NATIVE_DOUBLE, sp.get(), v.data(), units);
    });
    auto serverCount = [](double first) {
        return [first](hid_t f) {
            const std::string units = unitsAt(f, "racks/server_count");
            const double v[2] = {first, 18};
            const hsize_t n = 2;
            h5::Handle sp(H5Screate_simple(1, &n, nullptr));
            replaceDataset(f, "racks/server_count", H5T_NATIVE_DOUBLE, sp.get(), v, units);
        };
    };
    saveEdited(t, "fractional-integer.h5", serverCount(8.7));
    saveEdited(t, "huge-integer.h5", serverCount(1e20));
    saveEdited(t, "invalid-utf8-id.h5", [](hid_t f) {
        const char ids[2][8] = {"rack-\xff", "rack-2"};
        const hsize_t n = 2;
        h5::Handle sp(H5Screate_simple(1, &n, nullptr));
        replaceDataset(f, "racks/id", textType(8).get(), sp.get(), ids, "");
    });
    saveEdited(t, "external-link.h5", [](hid_t f) {
        H5Ldelete(f, "site", H5P_DEFAULT);
        H5Lcreate_external("elsewhere.h5", "/site", f, "site", H5P_DEFAULT, H5P_DEFAULT);
    });
    saveEdited(t, "huge-declared-list.h5", [](hid_t f) {
        const char* path = "workload/settings/demand_rps";
        const std::string units = unitsAt(f, path);
        const hsize_t n = hsize_t(1) << 40, chunk = 1024;
        h5::Handle sp(H5Screate_simple(1, &n, nullptr));
        h5::Handle dcpl(H5Pcreate(H5P_DATASET_CREATE));
        H5Pset_chunk(dcpl.get(), 1, &chunk);
        replaceDataset(f, path, H5T_NATIVE_DOUBLE, sp.get(), nullptr, units, dcpl.get());
    });
}

// JSON twins whose keys have the wrong type or range: each is the file's named error.
void writeJsonCorpus() {
    std::ifstream in(halltwin::test::data() / "two-racks.json");
    const nlohmann::ordered_json base = nlohmann::ordered_json::parse(in);
    auto write = [](const nlohmann::ordered_json& j, const char* name) {
        std::ofstream(out / name) << j.dump(2) << "\n";
    };
    auto with = [&](const char* key, nlohmann::ordered_json value, const char* name) {
        nlohmann::ordered_json j = base;
        if (value.is_discarded())
            j.erase(key);
        else
            j[key] = value;
        write(j, name);
    };
    with("format", 5, "format-not-text.json");
    with("schema_version", "1", "schema-version-text.json");
    with("schema_version", 1e30, "schema-version-huge.json");
    with("schema_version", 0, "schema-version-zero.json");
    with("schema_version", -1, "schema-version-negative.json");
    with("schema_version", nlohmann::ordered_json::value_t::discarded, "schema-version-missing.json");
    with("name", nlohmann::ordered_json::object(), "name-not-text.json");
    auto row = [&](nlohmann::ordered_json fill, const char* name) {
        nlohmann::ordered_json j = base;
        j["rows"] = nlohmann::ordered_json::array(
            {{{"id", "row-x"}, {"name", "X"}, {"containment", "none"}, {"fill", fill}}});
        write(j, name);
    };
    const nlohmann::ordered_json fill = {
        {"type", "vera-rubin-nvl72"}, {"count", 2},      {"x_m", 1.5}, {"y_m", 5.0}, {"yaw_deg", 0},
        {"server_count", 18},         {"power_cap_w", 0}};
    row(nlohmann::ordered_json::array(), "fill-not-object.json");
    auto fillWith = [&](const char* key, nlohmann::ordered_json v, const char* name) {
        nlohmann::ordered_json f = fill;
        f[key] = v;
        row(f, name);
    };
    fillWith("count", "2", "fill-count-text.json");
    fillWith("count", 4294967297.0, "fill-count-wraps.json");
    fillWith("count", 2.5, "fill-count-fraction.json");
    nlohmann::ordered_json j = base;
    j["racks"][0]["server_count"] = 8.7;
    write(j, "integer-fraction.json");
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
        h5::writeAttr(f, "schema_version", long(kSchemaVersion + 1));
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
    writeShapeCorpus(t);
    writeJsonCorpus();
}

std::string errorsOf(const fs::path& file) {
    std::string text = loadTwinAny(file).diagnostics.errorText();
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
        // tests/data/schema-v1.h5 stays as version 1 wrote it (the migration's fixture): never rewritten.
        writeCorpus(base.twin, fs::path(tmp.path().toStdString()) / "schema-current.h5");
        int compared = 0;
        for (const auto& e : fs::directory_iterator(halltwin::test::data() / "bad")) {
            const std::string fresh = errorsOf(out / e.path().filename());
            QVERIFY2(!fresh.empty(), e.path().filename().c_str());
            QCOMPARE(fresh, errorsOf(e.path()));
            ++compared;
        }
        QCOMPARE(compared, 39);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestBadCorpus)
#include "tst_bad_corpus.moc"
