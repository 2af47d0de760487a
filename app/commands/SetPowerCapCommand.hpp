// Changes a rack's power cap from the property editor; typing in steps merges into one undo step.
#pragma once

#include "TwinDocument.hpp"

#include <QUndoCommand>

namespace halltwin::app {

class SetPowerCapCommand : public QUndoCommand {
  public:
    SetPowerCapCommand(TwinDocument* doc, QString rackId, double fromW, double toW);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

  private:
    TwinDocument* doc_;
    QString rackId_;
    double fromW_, toW_;
};

} // namespace halltwin::app
