#include "TwinEditor.hpp"

#include "FieldChecks.hpp"
#include "LayoutRules.hpp"
#include "Schemas.hpp"
#include "TwinValidation.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numbers>
#include <set>

namespace halltwin::model {
namespace {

template <class T> T* findId(std::vector<T>& v, const std::string& id) {
    auto it = std::ranges::find_if(v, [&](const T& o) { return o.id == id; });
    return it == v.end() ? nullptr : &*it;
}
template <class T> const T* findId(const std::vector<T>& v, const std::string& id) {
    return findId(const_cast<std::vector<T>&>(v), id);
}

template <class T> size_t indexOf(const std::vector<T>& v, const std::string& id) {
    return size_t(std::ranges::find_if(v, [&](const T& o) { return o.id == id; }) - v.begin());
}

std::set<std::string> allIds(const Twin& t) {
    std::set<std::string> ids;
    auto add = [&](const auto& v) {
        for (const auto& o : v)
            ids.insert(o.id);
    };
    add(t.rows);
    add(t.racks);
    add(t.cooling.cdus);
    add(t.cooling.airHandlers);
    add(t.power.feeds);
    add(t.power.stages);
    add(t.power.busways);
    add(t.workload.models);
    add(t.probes);
    add(t.obstructions);
    add(t.vents);
    return ids;
}

std::vector<Rack> rowOfRacks(const Row& row, const Rack& proto, int count, double pitchM) {
    std::vector<Rack> racks;
    const double yaw = proto.yawDeg * std::numbers::pi / 180;
    for (int i = 0; i < count; ++i) {
        Rack r = proto;
        r.row = row.id;
        r.id = fmt::format("{}-{:02}", row.id, i + 1);
        r.name = fmt::format("{}{:02}", row.name, i + 1);
        r.xM = proto.xM + i * pitchM * std::abs(std::round(std::cos(yaw)));
        r.yM = proto.yM + i * pitchM * std::abs(std::round(std::sin(yaw)));
        racks.push_back(std::move(r));
    }
    return racks;
}

} // namespace

TwinEditor::TwinEditor(Twin& twin) : twin_(twin) {
    resync();
}

void TwinEditor::resync() {
    world_.clear();
    for (const Solid& s : solidsOf(twin_))
        world_.upsert(s);
}

EditResult TwinEditor::refuse(std::string object, std::string field, std::string message) const {
    EditResult r;
    r.refusal = Problem{std::move(object), std::move(field), std::move(message)};
    return r;
}

Placed* TwinEditor::placed(const std::string& id) {
    if (Rack* r = findId(twin_.racks, id)) return r;
    if (Cdu* c = findId(twin_.cooling.cdus, id)) return c;
    return findId(twin_.cooling.airHandlers, id);
}

bool TwinEditor::adoptType(const Catalog& full, const std::string& typeId) {
    Catalog& own = twin_.catalog;
    auto copy = [&](const auto& from, auto& to, const std::string& id) {
        if (auto it = from.find(id); it != from.end()) return to.insert(*it), true;
        return false;
    };
    if (copy(full.rackTypes, own.rackTypes, typeId)) {
        const RackType& rt = own.rackTypes.at(typeId);
        if (copy(full.servers, own.servers, rt.server)) {
            const Server& s = own.servers.at(rt.server);
            copy(full.accelerators, own.accelerators, s.accelerator);
            copy(full.cpus, own.cpus, s.cpu);
        }
        return true;
    }
    return copy(full.cduTypes, own.cduTypes, typeId) ||
           copy(full.airHandlerTypes, own.airHandlerTypes, typeId) ||
           copy(full.rearDoorTypes, own.rearDoorTypes, typeId);
}

std::string TwinEditor::uniqueId(const std::string& prefix) const {
    const std::set<std::string> ids = allIds(twin_);
    for (int i = 1;; ++i)
        if (std::string id = fmt::format("{}-{}", prefix, i); !ids.contains(id)) return id;
}

double TwinEditor::snapToTile(double v) const {
    const double tile = twin_.hall.tileM > 0 ? twin_.hall.tileM : 0.6;
    return std::round(v / tile) * tile;
}

EditResult TwinEditor::placeNew(const Solid& s) {
    if (auto p = placementRefusal(world_, twin_.hall, s)) return EditResult{p, {}, {}};
    return {};
}

template <class T>
EditResult TwinEditor::addPlaced(std::vector<T>& list, const T& obj, std::string_view label) {
    const std::string name = fmt::format("{} '{}'", label, obj.id);
    if (obj.id.empty() || allIds(twin_).contains(obj.id))
        return refuse(name, "id", "is empty or already used");
    Diagnostics d;
    checkFields(obj, name, d);
    if (!d.ok()) return EditResult{d.errors().front(), {}, {}};
    list.push_back(obj);
    std::optional<Solid> s = solidOf(twin_, obj.id);
    EditResult r = s ? placeNew(*s) : refuse(name, "type", "unknown catalogue type '" + obj.type + "'");
    if (!r.ok()) {
        list.pop_back();
        return r;
    }
    world_.upsert(*s);
    r.created.push_back(obj.id);
    r.warnings = clearanceWarnings(world_, twin_.hall, *s);
    return r;
}

EditResult TwinEditor::addRack(const Rack& rack) {
    if (!rack.row.empty() && !findId(twin_.rows, rack.row))
        return refuse(fmt::format("rack '{}'", rack.id), "row", "unknown row '" + rack.row + "'");
    return addPlaced(twin_.racks, rack, "rack");
}

EditResult TwinEditor::addCdu(const Cdu& cdu) {
    return addPlaced(twin_.cooling.cdus, cdu, "CDU");
}

EditResult TwinEditor::addAirHandler(const AirHandler& unit) {
    return addPlaced(twin_.cooling.airHandlers, unit, "air handler");
}

// Probes, obstructions and vents are not placed through the floor's free-spot search: a new one needs a free
// id and valid fields, checked like a loaded file's (an obstruction's overlaps included).
template <class T> EditResult TwinEditor::addUnplaced(std::vector<T>& to, const T& obj) {
    const std::string object = fmt::format("{} '{}'", Schema<T>::label, obj.id);
    if (obj.id.empty() || allIds(twin_).contains(obj.id))
        return refuse(object, "id", "is empty or already used");
    to.push_back(obj);
    const Diagnostics all = validateTwin(twin_);
    for (const Problem& p : all.errors())
        if (p.object == object) {
            to.pop_back();
            return EditResult{p, {}, {}};
        }
    return {};
}

EditResult TwinEditor::addProbe(const Probe& probe) {
    return addUnplaced(twin_.probes, probe);
}

EditResult TwinEditor::addObstruction(const Obstruction& o) {
    EditResult r = addUnplaced(twin_.obstructions, o);
    if (r.ok()) world_.upsert(*solidOf(twin_, o.id)); // racks and units now collide with it
    return r;
}

EditResult TwinEditor::addVent(const Vent& v) {
    return addUnplaced(twin_.vents, v);
}

EditResult TwinEditor::addRow(const Row& row, const Rack& proto, int count) {
    const std::string name = fmt::format("row '{}'", row.id);
    if (row.id.empty() || allIds(twin_).contains(row.id))
        return refuse(name, "id", "is empty or already used");
    if (count < 1 || count > 200) return refuse(name, "count", "must be between 1 and 200 racks");
    const RackType* type = find(twin_.catalog.rackTypes, proto.type);
    if (!type) return refuse(name, "type", "unknown rack type '" + proto.type + "'");
    const std::vector<Rack> racks = rowOfRacks(row, proto, count, type->widthM);
    const std::set<std::string> ids = allIds(twin_);
    for (const Rack& r : racks)
        if (ids.contains(r.id)) return refuse(name, "id", "rack id '" + r.id + "' is already used");
    return placeRow(row, racks);
}

// All or nothing: a rack that cannot stand takes back the ones already placed, and the row.
EditResult TwinEditor::placeRow(const Row& row, const std::vector<Rack>& racks) {
    twin_.rows.push_back(row);
    EditResult out;
    for (const Rack& r : racks) {
        EditResult one = addPlaced(twin_.racks, r, "rack");
        if (!one.ok()) {
            remove(row.id);
            return one;
        }
        out.created.push_back(r.id);
        out.warnings.insert(out.warnings.end(), one.warnings.begin(), one.warnings.end());
    }
    out.created.insert(out.created.begin(), row.id);
    return out;
}

std::vector<Rack> TwinEditor::racksOf(const std::string& rowId) const {
    std::vector<Rack> members;
    for (const Rack& r : twin_.racks)
        if (r.row == rowId) members.push_back(r);
    return members;
}

EditResult TwinEditor::duplicateRow(const std::string& rowId, double dxM, double dyM) {
    const Row* src = findId(twin_.rows, rowId);
    if (!src) return refuse(fmt::format("row '{}'", rowId), "id", "no such row");
    const std::vector<Rack> members = racksOf(rowId);
    if (members.empty())
        return refuse(fmt::format("row '{}'", rowId), "racks", "the row has no racks to copy");
    Row copy = *src;
    copy.id = uniqueId(rowId + "-copy");
    copy.name = src->name + "'";
    Rack proto = members.front();
    proto.xM += dxM;
    proto.yM += dyM;
    return addRow(copy, proto, int(members.size()));
}

EditResult TwinEditor::duplicateRowBehind(const std::string& rowId) {
    const Row* src = findId(twin_.rows, rowId);
    const std::vector<Rack> members = racksOf(rowId);
    const std::string name = fmt::format("row '{}'", rowId);
    if (!src) return refuse(name, "id", "no such row");
    if (members.empty()) return refuse(name, "racks", "the row has no racks to copy");
    const RackType* type = find(twin_.catalog.rackTypes, members.front().type);
    if (!type) return refuse(name, "type", "unknown rack type '" + members.front().type + "'");
    const Hall& h = twin_.hall;
    const double aisle = std::ceil(std::max(h.minAisleM, h.rearClearanceM) / h.tileM - 1e-9) * h.tileM;
    const double yaw = members.front().yawDeg * std::numbers::pi / 180;
    // Front faces -y at yaw 0 and yaw turns counter-clockwise: the rear points along (-sin, cos). Rear doors
    // (on the row and so on its copy) hang into the aisle from both sides: the aisle is kept between them.
    const RearDoorType* door = find(twin_.catalog.rearDoorTypes, members.front().rearDoor);
    const double pitch = type->depthM + 2 * (door ? door->depthM : 0) + aisle;
    const double dx = std::round(-std::sin(yaw)) * pitch, dy = std::round(std::cos(yaw)) * pitch;
    Row copy = *src;
    copy.id = uniqueId(rowId + "-copy");
    copy.name = src->name + "'";
    std::vector<Rack> racks;
    for (size_t i = 0; i < members.size(); ++i) {
        Rack r = members[i];
        r.row = copy.id, r.id = fmt::format("{}-{:02}", copy.id, i + 1);
        r.name = fmt::format("{}{:02}", copy.name, i + 1);
        r.xM += dx, r.yM += dy, r.yawDeg = std::fmod(r.yawDeg + 180, 360);
        racks.push_back(std::move(r));
    }
    return placeRow(copy, racks);
}

std::optional<std::array<double, 2>> TwinEditor::freeSpot(double widthM, double depthM, double heightM,
                                                          bool serviced) const {
    const Hall& h = twin_.hall;
    Solid s{"(new)", "the new object", 0, 0, 0, widthM, depthM, heightM, serviced};
    std::optional<std::array<double, 2>> fits;
    for (double y0 = 0; y0 + depthM <= h.widthM + 1e-9; y0 += h.tileM)
        for (double x0 = 0; x0 + widthM <= h.lengthM + 1e-9; x0 += h.tileM) {
            s.xM = x0 + widthM / 2, s.yM = y0 + depthM / 2;
            if (placementRefusal(world_, h, s)) continue;
            if (clearanceWarnings(world_, h, s).empty()) return std::array<double, 2>{s.xM, s.yM};
            if (!fits) fits = std::array<double, 2>{s.xM, s.yM};
        }
    return fits;
}

EditResult TwinEditor::move(const std::string& id, double xM, double yM) {
    Placed* p = placed(id);
    Obstruction* o = findId(twin_.obstructions, id); // moved by its centre like the rest
    std::optional<Solid> s = solidOf(twin_, id);
    if ((!p && !o) || !s) return refuse("object '" + id + "'", "id", "no movable object with this id");
    s->xM = xM, s->yM = yM;
    if (auto why = placementRefusal(world_, twin_.hall, *s)) return EditResult{why, {}, {}};
    if (p) p->xM = xM, p->yM = yM;
    if (o) o->xM = xM - o->lengthM / 2, o->yM = yM - o->widthM / 2;
    world_.upsert(*s);
    return EditResult{{}, clearanceWarnings(world_, twin_.hall, *s), {}};
}

EditResult TwinEditor::rotate(const std::string& id, double yawDeg) {
    Placed* p = placed(id);
    std::optional<Solid> s = solidOf(twin_, id);
    if (!p || !s) return refuse("object '" + id + "'", "id", "no movable object with this id");
    s->yawDeg = std::fmod(std::fmod(yawDeg, 360.0) + 360.0, 360.0);
    if (auto why = placementRefusal(world_, twin_.hall, *s)) return EditResult{why, {}, {}};
    p->yawDeg = s->yawDeg;
    world_.upsert(*s);
    return EditResult{{}, clearanceWarnings(world_, twin_.hall, *s), {}};
}

EditResult TwinEditor::setPowerCap(const std::string& rackId, double powerCapW) {
    Rack* r = findId(twin_.racks, rackId);
    if (!r) return refuse("rack '" + rackId + "'", "id", "no such rack");
    Diagnostics d;
    Rack changed = *r;
    changed.powerCapW = powerCapW;
    checkFields(changed, "rack '" + rackId + "'", d);
    if (!d.ok()) return EditResult{d.errors().front(), {}, {}};
    *r = changed;
    return {};
}

namespace {

// The member of type V behind field `name` of T, or nothing.
template <class V, class T> V T::*memberField(const std::string& name) {
    for (const Field<T>& f : fieldsOf<T>())
        if (f.name == name)
            if (auto p = std::get_if<V T::*>(&f.member)) return *p;
    return nullptr;
}

bool isPlacement(const std::string& field) {
    return field == "x_m" || field == "y_m" || field == "yaw_deg";
}

} // namespace

bool isReferenceField(std::string_view field) {
    return field == "id" || field == "type" || field == "row" || field == "cdu" || field == "busway" ||
           field == "rear_door";
}

template <class V> std::optional<V> TwinEditor::get(const std::string& id, const std::string& field) const {
    std::optional<V> out;
    auto look = [&](const auto& records) {
        using T = typename std::decay_t<decltype(records)>::value_type;
        if (const T* o = findId(records, id))
            if (V T::*m = memberField<V, T>(field)) out = o->*m;
    };
    look(twin_.racks), look(twin_.cooling.cdus), look(twin_.cooling.airHandlers);
    look(twin_.probes), look(twin_.obstructions), look(twin_.vents);
    return out;
}

template <class V>
EditResult TwinEditor::set(const std::string& id, const std::string& field, const V& value) {
    std::optional<EditResult> result;
    auto edit = [&](auto& records) {
        using T = typename std::decay_t<decltype(records)>::value_type;
        T* o = findId(records, id);
        if (!o || result) return;
        const std::string object = fmt::format("{} '{}'", Schema<T>::label, o->id);
        V T::*m = memberField<V, T>(field);
        if (!m) return result = refuse(object, field, "no such field to edit"), void();
        const V old = (*o).*m;
        (*o).*m = value;
        Diagnostics d;
        checkFields(*o, object, d);
        // Rules between fields and objects (air bands within the rack, ...): those that name this object.
        const Diagnostics all = validateTwin(twin_);
        for (const Problem& p : all.errors())
            if (p.object == object) d.error(p.object, p.field, p.message);
        if (!d.ok()) {
            (*o).*m = old;
            return result = EditResult{d.errors().front(), {}, {}}, void();
        }
        if (auto s = solidOf(twin_, id); s && world_.contains(id)) world_.upsert(*s); // an obstruction's size
        result = EditResult{};
    };
    edit(twin_.racks), edit(twin_.cooling.cdus), edit(twin_.cooling.airHandlers);
    edit(twin_.probes), edit(twin_.obstructions), edit(twin_.vents);
    return result ? *result
                  : refuse("'" + id + "'", "id",
                           "no rack, CDU, air handler, probe, obstruction or vent has this id");
}

EditResult TwinEditor::moveMarker(const std::string& id, double xM, double yM) {
    if (!findId(twin_.probes, id) && !findId(twin_.vents, id))
        return refuse("'" + id + "'", "id", "no probe or vent has this id");
    const double x0 = *number(id, "x_m");
    if (EditResult r = set(id, "x_m", xM); !r.ok()) return r;
    if (EditResult r = set(id, "y_m", yM); !r.ok()) return set(id, "x_m", x0), r;
    return {};
}

EditResult TwinEditor::fitRearDoor(const std::string& rackOrRowId, const std::string& doorType,
                                   const std::string& cduId) {
    const Twin before = twin_;
    int fitted = 0;
    for (Rack& r : twin_.racks) {
        if (r.id != rackOrRowId && r.row != rackOrRowId) continue;
        ++fitted;
        const RackType* type = find(twin_.catalog.rackTypes, r.type);
        const bool plates = type && type->liquidCaptureFraction > 0 && !r.cdu.empty();
        if (!doorType.empty() && type && type->liquidCaptureFraction > 0 && r.cdu.empty()) {
            // The door's CDU would quietly plumb the cold plates too.
            twin_ = before;
            return refuse(fmt::format("rack '{}'", r.id), "cdu",
                          "its cold plates have no CDU: give the rack its CDU first, and the door shares it");
        }
        r.rearDoor = doorType;
        if (doorType.empty()) {
            if (!plates) r.cdu.clear(); // the loop carried only the door's water
        } else if (plates && r.cdu != cduId) {
            twin_ = before;
            return refuse(fmt::format("rack '{}'", r.id), "cdu",
                          "its cold plates are on CDU '" + r.cdu +
                              "'; a rear door's water runs on the same loop");
        } else {
            r.cdu = cduId;
        }
    }
    if (fitted == 0) return refuse("'" + rackOrRowId + "'", "id", "no rack or row has this id");
    const Diagnostics all = validateTwin(twin_);
    for (const Problem& p : all.errors())
        if (p.field == "rear_door" || p.field == "cdu") {
            twin_ = before;
            return EditResult{p, {}, {}};
        }
    // A door takes its depth out of the rear service clearance.
    for (const Rack& r : twin_.racks)
        if (r.id == rackOrRowId || r.row == rackOrRowId)
            if (const auto s = solidOf(twin_, r.id))
                if (auto why = placementRefusal(world_, twin_.hall, *s)) {
                    twin_ = before;
                    return EditResult{why, {}, {}};
                }
    resync();
    return {};
}

EditResult TwinEditor::editRackType(const RackType& edited) {
    const std::string object = fmt::format("rack type '{}'", edited.id);
    auto it = twin_.catalog.rackTypes.find(edited.id);
    if (it == twin_.catalog.rackTypes.end()) return refuse(object, "id", "not in the twin's catalogue");
    // Its size places every rack of the type: that is a layout edit, not this one.
    const RackType& now = it->second;
    if (edited.widthM != now.widthM || edited.depthM != now.depthM || edited.heightM != now.heightM)
        return refuse(object, "width_m",
                      "a rack type's size is not edited here: it would move the racks' layout");
    const RackType before = it->second;
    it->second = edited;
    std::set<std::string> users{object};
    for (const Rack& r : twin_.racks)
        if (r.type == edited.id) users.insert(fmt::format("rack '{}'", r.id));
    const Diagnostics all = validateTwin(twin_);
    for (const Problem& p : all.errors())
        if (users.contains(p.object)) {
            it->second = before;
            return EditResult{p, {}, {}};
        }
    return {};
}

std::optional<double> TwinEditor::number(const std::string& id, const std::string& field) const {
    return get<double>(id, field);
}

EditResult TwinEditor::setNumber(const std::string& id, const std::string& field, double value) {
    if (isPlacement(field) && placed(id))
        return refuse("'" + id + "'", field, "placement changes through move or rotate");
    return set(id, field, value);
}

std::optional<std::string> TwinEditor::text(const std::string& id, const std::string& field) const {
    return get<std::string>(id, field);
}

EditResult TwinEditor::setText(const std::string& id, const std::string& field, const std::string& value) {
    if (isReferenceField(field))
        return refuse("'" + id + "'", field, "names another object; not edited as text");
    return set(id, field, value);
}

EditResult TwinEditor::setContainment(const std::string& rowId, const std::string& containment) {
    Row* row = findId(twin_.rows, rowId);
    if (!row) return refuse("row '" + rowId + "'", "id", "no such row");
    if (containment != "none" && containment != "cold" && containment != "hot")
        return refuse("row '" + rowId + "'", "containment",
                      "'" + containment + "' is not one of: none, cold, hot");
    row->containment = containment;
    return {};
}

EditResult TwinEditor::remove(const std::string& id, Removed* removed) {
    Removed rm;
    if (Row* row = findId(twin_.rows, id)) {
        rm.row = *row;
        rm.rowIndex = indexOf(twin_.rows, id);
        for (size_t i = 0; i < twin_.racks.size(); ++i)
            if (twin_.racks[i].row == id) rm.racks.emplace_back(i, twin_.racks[i]);
        for (auto it = rm.racks.rbegin(); it != rm.racks.rend(); ++it) {
            world_.remove(it->second.id);
            twin_.racks.erase(twin_.racks.begin() + long(it->first));
        }
        auto& busways = twin_.power.busways;
        for (size_t i = 0; i < busways.size(); ++i)
            if (busways[i].row == id) rm.busways.emplace_back(i, busways[i]);
        for (auto it = rm.busways.rbegin(); it != rm.busways.rend(); ++it)
            busways.erase(busways.begin() + long(it->first));
        twin_.rows.erase(twin_.rows.begin() + long(rm.rowIndex));
    } else if (findId(twin_.racks, id)) {
        rm.index = indexOf(twin_.racks, id);
        rm.object = twin_.racks[rm.index];
        twin_.racks.erase(twin_.racks.begin() + long(rm.index));
    } else if (findId(twin_.cooling.cdus, id)) {
        const auto served = std::ranges::count_if(twin_.racks, [&](const Rack& r) { return r.cdu == id; });
        if (served > 0) return refuse("CDU '" + id + "'", "id", fmt::format("still serves {} racks", served));
        rm.index = indexOf(twin_.cooling.cdus, id);
        rm.object = twin_.cooling.cdus[rm.index];
        twin_.cooling.cdus.erase(twin_.cooling.cdus.begin() + long(rm.index));
    } else if (findId(twin_.cooling.airHandlers, id)) {
        rm.index = indexOf(twin_.cooling.airHandlers, id);
        rm.object = twin_.cooling.airHandlers[rm.index];
        twin_.cooling.airHandlers.erase(twin_.cooling.airHandlers.begin() + long(rm.index));
    } else if (findId(twin_.probes, id)) {
        rm.index = indexOf(twin_.probes, id);
        rm.object = twin_.probes[rm.index];
        twin_.probes.erase(twin_.probes.begin() + long(rm.index));
    } else if (findId(twin_.obstructions, id)) {
        rm.index = indexOf(twin_.obstructions, id);
        rm.object = twin_.obstructions[rm.index];
        twin_.obstructions.erase(twin_.obstructions.begin() + long(rm.index));
    } else if (findId(twin_.vents, id)) {
        rm.index = indexOf(twin_.vents, id);
        rm.object = twin_.vents[rm.index];
        twin_.vents.erase(twin_.vents.begin() + long(rm.index));
    } else {
        return refuse("object '" + id + "'", "id", "nothing with this id can be removed");
    }
    world_.remove(id);
    if (removed) *removed = std::move(rm);
    return {};
}

EditResult TwinEditor::restore(const Removed& rm) {
    // Restoring reinstates exactly what remove() took, so no placement checks are needed.
    if (rm.row) {
        twin_.rows.insert(twin_.rows.begin() + long(rm.rowIndex), *rm.row);
        for (const auto& [index, rack] : rm.racks)
            twin_.racks.insert(twin_.racks.begin() + long(index), rack);
        for (const auto& [index, b] : rm.busways)
            twin_.power.busways.insert(twin_.power.busways.begin() + long(index), b);
    } else if (auto* r = std::get_if<Rack>(&rm.object)) {
        twin_.racks.insert(twin_.racks.begin() + long(rm.index), *r);
    } else if (auto* c = std::get_if<Cdu>(&rm.object)) {
        twin_.cooling.cdus.insert(twin_.cooling.cdus.begin() + long(rm.index), *c);
    } else if (auto* a = std::get_if<AirHandler>(&rm.object)) {
        twin_.cooling.airHandlers.insert(twin_.cooling.airHandlers.begin() + long(rm.index), *a);
    } else if (auto* p = std::get_if<Probe>(&rm.object)) {
        twin_.probes.insert(twin_.probes.begin() + long(rm.index), *p);
    } else if (auto* o = std::get_if<Obstruction>(&rm.object)) {
        twin_.obstructions.insert(twin_.obstructions.begin() + long(rm.index), *o);
    } else if (auto* v = std::get_if<Vent>(&rm.object)) {
        twin_.vents.insert(twin_.vents.begin() + long(rm.index), *v);
    }
    resync();
    return {};
}

std::optional<std::string> TwinEditor::pick(const Vec3& from, const Vec3& to) const {
    auto hit = world_.castRay(from, to);
    return hit ? std::optional(hit->id) : std::nullopt;
}

std::vector<Problem> TwinEditor::warningsFor(const std::string& id) const {
    const Solid* s = world_.solid(id);
    return s ? clearanceWarnings(world_, twin_.hall, *s) : std::vector<Problem>{};
}

} // namespace halltwin::model
