#include "commands/SetPowerCapCommand.hpp"

#include "commands/CommandIds.hpp"

namespace halltwin::app {

SetPowerCapCommand::SetPowerCapCommand(TwinDocument* doc, QString rackId, double fromW, double toW)
    : doc_(doc), rackId_(std::move(rackId)), fromW_(fromW), toW_(toW) {
    setText(QObject::tr("Set power of %1").arg(rackId_));
}

void SetPowerCapCommand::redo() {
    doc_->editor().setPowerCap(rackId_.toStdString(), toW_);
    doc_->notifyChanged({rackId_});
}

void SetPowerCapCommand::undo() {
    doc_->editor().setPowerCap(rackId_.toStdString(), fromW_);
    doc_->notifyChanged({rackId_});
}

int SetPowerCapCommand::id() const {
    return SetPowerCapId;
}

bool SetPowerCapCommand::mergeWith(const QUndoCommand* other) {
    auto* o = static_cast<const SetPowerCapCommand*>(other);
    if (o->rackId_ != rackId_) return false;
    toW_ = o->toW_;
    return true;
}

} // namespace halltwin::app
