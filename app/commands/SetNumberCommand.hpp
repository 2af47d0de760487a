// Changes a number field of a rack, CDU or air handler (by its file name) from the property editor;
// consecutive entries in the same field merge into one undo step.
#pragma once

#include "TwinDocument.hpp"

#include <QUndoCommand>

namespace halltwin::app {

class SetNumberCommand : public QUndoCommand {
  public:
    SetNumberCommand(TwinDocument* doc, QString id, QString field, double from, double to);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

  private:
    void set(double value);

    TwinDocument* doc_;
    QString objectId_, field_;
    double from_, to_;
};

} // namespace halltwin::app
