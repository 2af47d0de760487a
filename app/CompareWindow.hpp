// Two or three twins side by side: each its own 3-D view with linked cameras and one colour range, a
// KPI difference table against the first twin (absolute and %, better or worse highlighted), the
// review image (the render layer's composite) and the table as CSV on the clipboard. Each twin's
// design point is simulated at once; its year runs on a worker (the hall pipeline, as the CLI's
// `compare`), with progress and Cancel, and its annual KPIs fill in when it ends.
#pragma once

#include "TwinDocument.hpp"

#include "model/sim/SystemSimulation.hpp"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QTableWidget;
class QHBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace halltwin::app {

class HallView;

class CompareWindow : public QWidget {
    Q_OBJECT
  public:
    explicit CompareWindow(QWidget* parent = nullptr);
    ~CompareWindow() override; // stops and waits for the year in progress

    // Adds a twin (up to three): from a file, or as it is in memory (an unsaved or modified one). False
    // with the error message when it cannot be loaded or simulated.
    bool addTwin(const QString& path, QString* error);
    bool addTwin(const model::Twin& twin, QString* error);
    bool exportReviewImage(const QString& path, int width, int height, QString* error);
    QString tableCsv() const;
    QTableWidget* table() const { return table_; }
    int twinCount() const { return int(docs_.size()); }
    bool yearsPending() const; // an annual run is queued or running
    void waitForYears();       // for tests and the CLI-like callers: until every year has ended
    QPushButton* cancelButton() const { return cancel_; }

  signals:
    void yearsFinished(); // every twin's annual run ended (or was cancelled)

  private:
    struct Year {
        size_t index;
        model::sim::SimulationResult result;
        QString error;
    };
    bool addDocument(TwinDocument* doc, QString* error);
    void startNextYear();
    void yearFinished();
    void cancelYears();
    void refresh();
    void linkCameras(HallView* source);

    std::vector<TwinDocument*> docs_;
    std::vector<HallView*> views_;
    std::vector<model::sim::SimulationResult> results_;
    std::vector<size_t> queued_; // twins whose year has not started
    QFutureWatcher<Year> watcher_;
    std::shared_ptr<std::atomic<bool>> cancelFlag_;
    std::shared_ptr<std::atomic<int>> percent_;
    QHBoxLayout* viewRow_;
    QTableWidget* table_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    QLabel* note_;
    bool linking_ = false;
};

} // namespace halltwin::app
