// Moves and/or rotates one floor object, or moves a probe or a vent; consecutive moves of the same object
// merge (a drag).
#pragma once

#include "TwinDocument.hpp"
#include "commands/CommandIds.hpp"

#include <QUndoCommand>

namespace halltwin::app {

struct Pose {
    double xM = 0, yM = 0, yawDeg = 0;
};

class MoveObjectCommand : public QUndoCommand {
  public:
    // `from` is where the object stands now. Commands with the same positive dragSerial (one mouse press)
    // merge into one undo step; 0 never merges.
    MoveObjectCommand(TwinDocument* doc, QString id, Pose from, Pose to, int dragSerial = 0);

    void redo() override;
    void undo() override;
    int id() const override { return dragSerial_ > 0 ? MoveObjectId : -1; }
    bool mergeWith(const QUndoCommand* other) override;

  private:
    void apply(const Pose& p);

    TwinDocument* doc_;
    QString objectId_;
    Pose from_, to_;
    int dragSerial_;
};

// Applies a pose through the editor; returns the refusal message, empty when it was applied.
QString tryPose(TwinDocument* doc, const QString& id, const Pose& p);

} // namespace halltwin::app
