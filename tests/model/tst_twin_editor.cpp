// The editing API keeps the twin valid, refuses overlaps and leaving the hall, warns about
// clearances, picks by ray, and every operation has an exact inverse.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/CatalogIo.hpp"
#include "model/TwinEditor.hpp"
#include "model/TwinJson.hpp"
#include "model/TwinValidation.hpp"

#include <fmt/format.h>

#include <set>

using namespace halltwin::model;

class TestTwinEditor : public QObject {
    Q_OBJECT
    Catalog catalog;
    Twin reference; // domestic-40kw: 4 rows of 10 cabinets, 2 CDUs, 2 CRAHs

    static bool contains(const std::vector<Problem>& ps, const std::string& text) {
        return std::ranges::any_of(
            ps, [&](const Problem& p) { return p.toString().find(text) != std::string::npos; });
    }

  private slots:
    void initTestCase() {
        Diagnostics d;
        catalog = loadCatalogDir(halltwin::test::assets() / "catalog", d);
        TwinLoad l = loadTwinJson(halltwin::test::referenceJson("domestic-40kw"), catalog);
        QVERIFY2(l.diagnostics.ok(), l.diagnostics.errorText().c_str());
        reference = l.twin;
    }

    void worldMirrorsEverySolid() {
        Twin t = reference;
        TwinEditor e(t);
        QCOMPARE(e.world().size(), t.racks.size() + t.cooling.cdus.size() + t.cooling.airHandlers.size());
    }

    void moveToFreeSpotAndBackIsExact() {
        Twin t = reference;
        TwinEditor e(t);
        const double x0 = t.racks[0].xM, y0 = t.racks[0].yM;
        EditResult r = e.move("row-a-01", 1.2, 6.0);
        QVERIFY2(r.ok(), r.refusal ? r.refusal->toString().c_str() : "");
        QCOMPARE(t.racks[0].xM, 1.2);
        QVERIFY(e.move("row-a-01", x0, y0).ok());
        QVERIFY(t == reference);
    }

    void overlapIsRefusedAndNothingChanges() {
        Twin t = reference;
        TwinEditor e(t);
        EditResult r = e.move("row-a-01", t.racks[1].xM + 0.3, t.racks[1].yM);
        QVERIFY(!r.ok());
        QCOMPARE(r.refusal->object, std::string("rack 'row-a-01'"));
        QVERIFY2(r.refusal->message.find("would overlap rack 'row-a-02'") != std::string::npos,
                 r.refusal->message.c_str());
        QVERIFY(t == reference);
    }

    void leavingTheHallIsRefused() {
        Twin t = reference;
        TwinEditor e(t);
        EditResult r = e.move("cdu-1", t.hall.lengthM - 0.2, 3.0);
        QVERIFY(!r.ok());
        QVERIFY(r.refusal->message.find("leaves the hall") != std::string::npos);
        QVERIFY(t == reference);
    }

    void clearanceWarningNamesTheBlocker() {
        Twin t = reference;
        TwinEditor e(t);
        // Row B faces -y into the cold aisle at y 2.4..4.2; park CDU 1 (1.2 m square) in that aisle.
        EditResult r = e.move("cdu-1", 6.0, 3.3);
        QVERIFY2(r.ok(), r.refusal ? r.refusal->toString().c_str() : "");
        std::vector<Problem> w = e.warningsFor("row-b-05");
        QVERIFY2(contains(w, "front service clearance of 1.2 m blocked by CDU 'cdu-1'"),
                 w.empty() ? "no warnings" : w.front().toString().c_str());
        QVERIFY(contains(w, "aisle in front is"));
        Diagnostics all = validateTwin(t);
        QVERIFY(all.ok()); // clearances warn, they do not refuse
        QVERIFY(!all.warnings().empty());
    }

    // A rear door hangs behind its rack: it must not run into anything, and the rear service clearance is
    // measured behind it.
    void rearDoorsTakeTheirDepthBehindTheRack() {
        Twin t = reference;
        TwinEditor e(t);
        QVERIFY(e.adoptType(catalog, "rdhx-passive-35kw"));
        const Rack rack = t.racks[size_t(
            std::find_if(t.racks.begin(), t.racks.end(), [](const Rack& r) { return r.id == "row-b-05"; }) -
            t.racks.begin())];
        const Solid bare = *solidOf(t, rack.id);
        QVERIFY(e.fitRearDoor(rack.id, "rdhx-passive-35kw", rack.cdu).ok());
        const Solid s = *solidOf(t, rack.id);
        const double door = catalog.rearDoorTypes.at("rdhx-passive-35kw").depthM;
        QCOMPARE(s.rearDoorM, door);
        // Row B faces -y, so the door is on the +y side.
        const Rect f = footprint(bare), env = envelope(s);
        QCOMPARE(env.y1, f.y1 + door);
        QCOMPARE(env.y0, f.y0);
        // A column (0.3 m square) where the door hangs is refused: the door is part of the rack's box.
        Obstruction column;
        column.id = "column", column.xM = rack.xM - 0.15, column.yM = f.y1 + 0.05;
        column.lengthM = 0.3, column.widthM = 0.3, column.heightM = 3;
        const EditResult into = e.addObstruction(column);
        QVERIFY(!into.ok());
        QVERIFY2(into.refusal->message.find("would overlap rack 'row-b-05'") != std::string::npos,
                 into.refusal->toString().c_str());
        // Just behind the door it stands in the rear clearance, which the warning measures from the door.
        column.yM = f.y1 + door + 0.05;
        const EditResult behind = e.addObstruction(column);
        QVERIFY2(behind.ok(), behind.refusal ? behind.refusal->toString().c_str() : "");
        const std::vector<Problem> w = e.warningsFor(rack.id);
        QVERIFY2(contains(w, fmt::format("behind its {} m rear door blocked by obstruction 'column'", door)),
                 w.empty() ? "no warnings" : w.front().toString().c_str());
        // Taking the door off gives the space back.
        QVERIFY(e.fitRearDoor(rack.id, "", "").ok());
        QVERIFY(e.move("column", rack.xM, f.y1 + 0.05 + 0.15).ok());
    }

    // A rack type's air side is edited in the twin's catalogue; a change no rack of the type can follow is
    // refused with the field named and undone.
    void rackTypesAreEdited() {
        Twin t = reference;
        TwinEditor e(t);
        RackType type = t.catalog.rackTypes.at(t.racks.front().type);
        type.airflowModel = "fan", type.idleAirflowM3s = 0.4, type.fullAirflowM3s = 1.6;
        QVERIFY(e.editRackType(type).ok());
        QCOMPARE(t.catalog.rackTypes.at(type.id).fullAirflowM3s, 1.6);
        QVERIFY(validateTwin(t).ok());
        RackType bad = type;
        bad.idleAirflowM3s = 2;
        const EditResult r = e.editRackType(bad);
        QVERIFY(!r.ok() && r.refusal->field == "idle_airflow_m3_s");
        QCOMPARE(t.catalog.rackTypes.at(type.id).idleAirflowM3s, 0.4);
        bad = type, bad.airBandBottomM = 1.5, bad.airBandTopM = 1.0;
        QVERIFY(!e.editRackType(bad).ok());
        bad = type, bad.depthM += 0.2; // sizes are the layout's
        const EditResult size = e.editRackType(bad);
        QVERIFY(!size.ok() && size.refusal->field == "width_m");
        bad.id = "no-such-type";
        QVERIFY(!e.editRackType(bad).ok());
    }

    void rotateFourQuartersIsIdentity() {
        Twin t = reference;
        TwinEditor e(t);
        for (double yaw : {90.0, 180.0, 270.0, 0.0})
            QVERIFY(e.rotate("cdu-2", yaw).ok());
        QVERIFY(t == reference);
        QVERIFY(!e.rotate("cdu-2", 45).ok());
    }

    void removeAndRestoreIsExact_data() {
        QTest::addColumn<QString>("id");
        QTest::newRow("rack") << "row-b-03";
        QTest::newRow("row") << "row-c";
        QTest::newRow("air handler") << "crah-2";
    }
    void removeAndRestoreIsExact() {
        QFETCH(QString, id);
        Twin t = reference;
        TwinEditor e(t);
        Removed removed;
        QVERIFY(e.remove(id.toStdString(), &removed).ok());
        QVERIFY(!(t == reference));
        const Diagnostics after = validateTwin(t);
        QVERIFY2(after.ok(), after.errorText().c_str());
        e.restore(removed);
        QVERIFY(t == reference);
        QCOMPARE(e.world().size(), TwinEditor(t).world().size());
    }

    void cduInUseCannotBeRemoved() {
        Twin t = reference;
        TwinEditor e(t);
        EditResult r = e.remove("cdu-1");
        QVERIFY(!r.ok());
        QVERIFY(r.refusal->message.find("still serves 20 racks") != std::string::npos);
    }

    void duplicateRowKeepsIdsUniqueAndIsUndoable() {
        Twin t = reference;
        t.hall.widthM = 16; // room for a fifth row behind row D
        TwinEditor e(t);
        const Twin before = t;
        EditResult r = e.duplicateRow("row-d", 0, 2.4);
        QVERIFY2(r.ok(), r.refusal ? r.refusal->toString().c_str() : "");
        QCOMPARE(t.racks.size(), before.racks.size() + 10);
        std::set<std::string> ids;
        for (const Rack& rack : t.racks)
            QVERIFY(ids.insert(rack.id).second);
        QVERIFY(validateTwin(t).ok());
        QVERIFY(e.remove(r.created.front()).ok());
        QVERIFY(t == before);
        // Duplicating onto the original row is refused as a whole.
        EditResult clash = e.duplicateRow("row-d", 0.3, 0);
        QVERIFY(!clash.ok());
        QVERIFY(t == before);
    }

    // Back to back behind the row, the rears facing across a hot aisle of the hall's minimum width
    // (1.2 m here: 2 tiles, more than the 0.9 m rear clearance), from the cabinets' real 1.2 m depth.
    void duplicateRowBehindGoesBackToBack() {
        Twin t = reference;
        t.hall.widthM = 16;
        TwinEditor e(t);
        const Twin before = t;
        EditResult r = e.duplicateRowBehind("row-d"); // row D faces -y: its rear is at y = 10.8
        QVERIFY2(r.ok(), r.refusal ? r.refusal->toString().c_str() : "");
        QCOMPARE(r.created.size(), size_t(11));
        for (size_t i = 0; i < 10; ++i) {
            const Rack& original = before.racks[30 + i];
            const Rack& copy = t.racks[40 + i];
            QCOMPARE(copy.xM, original.xM);
            QCOMPARE(copy.yM, original.yM + 2.4);
            QCOMPARE(copy.yawDeg, 180.0);
            const double aisle = (copy.yM - 0.6) - (original.yM + 0.6);
            QVERIFY(std::abs(aisle - 1.2) < 1e-9);
        }
        QVERIFY(validateTwin(t).ok());
        // Row A faces +y: behind it is the wall, so nothing is added.
        Twin u = reference;
        TwinEditor f(u);
        QVERIFY(!f.duplicateRowBehind("row-a").ok());
        QVERIFY(u == reference);
        // With rear doors on row D the copy stands back by both doors: the aisle stays between them.
        Twin v = reference;
        v.hall.widthM = 16;
        TwinEditor g(v);
        QVERIFY(g.adoptType(catalog, "rdhx-passive-35kw"));
        QVERIFY(g.fitRearDoor("row-d", "rdhx-passive-35kw", v.racks[30].cdu).ok());
        QVERIFY(g.duplicateRowBehind("row-d").ok());
        const double door = catalog.rearDoorTypes.at("rdhx-passive-35kw").depthM;
        QVERIFY(std::abs(v.racks[40].yM - (v.racks[30].yM + 2.4 + 2 * door)) < 1e-9);
        const Diagnostics checked = validateTwin(v);
        QVERIFY2(checked.ok(), checked.errorText().c_str());
        QVERIFY2(checked.warnings().empty(),
                 checked.warnings().empty() ? "" : checked.warnings().front().toString().c_str());
    }

    void newObjectsGoWhereTheyFit() {
        Twin t = reference;
        TwinEditor e(t);
        const auto spot = e.freeSpot(0.6, 1.2, 2.2, true);
        QVERIFY(spot);
        Rack r;
        r.id = "new-rack", r.name = "new", r.type = "domestic-40kw-cabinet", r.serverCount = 8;
        r.xM = (*spot)[0], r.yM = (*spot)[1];
        EditResult added = e.addRack(r);
        QVERIFY2(added.ok(), added.refusal ? added.refusal->toString().c_str() : "");
        QVERIFY(added.warnings.empty()); // its clearances are free
        const double edge = r.xM - 0.3;  // on the tile grid
        QVERIFY(std::abs(edge / 0.6 - std::round(edge / 0.6)) < 1e-9);
        QVERIFY(!e.freeSpot(40, 1.2, 2.2, true)); // longer than the hall
    }

    void addRowOfRacksFromThePalette() {
        Twin t = reference;
        t.hall.widthM = 16;
        TwinEditor e(t);
        Rack proto;
        proto.type = "domestic-40kw-cabinet";
        proto.serverCount = 8;
        proto.xM = 3.3, proto.yM = 13.2, proto.yawDeg = 180;
        EditResult r = e.addRow(Row{"row-e", "E", "none"}, proto, 6);
        QVERIFY2(r.ok(), r.refusal ? r.refusal->toString().c_str() : "");
        QCOMPARE(r.created.size(), size_t(7));
        QCOMPARE(t.racks.back().xM, 3.3 + 5 * 0.6);
    }

    void invalidPowerIsRefused() {
        Twin t = reference;
        TwinEditor e(t);
        QVERIFY(!e.setPowerCap("row-a-01", std::nan("")).ok());
        QVERIFY(!e.setPowerCap("row-a-01", -1).ok());
        QVERIFY(e.setPowerCap("row-a-01", 30000).ok());
        QCOMPARE(t.racks[0].powerCapW, 30000.0);
    }

    // Any number field by its file name; out of range, or breaking a rule between fields, is refused with
    // the field named and the twin unchanged.
    void numberFieldsAreSetByName() {
        Twin t = reference;
        TwinEditor e(t);
        const std::string rack = t.racks[0].id, unit = t.cooling.airHandlers[0].id;
        QVERIFY(e.setNumber(rack, "measured_airflow_m3_s", 1.2).ok());
        QCOMPARE(t.racks[0].measuredAirflowM3s, 1.2);
        QCOMPARE(*e.number(rack, "measured_airflow_m3_s"), 1.2);
        QVERIFY(e.setNumber(unit, "airflow_m3_s", 8).ok());
        QVERIFY(e.setNumber(unit, "supply_temp_c", 20).ok());
        QCOMPARE(t.cooling.airHandlers[0].airflowM3s, 8.0);
        QCOMPARE(t.cooling.airHandlers[0].supplyTempC, 20.0);
        QVERIFY(e.setNumber(rack, "air_band_top_m", 1.8).ok());
        const Twin before = t;
        auto refusedField = [&](const std::string& id, const std::string& field, double v) {
            const EditResult r = e.setNumber(id, field, v);
            return r.refusal ? r.refusal->field : std::string("(accepted)");
        };
        QCOMPARE(refusedField(unit, "supply_temp_c", 90), std::string("supply_temp_c"));
        QCOMPARE(refusedField(rack, "measured_airflow_m3_s", std::nan("")),
                 std::string("measured_airflow_m3_s"));
        QCOMPARE(refusedField(rack, "air_band_bottom_m", 1.9),
                 std::string("air_band_bottom_m"));                                         // above the top
        QCOMPARE(refusedField(rack, "air_band_top_m", 4.9), std::string("air_band_top_m")); // above the rack
        QCOMPARE(refusedField(rack, "x_m", 1), std::string("x_m"));
        QCOMPARE(refusedField(rack, "no_such_field", 1), std::string("no_such_field"));
        QCOMPARE(refusedField("nobody", "supply_temp_c", 1), std::string("id"));
        QVERIFY(t == before);
    }

    // Probes and obstructions are not in the layout world: added with a free id inside the hall, their
    // coordinates set like any number, removed and restored exactly.
    void probesAndObstructionsAreEdited() {
        Twin t = reference;
        TwinEditor e(t);
        const Twin before = t;
        QVERIFY(e.addProbe({"p1", "strip", 2, 3, 1.2}).ok());
        QVERIFY(e.addObstruction({"col", "", 1, 1, 0, 0.6, 0.6, 2}).ok());
        QCOMPARE(e.addProbe({"p1", "", 1, 1, 1}).refusal->field, std::string("id"));
        QCOMPARE(e.addProbe({"p2", "", 1e4, 1, 1}).refusal->field, std::string("x_m"));
        QCOMPARE(e.addObstruction({"wide", "", 1, 1, 0, 1e3, 1, 1}).refusal->field, std::string("length_m"));
        QVERIFY(e.setNumber("p1", "x_m", 4).ok());
        QCOMPARE(t.probes.back().xM, 4.0);
        QVERIFY(e.setNumber("col", "height_m", 1.5).ok());
        QCOMPARE(e.setNumber("col", "z_m", 40).refusal->field, std::string("height_m")); // above the ceiling
        Removed gone;
        QVERIFY(e.remove("p1", &gone).ok());
        QVERIFY(t.probes.size() == before.probes.size());
        QVERIFY(e.restore(gone).ok());
        QCOMPARE(t.probes.back().id, std::string("p1"));
        // Text fields by name: a choice outside the field's values, or a reference, is refused by name.
        QVERIFY(e.setText("p1", "group", "strip-3").ok());
        QCOMPARE(*e.text("p1", "group"), std::string("strip-3"));
        const std::string unit = t.cooling.airHandlers[0].id;
        QVERIFY(e.setText(unit, "discharge", "front").ok());
        QCOMPARE(e.setText(unit, "discharge", "sideways").refusal->field, std::string("discharge"));
        QCOMPARE(e.setText(unit, "return", "ceiling").refusal->field,
                 std::string("return")); // no return vent
        QCOMPARE(e.setText(unit, "type", "crah-150kw").refusal->field, std::string("type"));
        QCOMPARE(t.cooling.airHandlers[0].discharge, std::string("front"));
        QVERIFY(e.setText(unit, "discharge", "").ok());
        QVERIFY(e.remove("p1").ok() && e.remove("col").ok());
        QVERIFY(t == before);
    }

    void adoptingATypeFromTheCatalogueLetsItBePlaced() {
        Twin t = reference;
        TwinEditor e(t);
        Rack r;
        r.id = "new-rack", r.type = "gb300-nvl72", r.serverCount = 18, r.xM = 1.0, r.yM = 6.0;
        QVERIFY(!e.addRack(r).ok()); // not in the twin's own catalogue yet
        QVERIFY(e.adoptType(catalog, "gb300-nvl72"));
        QVERIFY(t.catalog.servers.contains("gb300-compute-tray") &&
                t.catalog.accelerators.contains("nvidia-gb300-gpu"));
        QVERIFY(e.addRack(r).ok());
        QVERIFY(validateTwin(t).ok());
        QVERIFY(!e.adoptType(catalog, "no-such-type"));
    }

    // Obstructions stand in the layout world: a rack cannot be moved into a column, a beam above the racks
    // does not block them, and a column drags by its centre like any unit.
    void obstructionsCollideWithEquipment() {
        Twin t = reference;
        TwinEditor e(t);
        const double room = t.hall.heightM - t.hall.raisedFloorM;
        const auto spot = e.freeSpot(1.4, 1.4, room, false); // room for a rack either way round
        QVERIFY(spot);
        QVERIFY(e.addObstruction({"col", "", (*spot)[0] - 0.3, (*spot)[1] - 0.3, 0, 0.6, 0.6, room}).ok());
        const Rack& r = t.racks.front();
        const EditResult into = e.move(r.id, (*spot)[0], (*spot)[1]);
        QVERIFY(!into.ok());
        QVERIFY2(into.refusal->toString().find("obstruction 'col'") != std::string::npos,
                 into.refusal->toString().c_str());
        // A beam from 3.0 m up, across the racks' row: above them, nothing collides.
        const Rect row = footprint(*solidOf(t, r.id));
        QVERIFY(e.addObstruction({"beam", "", row.x0, row.y0, room - 0.4, 3.0, 0.3, 0.3}).ok());
        // Moved by its centre: the corner follows; undoable by moving back.
        const double x0 = t.obstructions.front().xM;
        QVERIFY(e.move("col", (*spot)[0] + 0.6, (*spot)[1]).ok());
        QCOMPARE(t.obstructions.front().xM, x0 + 0.6);
        QCOMPARE(e.world().solid("col")->xM, (*spot)[0] + 0.6);
    }

    // Rear doors go on a rack or a whole row with their CDU, all or nothing, and come off again; racks with
    // cold plates keep their loop.
    void rearDoorsAreFittedAndTakenOff() {
        Twin t = reference;
        TwinEditor e(t);
        const std::string row = t.racks.front().row, own = t.racks.front().cdu;
        std::string other;
        for (const Cdu& c : t.cooling.cdus)
            other = c.id != own ? c.id : other;
        QVERIFY(!own.empty() && !other.empty());
        QVERIFY(!e.fitRearDoor(row, "rdhx-passive-35kw", own).ok()); // not in the twin's catalogue yet
        QVERIFY(e.adoptType(catalog, "rdhx-passive-35kw"));
        const Twin before = t;
        const EditResult elsewhere = e.fitRearDoor(row, "rdhx-passive-35kw", other);
        QVERIFY(!elsewhere.ok() && elsewhere.refusal->field == "cdu");
        QVERIFY2(elsewhere.refusal->message.find("cold plates are on CDU '" + own + "'") != std::string::npos,
                 elsewhere.refusal->message.c_str());
        QVERIFY(t == before);
        QVERIFY(e.fitRearDoor(row, "rdhx-passive-35kw", own).ok());
        int fitted = 0;
        for (const Rack& r : t.racks) {
            const bool inRow = r.row == row;
            QCOMPARE(r.rearDoor, std::string(inRow ? "rdhx-passive-35kw" : ""));
            fitted += inRow && r.cdu == own;
        }
        QCOMPARE(fitted, 10);
        QVERIFY(validateTwin(t).ok());
        QVERIFY(e.fitRearDoor(t.racks.front().id, "", "").ok());
        QVERIFY(t.racks.front().rearDoor.empty() && t.racks[1].rearDoor == "rdhx-passive-35kw");
        QCOMPARE(t.racks.front().cdu, own); // its plates still need the loop
        // Plates without a CDU are not plumbed by a door's loop.
        t.racks.front().cdu.clear();
        const EditResult unplumbed = e.fitRearDoor(t.racks.front().id, "rdhx-passive-35kw", own);
        QVERIFY(!unplumbed.ok() && unplumbed.refusal->field == "cdu" && t.racks.front().cdu.empty());
        t.racks.front().cdu = own;
        QVERIFY(!e.fitRearDoor("no-such-rack", "", "").ok());
        // Not free text: a door comes with its CDU and its catalogue entry, through fitRearDoor.
        QVERIFY(!e.setText(t.racks[1].id, "rear_door", "").ok());
    }

    // An air-cooled rack gets the door's CDU with the door, and loses it with the door.
    void airRacksTakeTheDoorsLoop() {
        Twin t = reference;
        TwinEditor e(t);
        QVERIFY(e.adoptType(catalog, "rdhx-active-60kw") && e.adoptType(catalog, "air-hgx-h100-45kw"));
        const std::string id = t.racks.front().id, cdu = t.cooling.cdus.back().id;
        QVERIFY(e.fitRearDoor(id, "", "").ok());
        t.racks.front().type = "air-hgx-h100-45kw", t.racks.front().cdu.clear();
        const EditResult noCdu = e.fitRearDoor(id, "rdhx-active-60kw", "");
        QVERIFY(!noCdu.ok() && noCdu.refusal->field == "rear_door");
        QVERIFY(e.fitRearDoor(id, "rdhx-active-60kw", cdu).ok());
        QCOMPARE(t.racks.front().cdu, cdu);
        QVERIFY(e.fitRearDoor(id, "", "").ok());
        QVERIFY(t.racks.front().cdu.empty() && t.racks.front().rearDoor.empty());
    }

    void containmentIsValidated() {
        Twin t = reference;
        TwinEditor e(t);
        QVERIFY(e.setContainment("row-a", "hot").ok());
        QCOMPARE(t.rows[0].containment, std::string("hot"));
        QVERIFY(!e.setContainment("row-a", "glass").ok());
        QVERIFY(!e.setContainment("row-z", "cold").ok());
    }

    void pickRayHitsTheRackUnderIt() {
        Twin t = reference;
        TwinEditor e(t);
        const Rack& target = t.racks[13]; // row-b-04
        auto hit = e.pick({target.xM, target.yM, 10}, {target.xM, target.yM, -1});
        QVERIFY(hit);
        QCOMPARE(*hit, target.id);
        // A ray along the aisle at knee height hits the first rack of the row it runs into.
        auto along = e.pick({0.1, t.racks[0].yM, 0.5}, {15.9, t.racks[0].yM, 0.5});
        QVERIFY(along);
        QCOMPARE(*along, std::string("row-a-01"));
        QVERIFY(!e.pick({14.0, 0.2, 10}, {14.0, 0.2, -1})); // empty floor
    }

    void snapToTile() {
        Twin t = reference;
        TwinEditor e(t);
        QCOMPARE(e.snapToTile(1.31), 1.2);
        QCOMPARE(e.snapToTile(1.55), 1.8);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestTwinEditor)
#include "tst_twin_editor.moc"
