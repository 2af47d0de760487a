// The 3-D air in the main window, wired to the AirController: Simulate → Solve air flow and Auto-solve,
// View → Air slice, the controller's status widgets, and the results on show drawn as a temperature slice
// with velocity arrows, rack colours by inlet and KPI rows (the coupled system KPIs while they are current).
#include "MainWindow.hpp"

#include "AirController.hpp"
#include "ProbeComparisonDialog.hpp"
#include "Settings.hpp"
#include "docks/KpiDock.hpp"
#include "view/HallView.hpp"

#include "model/air/ProbeSampling.hpp"

#include <QActionGroup>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

#include <fmt/format.h>

#include <algorithm>
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
        m->addAction(tr("Solve &air flow"), QKeySequence(Qt::Key_F6), this, [this] { airCtl_->solve(true); });
    solve->setObjectName("solveAirAction");
    QAction* autoSolve = m->addAction(tr("A&uto-solve air after edits"));
    autoSolve->setObjectName("autoSolveAirAction");
    autoSolve->setCheckable(true);
    autoSolve->setChecked(airCtl_->autoSolve());
    connect(autoSolve, &QAction::triggered, airCtl_, &AirController::setAutoSolve);
    connect(airCtl_, &AirController::autoSolveChanged, autoSolve, &QAction::setChecked);
    connect(airCtl_, &AirController::shownChanged, this, &MainWindow::showAir);
    connect(airCtl_, &AirController::message, statusBar(), &QStatusBar::showMessage);
    m->addAction(tr("Compare &probes with measurements…"), this, [this] {
        const QString csv = QFileDialog::getOpenFileName(
            this, tr("Sensor readings"), {}, tr("Measurements, probe,value[,uncertainty] (*.csv)"));
        QString err;
        if (!csv.isEmpty() && !compareProbes(csv, &err)) error(tr("Cannot compare the probes"), err);
    });
}

bool MainWindow::compareProbes(const QString& csvPath, QString* error) {
    if (doc_->twin().probes.empty()) return *error = tr("The twin has no probes."), false;
    if (!airCtl_->shown()) return *error = tr("Solve the air first (Simulate → Solve air flow)."), false;
    const QString before = measurementsPath_;
    measurementsPath_ = csvPath;
    const std::optional<model::air::ProbeComparison> c = probeComparisonNow(error);
    if (!c) return measurementsPath_ = before, false;
    showProbeComparison(*c, true);
    return true;
}

std::optional<model::air::ProbeComparison> MainWindow::probeComparisonNow(QString* error) const {
    const auto shown = airCtl_->shown();
    model::Diagnostics d;
    const std::vector<model::air::Measurement> m =
        model::air::readMeasurementsCsv(measurementsPath_.toStdString(), d);
    model::air::ProbeComparison c;
    if (d.ok() && shown)
        c = model::air::compareWithMeasurements(
            model::air::sampleProbes(shown->air->fields, doc_->twin().probes), m,
            model::air::ProbeQuantity::Temperature, d);
    if (!d.ok() || !shown) return *error = QString::fromStdString(d.errorText()).trimmed(), std::nullopt;
    return c;
}

// Labels in the view; the table too when it is open (or `open`).
void MainWindow::showProbeComparison(const model::air::ProbeComparison& c, bool open) {
    view_->setProbeLabels(comparisonLabels(doc_->twin(), c));
    if (!probeDialog_) probeDialog_ = new ProbeComparisonDialog(this);
    if (open || probeDialog_->isVisible()) probeDialog_->show(c, QFileInfo(measurementsPath_).fileName());
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
    statusBar()->addPermanentWidget(airCtl_->statusLabel());
    statusBar()->addPermanentWidget(airCtl_->progressBar());
    statusBar()->addPermanentWidget(airCtl_->cancelButton());
}

AirRunner* MainWindow::airRunner() {
    return airCtl_->runner();
}

QToolButton* MainWindow::airCancelButton() {
    return airCtl_->cancelButton();
}

std::shared_ptr<const AirSolution> MainWindow::airSolution() const {
    return airCtl_->shown();
}

bool MainWindow::airStale() const {
    return airCtl_->stale();
}

namespace {

// "id 24.3 °C, 0.42 m/s" for each of the twin's probes the air results read; the id alone otherwise.
// Sampled where the probes are now, so a moved probe reads the shown air at its new place.
std::vector<std::string> probeLabels(const model::Twin& t, const model::air::AirFields& fields) {
    const std::vector<model::air::ProbeReading> read = model::air::sampleProbes(fields, t.probes);
    std::vector<std::string> out;
    for (const model::Probe& p : t.probes) {
        auto it = std::find_if(read.begin(), read.end(), [&](const auto& r) { return r.id == p.id; });
        out.push_back(it == read.end() ? p.id
                      : it->inAir
                          ? fmt::format("{} {:.1f} °C, {:.2f} m/s", p.id, it->temperatureC, it->speedMs)
                          : p.id + " (inside a solid)");
    }
    return out;
}

} // namespace

void MainWindow::showAir() {
    const auto shown = airCtl_->shown();
    const auto fields =
        shown ? std::shared_ptr<const model::air::AirFields>(shown->air, &shown->air->fields) : nullptr;
    if (!view_->setAirSlice(fields, sliceHeight()))
        statusBar()->showMessage(tr("The air slice height misses the air results' grid"), 5000);
    kpis_->showAir(shown ? &shown->result() : nullptr, airCtl_->stale());
    showProbeLabels();
    showResults(); // the coupled system KPIs while they are current
}

// The probes' readings (or their comparison with the measurements) in the shown air.
void MainWindow::showProbeLabels() {
    const auto shown = airCtl_->shown();
    QString err;
    const std::optional<model::air::ProbeComparison> c =
        shown && !measurementsPath_.isEmpty() ? probeComparisonNow(&err) : std::nullopt;
    if (c)
        showProbeComparison(*c, false);
    else
        view_->setProbeLabels(shown ? probeLabels(doc_->twin(), shown->air->fields)
                                    : std::vector<std::string>{});
}

void MainWindow::loadAir(const QString& path) {
    airCtl_->load(path);
}

std::function<void(long long)> MainWindow::airWriter() const {
    return airCtl_->writer();
}

} // namespace halltwin::app
