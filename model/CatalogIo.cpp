#include "CatalogIo.hpp"
#include "CatalogJson.hpp"

#include "FieldChecks.hpp"
#include "JsonFields.hpp"
#include "Schemas.hpp"
#include "Twin.hpp"

#include <algorithm>
#include <fstream>

#ifndef HALLTWIN_ASSET_DIR
#define HALLTWIN_ASSET_DIR ""
#endif

namespace halltwin::model {
namespace fs = std::filesystem;

fs::path assetDir() {
    if (const char* env = std::getenv("HALLTWIN_ASSETS"); env && *env) return env;
    if (fs::path src = HALLTWIN_ASSET_DIR; !src.empty() && fs::exists(src / "catalog")) return src;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return exe.parent_path().parent_path() / "share" / "halltwin" / "assets";
}

namespace {

template <class T>
void readEntries(const Json& arr, Entries<T>& out, const std::string& file, Diagnostics& d) {
    if (!arr.is_array()) return d.error(file, std::string(Schema<T>::group), "expected an array of entries");
    for (size_t i = 0; i < arr.size(); ++i) {
        T entry;
        std::string object = objectName<T>(arr[i], i);
        readJsonFields(arr[i], entry, object, d);
        if (entry.id.empty()) continue;
        if (!out.emplace(entry.id, entry).second) d.error(object, "id", "duplicate catalogue id");
    }
}

template <class T> void readGroup(const Json& doc, Entries<T>& out, const std::string& file, Diagnostics& d) {
    const std::string key(Schema<T>::group);
    if (doc.contains(key)) readEntries(doc[key], out, file, d);
    if (doc.value("kind", "") == key && doc.contains("entries")) readEntries(doc["entries"], out, file, d);
}

void readCatalogFile(const fs::path& path, Catalog& c, Diagnostics& d) {
    const std::string file = "catalogue file '" + path.filename().string() + "'";
    std::ifstream in(path);
    Json doc = Json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return d.error(file, "", "is not a valid JSON object");
    readCatalogJson(doc, c, file, d);
}
} // namespace

void readCatalogJson(const Json& doc, Catalog& c, const std::string& file, Diagnostics& d) {
    readGroup(doc, c.accelerators, file, d);
    readGroup(doc, c.cpus, file, d);
    readGroup(doc, c.servers, file, d);
    readGroup(doc, c.rackTypes, file, d);
    readGroup(doc, c.cduTypes, file, d);
    readGroup(doc, c.airHandlerTypes, file, d);
    readGroup(doc, c.heatRejectionTypes, file, d);
    readGroup(doc, c.rearDoorTypes, file, d);
    readGroup(doc, c.powerStageTypes, file, d);
}

namespace {

template <class T> void copyEntry(const Entries<T>& from, Entries<T>& to, const std::string& id) {
    if (auto* e = find(from, id)) to.emplace(id, *e);
}

template <class T> std::string entryName(const T& e) {
    return fmt::format("{} '{}'", Schema<T>::label, e.id);
}

template <class T> void checkEntries(const Entries<T>& entries, Diagnostics& d) {
    for (const auto& [id, e] : entries)
        checkFields(e, entryName(e), d);
}

template <class T, class U>
void checkRef(const T& e, const std::string& ref, const Entries<U>& target, std::string_view field,
              Diagnostics& d) {
    if (!ref.empty() && !target.contains(ref))
        d.error(entryName(e), std::string(field), fmt::format("unknown {} '{}'", Schema<U>::label, ref));
}

void checkCurve(const PowerStageType& s, Diagnostics& d) {
    const auto& x = s.loadFraction;
    if (x.size() != s.efficiency.size() || x.size() < 2)
        return d.error(entryName(s), "efficiency", "needs at least two points, one per load_fraction point");
    if (x.front() != 0.0 || x.back() != 1.0)
        d.error(entryName(s), "load_fraction", "must run from 0 to 1 (0 to 100 % load)");
    for (size_t i = 1; i < x.size(); ++i)
        if (!(x[i] > x[i - 1])) d.error(entryName(s), "load_fraction", "must be strictly ascending");
}

} // namespace

void checkCatalog(const Catalog& c, Diagnostics& d) {
    checkEntries(c.accelerators, d);
    checkEntries(c.cpus, d);
    checkEntries(c.servers, d);
    checkEntries(c.rackTypes, d);
    checkEntries(c.cduTypes, d);
    checkEntries(c.airHandlerTypes, d);
    checkEntries(c.heatRejectionTypes, d);
    checkEntries(c.rearDoorTypes, d);
    checkEntries(c.powerStageTypes, d);
    for (const auto& [id, s] : c.servers) {
        checkRef(s, s.accelerator, c.accelerators, "accelerator", d);
        checkRef(s, s.cpu, c.cpus, "cpu", d);
    }
    for (const auto& [id, r] : c.rackTypes)
        checkRef(r, r.server, c.servers, "server", d);
    for (const auto& [id, s] : c.powerStageTypes)
        checkCurve(s, d);
}

Catalog loadCatalogDir(const fs::path& dir, Diagnostics& d) {
    Catalog c;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        d.error("catalogue", "", "directory '" + dir.string() + "' not found (set HALLTWIN_ASSETS)");
        return c;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::ranges::sort(files);
    for (const auto& f : files)
        readCatalogFile(f, c, d);
    checkCatalog(c, d);
    return c;
}

Catalog entriesUsedBy(const Twin& twin, const Catalog& full) {
    Catalog used;
    auto addRackType = [&](const std::string& id) {
        copyEntry(full.rackTypes, used.rackTypes, id);
        const RackType* rt = find(full.rackTypes, id);
        const Server* s = rt ? find(full.servers, rt->server) : nullptr;
        if (!s) return;
        copyEntry(full.servers, used.servers, s->id);
        copyEntry(full.accelerators, used.accelerators, s->accelerator);
        copyEntry(full.cpus, used.cpus, s->cpu);
    };
    for (const Rack& r : twin.racks) {
        addRackType(r.type);
        copyEntry(full.rearDoorTypes, used.rearDoorTypes, r.rearDoor);
    }
    addRackType(twin.workload.settings.prefillRackType);
    addRackType(twin.workload.settings.decodeRackType);
    for (const Cdu& c : twin.cooling.cdus)
        copyEntry(full.cduTypes, used.cduTypes, c.type);
    for (const AirHandler& a : twin.cooling.airHandlers)
        copyEntry(full.airHandlerTypes, used.airHandlerTypes, a.type);
    copyEntry(full.heatRejectionTypes, used.heatRejectionTypes, twin.cooling.facility.heatRejection);
    copyEntry(full.heatRejectionTypes, used.heatRejectionTypes, twin.cooling.facility.chiller);
    for (const PowerStage& s : twin.power.stages)
        copyEntry(full.powerStageTypes, used.powerStageTypes, s.type);
    return used;
}

size_t Catalog::size() const {
    return accelerators.size() + cpus.size() + servers.size() + rackTypes.size() + cduTypes.size() +
           airHandlerTypes.size() + heatRejectionTypes.size() + rearDoorTypes.size() + powerStageTypes.size();
}

bool Catalog::contains(const std::string& id) const {
    return accelerators.contains(id) || cpus.contains(id) || servers.contains(id) || rackTypes.contains(id) ||
           cduTypes.contains(id) || airHandlerTypes.contains(id) || heatRejectionTypes.contains(id) ||
           rearDoorTypes.contains(id) || powerStageTypes.contains(id);
}

namespace {
template <class T> bool sameEntries(const Entries<T>& a, const Entries<T>& b) {
    if (a.size() != b.size()) return false;
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
        if (ia->first != ib->first || !sameFields(ia->second, ib->second)) return false;
    return true;
}
} // namespace

bool operator==(const Catalog& a, const Catalog& b) {
    return sameEntries(a.accelerators, b.accelerators) && sameEntries(a.cpus, b.cpus) &&
           sameEntries(a.servers, b.servers) && sameEntries(a.rackTypes, b.rackTypes) &&
           sameEntries(a.cduTypes, b.cduTypes) && sameEntries(a.airHandlerTypes, b.airHandlerTypes) &&
           sameEntries(a.heatRejectionTypes, b.heatRejectionTypes) &&
           sameEntries(a.rearDoorTypes, b.rearDoorTypes) && sameEntries(a.powerStageTypes, b.powerStageTypes);
}

} // namespace halltwin::model
