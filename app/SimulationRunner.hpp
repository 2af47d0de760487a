// Runs the hall pipeline (model/HallSimulation.hpp) without the air solver for the open twin: the design
// point at once after every edit (a few ms), the annual year in the background on a copy of the twin;
// stale background results are dropped. With air, AirRunner runs the same pipeline coupled.
#pragma once

#include "model/sim/SystemSimulation.hpp"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace halltwin::app {

class SimulationRunner : public QObject {
    Q_OBJECT
  public:
    explicit SimulationRunner(QObject* parent = nullptr);
    ~SimulationRunner() override;

    void setSite(const QString& climateId) { site_ = climateId; }
    // Design point now; annual run started in the background.
    void run(const model::Twin& twin);
    const model::sim::SimulationResult& latest() const { return latest_; }
    bool annualPending() const;
    void waitForAnnual();
    void cancel(); // stops the background year; its partial result is dropped

  signals:
    void designPointReady(); // latest() holds the design point (and the previous annual run)
    void annualReady();      // latest() holds both
    void failed(const QString& message);
    void progress(int percent); // of the background year, queued to the GUI thread
    void cancelled();

  private:
    struct Job {
        int generation;
        model::sim::SimulationResult result;
        QString error;
    };
    void finished();

    model::sim::SimulationResult latest_;
    QFutureWatcher<Job> watcher_;
    int generation_ = 0;
    QString site_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace halltwin::app
