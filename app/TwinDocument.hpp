// The open twin: its value, where it lives on disk, the editing API with its collision world, and the
// undo stack every edit goes through. The window's modified flag is the stack's clean state.
#pragma once

#include "model/TwinEditor.hpp"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <functional>
#include <memory>

namespace halltwin::app {

class TwinDocument : public QObject {
    Q_OBJECT
  public:
    explicit TwinDocument(QObject* parent = nullptr);

    // Replaces the twin (open, new, revert); clears the undo history. Errors name the object and field.
    bool load(const QString& path, QString* error);
    // Reads `file` as the twin that lives at `path` (recovered work: an autosave of another file).
    bool loadAs(const QString& file, const QString& path, QString* error);
    void reset(model::Twin twin, const QString& path);
    // Recovered work: not what the file on disk holds, so Save and the close prompt apply.
    void markModified() { undo_.resetClean(); }
    // Atomic save; the old file survives a failure. Marks the stack clean on success. `writeExtra` adds
    // results to the file (it receives the open HDF5 file).
    bool save(const QString& path, QString* error,
              const std::function<void(long long fileId)>& writeExtra = {});

    const model::Twin& twin() const { return twin_; }
    model::TwinEditor& editor() { return *editor_; }
    QUndoStack* undoStack() { return &undo_; }
    const QString& path() const { return path_; }
    bool isModified() const { return !undo_.isClean(); }

    // Undo of structural edits: puts back a whole earlier state without touching the history.
    void restore(const model::Twin& t);
    // Commands call this after changing the twin so that views and simulations follow.
    void notifyChanged(const QStringList& ids = {});

  signals:
    void twinReplaced();
    void twinChanged(const QStringList& ids); // empty: anything may have changed
    void pathChanged(const QString& path);

  private:
    model::Twin twin_;
    std::unique_ptr<model::TwinEditor> editor_;
    QUndoStack undo_;
    QString path_;
};

} // namespace halltwin::app
