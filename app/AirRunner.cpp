#include "AirRunner.hpp"

#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <stdexcept>
#include <utility>

namespace halltwin::app {

namespace air = halltwin::model::air;
using Clock = std::chrono::steady_clock;

AirRunner::AirRunner(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<Job>::finished, this, &AirRunner::finished);
}

AirRunner::~AirRunner() {
    queued_.reset();
    cancel_ = true;
    watcher_.waitForFinished();
}

void AirRunner::solve(const model::Twin& twin, const model::HallSimulationOptions& options) {
    const Request r{std::make_shared<const model::Twin>(twin), options};
    if (!running_) return start(r);
    queued_ = r; // started by finished(), once the running solve has seen the flag
    cancel_ = true;
}

void AirRunner::cancel() {
    queued_.reset();
    if (running_) cancel_ = true;
}

void AirRunner::forget() {
    cancel();
    warm_.reset();
    latest_.reset();
    forgetting_ = running_;
}

void AirRunner::start(const Request& r) {
    cancel_ = false;
    running_ = true;
    // A repaint of the window costs a software-GL composite: a few progress reports a second at most.
    auto report = [this, last = Clock::time_point()](int step, double residual) mutable {
        if (Clock::now() - last < std::chrono::milliseconds(250)) return;
        last = Clock::now();
        QMetaObject::invokeMethod(
            this, [this, step, residual] { emit progress(step, residual); }, Qt::QueuedConnection);
    };
    watcher_.setFuture(QtConcurrent::run([r, warm = std::move(warm_), flag = &cancel_, report]() mutable {
        return work(r, std::move(warm), flag, report);
    }));
}

AirRunner::Job AirRunner::work(Request r, model::AirWarmStart warm, const std::atomic<bool>* cancel,
                               const std::function<void(int, double)>& progress) {
    Job job;
    try {
        const auto begin = Clock::now();
        r.options.system.cancel = cancel;
        r.options.airProgress = progress;
        model::HallSimulationResult run = model::simulateHall(*r.twin, r.options, &warm);
        job.warm = std::move(warm);
        if ((job.cancelled = run.cancelled)) return job;
        if (!run.air) throw std::runtime_error("the twin has no air handlers: there is no air flow to solve");
        auto s = std::make_shared<AirSolution>();
        s->air = run.air;
        s->system = std::move(run.system);
        s->provenance = run.provenance;
        s->cellM = run.provenance.cellM, s->warm = run.provenance.warmStart;
        s->wallS = std::chrono::duration<double>(Clock::now() - begin).count();
        job.solution = std::move(s);
    } catch (const std::exception& e) {
        job.warm.reset(); // the next solve starts afresh
        job.error = QString::fromUtf8(e.what());
    }
    return job;
}

void AirRunner::finished() {
    if (!running_ || watcher_.future().resultCount() == 0) return;
    const Job job = watcher_.result();
    watcher_.setFuture(QFuture<Job>());
    running_ = false;
    warm_ = forgetting_ ? std::nullopt : job.warm;
    const bool quiet = std::exchange(forgetting_, false);
    if (queued_) { // this solve was for an older twin: drop it, its fields are warmer all the same
        const Request next = *queued_;
        queued_.reset();
        return start(next);
    }
    if (quiet) return emit idle();
    if (!job.error.isEmpty()) return emit failed(job.error);
    if (job.cancelled) return emit cancelled();
    latest_ = job.solution;
    emit solved();
}

} // namespace halltwin::app
