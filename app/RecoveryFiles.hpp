// Autosave slots. Each window writes its unsaved twin to a slot of its own in the recovery folder and
// holds the slot's lock file while it lives. A slot whose lock is stale belongs to a session that ended
// without closing (killed, crashed, power lost) and is offered back at the next start; a slot of a live
// window is never touched by another one.
#pragma once

#include "model/Twin.hpp"

#include <QDateTime>
#include <QLockFile>
#include <QString>

#include <memory>
#include <vector>

namespace halltwin::app {

QString recoveryFolder();

// A slot left by a session that did not close; its lock is held by this process while it is offered.
struct RecoverableSession {
    QString twinPath;     // the last complete autosave
    QString originalPath; // the file that twin was opened from or last saved to; empty for a new twin
    QDateTime autosavedAt;
    std::shared_ptr<QLockFile> lock;
};

// Newest first. Slots of live windows (in this process or another) are skipped.
std::vector<RecoverableSession> findRecoverableSessions();
// Removes the slot's files; the work in it is gone.
void discardSession(const RecoverableSession& session);

class RecoverySlot {
  public:
    RecoverySlot(); // a new slot, locked for this window's lifetime
    ~RecoverySlot();
    RecoverySlot(const RecoverySlot&) = delete;
    RecoverySlot& operator=(const RecoverySlot&) = delete;

    // Atomic: a kill at any moment leaves the previous autosave or this one, complete. Throws
    // model::SaveError.
    void write(const model::Twin& twin, const QString& originalPath);
    // The twin was saved or deliberately closed: nothing is left to recover.
    void clear();
    QString twinPath() const { return base_ + ".h5"; }

  private:
    QString base_;
    std::unique_ptr<QLockFile> lock_;
};

} // namespace halltwin::app
