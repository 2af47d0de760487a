// The hall's air in the application, apart from any window: when to solve (F6, or by itself once an edit
// has settled), which results are on show and whether the twin has changed since (out of date), the
// status-bar widgets (summary, progress, Cancel air), results read from a file and written into one.
// Solves run the hall pipeline through AirRunner; the main window only wires this to its menus and views.
#pragma once

#include "AirRunner.hpp"
#include "TwinDocument.hpp"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QToolButton;

namespace halltwin::app {

class AirController : public QObject {
    Q_OBJECT
  public:
    explicit AirController(TwinDocument* doc, QObject* parent = nullptr);
    ~AirController() override; // deletes the status widgets nobody took

    // Made here, for the caller's status bar (which then owns them).
    QLabel* statusLabel() const;
    QProgressBar* progressBar() const;
    QToolButton* cancelButton() const;
    AirRunner* runner() const { return runner_; }

    // The air results on show (solved here or read from the file); stale once the twin changed after them.
    std::shared_ptr<const AirSolution> shown() const { return shown_; }
    bool stale() const { return stale_; }
    // The coupled system results of the air on show while they describe the twin as it is.
    const model::sim::SimulationResult* currentSystem() const;
    bool hasAirHandlers() const;
    bool autoSolve() const; // the preference, for a twin that has air handlers

    void solve(bool asked); // asked: from the menu, so say why when there is nothing to solve
    void setAutoSolve(bool on);
    void cancel();
    void load(const QString& path); // the file's /results/air, shown without solving
    // Writes the results on show into a file being saved, while they are current; empty otherwise.
    std::function<void(long long)> writer() const;

  signals:
    void shownChanged(); // other results on show, or the same ones now out of date
    void message(const QString& text, int timeoutMs);
    void autoSolveChanged(bool on);

  private:
    void twinReplaced();
    void twinChanged();
    void solved();
    void stopped(const QString& message);
    void onProgress(int step);
    void updateStatus();
    QString solvedMessage(const AirSolution& s) const;

    TwinDocument* doc_;
    AirRunner* runner_;
    std::shared_ptr<const AirSolution> shown_;
    bool stale_ = false;
    int revision_ = 0, solvedRevision_ = 0; // edits of the twin; the one the running solve started from
    QTimer debounce_;                       // a drag re-solves once, after its last move
    QPointer<QLabel> status_;
    QPointer<QProgressBar> progress_;
    QPointer<QToolButton> cancel_;
};

} // namespace halltwin::app
