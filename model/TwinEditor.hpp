// The editing API the application drives: every operation keeps the twin valid or is refused with a
// message, and keeps the collision world in step. Undo lives in the app; each operation here has an
// exact inverse (move back, rotate back, insert what remove returned).
#pragma once

#include "Diagnostics.hpp"
#include "LayoutWorld.hpp"
#include "Twin.hpp"

#include <array>
#include <optional>
#include <variant>

namespace halltwin::model {

struct EditResult {
    std::optional<Problem> refusal; // set when nothing was changed
    std::vector<Problem> warnings;  // clearances after the change
    std::vector<std::string> created;

    bool ok() const { return !refusal; }
};

// What remove() took out, so that restore() can put it back exactly where it was.
struct Removed {
    std::variant<std::monostate, Rack, Cdu, AirHandler, Probe, Obstruction, Vent> object;
    size_t index = 0;
    std::optional<Row> row; // when a whole row was removed
    size_t rowIndex = 0;
    std::vector<std::pair<size_t, Rack>> racks;     // the row's racks with their indices, ascending
    std::vector<std::pair<size_t, Busway>> busways; // the row's busways, likewise
};

// Text that names something else (an id, a catalogue type, a row, CDU or busway): it changes what an
// object is or where it belongs, so it has edits of its own, not setText.
bool isReferenceField(std::string_view field);

class TwinEditor {
  public:
    explicit TwinEditor(Twin& twin);
    void resync(); // after the twin was replaced wholesale (open, undo of a structural edit)

    const Twin& twin() const { return twin_; }
    const LayoutWorld& world() const { return world_; }

    EditResult addRack(const Rack& rack);
    EditResult addCdu(const Cdu& cdu);
    EditResult addAirHandler(const AirHandler& unit);
    // A new row of `count` racks like `proto`, side by side from proto's position along its width axis.
    EditResult addRow(const Row& row, const Rack& proto, int count);
    EditResult duplicateRow(const std::string& rowId, double dxM, double dyM);
    // The row copied back to back behind itself: turned 180° so that the two rears face each other across
    // a hot aisle as wide as the hall's minimum aisle and rear service clearance ask (whole tiles), from
    // the racks' real depth and the row's facing.
    EditResult duplicateRowBehind(const std::string& rowId);
    // Where a new object of this footprint (at yaw 0) goes: the first tile-grid position, scanning from
    // the hall's origin corner, where it stands inside the hall on free floor with its service
    // clearances free, else the first where it at least fits; its centre, or nothing when nothing fits.
    std::optional<std::array<double, 2>> freeSpot(double widthM, double depthM, double heightM,
                                                  bool serviced) const;

    EditResult move(const std::string& id, double xM, double yM);
    EditResult rotate(const std::string& id, double yawDeg);
    EditResult setPowerCap(const std::string& rackId, double powerCapW);
    EditResult setContainment(const std::string& rowId, const std::string& containment); // none | cold | hot
    EditResult addProbe(const Probe& probe);
    EditResult addObstruction(const Obstruction& obstruction);
    EditResult addVent(const Vent& vent);
    // Moves a probe or a vent (a marker, not a floor solid) to (x, y), keeping its height; refused with the
    // field named when it would leave the hall (or a wall vent its wall).
    EditResult moveMarker(const std::string& id, double xM, double yM);
    // Hangs a rear door of `doorType` (a type in the twin's catalogue) on a rack or on every rack of a row,
    // its water on CDU `cduId`; an empty type takes the doors off, and with them the CDU of racks without
    // cold plates. A rack with cold plates keeps its loop: a door on another CDU is refused (field "cdu").
    // All or nothing.
    EditResult fitRearDoor(const std::string& rackOrRowId, const std::string& doorType,
                           const std::string& cduId);
    // Replaces the twin's catalogue entry of rack type `edited.id` (e.g. its airflow model or air band),
    // which every rack of that type follows; refused, with the field named, when the entry or a rack of
    // that type would no longer be valid.
    EditResult editRackType(const RackType& edited);
    // A number field of a rack, CDU, air handler, probe, obstruction or vent by its file name (e.g.
    // "air_band_top_m"); refused when the value is out of the field's range or leaves the object invalid
    // (e.g. a band above the rack). Racks, CDUs and air handlers are placed by move() and rotate().
    EditResult setNumber(const std::string& id, const std::string& field, double value);
    std::optional<double> number(const std::string& id, const std::string& field) const;
    // A text field the same way (a vent's kind, an air handler's discharge, a probe's group, a name);
    // ids, catalogue types and references to other objects are not text to edit.
    EditResult setText(const std::string& id, const std::string& field, const std::string& value);
    std::optional<std::string> text(const std::string& id, const std::string& field) const;

    // Racks, CDUs, air handlers, probes, obstructions, vents and rows (with their racks and busways). A CDU
    // that still serves racks is refused.
    EditResult remove(const std::string& id, Removed* removed = nullptr);
    EditResult restore(const Removed& removed);

    // Copies a catalogue entry (rack, CDU or air-handler type, with the servers, accelerators and CPUs
    // it names) from `full` into the twin's own catalogue, so a new object of that type can be placed.
    bool adoptType(const Catalog& full, const std::string& typeId);

    std::string uniqueId(const std::string& prefix) const;
    double snapToTile(double v) const;
    std::optional<std::string> pick(const Vec3& from, const Vec3& to) const;
    std::vector<Problem> warningsFor(const std::string& id) const;

  private:
    Placed* placed(const std::string& id);
    EditResult refuse(std::string object, std::string field, std::string message) const;
    EditResult placeNew(const Solid& s);
    template <class T> EditResult addUnplaced(std::vector<T>& to, const T& obj);
    template <class V> std::optional<V> get(const std::string& id, const std::string& field) const;
    template <class V> EditResult set(const std::string& id, const std::string& field, const V& value);
    EditResult placeRow(const Row& row, const std::vector<Rack>& racks);
    std::vector<Rack> racksOf(const std::string& rowId) const;
    template <class T> EditResult addPlaced(std::vector<T>& list, const T& obj, std::string_view label);

    Twin& twin_;
    LayoutWorld world_;
};

} // namespace halltwin::model
