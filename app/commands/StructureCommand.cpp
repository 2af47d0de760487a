#include "commands/StructureCommand.hpp"

namespace halltwin::app {

StructureCommand* StructureCommand::make(TwinDocument* doc, const QString& text,
                                         const std::function<model::EditResult(model::TwinEditor&)>& edit,
                                         QString* refusal) {
    model::Twin before = doc->twin();
    model::EditResult r = edit(doc->editor());
    if (!r.ok()) {
        if (refusal) *refusal = QString::fromStdString(r.refusal->toString());
        if (!(doc->twin() == before)) doc->restore(before); // e.g. a catalogue entry adopted for it
        return nullptr;
    }
    return new StructureCommand(doc, text, std::move(before), doc->twin());
}

StructureCommand::StructureCommand(TwinDocument* doc, const QString& text, model::Twin before,
                                   model::Twin after)
    : doc_(doc), before_(std::move(before)), after_(std::move(after)) {
    setText(text);
}

void StructureCommand::apply(const model::Twin& t) {
    doc_->restore(t);
}

void StructureCommand::redo() {
    if (first_) { // the edit already ran in make()
        first_ = false;
        doc_->notifyChanged();
        return;
    }
    apply(after_);
}

void StructureCommand::undo() {
    apply(before_);
}

} // namespace halltwin::app
