#include "commands/SetNumberCommand.hpp"

#include "commands/CommandIds.hpp"

namespace halltwin::app {

SetNumberCommand::SetNumberCommand(TwinDocument* doc, QString id, QString field, double from, double to)
    : doc_(doc), objectId_(std::move(id)), field_(std::move(field)), from_(from), to_(to) {
    setText(QObject::tr("Set %1 of %2").arg(field_, objectId_));
}

void SetNumberCommand::set(double value) {
    doc_->editor().setNumber(objectId_.toStdString(), field_.toStdString(), value);
    doc_->notifyChanged({objectId_});
}

void SetNumberCommand::redo() {
    set(to_);
}

void SetNumberCommand::undo() {
    set(from_);
}

int SetNumberCommand::id() const {
    return SetNumberId;
}

bool SetNumberCommand::mergeWith(const QUndoCommand* other) {
    auto* o = static_cast<const SetNumberCommand*>(other);
    if (o->objectId_ != objectId_ || o->field_ != field_) return false;
    to_ = o->to_;
    return true;
}

} // namespace halltwin::app
