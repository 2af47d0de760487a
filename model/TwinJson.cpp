#include "TwinJson.hpp"

#include "TwinJsonDocument.hpp"

#include "AtomicFile.hpp"
#include "CatalogIo.hpp"
#include "CatalogJson.hpp"
#include "JsonFields.hpp"
#include "Schemas.hpp"
#include "TwinValidation.hpp"

#include <cmath>
#include <fstream>
#include <numbers>
#include <optional>

namespace halltwin::model {
namespace {

// A number at `key` of a JSON object: absent gives `fallback`; another type, a fraction where an integer
// belongs, or a value outside [lo, hi] is an error naming the object and the field (never a wrapped or
// truncated value).
std::optional<double> numberField(const Json& obj, const char* key, const std::string& object,
                                  double fallback, double lo, double hi, bool integer, Diagnostics& d) {
    auto it = obj.find(key);
    if (it == obj.end()) return fallback;
    if (!it->is_number()) {
        d.error(object, key,
                fmt::format("expected {}, found {}", integer ? "an integer" : "a number", it->type_name()));
        return std::nullopt;
    }
    const double v = it->get<double>();
    if (integer && v != std::floor(v)) {
        d.error(object, key, fmt::format("{} is not an integer", v));
        return std::nullopt;
    }
    if (!(v >= lo && v <= hi)) {
        d.error(object, key, fmt::format("{} is out of range (must be in [{}, {}])", v, lo, hi));
        return std::nullopt;
    }
    return v;
}

std::string textField(const Json& obj, const char* key, const std::string& object, Diagnostics& d) {
    auto it = obj.find(key);
    if (it == obj.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    d.error(object, key, fmt::format("expected a string, found {}", it->type_name()));
    return {};
}

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
    if (!fill.is_object()) return;
    if (!fill.contains("count")) return d.error(object, "count", "is missing");
    const auto count = numberField(fill, "count", object, 0, 1, 1000, true, d);
    const auto pitch = numberField(fill, "pitch_m", object, 0.6, 0.1, 10, false, d);
    const auto first = numberField(fill, "first", object, 1, 0, 1e6, true, d);
    if (!count || !pitch || !first) return;
    const double yaw = proto.yawDeg * std::numbers::pi / 180;
    for (int i = 0; i < int(*count); ++i) {
        Rack r = proto;
        r.id = fmt::format("{}-{:02}", row.id, int(*first) + i);
        r.name = fmt::format("{}{:02}", row.name, int(*first) + i);
        // Racks line up along +x for yaw 0/180 and along +y for 90/270, whichever way they face.
        r.xM = proto.xM + i * *pitch * std::abs(std::round(std::cos(yaw)));
        r.yM = proto.yM + i * *pitch * std::abs(std::round(std::sin(yaw)));
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

// The format name and schema version are required: a file without them is not known to be a twin.
void readHeader(const Json& doc, Twin& t, Diagnostics& d) {
    if (!doc.contains("format"))
        d.error("file", "format", "is missing");
    else if (textField(doc, "format", "file", d) != kFormatName)
        d.error("file", "format", fmt::format("is not '{}'", kFormatName));
    if (!doc.contains("schema_version")) {
        d.error("file", "schema_version", "is missing");
    } else if (const auto v = numberField(doc, "schema_version", "file", 0, 1, 1e9, true, d);
               v && *v > kSchemaVersion) {
        d.error(
            "file", "schema_version",
            fmt::format("{} is newer than this HallTwin supports ({}); update HallTwin", *v, kSchemaVersion));
    }
    t.name = textField(doc, "name", "file", d);
    t.description = textField(doc, "description", "file", d);
    t.source = textField(doc, "source", "file", d);
}

// A section that must be an object when present (cooling, power, workload).
Json section(const Json& doc, const char* key, Diagnostics& d) {
    auto it = doc.find(key);
    if (it == doc.end()) return Json::object();
    if (it->is_object()) return *it;
    d.error(key, "", fmt::format("expected a JSON object, found {}", it->type_name()));
    return Json::object();
}

void readTwin(const Json& doc, Twin& t, Diagnostics& d) {
    readHeader(doc, t, d);
    readRecord(doc, "hall", t.hall, d);
    readRows(doc, t, d);
    readList(doc, "racks", t.racks, d);
    const Json cooling = section(doc, "cooling", d);
    readList(cooling, "cdus", t.cooling.cdus, d);
    readList(cooling, "air_handlers", t.cooling.airHandlers, d);
    readRecord(cooling, "facility", t.cooling.facility, d);
    const Json power = section(doc, "power", d);
    readRecord(power, "settings", t.power.settings, d);
    readList(power, "feeds", t.power.feeds, d);
    readList(power, "stages", t.power.stages, d);
    readList(power, "busways", t.power.busways, d);
    const Json workload = section(doc, "workload", d);
    readRecord(workload, "settings", t.workload.settings, d);
    readList(workload, "models", t.workload.models, d);
    readRecord(doc, "site", t.site, d);
    readList(doc, "probes", t.probes, d);
    readList(doc, "obstructions", t.obstructions, d);
    readList(doc, "vents", t.vents, d);
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
                {"rear_door_types", entriesJson(c.rearDoorTypes)},
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
    return loadTwinJsonDocument(doc, catalog, path.string());
}

TwinLoad loadTwinJsonDocument(const Json& doc, const Catalog& catalog, const std::string& source) {
    TwinLoad out;
    try {
        readTwin(doc, out.twin, out.diagnostics);
        if (doc.contains("catalog")) {
            // A twin exported from HallTwin carries its own entries, so it loads anywhere.
            Catalog own;
            readCatalogJson(doc["catalog"], own, "embedded catalogue", out.diagnostics);
            out.twin.catalog = entriesUsedBy(out.twin, own);
        } else {
            out.twin.catalog = entriesUsedBy(out.twin, catalog);
        }
    } catch (const std::exception& e) { // a type the checks above missed: still the file's named error
        out.diagnostics.error("file", "", fmt::format("'{}' cannot be read: {}", source, e.what()));
        return out;
    }
    if (out.diagnostics.ok()) out.diagnostics.append(validateTwin(out.twin));
    return out;
}

Json twinJsonDocument(const Twin& t, const Catalog& alsoEmbed) {
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
    doc["probes"] = listJson(t.probes);
    doc["obstructions"] = listJson(t.obstructions);
    doc["vents"] = listJson(t.vents);
    Catalog embedded = t.catalog; // the twin's own entries win over `alsoEmbed`'s of the same id
    auto add = [](auto& to, const auto& from) { to.insert(from.begin(), from.end()); };
    add(embedded.accelerators, alsoEmbed.accelerators);
    add(embedded.cpus, alsoEmbed.cpus);
    add(embedded.servers, alsoEmbed.servers);
    add(embedded.rackTypes, alsoEmbed.rackTypes);
    add(embedded.cduTypes, alsoEmbed.cduTypes);
    add(embedded.airHandlerTypes, alsoEmbed.airHandlerTypes);
    add(embedded.heatRejectionTypes, alsoEmbed.heatRejectionTypes);
    add(embedded.rearDoorTypes, alsoEmbed.rearDoorTypes);
    add(embedded.powerStageTypes, alsoEmbed.powerStageTypes);
    doc["catalog"] = catalogJson(embedded);
    return doc;
}

void saveTwinJson(const Twin& t, const std::filesystem::path& path) {
    const Json doc = twinJsonDocument(t);
    std::string text;
    try {
        text = doc.dump(2) + "\n";
    } catch (const std::exception& e) { // text that is not UTF-8: refused before the target is touched
        throw SaveError(
            fmt::format("saving '{}' failed: {}; the previous file is unchanged", path.string(), e.what()));
    }
    writeFileAtomically(path, text);
}

} // namespace halltwin::model
