#include "AirController.hpp"

#include "KpiFormat.hpp"
#include "Settings.hpp"

#include "model/sim/ResultsFile.hpp"

#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace halltwin::app {

namespace {
const char* const noAirHandlers =
    QT_TRANSLATE_NOOP("AirController", "This twin has no air handlers (liquid cooling only): there is no air "
                                       "flow to solve");
} // namespace

AirController::AirController(TwinDocument* doc, QObject* parent)
    : QObject(parent), doc_(doc), runner_(new AirRunner(this)), status_(new QLabel),
      progress_(new QProgressBar), cancel_(new QToolButton) {
    progress_->setMaximumWidth(160);
    progress_->setFormat(tr("air step %v"));
    cancel_->setText(tr("Cancel air"));
    cancel_->setToolTip(tr("Stop the air solve"));
    cancel_->setEnabled(false);
    connect(cancel_, &QToolButton::clicked, this, &AirController::cancel);
    debounce_.setSingleShot(true);
    debounce_.setInterval(300);
    connect(&debounce_, &QTimer::timeout, this, [this] { solve(false); });
    connect(doc_, &TwinDocument::twinReplaced, this, &AirController::twinReplaced);
    connect(doc_, &TwinDocument::twinChanged, this, &AirController::twinChanged);
    connect(runner_, &AirRunner::progress, this, &AirController::onProgress);
    connect(runner_, &AirRunner::solved, this, &AirController::solved);
    connect(runner_, &AirRunner::cancelled, this, [this] { stopped(tr("Air solve cancelled")); });
    connect(runner_, &AirRunner::failed, this,
            [this](const QString& why) { stopped(tr("Air solve failed: %1").arg(why)); });
    connect(runner_, &AirRunner::idle, this, [this] {
        cancel_->setEnabled(runner_->busy());
        updateStatus();
    });
    updateStatus();
}

AirController::~AirController() {
    for (QWidget* w : std::initializer_list<QWidget*>{status_, progress_, cancel_})
        if (w && !w->parent()) delete w;
}

QLabel* AirController::statusLabel() const {
    return status_;
}

QProgressBar* AirController::progressBar() const {
    return progress_;
}

QToolButton* AirController::cancelButton() const {
    return cancel_;
}

const model::sim::SimulationResult* AirController::currentSystem() const {
    return shown_ && !stale_ && shown_->system ? &*shown_->system : nullptr;
}

bool AirController::hasAirHandlers() const {
    return !doc_->twin().cooling.airHandlers.empty();
}

bool AirController::autoSolve() const {
    return prefs::autoSolveAir.get() && hasAirHandlers();
}

void AirController::setAutoSolve(bool on) {
    if (on && !hasAirHandlers()) {
        emit autoSolveChanged(false);
        return emit message(tr(noAirHandlers), 8000);
    }
    prefs::autoSolveAir.set(on);
    emit autoSolveChanged(on);
    if (on && (!shown_ || stale_)) solve(false);
}

void AirController::twinReplaced() {
    ++revision_;
    runner_->forget();
    debounce_.stop();
    shown_.reset();
    stale_ = false;
    cancel_->setEnabled(false);
    emit autoSolveChanged(autoSolve());
    if (autoSolve()) debounce_.start(); // a file with air results stops it (load)
    emit shownChanged();
    updateStatus();
}

void AirController::twinChanged() {
    ++revision_;
    emit autoSolveChanged(autoSolve()); // air handlers may have come or gone
    if (autoSolve()) debounce_.start();
    if (shown_ && !stale_) {
        stale_ = true;
        emit shownChanged();
    }
    updateStatus();
}

void AirController::solve(bool asked) {
    debounce_.stop();
    if (!hasAirHandlers()) {
        if (asked) emit message(tr(noAirHandlers), 8000);
        return;
    }
    solvedRevision_ = revision_;
    model::HallSimulationOptions o;
    o.system.site = prefs::defaultSite.get().toStdString();
    o.air = model::AirSettings{prefs::airCellM.get()};
    o.air->turbulence = model::turbulenceModelNamed(prefs::airTurbulence.get().toStdString())
                            .value_or(model::TurbulenceModel::Constant);
    runner_->solve(doc_->twin(), o);
    // The solve ends when the racks' temperatures settle, so the bar's end is a guess: the last solve's.
    progress_->setRange(0, shown_ ? std::max(30, shown_->result().steps) : 150);
    progress_->setValue(0);
    cancel_->setEnabled(true);
    updateStatus();
}

void AirController::cancel() {
    debounce_.stop();
    runner_->cancel();
}

void AirController::onProgress(int step) {
    if (step >= progress_->maximum()) progress_->setMaximum(step * 3 / 2);
    progress_->setValue(step);
}

void AirController::solved() {
    shown_ = runner_->latest();
    stale_ = solvedRevision_ != revision_;
    cancel_->setEnabled(runner_->busy());
    progress_->setRange(0, std::max(1, shown_->result().steps));
    progress_->setValue(shown_->result().steps);
    emit shownChanged();
    emit message(solvedMessage(*shown_), 8000);
    updateStatus();
}

QString AirController::solvedMessage(const AirSolution& s) const {
    const model::air::HallAirResult& r = s.result();
    const QString state =
        !r.converged ? tr(", stopped before steady state (try coarser cells)")
        : r.averaged
            ? tr(", averaged: the plumes kept moving (racks within %1 K)").arg(r.fluctuation, 0, 'f', 2)
            : QString();
    return tr("Air solved on %1 m cells: %2 steps from a %3 start, coupled in %4 passes, %5 s%6")
        .arg(s.cellM, 0, 'f', 1)
        .arg(r.steps)
        .arg(s.warm ? tr("warm") : tr("cold"))
        .arg(s.provenance.couplingPasses)
        .arg(s.wallS, 0, 'f', 1)
        .arg(state);
}

// Cancelled or failed: the results on show stay as they were.
void AirController::stopped(const QString& text) {
    cancel_->setEnabled(runner_->busy());
    emit message(text, 8000);
    updateStatus();
}

void AirController::updateStatus() {
    if (runner_->busy()) return status_->setText(tr("air: solving…"));
    if (!shown_)
        return status_->setText(hasAirHandlers() ? tr("air: not solved (F6)") : tr("air: no air handlers"));
    const model::air::HallAirResult& r = shown_->result();
    const model::air::RackAirResult* hottest = model::air::hottestInlet(r);
    status_->setToolTip(hottest ? tr("Hottest rack inlet: %1").arg(QString::fromStdString(hottest->id))
                                : QString());
    status_->setText(tr("air: RCI_HI %1 %, RTI %2 %, max inlet %3 °C%4")
                         .arg(formatKpi(r.rciHiPercent))
                         .arg(formatKpi(r.rtiPercent))
                         .arg(formatKpi(hottest ? std::optional(hottest->inletMaxC) : std::nullopt))
                         .arg(stale_ ? tr(", out of date") : QString()));
}

void AirController::load(const QString& path) {
    try {
        std::optional<model::air::AirResults> r = model::air::readAirResults(path.toStdString());
        if (!r) return;
        auto s = std::make_shared<AirSolution>();
        s->cellM = r->fields.spacing[0];
        s->provenance.airSolved = true;
        s->provenance.cellM = s->cellM;
        s->provenance.couplingPasses = r->result.couplingPasses;
        s->provenance.coupled = r->result.couplingPasses > 0;
        s->provenance.turbulence = r->result.turbulenceModel;
        s->air = std::make_shared<const model::air::AirResults>(std::move(*r));
        shown_ = std::move(s);
        stale_ = false;
        debounce_.stop();
        emit shownChanged();
        updateStatus();
    } catch (const std::exception& e) {
        emit message(tr("The air results in %1 cannot be read: %2").arg(path, e.what()), 8000);
    }
}

// Only current results go into the file: after an edit they describe another hall. With the coupled
// system results beside them, as `halltwin simulate --air --save` writes them.
std::function<void(long long)> AirController::writer() const {
    if (!shown_ || stale_) return {};
    return [s = shown_, twin = doc_->twin()](long long fileId) {
        if (s->system) model::sim::writeResults(fileId, twin, *s->system);
        model::air::writeAirResults(fileId, *s->air);
    };
}

} // namespace halltwin::app
