#include "docks/PropertyPanel.hpp"

#include "commands/MoveObjectCommand.hpp"
#include "commands/SetNumberCommand.hpp"
#include "commands/SetPowerCapCommand.hpp"
#include "commands/SetTextCommand.hpp"
#include "model/RackPower.hpp"
#include "model/Schemas.hpp"
#include "model/TwinValidation.hpp"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace halltwin::app {

namespace {
template <class T> const T* findId(const std::vector<T>& v, const QString& id) {
    for (const T& o : v)
        if (QString::fromStdString(o.id) == id) return &o;
    return nullptr;
}

QString valueText(const auto& v) {
    using V = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<V, std::string>)
        return QString::fromStdString(v);
    else if constexpr (std::is_same_v<V, bool>)
        return v ? "yes" : "no";
    else if constexpr (std::is_same_v<V, std::vector<double>>)
        return QObject::tr("%1 values").arg(v.size());
    else
        return QString::number(double(v), 'g', 6);
}
} // namespace

PropertyPanel::PropertyPanel(TwinDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
    auto* layout = new QVBoxLayout(this);
    heading_ = new QLabel(this);
    heading_->setTextFormat(Qt::PlainText);
    QFont f = heading_->font();
    f.setBold(true);
    heading_->setFont(f);
    layout->addWidget(heading_);
    form_ = new QFormLayout;
    layout->addLayout(form_);
    layout->addStretch();
    // Queued: an edit from one of this panel's own spin boxes must not delete it inside its signal.
    connect(
        doc_, &TwinDocument::twinChanged, this, [this] { showObject(id_); }, Qt::QueuedConnection);
    connect(doc_, &TwinDocument::twinReplaced, this, [this] { showObject({}); });
}

void PropertyPanel::clear() {
    while (form_->rowCount() > 0)
        form_->removeRow(0);
    editors_.clear();
    textEditors_.clear();
    freeText_.clear();
}

QDoubleSpinBox* PropertyPanel::editorFor(const QString& field) const {
    auto it = editors_.find(field);
    return it == editors_.end() ? nullptr : it->second;
}

void PropertyPanel::addEditable(const QString& field, double value, double min, double max,
                                const QString& units, std::function<void(double)> apply) {
    auto* box = new QDoubleSpinBox(this);
    box->setRange(min, max);
    box->setDecimals(units == "W" ? 0 : 2);
    box->setSingleStep(units == "W" ? 1000 : units == "degree" ? 90 : 0.6);
    box->setSuffix(" " + units);
    box->setValue(value);
    box->setKeyboardTracking(false); // one command per finished entry, not per keystroke
    connect(box, &QDoubleSpinBox::valueChanged, this, std::move(apply));
    form_->addRow(field, box);
    editors_[field] = box;
}

// An edit is tried on the twin first (`change(to)`), so a value that breaks a rule (a band above the rack)
// is refused with its message and nothing is pushed; an accepted one is undone again (`change(from)`) for
// the command to redo. True when the command may be pushed.
template <class V>
bool PropertyPanel::tried(const QString& id, const V& from, const V& to,
                          const std::function<model::EditResult(const V&)>& change) {
    const model::EditResult r = change(to);
    if (!r.ok()) {
        emit editRefused(QString::fromStdString(r.refusal->toString()));
        QMetaObject::invokeMethod(
            this, [this, id] { showObject(id); }, Qt::QueuedConnection);
        return false;
    }
    change(from);
    return true;
}

// A number field becomes a spin box within the field's range.
void PropertyPanel::addNumberEditor(const QString& name, double value, double min, double max,
                                    const QString& units) {
    const double lo = std::isfinite(min) ? min : -1e9, hi = std::isfinite(max) ? max : 1e9;
    addEditable(name, value, lo, hi, units == "1" ? "" : units, [this, id = id_, name, value](double v) {
        const std::function<model::EditResult(const double&)> change = [&](const double& x) {
            return doc_->editor().setNumber(id.toStdString(), name.toStdString(), x);
        };
        if (tried(id, value, v, change))
            doc_->undoStack()->push(new SetNumberCommand(doc_, id, name, value, v));
    });
}

// A text field with a fixed set of values becomes a combo box.
void PropertyPanel::addTextEditor(const QString& name, const QString& value, const QStringList& choices) {
    auto* box = new QComboBox(this);
    box->addItems(choices);
    box->setCurrentText(value);
    connect(box, &QComboBox::currentTextChanged, this, [this, id = id_, name, value](const QString& v) {
        const std::function<model::EditResult(const QString&)> change = [&](const QString& x) {
            return doc_->editor().setText(id.toStdString(), name.toStdString(), x.toStdString());
        };
        if (v != value && tried(id, value, v, change))
            doc_->undoStack()->push(new SetTextCommand(doc_, id, name, value, v));
    });
    form_->addRow(name, box);
    textEditors_[name] = box;
}

// Free text (a name, a probe's group) is a label with an "Edit…" button that asks for the new text: a line
// edit in the panel, rebuilt on every edit, made each step of a rack drag several times slower (over the
// 50 ms edit budget) under X11.
void PropertyPanel::addFreeText(const QString& name, const QString& value) {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(value, row);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* edit = new QToolButton(row);
    edit->setText(tr("Edit…"));
    edit->setToolTip(tr("Change the %1").arg(name));
    layout->addWidget(label, 1), layout->addWidget(edit);
    connect(edit, &QToolButton::clicked, this, [this, name, value] { editFreeText(name, value); });
    form_->addRow(name, row);
    freeText_[name] = edit;
}

void PropertyPanel::editFreeText(const QString& name, const QString& value) {
    bool ok = false;
    const QString v =
        QInputDialog::getText(this, tr("Edit %1").arg(name), name, QLineEdit::Normal, value, &ok);
    const std::function<model::EditResult(const QString&)> change = [&](const QString& x) {
        return doc_->editor().setText(id_.toStdString(), name.toStdString(), x.toStdString());
    };
    if (ok && v != value && tried(id_, value, v, change))
        doc_->undoStack()->push(new SetTextCommand(doc_, id_, name, value, v));
}

QToolButton* PropertyPanel::freeTextButtonFor(const QString& field) const {
    auto it = freeText_.find(field);
    return it == freeText_.end() ? nullptr : it->second;
}

QComboBox* PropertyPanel::textEditorFor(const QString& field) const {
    auto it = textEditors_.find(field);
    return it == textEditors_.end() ? nullptr : it->second;
}

template <class T> void PropertyPanel::addFields(const T& obj) {
    for (const model::Field<T>& f : model::fieldsOf<T>()) {
        const QString name = QString::fromStdString(std::string(f.name));
        if (editors_.contains(name)) continue;
        if (auto number = std::get_if<double T::*>(&f.member)) {
            addNumberEditor(name, obj.**number, f.min, f.max, QString::fromStdString(std::string(f.units)));
            continue;
        }
        if (auto text = std::get_if<std::string T::*>(&f.member); text && !model::isReferenceField(f.name)) {
            QStringList choices;
            for (const std::string& c : model::allowedValues(model::Schema<T>::label, f.name))
                choices << QString::fromStdString(c);
            if (!choices.isEmpty()) {
                addTextEditor(name, QString::fromStdString(obj.**text), choices);
                continue;
            }
            addFreeText(name, QString::fromStdString(obj.**text));
            continue;
        }
        std::visit(
            [&](auto ptr) {
                QString text = valueText(obj.*ptr);
                if (!f.units.empty() && f.units != "1")
                    text += " " + QString::fromStdString(std::string(f.units));
                auto* label = new QLabel(text, this);
                label->setTextInteractionFlags(Qt::TextSelectableByMouse);
                form_->addRow(name, label);
            },
            f.member);
    }
}

void PropertyPanel::showObject(const QString& id) {
    clear();
    id_ = id;
    const model::Twin& t = doc_->twin();
    const model::Solid* s = doc_->editor().world().solid(id.toStdString());
    heading_->setText(id.isEmpty() ? tr("No selection") : id);
    if (id.isEmpty()) return;
    // Floor units move by their centre and turn; an obstruction's fields are its low corner and extents.
    if (s && !findId(t.obstructions, id)) {
        const Pose now{s->xM, s->yM, s->yawDeg};
        auto move = [this, id, now](Pose to) {
            const QString refusal = tryPose(doc_, id, to);
            if (!refusal.isEmpty()) {
                emit editRefused(refusal);
                return QMetaObject::invokeMethod(
                           this, [this, id] { showObject(id); }, Qt::QueuedConnection),
                       void();
            }
            tryPose(doc_, id, now);
            doc_->undoStack()->push(new MoveObjectCommand(doc_, id, now, to));
        };
        addEditable("x_m", s->xM, 0, t.hall.lengthM, "m", [move, now](double v) {
            move({v, now.yM, now.yawDeg});
        });
        addEditable("y_m", s->yM, 0, t.hall.widthM, "m", [move, now](double v) {
            move({now.xM, v, now.yawDeg});
        });
        addEditable("yaw_deg", s->yawDeg, 0, 270, "degree", [move, now](double v) {
            move({now.xM, now.yM, std::round(v / 90) * 90});
        });
    }
    if (const model::Rack* r = findId(t.racks, id)) {
        const double nameplate = model::rackNameplateW(*r, t.catalog);
        addEditable("power_cap_w", r->powerCapW > 0 ? r->powerCapW : nameplate, 0, 1e7, "W",
                    [this, id, old = r->powerCapW](double v) {
                        doc_->undoStack()->push(new SetPowerCapCommand(doc_, id, old, v));
                    });
        form_->addRow(
            tr("design power"),
            new QLabel(QString("%1 kW").arg(model::rackDesignPowerW(*r, t.catalog) / 1e3, 0, 'f', 1), this));
        addFields(*r);
    } else if (const model::Cdu* c = findId(t.cooling.cdus, id)) {
        addFields(*c);
    } else if (const model::AirHandler* a = findId(t.cooling.airHandlers, id)) {
        addFields(*a);
    } else if (const model::Row* row = findId(t.rows, id)) {
        addFields(*row);
    } else if (const model::Probe* p = findId(t.probes, id)) {
        addFields(*p);
    } else if (const model::Obstruction* o = findId(t.obstructions, id)) {
        addFields(*o);
    } else if (const model::Vent* v = findId(t.vents, id)) {
        addFields(*v);
    }
}

} // namespace halltwin::app
