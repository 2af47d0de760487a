#include "SimulationRunner.hpp"

#include "model/HallSimulation.hpp"

#include <QtConcurrent/QtConcurrentRun>

namespace halltwin::app {

SimulationRunner::SimulationRunner(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<Job>::finished, this, &SimulationRunner::finished);
}

SimulationRunner::~SimulationRunner() {
    cancel();
    watcher_.waitForFinished();
}

void SimulationRunner::run(const model::Twin& twin) {
    model::sim::SimulationOptions design;
    design.hours = 0;
    design.site = site_.toStdString();
    try {
        const model::sim::AnnualResult keep = latest_.annual;
        latest_ = model::simulateHall(twin, {design, {}, {}}).system;
        latest_.annual = keep;
    } catch (const std::exception& e) {
        emit failed(QString::fromUtf8(e.what()));
        return;
    }
    emit designPointReady();
    // The worker owns its copy, so edits during the run cannot race with it.
    auto copy = std::make_shared<model::Twin>(twin);
    if (cancel_) *cancel_ = true; // a newer edit supersedes a run in progress
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    const int gen = ++generation_;
    const std::string site = site_.toStdString();
    watcher_.setFuture(QtConcurrent::run([this, copy, gen, site, flag = cancel_]() {
        Job job{gen, {}, {}};
        model::sim::SimulationOptions o;
        o.site = site;
        o.cancel = flag.get();
        // A repaint of the window costs a software-GL composite: report each quarter of the year only.
        o.progress = [this, last = -1](double f) mutable {
            const int quarter = int(4 * f);
            if (quarter == last) return;
            last = quarter;
            QMetaObject::invokeMethod(
                this, [this, quarter] { emit progress(25 * quarter); }, Qt::QueuedConnection);
        };
        try {
            job.result = model::simulateHall(*copy, {o, {}, {}}).system;
        } catch (const std::exception& e) {
            job.error = QString::fromUtf8(e.what());
        }
        return job;
    }));
}

bool SimulationRunner::annualPending() const {
    return watcher_.isRunning();
}

void SimulationRunner::cancel() {
    if (cancel_) *cancel_ = true;
}

void SimulationRunner::waitForAnnual() {
    watcher_.waitForFinished();
    finished();
}

void SimulationRunner::finished() {
    if (!watcher_.future().isValid() || watcher_.future().resultCount() == 0) return;
    Job job = watcher_.result();
    if (job.generation != generation_ || job.generation < 0) return; // an edit came after it started
    watcher_.setFuture(QFuture<Job>());
    if (!job.error.isEmpty()) return emit failed(job.error);
    if (job.result.cancelled) return emit cancelled();
    latest_ = std::move(job.result);
    emit annualReady();
}

} // namespace halltwin::app
