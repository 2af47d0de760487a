#include "TwinValidation.hpp"

#include "model/sim/RearDoor.hpp"

#include "CatalogIo.hpp"
#include "FieldChecks.hpp"
#include "LayoutRules.hpp"
#include "Schemas.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <set>

namespace halltwin::model {
namespace {

template <class T> std::string nameOf(const T& o) {
    return fmt::format("{} '{}'", Schema<T>::label, o.id);
}

template <class T> void checkAll(const std::vector<T>& v, Diagnostics& d) {
    for (const T& o : v)
        checkFields(o, nameOf(o), d);
}

class IdRegistry {
  public:
    template <class T> void add(const std::vector<T>& v, Diagnostics& d) {
        for (const T& o : v)
            if (!o.id.empty() && !ids_.insert(o.id).second) d.error(nameOf(o), "id", "duplicate id");
    }

  private:
    std::set<std::string> ids_;
};

template <class T> bool hasId(const std::vector<T>& v, const std::string& id) {
    return std::ranges::any_of(v, [&](const T& o) { return o.id == id; });
}

template <class List>
void oneOfList(const std::string& object, std::string_view field, const std::string& value,
               const List& allowed, Diagnostics& d) {
    if (std::ranges::find(allowed, value) != allowed.end()) return;
    std::string list;
    for (const auto& a : allowed)
        list += (list.empty() ? "" : ", ") +
                (std::string_view(a).empty() ? std::string("(empty)") : std::string(a));
    d.error(object, std::string(field), fmt::format("'{}' is not one of: {}", value, list));
}

void oneOf(const std::string& object, std::string_view field, const std::string& value,
           std::initializer_list<std::string_view> allowed, Diagnostics& d) {
    oneOfList(object, field, value, allowed, d);
}

// One of the values allowedValues() lists for the field of this kind of object.
template <class T>
void oneOfAllowed(const T& o, std::string_view field, const std::string& value, Diagnostics& d) {
    oneOfList(nameOf(o), field, value, allowedValues(Schema<T>::label, field), d);
}

template <class T>
void refCatalog(const std::string& object, std::string_view field, const std::string& id, const Entries<T>& e,
                Diagnostics& d) {
    if (!id.empty() && !e.contains(id))
        d.error(object, std::string(field), fmt::format("unknown catalogue {} '{}'", Schema<T>::label, id));
}

template <class T>
void refObject(const std::string& object, std::string_view field, const std::string& id,
               const std::vector<T>& v, Diagnostics& d) {
    if (!id.empty() && !hasId(v, id))
        d.error(object, std::string(field), fmt::format("unknown {} '{}'", Schema<T>::label, id));
}

void checkRecords(const Twin& t, Diagnostics& d) {
    checkFields(t.hall, "hall", d);
    checkAll(t.rows, d);
    checkAll(t.racks, d);
    checkAll(t.cooling.cdus, d);
    checkAll(t.cooling.airHandlers, d);
    checkFields(t.cooling.facility, "facility loop", d);
    checkFields(t.power.settings, "power settings", d);
    checkAll(t.power.feeds, d);
    checkAll(t.power.stages, d);
    checkAll(t.power.busways, d);
    checkFields(t.workload.settings, "workload settings", d);
    checkAll(t.workload.models, d);
    checkFields(t.site, "site", d);
    checkAll(t.probes, d);
    checkAll(t.obstructions, d);
    checkAll(t.vents, d);
}

void checkIds(const Twin& t, Diagnostics& d) {
    IdRegistry ids;
    ids.add(t.rows, d);
    ids.add(t.racks, d);
    ids.add(t.cooling.cdus, d);
    ids.add(t.cooling.airHandlers, d);
    ids.add(t.power.feeds, d);
    ids.add(t.power.stages, d);
    ids.add(t.power.busways, d);
    ids.add(t.workload.models, d);
    ids.add(t.probes, d);
    ids.add(t.obstructions, d);
    ids.add(t.vents, d);
}

// An air band (blanking panels above and below it) lies within the rack's height, bottom under top.
void checkAirBand(const std::string& object, double bottom, double top, double height, Diagnostics& d) {
    if (top <= 0) return; // no band: the whole face
    if (top > height)
        d.error(object, "air_band_top_m", fmt::format("{} m is above the rack's height ({} m)", top, height));
    if (bottom >= top)
        d.error(object, "air_band_bottom_m",
                fmt::format("{} m is not below air_band_top_m ({} m)", bottom, top));
}

// A fan-driven rack type needs its fans' airflow at full load, with the idle flow no larger.
void checkRackAirflow(const std::string& type, const RackType& t, Diagnostics& d) {
    const std::string object = fmt::format("rack type '{}'", type);
    oneOf(object, "airflow_model", t.airflowModel, {"delta_t", "fan"}, d);
    if (t.airflowModel != "fan") return;
    if (t.fullAirflowM3s <= 0)
        d.error(object, "full_airflow_m3_s", "must be above 0 for airflow_model 'fan'");
    else if (t.idleAirflowM3s > t.fullAirflowM3s)
        d.error(
            object, "idle_airflow_m3_s",
            fmt::format("{} m3/s is above full_airflow_m3_s ({} m3/s)", t.idleAirflowM3s, t.fullAirflowM3s));
}

// A probe samples the hall's air, so it must be inside the hall.
void checkProbes(const Twin& t, Diagnostics& d) {
    for (const Probe& p : t.probes) {
        const auto outside = [&](const char* field, double v, double limit, const char* extent) {
            if (v > limit)
                d.error(nameOf(p), field,
                        fmt::format("{} m is outside the hall ({} {} m)", v, extent, limit));
        };
        outside("x_m", p.xM, t.hall.lengthM, "length");
        outside("y_m", p.yM, t.hall.widthM, "width");
        outside("z_m", p.zM, t.hall.heightM - t.hall.raisedFloorM, "height above the room floor");
    }
}

// An obstruction lies within the room (above a raised floor, below the ceiling).
void checkObstructions(const Twin& t, Diagnostics& d) {
    for (const Obstruction& o : t.obstructions) {
        const auto beyond = [&](const char* field, double end, double limit, const char* extent) {
            if (end > limit + 1e-9)
                d.error(nameOf(o), field,
                        fmt::format("reaches {} m, beyond the hall's {} ({} m)", end, extent, limit));
        };
        beyond("length_m", o.xM + o.lengthM, t.hall.lengthM, "length");
        beyond("width_m", o.yM + o.widthM, t.hall.widthM, "width");
        beyond("height_m", o.zM + o.heightM, t.hall.heightM - t.hall.raisedFloorM,
               "height above the room floor");
    }
}

// A vent lies on the ceiling or on a wall, inside the surface; a fed vent needs units that feed it.
void checkVents(const Twin& t, Diagnostics& d) {
    const Hall& h = t.hall;
    const double room = h.heightM - h.raisedFloorM, tol = 1e-6;
    for (const Vent& v : t.vents) {
        const std::string object = nameOf(v);
        oneOfAllowed(v, "kind", v.kind, d);
        oneOfAllowed(v, "surface", v.surface, d);
        const bool onX = std::fabs(v.xM) < tol || std::fabs(v.xM - h.lengthM) < tol;
        const bool onY = std::fabs(v.yM) < tol || std::fabs(v.yM - h.widthM) < tol;
        if (v.xM > h.lengthM)
            d.error(object, "x_m", fmt::format("{} m is outside the hall (length {} m)", v.xM, h.lengthM));
        if (v.yM > h.widthM)
            d.error(object, "y_m", fmt::format("{} m is outside the hall (width {} m)", v.yM, h.widthM));
        if (v.surface == "wall" && !onX && !onY)
            d.error(object, "x_m",
                    "a wall vent's x_m or y_m must lie on a wall (0 or the hall's length or width)");
        if (v.surface == "wall" && (v.zM - v.widthM / 2 < -tol || v.zM + v.widthM / 2 > room + tol))
            d.error(object, "z_m",
                    fmt::format("the vent spans {} to {} m, outside the room's 0 to {} m",
                                v.zM - v.widthM / 2, v.zM + v.widthM / 2, room));
    }
    auto fed = [&](const char* kind) {
        return std::ranges::any_of(t.vents, [&](const Vent& v) { return v.kind == kind && v.flowM3s <= 0; });
    };
    for (const AirHandler& a : t.cooling.airHandlers) {
        oneOfAllowed(a, "discharge", a.discharge, d);
        oneOfAllowed(a, "return", a.returnFrom, d);
        if (a.discharge == "down" && h.raisedFloorM <= 0)
            d.error(nameOf(a), "discharge", "'down' needs a raised floor (raised_floor_m > 0)");
        if (a.discharge == "up" && !fed("supply"))
            d.error(nameOf(a), "discharge", "'up' needs a supply vent without a flow of its own to feed");
        if (a.returnFrom == "ceiling" && !fed("return"))
            d.error(nameOf(a), "return",
                    "'ceiling' needs a return vent without a flow of its own to draw through");
    }
}

void checkReferences(const Twin& t, Diagnostics& d) {
    const Catalog& c = t.catalog;
    for (const Rack& r : t.racks) {
        refCatalog(nameOf(r), "type", r.type, c.rackTypes, d);
        refObject(nameOf(r), "row", r.row, t.rows, d);
        refObject(nameOf(r), "cdu", r.cdu, t.cooling.cdus, d);
        refObject(nameOf(r), "busway", r.busway, t.power.busways, d);
        refCatalog(nameOf(r), "rear_door", r.rearDoor, c.rearDoorTypes, d);
        if (!r.rearDoor.empty() && r.cdu.empty())
            d.error(nameOf(r), "rear_door",
                    "needs the rack's 'cdu': the liquid loop that carries the door's water");
        if (const RackType* type = find(c.rackTypes, r.type)) {
            checkAirBand(nameOf(r), r.airBandBottomM, r.airBandTopM, type->heightM, d);
            checkAirBand(fmt::format("rack type '{}'", r.type), type->airBandBottomM, type->airBandTopM,
                         type->heightM, d);
        }
    }
    for (const auto& [id, type] : c.rackTypes)
        checkRackAirflow(id, type, d);
    for (const auto& [id, type] : c.airHandlerTypes)
        oneOfAllowed(type, "kind", type.kind, d);
    for (const auto& [id, type] : c.rearDoorTypes) {
        oneOfAllowed(type, "kind", type.kind, d);
        if (const auto [field, problem] = sim::rearDoorRatingProblem(type); !problem.empty())
            d.error(nameOf(type), field, problem);
    }
    for (const Row& r : t.rows)
        oneOfAllowed(r, "containment", r.containment, d);
    for (const Cdu& u : t.cooling.cdus) {
        refCatalog(nameOf(u), "type", u.type, c.cduTypes, d);
        oneOfAllowed(u, "fluid", u.fluid, d);
    }
    for (const AirHandler& a : t.cooling.airHandlers)
        refCatalog(nameOf(a), "type", a.type, c.airHandlerTypes, d);
    const FacilityLoop& f = t.cooling.facility;
    refCatalog("facility loop", "heat_rejection", f.heatRejection, c.heatRejectionTypes, d);
    refCatalog("facility loop", "chiller", f.chiller, c.heatRejectionTypes, d);
    oneOf("facility loop", "fluid", f.fluid, {"water", "pg25"}, d);
    oneOf("power settings", "architecture", t.power.settings.architecture, {"800VDC", "415VAC"}, d);
    for (const PowerStage& s : t.power.stages) {
        refCatalog(nameOf(s), "type", s.type, c.powerStageTypes, d);
        oneOf(nameOf(s), "redundancy", s.redundancy, {"N", "N+1", "2N"}, d);
        oneOf(nameOf(s), "location", s.location, {"plant", "white_space", "rack"}, d);
    }
    for (const Busway& b : t.power.busways) {
        refObject(nameOf(b), "row", b.row, t.rows, d);
        oneOf(nameOf(b), "material", b.material, {"copper", "aluminium"}, d);
    }
    for (const ServedModel& m : t.workload.models)
        oneOf(nameOf(m), "mode", m.mode, {"inference", "training"}, d);
    const WorkloadSettings& w = t.workload.settings;
    oneOf("workload settings", "scenario", w.scenario, {"offline", "server", "interactive"}, d);
    refCatalog("workload settings", "prefill_rack_type", w.prefillRackType, c.rackTypes, d);
    refCatalog("workload settings", "decode_rack_type", w.decodeRackType, c.rackTypes, d);
    if (!w.demandRps.empty() && w.demandRps.size() != 24 && w.demandRps.size() != 8760)
        d.error("workload settings", "demand_rps",
                fmt::format("has {} values; expected 24 or 8760 hourly values", w.demandRps.size()));
    checkProbes(t, d);
    checkObstructions(t, d);
    checkVents(t, d);
}

} // namespace

std::vector<std::string> allowedValues(std::string_view label, std::string_view field) {
    if (label == "vent" && field == "kind") return {"supply", "return", "pressure"};
    if (label == "vent" && field == "surface") return {"ceiling", "wall"};
    if (label == "air handler" && field == "discharge") return {"", "front", "down", "up"};
    if (label == "air handler" && field == "return") return {"", "top", "front", "rear", "ceiling"};
    if (label == "air handler type" && field == "kind") return {"crah", "fan_wall", "in_row"};
    if (label == "CDU" && field == "fluid") return {"water", "pg25"};
    if (label == "rear door type" && field == "kind") return {"passive", "active"};
    if (label == "row" && field == "containment") return {"none", "cold", "hot"};
    return {};
}

Diagnostics validateTwin(const Twin& t) {
    Diagnostics d;
    checkCatalog(t.catalog, d);
    checkRecords(t, d);
    checkIds(t, d);
    checkReferences(t, d);
    LayoutWorld world;
    d.append(checkLayout(t, world));
    return d;
}

} // namespace halltwin::model
