// Solves the hall's air flow (model/air) on a worker thread, on a copy of the twin. The solver is kept
// between solves, so a solve after an edit starts from the previous fields (a warm start) unless the grid
// changed shape. One solve at a time: a newer request cancels the running one and starts when it has
// stopped, and the GUI thread never waits for the worker.
#pragma once

#include "model/Twin.hpp"
#include "model/air/AirResultsFile.hpp"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace halltwin::app {

// A finished solve as the application keeps it, and how it was reached.
struct AirSolution {
    model::air::AirResults results;
    double cellM = 0;
    bool warm = false; // started from the previous solve's fields
    double wallS = 0;
};

class AirRunner : public QObject {
    Q_OBJECT
  public:
    explicit AirRunner(QObject* parent = nullptr);
    ~AirRunner() override; // cancels and waits for the worker

    void solve(const model::Twin& twin, double cellM);
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

  private:
    struct Request {
        std::shared_ptr<const model::Twin> twin;
        double cellM = 0.4;
    };
    struct Job {
        std::shared_ptr<model::air::AirSolver> solver; // handed back for the next warm start
        std::shared_ptr<const AirSolution> solution;
        bool cancelled = false;
        QString error;
    };
    static Job work(const Request& r, std::shared_ptr<model::air::AirSolver> solver,
                    const std::atomic<bool>* cancel, const std::function<void(int, double)>& progress);
    void start(const Request& r);
    void finished();

    QFutureWatcher<Job> watcher_;
    bool running_ = false, forgetting_ = false;
    std::optional<Request> queued_;
    std::shared_ptr<model::air::AirSolver> solver_; // with the worker while a solve runs
    std::atomic<bool> cancel_{false};
    std::shared_ptr<const AirSolution> latest_;
};

} // namespace halltwin::app
