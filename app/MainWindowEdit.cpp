// Editing actions of the main window: undo and redo, add rack / row / CDU / air handler from the
// catalogue, rotate, delete, duplicate a row. Each is one undoable command; refusals are shown.
#include "MainWindow.hpp"

#include "RackTypeDialog.hpp"

#include "commands/MoveObjectCommand.hpp"
#include "commands/StructureCommand.hpp"
#include "view/HallView.hpp"

#include "model/CatalogIo.hpp"

#include <QInputDialog>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

namespace halltwin::app {

namespace {
QStringList keys(const auto& entries) {
    QStringList out;
    for (const auto& [id, e] : entries)
        out << QString::fromStdString(id);
    return out;
}

// The whole bundled catalogue is the palette, not only the types the twin already uses.
const model::Catalog& bundledCatalog() {
    static const model::Catalog c = [] {
        model::Diagnostics d;
        return model::loadCatalogDir(model::assetDir() / "catalog", d);
    }();
    return c;
}
} // namespace

std::optional<std::string> MainWindow::pickType(const QString& title, const QStringList& types) {
    bool ok = false;
    const QString t = QInputDialog::getItem(this, title, tr("Catalogue type"), types, 0, false, &ok);
    return ok ? std::optional(t.toStdString()) : std::nullopt;
}

void MainWindow::createEditMenu() {
    QMenu* m = menuBar()->addMenu(tr("&Edit"));
    QToolBar* bar = addToolBar(tr("Edit"));
    bar->setObjectName("editToolbar");
    QAction* undo = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    m->addAction(undo), m->addAction(redo), m->addSeparator();
    auto action = [&](const QString& text, const QKeySequence& key, void (MainWindow::*slot)()) {
        QAction* a = m->addAction(text, this, slot);
        a->setShortcut(key);
        bar->addAction(a);
    };
    action(tr("Add &rack…"), QKeySequence(tr("Ctrl+R")), &MainWindow::addRack);
    action(tr("Add ro&w…"), QKeySequence(tr("Ctrl+Shift+R")), &MainWindow::addRow);
    action(tr("Add &CDU…"), QKeySequence(), &MainWindow::addCdu);
    action(tr("Add &air handler…"), QKeySequence(), &MainWindow::addAirHandler);
    action(tr("Add &probe"), QKeySequence(), &MainWindow::addProbe);
    action(tr("Add o&bstruction"), QKeySequence(), &MainWindow::addObstruction);
    action(tr("Add ceiling &vent"), QKeySequence(), &MainWindow::addVent);
    action(tr("Fit rear &doors…"), QKeySequence(), &MainWindow::fitRearDoor);
    action(tr("Edit rack &type…"), QKeySequence(), &MainWindow::editRackType);
    action(tr("R&otate 90°"), QKeySequence(Qt::Key_R), &MainWindow::rotateSelected);
    action(tr("&Delete"), QKeySequence::Delete, &MainWindow::deleteSelected);
    action(tr("D&uplicate row"), QKeySequence(tr("Ctrl+D")), &MainWindow::duplicateRow);
    action(tr("Cycle row &containment"), QKeySequence(tr("Ctrl+K")), &MainWindow::cycleContainment);
    m->addSeparator();
    m->addAction(tr("&Preferences…"), QKeySequence::Preferences, this, &MainWindow::editSettings);
}

void MainWindow::pushStructural(const QString& text,
                                const std::function<model::EditResult(model::TwinEditor&)>& edit) {
    QString refusal;
    if (auto* c = StructureCommand::make(doc_, text, edit, &refusal))
        doc_->undoStack()->push(c);
    else
        error(tr("Edit refused"), refusal);
}

namespace {
model::EditResult noRoom(const std::string& what) {
    return {model::Problem{what, "position", "the hall has no free floor where it fits"}, {}, {}};
}
const model::CduType& footprintOf(const model::Catalog& c, const model::Cdu& u) {
    return c.cduTypes.at(u.type);
}
const model::AirHandlerType& footprintOf(const model::Catalog& c, const model::AirHandler& u) {
    return c.airHandlerTypes.at(u.type);
}
} // namespace

// New objects appear at the first free spot on the tile grid (TwinEditor::freeSpot); the user drags them
// into place.
void MainWindow::addRack() {
    const auto type = pickType(tr("Add rack"), keys(bundledCatalog().rackTypes));
    if (!type) return;
    pushStructural(tr("Add rack"), [type](model::TwinEditor& e) {
        e.adoptType(bundledCatalog(), *type);
        const model::RackType& rt = bundledCatalog().rackTypes.at(*type);
        model::Rack r;
        r.id = e.uniqueId("rack"), r.name = r.id, r.type = *type, r.serverCount = rt.serverCount;
        const auto spot = e.freeSpot(rt.widthM, rt.depthM, rt.heightM, true);
        if (!spot) return noRoom("rack '" + r.id + "'");
        r.xM = (*spot)[0], r.yM = (*spot)[1];
        return e.addRack(r);
    });
}

void MainWindow::addRow() {
    const auto type = pickType(tr("Add row"), keys(bundledCatalog().rackTypes));
    bool ok = false;
    const int n =
        type ? QInputDialog::getInt(this, tr("Add row"), tr("Racks in the row"), 10, 1, 200, 1, &ok) : 0;
    if (!ok) return;
    pushStructural(tr("Add row"), [type, n](model::TwinEditor& e) {
        e.adoptType(bundledCatalog(), *type);
        const model::RackType& rt = bundledCatalog().rackTypes.at(*type);
        const std::string id = e.uniqueId("row");
        const auto spot = e.freeSpot(rt.widthM * n, rt.depthM, rt.heightM, true);
        if (!spot) return noRoom("row '" + id + "'");
        model::Rack proto;
        proto.type = *type, proto.serverCount = rt.serverCount;
        proto.xM = (*spot)[0] - rt.widthM * (n - 1) / 2.0, proto.yM = (*spot)[1];
        return e.addRow(model::Row{id, id, "none"}, proto, n);
    });
}

// CDUs and air handlers: the same placement, their own collections.
template <class T>
void MainWindow::addUnit(const QString& title, const QStringList& types, const char* prefix,
                         model::EditResult (model::TwinEditor::*add)(const T&)) {
    const auto type = pickType(title, types);
    if (!type) return;
    pushStructural(title, [type, prefix, add](model::TwinEditor& e) {
        e.adoptType(bundledCatalog(), *type);
        T unit;
        unit.id = e.uniqueId(prefix), unit.name = unit.id, unit.type = *type;
        const auto& kind = footprintOf(bundledCatalog(), unit);
        const auto spot = e.freeSpot(kind.widthM, kind.depthM, kind.heightM, false);
        if (!spot) return noRoom(std::string(prefix) + " '" + unit.id + "'");
        unit.xM = (*spot)[0], unit.yM = (*spot)[1];
        return (e.*add)(unit);
    });
}

void MainWindow::addCdu() {
    addUnit<model::Cdu>(tr("Add CDU"), keys(bundledCatalog().cduTypes), "cdu", &model::TwinEditor::addCdu);
}

void MainWindow::addAirHandler() {
    addUnit<model::AirHandler>(tr("Add air handler"), keys(bundledCatalog().airHandlerTypes), "crah",
                               &model::TwinEditor::addAirHandler);
}

// A probe appears at the hall's centre, 1.2 m above the floor (a rack inlet's middle sensor); its
// coordinates are then edited in the properties.
void MainWindow::addProbe() {
    pushStructural(tr("Add probe"), [](model::TwinEditor& e) {
        const model::Hall& h = e.twin().hall;
        return e.addProbe({e.uniqueId("probe"), "", h.lengthM / 2, h.widthM / 2, 1.2});
    });
    view_->select(QString::fromStdString(doc_->twin().probes.empty() ? "" : doc_->twin().probes.back().id));
}

// An obstruction starts as a 0.6 m column from floor to ceiling on the first free tile; its corner and
// extents (a beam, a closed zone) are then edited in the properties.
void MainWindow::addObstruction() {
    pushStructural(tr("Add obstruction"), [](model::TwinEditor& e) {
        const model::Hall& h = e.twin().hall;
        const double room = h.heightM - h.raisedFloorM, side = 0.6;
        const std::string id = e.uniqueId("obstruction");
        const auto spot = e.freeSpot(side, side, room, false);
        if (!spot) return noRoom("obstruction '" + id + "'");
        return e.addObstruction({id, "", (*spot)[0] - side / 2, (*spot)[1] - side / 2, 0, side, side, room});
    });
    const auto& o = doc_->twin().obstructions;
    view_->select(QString::fromStdString(o.empty() ? "" : o.back().id));
}

// A vent starts as a 0.6 m return grille in the middle of the ceiling, drawn by the air handlers that
// return from the ceiling; its kind, place, size and flow are then edited in the properties.
void MainWindow::addVent() {
    pushStructural(tr("Add vent"), [](model::TwinEditor& e) {
        const model::Hall& h = e.twin().hall;
        return e.addVent(
            {e.uniqueId("vent"), "", "return", "ceiling", h.lengthM / 2, h.widthM / 2, 0, 0.6, 0.6, 0, 20});
    });
    const auto& v = doc_->twin().vents;
    view_->select(QString::fromStdString(v.empty() ? "" : v.back().id));
}

// Rear doors go on the selected rack, or on every rack of the selected rack's row, with their water on a
// CDU of the twin; "(none)" takes them off.
void MainWindow::fitRearDoor() {
    const QString title = tr("Fit rear doors");
    const model::Twin& t = doc_->twin();
    const model::Rack* rack = nullptr;
    for (const model::Rack& r : t.racks)
        rack = r.id == view_->selected().toStdString() ? &r : rack;
    if (!rack) return error(title, tr("Select a rack first."));
    if (t.cooling.cdus.empty())
        return error(title, tr("A rear door needs a CDU for its water: add one first (Edit → Add CDU…)."));
    QStringList doors = keys(bundledCatalog().rearDoorTypes), cdus, where;
    doors.prepend(tr("(none)"));
    for (const model::Cdu& c : t.cooling.cdus)
        cdus << QString::fromStdString(c.id);
    where << tr("Rack %1").arg(QString::fromStdString(rack->id));
    if (!rack->row.empty()) where << tr("Every rack of row %1").arg(QString::fromStdString(rack->row));
    bool ok = false;
    const QString door = QInputDialog::getItem(this, title, tr("Rear door type"), doors, 1, false, &ok);
    // A rack with cold plates keeps its loop: offer its CDU first.
    const int own = std::max(0, int(cdus.indexOf(QString::fromStdString(rack->cdu))));
    const QString cdu =
        ok && door != doors.front()
            ? QInputDialog::getItem(this, title, tr("CDU for its water"), cdus, own, false, &ok)
            : QString();
    const QString on =
        ok ? QInputDialog::getItem(this, title, tr("Fit to"), where, 0, false, &ok) : QString();
    if (!ok) return;
    const std::string target = on == where.front() ? rack->id : rack->row;
    const std::string type = door == doors.front() ? "" : door.toStdString();
    pushStructural(title, [target, type, cdu = cdu.toStdString()](model::TwinEditor& e) {
        if (!type.empty()) e.adoptType(bundledCatalog(), type);
        return e.fitRearDoor(target, type, cdu);
    });
}

void MainWindow::rotateSelected() {
    const QString id = view_->selected();
    const model::Solid* s = doc_->editor().world().solid(id.toStdString());
    if (!s) return;
    const Pose from{s->xM, s->yM, s->yawDeg}, to{s->xM, s->yM, std::fmod(s->yawDeg + 90, 360)};
    const QString refusal = tryPose(doc_, id, to);
    if (!refusal.isEmpty()) return error(tr("Rotate refused"), refusal);
    tryPose(doc_, id, from);
    doc_->undoStack()->push(new MoveObjectCommand(doc_, id, from, to));
}

void MainWindow::deleteSelected() {
    const QStringList ids = view_->selection();
    if (ids.isEmpty()) return;
    pushStructural(tr("Delete %1").arg(ids.join(", ")), [ids](model::TwinEditor& e) {
        for (const QString& id : ids)
            if (model::EditResult r = e.remove(id.toStdString()); !r.ok()) return r;
        return model::EditResult{};
    });
    view_->select({});
}

// Containment is a property of a row: none → cold aisle → hot aisle → none.
void MainWindow::cycleContainment() {
    QString row = view_->selected();
    for (const model::Rack& r : doc_->twin().racks)
        if (QString::fromStdString(r.id) == row) row = QString::fromStdString(r.row);
    for (const model::Row& r : doc_->twin().rows)
        if (QString::fromStdString(r.id) == row) {
            const std::string next = r.containment == "none"   ? "cold"
                                     : r.containment == "cold" ? "hot"
                                                               : "none";
            return pushStructural(
                tr("Containment of %1: %2").arg(row, QString::fromStdString(next)),
                [row, next](model::TwinEditor& e) { return e.setContainment(row.toStdString(), next); });
        }
    statusBar()->showMessage(tr("Select a row or one of its racks first"), 4000);
}

void MainWindow::duplicateRow() {
    QString row = view_->selected();
    for (const model::Rack& r : doc_->twin().racks)
        if (QString::fromStdString(r.id) == row) row = QString::fromStdString(r.row);
    if (row.isEmpty()) return statusBar()->showMessage(tr("Select a row or one of its racks first"), 4000);
    pushStructural(tr("Duplicate row %1").arg(row),
                   [row](model::TwinEditor& e) { return e.duplicateRowBehind(row.toStdString()); });
}

// The selected rack's type, as the twin's catalogue holds it: every rack of the type follows the edit.
void MainWindow::editRackType() {
    const QString title = tr("Edit rack type");
    const model::Twin& t = doc_->twin();
    const model::RackType* type = nullptr;
    for (const model::Rack& r : t.racks)
        if (r.id == view_->selected().toStdString()) type = model::find(t.catalog.rackTypes, r.type);
    if (!type) return error(title, tr("Select a rack first."));
    RackTypeDialog d(*type, this);
    if (d.exec() != QDialog::Accepted) return;
    pushStructural(title, [edited = d.edited()](model::TwinEditor& e) { return e.editRackType(edited); });
}

} // namespace halltwin::app
