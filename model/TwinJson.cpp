#include "TwinJson.hpp"

#include "CatalogIo.hpp"
#include "CatalogJson.hpp"
#include "JsonFields.hpp"
#include "Schemas.hpp"
#include "TwinValidation.hpp"

#include <cmath>
#include <fstream>
#include <numbers>

namespace halltwin::model {
namespace {

template <class T>
void readList(const Json& parent, std::string_view key, std::vector<T>& out, Diagnostics& d) {
    auto it = parent.find(std::string(key));
    if (it == parent.end()) return;
    if (!it->is_array()) return d.error(std::string(key), "", "expected an array");
    for (size_t i = 0; i < it->size(); ++i) {
        T obj;
        readJsonFields((*it)[i], obj, objectName<T>((*it)[i], i), d);
        out.push_back(std::move(obj));
    }
}

template <class T> void readRecord(const Json& parent, std::string_view key, T& out, Diagnostics& d) {
    auto it = parent.find(std::string(key));
    if (it == parent.end()) return d.error(std::string(Schema<T>::label), "", "section is missing");
    readJsonFields(*it, out, std::string(Schema<T>::label), d);
}

// A row's "fill" places `count` identical racks side by side along the rack width axis.
void expandFill(const Json& fill, const Row& row, std::vector<Rack>& racks, Diagnostics& d) {
    const std::string object = fmt::format("row '{}' fill", row.id);
    Rack proto;
    Json spec = fill;
    if (spec.is_object()) spec["id"] = row.id, spec["row"] = row.id; // each rack gets its own id below
    readJsonFields(spec, proto, object, d, {"count", "pitch_m", "first"});
    int count = fill.value("count", 0);
    double pitch = fill.value("pitch_m", 0.6);
    int first = fill.value("first", 1);
    if (count <= 0 || count > 1000) return d.error(object, "count", "must be between 1 and 1000");
    const double yaw = proto.yawDeg * std::numbers::pi / 180;
    for (int i = 0; i < count; ++i) {
        Rack r = proto;
        r.id = fmt::format("{}-{:02}", row.id, first + i);
        r.name = fmt::format("{}{:02}", row.name, first + i);
        // Racks line up along +x for yaw 0/180 and along +y for 90/270, whichever way they face.
        r.xM = proto.xM + i * pitch * std::abs(std::round(std::cos(yaw)));
        r.yM = proto.yM + i * pitch * std::abs(std::round(std::sin(yaw)));
        racks.push_back(std::move(r));
    }
}

void readRows(const Json& doc, Twin& t, Diagnostics& d) {
    if (!doc.contains("rows")) return;
    const Json& rows = doc["rows"];
    if (!rows.is_array()) return d.error("rows", "", "expected an array");
    for (size_t i = 0; i < rows.size(); ++i) {
        Row row;
        readJsonFields(rows[i], row, objectName<Row>(rows[i], i), d, {"fill"});
        if (rows[i].is_object() && rows[i].contains("fill")) expandFill(rows[i]["fill"], row, t.racks, d);
        t.rows.push_back(std::move(row));
    }
}

void readTwin(const Json& doc, Twin& t, Diagnostics& d) {
    if (doc.value("format", "") != kFormatName)
        d.error("file", "format", fmt::format("is not '{}'", kFormatName));
    int version = doc.value("schema_version", 0);
    if (version > kSchemaVersion)
        d.error("file", "schema_version",
                fmt::format("{} is newer than this HallTwin supports ({}); update HallTwin", version,
                            kSchemaVersion));
    t.name = doc.value("name", "");
    t.description = doc.value("description", "");
    t.source = doc.value("source", "");
    readRecord(doc, "hall", t.hall, d);
    readRows(doc, t, d);
    readList(doc, "racks", t.racks, d);
    const Json& cooling = doc.contains("cooling") ? doc["cooling"] : Json::object();
    readList(cooling, "cdus", t.cooling.cdus, d);
    readList(cooling, "air_handlers", t.cooling.airHandlers, d);
    readRecord(cooling, "facility", t.cooling.facility, d);
    const Json& power = doc.contains("power") ? doc["power"] : Json::object();
    readRecord(power, "settings", t.power.settings, d);
    readList(power, "feeds", t.power.feeds, d);
    readList(power, "stages", t.power.stages, d);
    readList(power, "busways", t.power.busways, d);
    const Json& workload = doc.contains("workload") ? doc["workload"] : Json::object();
    readRecord(workload, "settings", t.workload.settings, d);
    readList(workload, "models", t.workload.models, d);
    readRecord(doc, "site", t.site, d);
}

template <class T> Json listJson(const std::vector<T>& v) {
    Json a = Json::array();
    for (const T& x : v)
        a.push_back(writeJsonFields(x));
    return a;
}

template <class T> Json entriesJson(const Entries<T>& e) {
    Json a = Json::array();
    for (const auto& [id, x] : e)
        a.push_back(writeJsonFields(x));
    return a;
}

Json catalogJson(const Catalog& c) {
    return Json{{"accelerators", entriesJson(c.accelerators)},
                {"cpus", entriesJson(c.cpus)},
                {"servers", entriesJson(c.servers)},
                {"rack_types", entriesJson(c.rackTypes)},
                {"cdu_types", entriesJson(c.cduTypes)},
                {"air_handler_types", entriesJson(c.airHandlerTypes)},
                {"heat_rejection_types", entriesJson(c.heatRejectionTypes)},
                {"power_stages", entriesJson(c.powerStageTypes)}};
}

} // namespace

TwinLoad loadTwinJson(const std::filesystem::path& path, const Catalog& catalog) {
    TwinLoad out;
    std::ifstream in(path);
    if (!in) {
        out.diagnostics.error("file", "", "cannot open '" + path.string() + "'");
        return out;
    }
    Json doc = Json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        out.diagnostics.error("file", "", "'" + path.string() + "' is not a valid JSON object");
        return out;
    }
    readTwin(doc, out.twin, out.diagnostics);
    if (doc.contains("catalog")) {
        // A twin exported from HallTwin carries its own entries, so it loads anywhere.
        Catalog own;
        readCatalogJson(doc["catalog"], own, "embedded catalogue", out.diagnostics);
        out.twin.catalog = entriesUsedBy(out.twin, own);
    } else {
        out.twin.catalog = entriesUsedBy(out.twin, catalog);
    }
    if (out.diagnostics.ok()) out.diagnostics.append(validateTwin(out.twin));
    return out;
}

void saveTwinJson(const Twin& t, const std::filesystem::path& path) {
    Json doc{{"format", kFormatName},
             {"schema_version", kSchemaVersion},
             {"name", t.name},
             {"description", t.description},
             {"source", t.source}};
    doc["hall"] = writeJsonFields(t.hall);
    doc["rows"] = listJson(t.rows);
    doc["racks"] = listJson(t.racks);
    doc["cooling"] = Json{{"cdus", listJson(t.cooling.cdus)},
                          {"air_handlers", listJson(t.cooling.airHandlers)},
                          {"facility", writeJsonFields(t.cooling.facility)}};
    doc["power"] = Json{{"settings", writeJsonFields(t.power.settings)},
                        {"feeds", listJson(t.power.feeds)},
                        {"stages", listJson(t.power.stages)},
                        {"busways", listJson(t.power.busways)}};
    doc["workload"] =
        Json{{"settings", writeJsonFields(t.workload.settings)}, {"models", listJson(t.workload.models)}};
    doc["site"] = writeJsonFields(t.site);
    doc["catalog"] = catalogJson(t.catalog);
    std::ofstream(path) << doc.dump(2) << "\n";
}

} // namespace halltwin::model
