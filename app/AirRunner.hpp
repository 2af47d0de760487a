// Runs the hall simulation with its air (model/HallSimulation.hpp: the air field coupled with the system
// simulation, then the year) on a worker thread, on a copy of the twin: the same pipeline as
// `halltwin simulate --air`. The air solution is kept between runs, so a run after an edit starts from the
// previous fields (a warm start) unless the grid changed shape. One run at a time: a newer request cancels
// the running one and starts when it has stopped, and the GUI thread never waits for the worker.
#pragma once

#include "model/HallSimulation.hpp"

#include <QFutureWatcher>
#include <QObject>

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace halltwin::app {

// Air results as the application keeps them: from a run here (with the coupled system results and how
// they were made) or read from a file (air only).
struct AirSolution {
    std::shared_ptr<const model::air::AirResults> air;
    std::optional<model::sim::SimulationResult> system; // the coupled run; none for a file's results
    model::Provenance provenance;
    double cellM = 0;
    bool warm = false; // started from the previous solve's fields
    double wallS = 0;
    const model::air::HallAirResult& result() const { return air->result; }
};

class AirRunner : public QObject {
    Q_OBJECT
  public:
    explicit AirRunner(QObject* parent = nullptr);
    ~AirRunner() override; // cancels and waits for the worker

    // `options.air` says how; its cancel flag and air progress are the runner's own.
    void solve(const model::Twin& twin, const model::HallSimulationOptions& options);
    void cancel(); // stops the running solve and forgets a queued one; cancelled() once it has stopped
    // For another twin: stops quietly and drops the kept fields, so the next solve starts cold.
    void forget();
    bool busy() const { return running_; } // a solve is running (or its result not yet collected)
    std::shared_ptr<const AirSolution> latest() const { return latest_; }

  signals:
    void progress(int step, double residual); // queued to the GUI thread a few times a second
    void solved();                            // latest() holds the new solution
    void cancelled();
    void failed(const QString& message);
    void idle(); // a solve for a twin no longer open (forget()) has ended without a result

  private:
    struct Request {
        std::shared_ptr<const model::Twin> twin;
        model::HallSimulationOptions options;
    };
    struct Job {
        model::AirWarmStart warm; // the fields, handed back by value for the next warm start
        std::shared_ptr<const AirSolution> solution;
        bool cancelled = false;
        QString error;
    };
    static Job work(Request r, model::AirWarmStart warm, const std::atomic<bool>* cancel,
                    const std::function<void(int, double)>& progress);
    void start(const Request& r);
    void finished();

    QFutureWatcher<Job> watcher_;
    bool running_ = false, forgetting_ = false;
    std::optional<Request> queued_;
    model::AirWarmStart warm_; // moved to the worker while a solve runs
    std::atomic<bool> cancel_{false};
    std::shared_ptr<const AirSolution> latest_;
};

} // namespace halltwin::app
