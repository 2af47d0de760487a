// The 3-D air solver in the main window: Simulate → Solve air flow, and auto-solve after edits (once a drag
// has stopped); progress and Cancel in the status bar; View → Air slice. Results show as a temperature
// slice with velocity arrows, rack colours by inlet, KPI rows and a status-bar summary, marked out of date
// after an edit; Save writes them into the file while they are current, and Open shows a file's at once.
#include "MainWindow.hpp"

#include "AirRunner.hpp"
#include "Settings.hpp"
#include "docks/KpiDock.hpp"
#include "view/HallView.hpp"

#include <QActionGroup>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

#include <cmath>

namespace halltwin::app {

namespace {
std::optional<double> sliceHeight() {
    const double h = prefs::airSliceM.get();
    return h > 0 ? std::optional(h) : std::nullopt;
}
} // namespace

void MainWindow::createAirActions(QMenu* m) {
    QAction* solve =
        m->addAction(tr("Solve &air flow"), QKeySequence(Qt::Key_F6), this, [this] { startAirSolve(true); });
    solve->setObjectName("solveAirAction");
    autoSolve_ = m->addAction(tr("A&uto-solve air after edits"));
    autoSolve_->setObjectName("autoSolveAirAction");
    autoSolve_->setCheckable(true);
    autoSolve_->setChecked(autoSolveAir());
    connect(autoSolve_, &QAction::triggered, this, &MainWindow::setAutoSolveAir);
    airDebounce_.setSingleShot(true);
    airDebounce_.setInterval(300);
    connect(&airDebounce_, &QTimer::timeout, this, [this] { startAirSolve(false); });
    connect(doc_, &TwinDocument::twinReplaced, this, &MainWindow::airTwinReplaced);
    connect(doc_, &TwinDocument::twinChanged, this, &MainWindow::airTwinChanged);
    connect(air_, &AirRunner::progress, this, &MainWindow::airProgress);
    connect(air_, &AirRunner::solved, this, &MainWindow::airSolved);
    connect(air_, &AirRunner::cancelled, this, [this] { airStopped(tr("Air solve cancelled")); });
    connect(air_, &AirRunner::failed, this,
            [this](const QString& why) { airStopped(tr("Air solve failed: %1").arg(why)); });
}

void MainWindow::createAirSliceMenu(QMenu* view) {
    QMenu* m = view->addMenu(tr("Air &slice"));
    auto* group = new QActionGroup(this);
    for (const double h : {0.0, 0.5, 1.2, 2.0}) {
        QAction* a = m->addAction(h > 0 ? tr("%1 m above the floor").arg(h, 0, 'f', 1) : tr("Off"));
        a->setCheckable(true);
        a->setChecked(std::abs(h - prefs::airSliceM.get()) < 1e-9);
        a->setData(h);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, h] {
            prefs::airSliceM.set(h);
            showAir();
        });
    }
}

// Always shown, like the annual run's, so that the status bar never relayouts mid-solve.
void MainWindow::createAirStatus() {
    airStatus_ = new QLabel(this);
    airProgress_ = new QProgressBar(this);
    airProgress_->setMaximumWidth(160);
    airProgress_->setFormat(tr("air step %v"));
    airCancel_ = new QToolButton(this);
    airCancel_->setText(tr("Cancel air"));
    airCancel_->setToolTip(tr("Stop the air solve"));
    airCancel_->setEnabled(false);
    connect(airCancel_, &QToolButton::clicked, this, [this] {
        airDebounce_.stop();
        air_->cancel();
    });
    statusBar()->addPermanentWidget(airStatus_);
    statusBar()->addPermanentWidget(airProgress_);
    statusBar()->addPermanentWidget(airCancel_);
}

bool MainWindow::hasAirHandlers() const {
    return !doc_->twin().cooling.airHandlers.empty();
}

bool MainWindow::autoSolveAir() const {
    return prefs::autoSolveAir.get() && hasAirHandlers();
}

void MainWindow::setAutoSolveAir(bool on) {
    if (on && !hasAirHandlers()) {
        autoSolve_->setChecked(false);
        return statusBar()->showMessage(
            tr("This twin has no air handlers (liquid cooling only): there is no air flow to solve"), 8000);
    }
    prefs::autoSolveAir.set(on);
    if (on && (!airShown_ || airStale_)) startAirSolve(false);
}

void MainWindow::airTwinReplaced() {
    ++revision_;
    air_->forget();
    airDebounce_.stop();
    airShown_.reset();
    airStale_ = false;
    airCancel_->setEnabled(false);
    autoSolve_->setChecked(autoSolveAir());
    if (autoSolveAir()) airDebounce_.start(); // a file with air results stops it (loadAir)
    kpis_->showAir(nullptr, false);
    updateAirStatus(); // the view dropped its slice; rack colours follow the new design point
}

void MainWindow::airTwinChanged() {
    ++revision_;
    autoSolve_->setChecked(autoSolveAir()); // air handlers may have come or gone
    if (autoSolveAir()) airDebounce_.start();
    if (airShown_ && !airStale_) {
        airStale_ = true;
        kpis_->showAir(&airShown_->results.result, true);
    }
    updateAirStatus();
}

void MainWindow::startAirSolve(bool asked) {
    airDebounce_.stop();
    if (!hasAirHandlers()) {
        if (asked)
            statusBar()->showMessage(
                tr("This twin has no air handlers (liquid cooling only): there is no air flow to solve"),
                8000);
        return;
    }
    airRevision_ = revision_;
    air_->solve(doc_->twin(), prefs::airCellM.get());
    // The solve ends when the racks' temperatures settle, so the bar's end is a guess: the last solve's.
    airProgress_->setRange(0, airShown_ ? std::max(30, airShown_->results.result.steps) : 150);
    airProgress_->setValue(0);
    airCancel_->setEnabled(true);
    updateAirStatus();
}

void MainWindow::airProgress(int step) {
    if (step >= airProgress_->maximum()) airProgress_->setMaximum(step * 3 / 2);
    airProgress_->setValue(step);
}

void MainWindow::airSolved() {
    airShown_ = air_->latest();
    airStale_ = airRevision_ != revision_;
    airCancel_->setEnabled(air_->busy());
    const AirSolution& s = *airShown_;
    airProgress_->setRange(0, std::max(1, s.results.result.steps));
    airProgress_->setValue(s.results.result.steps);
    showAir();
    const model::air::HallAirResult& r = s.results.result;
    const QString state =
        !r.converged ? tr(", stopped before steady state (try coarser cells)")
        : r.averaged
            ? tr(", averaged: the plumes kept moving (racks within %1 K)").arg(r.fluctuation, 0, 'f', 2)
            : QString();
    statusBar()->showMessage(tr("Air solved on %1 m cells: %2 steps from a %3 start, %4 s%5")
                                 .arg(s.cellM, 0, 'f', 1)
                                 .arg(r.steps)
                                 .arg(s.warm ? tr("warm") : tr("cold"))
                                 .arg(s.wallS, 0, 'f', 1)
                                 .arg(state),
                             8000);
}

// Cancelled or failed: the results on show stay as they were.
void MainWindow::airStopped(const QString& message) {
    airCancel_->setEnabled(air_->busy());
    statusBar()->showMessage(message, 8000);
    updateAirStatus();
}

void MainWindow::showAir() {
    const auto fields =
        airShown_ ? std::shared_ptr<const model::air::AirFields>(airShown_, &airShown_->results.fields)
                  : nullptr;
    if (!view_->setAirSlice(fields, sliceHeight()))
        statusBar()->showMessage(tr("The air slice height misses the air results' grid"), 5000);
    kpis_->showAir(airShown_ ? &airShown_->results.result : nullptr, airStale_);
    applyColours();
    updateAirStatus();
}

void MainWindow::updateAirStatus() {
    if (air_->busy()) return airStatus_->setText(tr("air: solving…"));
    if (!airShown_)
        return airStatus_->setText(hasAirHandlers() ? tr("air: not solved (F6)")
                                                    : tr("air: no air handlers"));
    const model::air::HallAirResult& r = airShown_->results.result;
    const model::air::RackAirResult* hottest = model::air::hottestInlet(r);
    airStatus_->setToolTip(hottest ? tr("Hottest rack inlet: %1").arg(QString::fromStdString(hottest->id))
                                   : QString());
    airStatus_->setText(tr("air: RCI_HI %1 %, RTI %2 %, max inlet %3 °C%4")
                            .arg(r.rciHiPercent, 0, 'f', 1)
                            .arg(r.rtiPercent, 0, 'f', 0)
                            .arg(hottest ? hottest->inletMaxC : NAN, 0, 'f', 1)
                            .arg(airStale_ ? tr(", out of date") : QString()));
}

// Fields, rack table and indices from the file, shown without solving.
void MainWindow::loadAir(const QString& path) {
    try {
        std::optional<model::air::AirResults> r = model::air::readAirResults(path.toStdString());
        if (!r) return;
        auto s = std::make_shared<AirSolution>();
        s->cellM = r->fields.spacing[0];
        s->results = std::move(*r);
        airShown_ = std::move(s);
        airStale_ = false;
        airDebounce_.stop();
        showAir();
    } catch (const std::exception& e) {
        statusBar()->showMessage(tr("The air results in %1 cannot be read: %2").arg(path, e.what()), 8000);
    }
}

// Only current results go into the file: after an edit they describe another hall.
std::function<void(long long)> MainWindow::airWriter() const {
    if (!airShown_ || airStale_) return {};
    return [s = airShown_](long long fileId) { model::air::writeAirResults(fileId, s->results); };
}

} // namespace halltwin::app
