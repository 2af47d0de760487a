#include "commands/MoveObjectCommand.hpp"

#include "commands/CommandIds.hpp"

namespace halltwin::app {

QString tryPose(TwinDocument* doc, const QString& id, const Pose& p) {
    const std::string key = id.toStdString();
    const model::Solid* s = doc->editor().world().solid(key);
    if (!s) { // a probe or a vent: no yaw, no collisions
        const model::EditResult r = doc->editor().moveMarker(key, p.xM, p.yM);
        return r.ok() ? QString() : QString::fromStdString(r.refusal->toString());
    }
    const model::Solid before = *s;
    if (before.yawDeg != p.yawDeg) {
        model::EditResult r = doc->editor().rotate(key, p.yawDeg);
        if (!r.ok()) return QString::fromStdString(r.refusal->toString());
    }
    model::EditResult r = doc->editor().move(key, p.xM, p.yM);
    if (!r.ok()) {
        doc->editor().rotate(key, before.yawDeg); // all or nothing
        return QString::fromStdString(r.refusal->toString());
    }
    return {};
}

MoveObjectCommand::MoveObjectCommand(TwinDocument* doc, QString id, Pose from, Pose to, int dragSerial)
    : doc_(doc), objectId_(std::move(id)), from_(from), to_(to), dragSerial_(dragSerial) {
    setText(QObject::tr("Move %1").arg(objectId_));
}

void MoveObjectCommand::apply(const Pose& p) {
    // Undo and redo reinstate poses that were valid when they were made; the editor rechecks anyway.
    tryPose(doc_, objectId_, p);
    doc_->notifyChanged({objectId_});
}

void MoveObjectCommand::redo() {
    apply(to_);
}
void MoveObjectCommand::undo() {
    apply(from_);
}

bool MoveObjectCommand::mergeWith(const QUndoCommand* other) {
    auto* o = static_cast<const MoveObjectCommand*>(other);
    if (o->objectId_ != objectId_ || o->dragSerial_ != dragSerial_) return false;
    to_ = o->to_;
    return true;
}

} // namespace halltwin::app
