#include "StudyRunner.hpp"

#include "model/study/StudyResultsFile.hpp"

#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <thread>

namespace halltwin::app {

namespace st = model::study;

StudyRunner::StudyRunner(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<QString>::finished, this,
            [this] { emit finished(cancel_->load(), watcher_.result()); });
}

StudyRunner::~StudyRunner() {
    cancel();
    wait();
}

void StudyRunner::start(std::shared_ptr<const st::Study> study, std::shared_ptr<const model::Catalog> catalog,
                        st::StudyResults results, std::filesystem::path out) {
    wait();
    cancel_->store(false);
    done_->store(st::doneCount(results));
    clock_.start();
    auto task = [this, study, catalog, cancel = cancel_, done = done_, r = std::move(results),
                 out = std::move(out)]() mutable -> QString {
        st::RunOptions o;
        o.cancel = cancel.get();
        o.progress = [done](size_t, size_t) { ++*done; };
        const size_t workers = std::max(1u, std::thread::hardware_concurrency());
        auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
        auto report = [&] { // a copy for the window, queued to its thread, at most twice a second
            const auto now = std::chrono::steady_clock::now();
            if (now - last < std::chrono::milliseconds(500) && st::doneCount(r) < r.variants.size()) return;
            last = now;
            QMetaObject::invokeMethod(
                this, [this, copy = r] { emit saved(copy); }, Qt::QueuedConnection);
        };
        try {
            st::runStudyToFile(*study, *catalog, r, out, o, 2 * workers, report);
        } catch (const std::exception& e) { // a failed save: show what the file holds now
            last = {};
            report();
            return QString::fromUtf8(e.what());
        }
        last = {}; // the final state, whenever the last report was
        report();
        return {};
    };
    watcher_.setFuture(QtConcurrent::run(std::move(task)));
}

void StudyRunner::cancel() {
    cancel_->store(true);
}

void StudyRunner::wait() {
    watcher_.waitForFinished();
}

} // namespace halltwin::app
