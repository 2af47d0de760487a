#include "MainWindow.hpp"

#include "AirController.hpp"
#include "ColourModes.hpp"
#include "KpiFormat.hpp"
#include "RecoveryFiles.hpp"
#include "Settings.hpp"
#include "SimulationRunner.hpp"
#include "docks/KpiDock.hpp"
#include "docks/PropertyPanel.hpp"
#include "docks/TwinTree.hpp"
#include "view/HallView.hpp"

#include "render/AirFieldView.hpp"
#include "render/Snapshot.hpp"

#include <algorithm>

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

namespace halltwin::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), doc_(new TwinDocument(this)), view_(new HallView(doc_, this)),
      runner_(new SimulationRunner(this)), recovery_(std::make_unique<RecoverySlot>()) {
    // The design point follows the twin before anything that shows results hears of the change.
    connect(doc_, &TwinDocument::twinReplaced, this, &MainWindow::simulate);
    connect(doc_, &TwinDocument::twinChanged, this, &MainWindow::simulate);
    // Probes added, deleted or moved: not on every rack drag step (a comparison re-reads its CSV).
    connect(doc_, &TwinDocument::twinChanged, this, [this](const QStringList& ids) {
        const auto& probes = doc_->twin().probes;
        const bool probe = std::any_of(ids.begin(), ids.end(), [&](const QString& id) {
            return std::any_of(probes.begin(), probes.end(),
                               [&](const auto& p) { return id.toStdString() == p.id; });
        });
        if (ids.isEmpty() || probe) showProbeLabels();
    });
    airCtl_ = new AirController(doc_, this);
    setCentralWidget(view_);
    createDocks();
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createSimulateMenu();
    createStudyMenu();
    createHelpMenu();
    status_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(160);
    progress_->setFormat(tr("year %p %"));
    cancel_ = new QToolButton(this);
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the annual simulation"));
    statusBar()->addPermanentWidget(status_);
    createAirStatus();
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancel_);
    // Always shown, so that the status bar never relayouts (and the 3-D view never re-renders) mid-run.
    cancel_->setEnabled(false);
    connect(cancel_, &QToolButton::clicked, runner_, &SimulationRunner::cancel);
    connect(runner_, &SimulationRunner::progress, progress_, &QProgressBar::setValue);
    connect(runner_, &SimulationRunner::cancelled, this, [this] {
        cancel_->setEnabled(false);
        statusBar()->showMessage(tr("Annual simulation cancelled"), 4000);
    });
    connect(doc_, &TwinDocument::pathChanged, this, &MainWindow::updateTitle);
    connect(doc_, &TwinDocument::twinReplaced, this,
            [this] { untitled_.clear(), measurementsPath_.clear(); });
    connect(doc_->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(runner_, &SimulationRunner::designPointReady, this, &MainWindow::showResults);
    connect(runner_, &SimulationRunner::annualReady, this, &MainWindow::showResults);
    connect(runner_, &SimulationRunner::failed, this,
            [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    connect(view_, &HallView::editRefused, this,
            [this](const QString& m) { statusBar()->showMessage(m, 5000); });
    connect(view_, &HallView::editWarning, this,
            [this](const QString& m) { statusBar()->showMessage(m, 5000); });
    runner_->setSite(prefs::defaultSite.get());
    connect(&autosaveTimer_, &QTimer::timeout, this, &MainWindow::autosave);
    startAutosaveTimer();
    // Back to the saved state (undo, save): the slot no longer holds anything the file does not.
    connect(doc_->undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean) recovery_->clear();
    });
    resize(1400, 900);
    updateTitle();
}

// The undo stack dies with the document, after this window's members, and reports itself clean on the
// way: that must neither reach a destroyed slot nor drop an autosave a later start should offer.
MainWindow::~MainWindow() {
    doc_->undoStack()->disconnect(this);
}

void MainWindow::createDocks() {
    auto dock = [this](const QString& title, const char* name, QWidget* w, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    tree_ = new TwinTree(doc_, this);
    properties_ = new PropertyPanel(doc_, this);
    kpis_ = new KpiPanel(this);
    dock(tr("Twin"), "twinDock", tree_, Qt::LeftDockWidgetArea);
    dock(tr("Properties"), "propertiesDock", properties_, Qt::LeftDockWidgetArea);
    dock(tr("KPIs"), "kpiDock", kpis_, Qt::RightDockWidgetArea);
    connect(tree_, &TwinTree::objectSelected, view_, &HallView::select);
    connect(view_, &HallView::selectionChanged, tree_, &TwinTree::select);
    connect(view_, &HallView::selectionChanged, properties_, &PropertyPanel::showObject);
    connect(properties_, &PropertyPanel::editRefused, this,
            [this](const QString& m) { error(tr("Edit refused"), m); });
}

void MainWindow::createViewMenu() {
    QMenu* m = menuBar()->addMenu(tr("&View"));
    QToolBar* bar = addToolBar(tr("View"));
    bar->setObjectName("viewToolbar");
    auto preset = [&](const QString& text, render::View v, const QKeySequence& key) {
        QAction* a = m->addAction(text, this, [this, v] { view_->setView(v); });
        a->setShortcut(key);
        bar->addAction(a);
    };
    preset(tr("&Isometric"), render::View::Iso, Qt::Key_1);
    preset(tr("&Plan"), render::View::Plan, Qt::Key_2);
    preset(tr("Along a &row"), render::View::Row, Qt::Key_3);
    colourMode_ = new QComboBox(this);
    addColourModes(colourMode_);
    setColourMode(colourMode_, prefs::colourMode.get());
    colourMode_->setToolTip(tr("Colour racks by"));
    connect(colourMode_, &QComboBox::currentIndexChanged, this, [this] {
        prefs::colourMode.set(colourMode_->currentData().toString());
        applyColours();
    });
    bar->addWidget(colourMode_);
    createAirSliceMenu(m);
}

void MainWindow::createSimulateMenu() {
    QMenu* m = menuBar()->addMenu(tr("&Simulate"));
    m->addAction(tr("&Run now"), QKeySequence(Qt::Key_F5), this, &MainWindow::simulate);
    createAirActions(m);
    QMenu* compare = menuBar()->addMenu(tr("&Compare"));
    compare->addAction(tr("Compare with…"), this, &MainWindow::openCompare);
}

void MainWindow::createHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About HallTwin"), this, [this] {
        QMessageBox::about(
            this, tr("About HallTwin"),
            tr("HallTwin %1\nDigital twin of liquid-cooled AI data halls.").arg(HALLTWIN_VERSION));
    });
}

void MainWindow::updateTitle() {
    const QString name = !doc_->path().isEmpty() ? QFileInfo(doc_->path()).fileName()
                         : untitled_.isEmpty()   ? tr("Untitled")
                                                 : untitled_;
    setWindowTitle(QStringLiteral("%1[*] — HallTwin").arg(name));
    setWindowModified(doc_->isModified());
}

void MainWindow::simulate() {
    runner_->run(doc_->twin());
    // QProgressBar repaints at once when it returns to 0, and with a 3-D view in the window a repaint is
    // a whole-window composite (tens of ms in software OpenGL): queue it, so a drag step stays short.
    QMetaObject::invokeMethod(
        progress_, [bar = progress_] { bar->setValue(0); }, Qt::QueuedConnection);
    cancel_->setEnabled(runner_->annualPending());
}

namespace {
// The status bar's line: what applies to this twin only (no chip temperature for an air hall).
QString systemSummary(const model::Twin& t, const model::sim::SimulationResult& r, bool yearPending) {
    const std::vector<model::sim::Kpi> kpis = model::sim::kpisOf(t, r);
    auto value = [&](const char* key) {
        for (const model::sim::Kpi& k : kpis)
            if (k.key == key) return k.value;
        return std::optional<double>();
    };
    QStringList parts{QObject::tr("IT %1 kW").arg(formatKpi(value("it_kw"))),
                      QObject::tr("facility %1 kW").arg(formatKpi(value("facility_kw"))),
                      QObject::tr("PUE %1").arg(formatKpi(value("pue_design")))};
    if (yearPending)
        parts << QObject::tr("annual PUE …");
    else if (value("pue_annual"))
        parts << QObject::tr("annual PUE %1").arg(formatKpi(value("pue_annual")));
    if (value("max_chip_c")) parts << QObject::tr("max chip %1 °C").arg(formatKpi(value("max_chip_c")));
    return parts.join(" · ");
}
} // namespace

// The coupled run of the air on show while it describes the twin as it is, else the runner's (rack
// inlets from a well-mixed room), with a line that says which.
void MainWindow::showResults() {
    const model::sim::SimulationResult* coupled = airCtl_->currentSystem();
    const auto& r = coupled ? *coupled : runner_->latest();
    if (!runner_->annualPending()) progress_->setValue(100), cancel_->setEnabled(false);
    kpis_->show(doc_->twin(), r);
    kpis_->setProvenance(resultsProvenance());
    status_->setText(systemSummary(doc_->twin(), r, !coupled && runner_->annualPending()));
    applyColours();
}

QString MainWindow::resultsProvenance() const {
    if (airCtl_->currentSystem())
        return tr("Coupled with the air solver: %1")
            .arg(QString::fromStdString(airCtl_->shown()->provenance.describe()));
    if (!airCtl_->hasAirHandlers()) return tr("Liquid-cooled hall: no air handlers, no air flow to solve");
    if (airCtl_->runner()->busy()) return tr("Rack inlets from a well-mixed room until the air solve ends");
    return airCtl_->shown() ? tr("Rack inlets from a well-mixed room (the air results are out of date or "
                                 "carry no system results); F6 solves the air")
                            : tr("Rack inlets from a well-mixed room; F6 solves the hall's air flow");
}

void MainWindow::applyColours() {
    const model::sim::SimulationResult* coupled = airCtl_->currentSystem();
    const auto& r = coupled ? *coupled : runner_->latest();
    view_->setOverlays(r);
    const QString key = colourMode_->currentData().toString();
    if (key == airInletMode && airCtl_->shown())
        return view_->setRackColours(render::rackInletScalars(doc_->twin(), airCtl_->shown()->result()));
    auto mode = render::parseColourMode(key.toStdString());
    if (!mode || *mode == render::ColourMode::None) return view_->clearRackColours();
    view_->setRackColours(render::rackScalars(doc_->twin(), r, *mode));
}

void MainWindow::error(const QString& title, const QString& text) {
    if (dialogs_)
        QMessageBox::critical(this, title, text);
    else
        statusBar()->showMessage(title + ": " + text);
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (!maybeSave()) return e->ignore();
    recovery_->clear();
    e->accept();
}

} // namespace halltwin::app
