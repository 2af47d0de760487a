#include "RecoveryFiles.hpp"

#include "model/AtomicFile.hpp"
#include "model/TwinFile.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

namespace halltwin::app {

namespace {

// A lock is stale only when its process is gone (Qt checks the pid and the program on this host), never
// because it is old: a window may stay open for weeks.
std::unique_ptr<QLockFile> lockOf(const QString& base) {
    auto lock = std::make_unique<QLockFile>(base + ".lock");
    lock->setStaleLockTime(0);
    return lock;
}

QString infoPath(const QString& base) {
    return base + ".json";
}

RecoverableSession sessionOf(const QString& base, std::unique_ptr<QLockFile> lock) {
    RecoverableSession s;
    s.twinPath = base + ".h5";
    s.autosavedAt = QFileInfo(s.twinPath).lastModified();
    QFile info(infoPath(base));
    if (info.open(QIODevice::ReadOnly))
        s.originalPath = QJsonDocument::fromJson(info.readAll()).object().value("original").toString();
    s.lock = std::move(lock);
    return s;
}

} // namespace

QString recoveryFolder() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/recovery";
    QDir().mkpath(dir);
    return dir;
}

std::vector<RecoverableSession> findRecoverableSessions() {
    std::vector<RecoverableSession> found;
    const QDir dir(recoveryFolder());
    for (const QFileInfo& f : dir.entryInfoList({"session-*.h5"}, QDir::Files)) {
        const QString base = dir.filePath(f.completeBaseName());
        auto lock = lockOf(base);
        if (lock->tryLock(0)) found.push_back(sessionOf(base, std::move(lock)));
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.autosavedAt > b.autosavedAt; });
    return found;
}

void discardSession(const RecoverableSession& session) {
    const QString base = session.twinPath.chopped(3);
    QFile::remove(session.twinPath);
    QFile::remove(infoPath(base));
}

// Named by process and start time, so a reused process id never meets the slot of an earlier session.
RecoverySlot::RecoverySlot()
    : base_(QStringLiteral("%1/session-%2-%3")
                .arg(recoveryFolder())
                .arg(QCoreApplication::applicationPid())
                .arg(QDateTime::currentMSecsSinceEpoch())),
      lock_(lockOf(base_)) {
    // Two windows of one process start in the same millisecond: the second one takes the next name.
    const QString first = base_;
    for (int i = 1; !lock_->tryLock(0); ++i) {
        base_ = first + QString("-%1").arg(i);
        lock_ = lockOf(base_);
    }
}

RecoverySlot::~RecoverySlot() = default; // the lock goes, the autosave stays: recoverable next start

// The twin first, then where it came from: a kill between them leaves the new twin with the old origin,
// which only changes on Save As.
void RecoverySlot::write(const model::Twin& twin, const QString& originalPath) {
    model::saveTwinFile(twin, twinPath().toStdString());
    const QJsonObject info{{"original", originalPath}};
    model::writeFileAtomically(infoPath(base_).toStdString(),
                               QJsonDocument(info).toJson(QJsonDocument::Compact).toStdString());
}

void RecoverySlot::clear() {
    QFile::remove(twinPath());
    QFile::remove(infoPath(base_));
}

} // namespace halltwin::app
