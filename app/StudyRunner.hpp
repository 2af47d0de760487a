// A design study run in the background from the app: the variants still to do on all cores, the results
// file saved (atomically) after every batch as `halltwin study run` does, progress polled from the
// workers, Cancel honoured between variants. The window receives a copy of the results after a save (at
// most twice a second), so its chart fills in while the study runs.
#pragma once

#include "model/study/StudyRun.hpp"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <filesystem>
#include <memory>

namespace halltwin::app {

class StudyRunner : public QObject {
    Q_OBJECT
  public:
    explicit StudyRunner(QObject* parent = nullptr);
    ~StudyRunner() override; // cancels and waits for the run in progress

    // Runs the variants of `results` not yet done, saving `out` after every batch.
    void start(std::shared_ptr<const model::study::Study> study,
               std::shared_ptr<const model::Catalog> catalog, model::study::StudyResults results,
               std::filesystem::path out);
    void cancel();
    void wait();
    bool running() const { return watcher_.isRunning(); }
    size_t done() const { return *done_; } // variants done so far, this run's and earlier ones
    double elapsedSeconds() const { return clock_.isValid() ? clock_.elapsed() / 1e3 : 0; }

  signals:
    void saved(const model::study::StudyResults& snapshot); // the file holds this now
    void finished(bool cancelled, const QString& error);    // error: why the run stopped, if it failed

  private:
    QFutureWatcher<QString> watcher_;
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<size_t>> done_ = std::make_shared<std::atomic<size_t>>(0);
    QElapsedTimer clock_;
};

} // namespace halltwin::app
