#include "AirRunner.hpp"

#include "model/air/HallGrid.hpp"

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

void AirRunner::solve(const model::Twin& twin, double cellM) {
    const Request r{std::make_shared<const model::Twin>(twin), cellM};
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
    solver_.reset();
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
    watcher_.setFuture(QtConcurrent::run([r, solver = std::move(solver_), flag = &cancel_, report]() {
        return work(r, solver, flag, report);
    }));
}

AirRunner::Job AirRunner::work(const Request& r, std::shared_ptr<air::AirSolver> solver,
                               const std::atomic<bool>* cancel,
                               const std::function<void(int, double)>& progress) {
    Job job;
    try {
        const auto begin = Clock::now();
        const air::HallGrid hall = air::buildHallGrid(*r.twin, {r.cellM});
        if (hall.supplies.empty() || hall.returns.empty())
            throw std::runtime_error("no air handler has a free face for its supply and return");
        const air::Dims cells = hall.airCase.grid.cells();
        const bool warm = solver && solver->cellDims().nx == cells.nx && solver->cellDims().ny == cells.ny &&
                          solver->cellDims().nz == cells.nz;
        if (solver)
            solver->setCase(hall.airCase); // starts afresh by itself when the grid changed shape
        else
            solver = std::make_shared<air::AirSolver>(hall.airCase, hall.airCase.air.referenceC);
        job.solver = solver;
        air::SolveOptions o = air::hallSolveOptions();
        o.cancel = cancel;
        o.progress = progress;
        const air::SolveReport report = solver->solveSteady(o);
        if ((job.cancelled = report.cancelled)) return job;
        auto s = std::make_shared<AirSolution>();
        s->results = {air::fieldsOf(*solver), air::analyseHall(*solver, hall, report), hall.airHandlers};
        s->cellM = r.cellM, s->warm = warm;
        s->wallS = std::chrono::duration<double>(Clock::now() - begin).count();
        job.solution = std::move(s);
    } catch (const std::exception& e) {
        job.solver.reset(); // the next solve starts afresh
        job.error = QString::fromUtf8(e.what());
    }
    return job;
}

void AirRunner::finished() {
    if (!running_ || watcher_.future().resultCount() == 0) return;
    const Job job = watcher_.result();
    watcher_.setFuture(QFuture<Job>());
    running_ = false;
    solver_ = forgetting_ ? nullptr : job.solver;
    const bool quiet = std::exchange(forgetting_, false);
    if (queued_) { // this solve was for an older twin: drop it, the solver is warmer all the same
        const Request next = *queued_;
        queued_.reset();
        return start(next);
    }
    if (quiet) return;
    if (!job.error.isEmpty()) return emit failed(job.error);
    if (job.cancelled) return emit cancelled();
    latest_ = job.solution;
    emit solved();
}

} // namespace halltwin::app
