#include "docks/TwinTree.hpp"

#include "model/RackPower.hpp"

namespace halltwin::app {

TwinTree::TwinTree(TwinDocument* doc, QWidget* parent) : QTreeWidget(parent), doc_(doc) {
    setHeaderLabels({tr("Object"), tr("Type"), tr("Design power")});
    setColumnWidth(0, 160);
    connect(doc_, &TwinDocument::twinReplaced, this, &TwinTree::rebuild);
    connect(doc_, &TwinDocument::twinChanged, this, &TwinTree::rebuild, Qt::QueuedConnection);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* cur) {
        if (!updating_) emit objectSelected(cur ? cur->data(0, Qt::UserRole).toString() : QString());
    });
    rebuild();
}

QTreeWidgetItem* TwinTree::item(QTreeWidgetItem* parent, const std::string& id, const std::string& name,
                                const QString& kind, const QString& detail) {
    auto* it = new QTreeWidgetItem(parent, {QString::fromStdString(name.empty() ? id : name), kind, detail});
    it->setData(0, Qt::UserRole, QString::fromStdString(id));
    return it;
}

void TwinTree::rebuild() {
    const QString current = currentItem() ? currentItem()->data(0, Qt::UserRole).toString() : QString();
    updating_ = true;
    clear();
    const model::Twin& t = doc_->twin();
    auto* hall = new QTreeWidgetItem(
        this, {QString::fromStdString(t.hall.name.empty() ? "Hall" : t.hall.name), tr("hall")});
    for (const model::Row& row : t.rows) {
        QTreeWidgetItem* r = item(hall, row.id, row.name, tr("row"));
        for (const model::Rack& rack : t.racks)
            if (rack.row == row.id)
                item(r, rack.id, rack.name, QString::fromStdString(rack.type),
                     QString("%1 kW").arg(model::rackDesignPowerW(rack, t.catalog) / 1e3, 0, 'f', 1));
    }
    for (const model::Rack& rack : t.racks)
        if (rack.row.empty()) item(hall, rack.id, rack.name, QString::fromStdString(rack.type));
    auto* cooling = new QTreeWidgetItem(this, {tr("Cooling")});
    for (const model::Cdu& c : t.cooling.cdus)
        item(cooling, c.id, c.name, QString::fromStdString(c.type));
    for (const model::AirHandler& a : t.cooling.airHandlers)
        item(cooling, a.id, a.name, QString::fromStdString(a.type));
    for (const model::Obstruction& o : t.obstructions)
        item(hall, o.id, o.name, tr("obstruction"));
    for (const model::Vent& v : t.vents)
        item(hall, v.id, v.name, tr("%1 vent").arg(QString::fromStdString(v.kind)));
    auto* probes = t.probes.empty() ? nullptr : new QTreeWidgetItem(this, {tr("Probes")});
    for (const model::Probe& p : t.probes)
        item(probes, p.id, "", p.group.empty() ? tr("probe") : QString::fromStdString(p.group));
    auto* power = new QTreeWidgetItem(this, {tr("Power")});
    for (const model::PowerStage& s : t.power.stages)
        item(power, s.id, s.name, QString::fromStdString(s.type));
    for (const model::Busway& b : t.power.busways)
        item(power, b.id, b.name, tr("busway"));
    expandItem(hall), expandItem(cooling);
    updating_ = false;
    select(current);
}

void TwinTree::select(const QString& id) {
    updating_ = true;
    QTreeWidgetItemIterator it(this);
    setCurrentItem(nullptr);
    for (; *it; ++it)
        if (!id.isEmpty() && (*it)->data(0, Qt::UserRole).toString() == id) {
            setCurrentItem(*it);
            break;
        }
    updating_ = false;
}

} // namespace halltwin::app
