// Changes a text field of an object (a vent's kind, an air handler's discharge or return) from the
// property editor; one undo step per choice.
#pragma once

#include "TwinDocument.hpp"

#include <QUndoCommand>

namespace halltwin::app {

class SetTextCommand : public QUndoCommand {
  public:
    SetTextCommand(TwinDocument* doc, QString id, QString field, QString from, QString to);
    void redo() override;
    void undo() override;

  private:
    void set(const QString& value);

    TwinDocument* doc_;
    QString objectId_, field_, from_, to_;
};

} // namespace halltwin::app
