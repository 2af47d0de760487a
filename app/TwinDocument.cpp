#include "TwinDocument.hpp"

#include "model/CheckedLoad.hpp"
#include "model/TwinFile.hpp"

namespace halltwin::app {

TwinDocument::TwinDocument(QObject* parent)
    : QObject(parent), editor_(std::make_unique<model::TwinEditor>(twin_)) {}

bool TwinDocument::load(const QString& path, QString* error) {
    return loadAs(path, path, error);
}

bool TwinDocument::loadAs(const QString& file, const QString& path, QString* error) {
    model::TwinLoad l = model::loadTwinChecked(file.toStdString());
    if (!l.diagnostics.ok()) {
        if (error) *error = QString::fromStdString(l.diagnostics.errorText()).trimmed();
        return false;
    }
    reset(std::move(l.twin), path);
    return true;
}

void TwinDocument::reset(model::Twin twin, const QString& path) {
    twin_ = std::move(twin);
    editor_->resync();
    undo_.clear();
    path_ = path;
    emit pathChanged(path_);
    emit twinReplaced();
}

bool TwinDocument::save(const QString& path, QString* error,
                        const std::function<void(long long fileId)>& writeExtra) {
    try {
        model::SaveOptions o;
        o.writeExtra = writeExtra;
        model::saveTwinFile(twin_, path.toStdString(), o);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    undo_.setClean();
    if (path != path_) path_ = path, emit pathChanged(path_);
    return true;
}

void TwinDocument::restore(const model::Twin& t) {
    twin_ = t;
    editor_->resync();
    emit twinChanged({});
}

void TwinDocument::notifyChanged(const QStringList& ids) {
    emit twinChanged(ids);
}

} // namespace halltwin::app
