#include "commands/SetTextCommand.hpp"

namespace halltwin::app {

SetTextCommand::SetTextCommand(TwinDocument* doc, QString id, QString field, QString from, QString to)
    : doc_(doc), objectId_(std::move(id)), field_(std::move(field)), from_(std::move(from)),
      to_(std::move(to)) {
    setText(QObject::tr("Set %1 of %2 to '%3'").arg(field_, objectId_, to_));
}

void SetTextCommand::set(const QString& value) {
    doc_->editor().setText(objectId_.toStdString(), field_.toStdString(), value.toStdString());
    doc_->notifyChanged({objectId_});
}

void SetTextCommand::redo() {
    set(to_);
}

void SetTextCommand::undo() {
    set(from_);
}

} // namespace halltwin::app
