#include "TwinFile.hpp"

#include "Hdf5Save.hpp"

#include "CatalogIo.hpp"
#include "Hdf5.hpp"
#include "Schemas.hpp"
#include "TwinValidation.hpp"

#include <chrono>
#include <cmath>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <limits>

#ifndef HALLTWIN_VERSION
#define HALLTWIN_VERSION "0"
#endif

namespace halltwin::model {
namespace fs = std::filesystem;
using h5::Handle;

namespace {

// ---- writing -------------------------------------------------------------------------------------

template <class T>
void writeFieldColumn(hid_t g, const Field<T>& f, const std::vector<const T*>& rows, bool scalar) {
    const std::string name(f.name), units(f.units);
    std::visit(
        [&](auto ptr) {
            using V = std::decay_t<decltype(rows.front()->*ptr)>;
            if constexpr (std::is_same_v<V, std::string>) {
                std::vector<std::string> v;
                for (const T* r : rows)
                    v.push_back(r->*ptr);
                h5::writeStrings(g, name, v, scalar);
            } else if constexpr (std::is_same_v<V, std::vector<double>>) {
                if (rows.size() != 1) throw h5::Error("list field '" + name + "' cannot be a table column");
                h5::writeNumbers(g, name, rows.front()->*ptr, units, false);
            } else {
                std::vector<double> v;
                for (const T* r : rows)
                    v.push_back(double(r->*ptr));
                hid_t type = std::is_same_v<V, double> ? H5T_IEEE_F64LE
                             : std::is_same_v<V, int>  ? H5T_STD_I32LE
                                                       : H5T_STD_U8LE;
                h5::writeNumbers(g, name, v, units, scalar, type);
            }
        },
        f.member);
}

// A record is a group of scalar datasets (list fields become 1-D datasets).
template <class T> void writeRecord(hid_t parent, const std::string& name, const T& obj) {
    Handle g = h5::createGroup(parent, name, "HT_" + std::string(Schema<T>::group));
    for (const Field<T>& f : fieldsOf<T>())
        writeFieldColumn(g.get(), f, {&obj}, true);
}

// A table is a group of equal-length 1-D datasets, one per field: compact and h5py-friendly.
template <class T> void writeTable(hid_t parent, const std::vector<T>& rows) {
    Handle g = h5::createGroup(parent, std::string(Schema<T>::group), "HT_table");
    h5::writeAttr(g.get(), "rows", long(rows.size()));
    std::vector<const T*> ptrs;
    for (const T& r : rows)
        ptrs.push_back(&r);
    for (const Field<T>& f : fieldsOf<T>())
        writeFieldColumn(g.get(), f, ptrs, false);
}

template <class T> void writeEntries(hid_t parent, const Entries<T>& entries) {
    Handle g = h5::createGroup(parent, std::string(Schema<T>::group), "HT_catalog_kind");
    for (const auto& [id, e] : entries)
        writeRecord(g.get(), id, e);
}

void writeCatalog(hid_t file, const Catalog& c) {
    Handle g = h5::createGroup(file, "catalog", "HT_catalog");
    writeEntries(g.get(), c.accelerators);
    writeEntries(g.get(), c.cpus);
    writeEntries(g.get(), c.servers);
    writeEntries(g.get(), c.rackTypes);
    writeEntries(g.get(), c.cduTypes);
    writeEntries(g.get(), c.airHandlerTypes);
    writeEntries(g.get(), c.heatRejectionTypes);
    writeEntries(g.get(), c.rearDoorTypes);
    writeEntries(g.get(), c.powerStageTypes);
}

std::string nowIso() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                       std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

void writeTwin(hid_t f, const Twin& t) {
    h5::writeAttr(f, "format", std::string(kFormatName));
    h5::writeAttr(f, "schema_version", long(kSchemaVersion));
    h5::writeAttr(f, "creator", std::string("HallTwin"));
    h5::writeAttr(f, "creator_version", std::string(HALLTWIN_VERSION));
    h5::writeAttr(f, "file_time", nowIso());
    h5::writeAttr(f, "name", t.name);
    h5::writeAttr(f, "description", t.description);
    h5::writeAttr(f, "source", t.source);
    writeRecord(f, "hall", t.hall);
    writeTable(f, t.rows);
    writeTable(f, t.racks);
    Handle cooling = h5::createGroup(f, "cooling", "HT_cooling");
    writeTable(cooling.get(), t.cooling.cdus);
    writeTable(cooling.get(), t.cooling.airHandlers);
    writeRecord(cooling.get(), "facility", t.cooling.facility);
    Handle power = h5::createGroup(f, "power", "HT_power");
    writeRecord(power.get(), "settings", t.power.settings);
    writeTable(power.get(), t.power.feeds);
    writeTable(power.get(), t.power.stages);
    writeTable(power.get(), t.power.busways);
    Handle workload = h5::createGroup(f, "workload", "HT_workload");
    writeRecord(workload.get(), "settings", t.workload.settings);
    writeTable(workload.get(), t.workload.models);
    writeRecord(f, "site", t.site);
    writeTable(f, t.probes);
    writeTable(f, t.obstructions);
    writeTable(f, t.vents);
    writeCatalog(f, t.catalog);
}

// ---- reading -------------------------------------------------------------------------------------

std::string expectUnits(hid_t g, const std::string& name, std::string_view expected,
                        const std::string& where) {
    std::string units = h5::unitsOf(g, name, where);
    if (units != expected)
        throw LoadError{{where, name, fmt::format("units '{}' where '{}' is expected", units, expected)}};
    return units;
}

// Element i of what a reader returned, which must hold it (its shape was checked; this is the guard).
template <class V>
const V& valueAt(const std::vector<V>& v, size_t i, const std::string& where, const std::string& name) {
    if (i >= v.size()) throw LoadError{{where, name, fmt::format("has {} values, too few", v.size())}};
    return v[i];
}

// A stored number as the field's type: integers and flags are converted only when they are exactly
// representable (8.7 is not an int, 1e20 does not wrap, a flag is 0 or 1).
template <class V> V fieldValue(double v, const std::string& where, const std::string& name) {
    if constexpr (std::is_same_v<V, double>) {
        return v;
    } else if constexpr (std::is_same_v<V, bool>) {
        if (v != 0 && v != 1) throw LoadError{{where, name, fmt::format("{} is not a flag (0 or 1)", v)}};
        return v != 0;
    } else {
        if (!std::isfinite(v) || v != std::floor(v))
            throw LoadError{{where, name, fmt::format("{} is not an integer", v)}};
        if (v < double(std::numeric_limits<V>::min()) || v > double(std::numeric_limits<V>::max()))
            throw LoadError{{where, name, fmt::format("{} is out of the integer range", v)}};
        return V(v);
    }
}

template <class T>
void assign(T& obj, const Field<T>& f, hid_t g, size_t row, size_t rows, const std::string& where) {
    const std::string name(f.name);
    const std::vector<hsize_t> shape = h5::shapeOf(g, name, where);
    std::visit(
        [&](auto ptr) {
            using V = std::decay_t<decltype(obj.*ptr)>;
            if constexpr (std::is_same_v<V, std::vector<double>>) {
                if (shape.size() != 1)
                    throw LoadError{
                        {where, name, fmt::format("is {}-D where a 1-D list is expected", shape.size())}};
                expectUnits(g, name, f.units, where);
                obj.*ptr = h5::readNumbers(g, name, where);
                return;
            } else {
                const size_t n = shape.empty() ? 1 : size_t(shape[0]);
                if (shape.size() > 1 || n != rows)
                    throw LoadError{
                        {where, name, fmt::format("has {} values where {} are expected", n, rows)}};
                if constexpr (std::is_same_v<V, std::string>) {
                    obj.*ptr = valueAt(h5::readStrings(g, name, where), row, where, name);
                } else {
                    expectUnits(g, name, f.units, where);
                    obj.*ptr = fieldValue<V>(valueAt(h5::readNumbers(g, name, where), row, where, name),
                                             where, name);
                }
            }
        },
        f.member);
}

template <class T> void readFieldsAt(hid_t g, T& obj, size_t row, size_t rows, const std::string& where) {
    for (const Field<T>& f : fieldsOf<T>()) {
        if (!h5::exists(g, std::string(f.name))) {
            if (f.optional) continue;
            throw LoadError{{where, std::string(f.name), "dataset is missing"}};
        }
        assign(obj, f, g, row, rows, where);
    }
}

template <class T> void readRecord(hid_t parent, const std::string& path, T& obj, const std::string& where) {
    Handle g = h5::openGroup(parent, path, where);
    readFieldsAt(g.get(), obj, 0, 1, where);
}

// Columns are read once per table, not once per row.
template <class T> std::vector<T> readTable(hid_t parent, const std::string& where) {
    const std::string group(Schema<T>::group);
    Handle g = h5::openGroup(parent, group, where);
    const std::string tableName = std::string(Schema<T>::label) + " table '" + group + "'";
    const long rows = h5::readIntAttr(g.get(), "rows", tableName);
    if (rows < 0 || rows > 10'000'000) throw LoadError{{tableName, "rows", "attribute out of range"}};
    std::vector<T> out(static_cast<size_t>(rows));
    for (const Field<T>& f : fieldsOf<T>()) {
        const std::string name(f.name);
        if (!h5::exists(g.get(), name)) {
            if (f.optional) continue;
            throw LoadError{{tableName, name, "dataset is missing"}};
        }
        const std::vector<hsize_t> shape = h5::shapeOf(g.get(), name, tableName);
        if (shape.size() != 1 || shape[0] != hsize_t(rows))
            throw LoadError{{tableName, name, fmt::format("column length differs from the {} rows", rows)}};
        std::visit(
            [&](auto ptr) {
                using V = std::decay_t<decltype(out.front().*ptr)>;
                if constexpr (std::is_same_v<V, std::string>) {
                    std::vector<std::string> v = h5::readStrings(g.get(), name, tableName);
                    for (size_t i = 0; i < out.size(); ++i)
                        out[i].*ptr = valueAt(v, i, tableName, name);
                } else if constexpr (std::is_same_v<V, std::vector<double>>) {
                    throw LoadError{{tableName, name, "list fields are not table columns"}};
                } else {
                    expectUnits(g.get(), name, f.units, tableName);
                    std::vector<double> v = h5::readNumbers(g.get(), name, tableName);
                    for (size_t i = 0; i < out.size(); ++i)
                        out[i].*ptr = fieldValue<V>(valueAt(v, i, tableName, name), tableName, name);
                }
            },
            f.member);
    }
    return out;
}

template <class T> void readEntries(hid_t catalog, Entries<T>& out) {
    const std::string group(Schema<T>::group);
    if (!h5::exists(catalog, group)) return;
    Handle g = h5::openGroup(catalog, group, "catalog");
    for (const std::string& id : h5::childNames(g.get(), "catalog/" + group)) {
        T e;
        readRecord(g.get(), id, e, fmt::format("catalogue {} '{}'", Schema<T>::label, id));
        out.emplace(id, std::move(e));
    }
}

void readCatalog(hid_t f, Catalog& c) {
    Handle g = h5::openGroup(f, "catalog", "file");
    readEntries(g.get(), c.accelerators);
    readEntries(g.get(), c.cpus);
    readEntries(g.get(), c.servers);
    readEntries(g.get(), c.rackTypes);
    readEntries(g.get(), c.cduTypes);
    readEntries(g.get(), c.airHandlerTypes);
    readEntries(g.get(), c.heatRejectionTypes);
    readEntries(g.get(), c.rearDoorTypes);
    readEntries(g.get(), c.powerStageTypes);
}

void checkHeader(hid_t f) {
    const std::string format = h5::readStringAttr(f, "format", "file");
    if (format != kFormatName)
        throw LoadError{
            {"file", "format", fmt::format("'{}' is not a HallTwin twin ('{}')", format, kFormatName)}};
    const long version = h5::readIntAttr(f, "schema_version", "file");
    if (version > kSchemaVersion)
        throw LoadError{
            {"file", "schema_version",
             fmt::format("schema version {} is newer than this HallTwin reads ({}); open it with a newer "
                         "HallTwin",
                         version, kSchemaVersion)}};
    if (version < 1)
        throw LoadError{{"file", "schema_version", fmt::format("{} is not a valid version", version)}};
}

void readTwin(hid_t f, Twin& t) {
    checkHeader(f);
    t.name = h5::readStringAttr(f, "name", "file");
    t.description = h5::hasAttr(f, "description") ? h5::readStringAttr(f, "description", "file") : "";
    t.source = h5::hasAttr(f, "source") ? h5::readStringAttr(f, "source", "file") : "";
    readRecord(f, "hall", t.hall, "hall");
    t.rows = readTable<Row>(f, "file");
    t.racks = readTable<Rack>(f, "file");
    Handle cooling = h5::openGroup(f, "cooling", "file");
    t.cooling.cdus = readTable<Cdu>(cooling.get(), "cooling");
    t.cooling.airHandlers = readTable<AirHandler>(cooling.get(), "cooling");
    readRecord(cooling.get(), "facility", t.cooling.facility, "facility loop");
    Handle power = h5::openGroup(f, "power", "file");
    readRecord(power.get(), "settings", t.power.settings, "power settings");
    t.power.feeds = readTable<PowerFeed>(power.get(), "power");
    t.power.stages = readTable<PowerStage>(power.get(), "power");
    t.power.busways = readTable<Busway>(power.get(), "power");
    Handle workload = h5::openGroup(f, "workload", "file");
    readRecord(workload.get(), "settings", t.workload.settings, "workload settings");
    t.workload.models = readTable<ServedModel>(workload.get(), "workload");
    readRecord(f, "site", t.site, "site");
    if (h5::exists(f, "probes")) t.probes = readTable<Probe>(f, "file"); // schema version 2
    if (h5::exists(f, "obstructions")) t.obstructions = readTable<Obstruction>(f, "file");
    if (h5::exists(f, "vents")) t.vents = readTable<Vent>(f, "file");
    readCatalog(f, t.catalog);
}

} // namespace

void saveTwinFile(const Twin& twin, const fs::path& path, const SaveOptions& options) {
    saveHdf5Atomically(
        path,
        [&](long long f) {
            writeTwin(hid_t(f), twin);
            if (options.writeExtra) options.writeExtra(f);
        },
        options.beforeCommit);
}

TwinLoad loadTwinFile(const fs::path& path) {
    TwinLoad out;
    h5::silenceErrorStack();
    h5::refuseExternalLinks();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        out.diagnostics.error("file", "", "'" + path.string() + "' does not exist or is not a file");
        return out;
    }
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        out.diagnostics.error("file", "", "'" + path.string() + "' is not an HDF5 file");
        return out;
    }
    try {
        Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        if (!f.valid())
            throw LoadError{
                {"file", "", "'" + path.string() + "' cannot be opened: truncated or damaged HDF5 file"}};
        readTwin(f.get(), out.twin);
    } catch (const LoadError& e) {
        out.diagnostics.error(e.problem.object, e.problem.field, e.problem.message);
        return out;
    } catch (const std::exception& e) { // the message names where in the file it happened
        out.diagnostics.error("", "", e.what());
        return out;
    }
    out.diagnostics.append(validateTwin(out.twin));
    return out;
}

TwinLoad loadTwinAny(const fs::path& path) {
    if (path.extension() == ".json") {
        TwinLoad out;
        Catalog catalog = loadCatalogDir(assetDir() / "catalog", out.diagnostics);
        if (!out.diagnostics.ok()) return out;
        return loadTwinJson(path, catalog);
    }
    return loadTwinFile(path);
}

} // namespace halltwin::model
