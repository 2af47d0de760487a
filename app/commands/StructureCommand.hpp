// Edits that add or remove objects (add rack, add row, add CDU or air handler, delete, duplicate row).
// They keep a snapshot of the twin before and after: exact undo for any structural change, and cheap
// at the sizes of a hall (a few hundred kB for 1,000 racks).
#pragma once

#include "TwinDocument.hpp"

#include <QUndoCommand>

#include <functional>

namespace halltwin::app {

class StructureCommand : public QUndoCommand {
  public:
    // Runs `edit` on the document's editor; when it is refused, the twin is untouched and `refusal` says why.
    static StructureCommand* make(TwinDocument* doc, const QString& text,
                                  const std::function<model::EditResult(model::TwinEditor&)>& edit,
                                  QString* refusal);

    void redo() override;
    void undo() override;

  private:
    StructureCommand(TwinDocument* doc, const QString& text, model::Twin before, model::Twin after);
    void apply(const model::Twin& t);

    TwinDocument* doc_;
    model::Twin before_, after_;
    bool first_ = true;
};

} // namespace halltwin::app
