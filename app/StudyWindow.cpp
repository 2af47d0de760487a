#include "StudyWindow.hpp"

#include "CompareWindow.hpp"
#include "KpiFormat.hpp"
#include "MainWindow.hpp"
#include "StudyRunner.hpp"
#include "StudyScatter.hpp"
#include "StudyTableModel.hpp"

#include "model/CatalogIo.hpp"
#include "model/TwinFile.hpp"
#include "model/TwinJsonDocument.hpp"
#include "model/study/StudyResultsFile.hpp"
#include "render/Colormap.hpp"

#include <QCloseEvent>
#include <QComboBox>
#include <QEventLoop>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLinearGradient>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace halltwin::app {

namespace st = model::study;

namespace {

QString axisTitle(const st::KpiColumn& k) {
    const QString units = unitText(k.units);
    return QString::fromStdString(k.label) + (units.isEmpty() ? QString() : " (" + units + ")");
}

QString direction(const st::KpiColumn& k) {
    return k.higherIsBetter ? QObject::tr("higher") : QObject::tr("lower");
}

// The colour scale's legend: the KPI's range over the viridis ramp.
QPixmap colourRamp(int width, int height) {
    QPixmap pm(width, height);
    QPainter p(&pm);
    QLinearGradient g(0, 0, width, 0);
    for (int i = 0; i < render::viridisStops; ++i) {
        const render::Rgb c = render::viridisStop(i);
        g.setColorAt(double(i) / (render::viridisStops - 1), QColor(c[0], c[1], c[2]));
    }
    p.fillRect(pm.rect(), g);
    return pm;
}

} // namespace

StudyWindow::StudyWindow(QWidget* parent)
    : QWidget(parent, Qt::Window), runner_(new StudyRunner(this)), scatter_(new StudyScatter(this)),
      model_(new StudyTableModel(this)), sorted_(new QSortFilterProxyModel(this)),
      table_(new QTableView(this)) {
    setWindowTitle(tr("Study — HallTwin"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createControls());
    auto* split = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, split);
    top->addWidget(scatter_);
    top->addWidget(createDetails());
    top->setStretchFactor(0, 3);
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(StudyTableModel::SortRole);
    table_->setModel(sorted_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(0, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    split->addWidget(top);
    split->addWidget(table_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    createRunBar(layout);
    connect(scatter_, &StudyScatter::variantClicked, this, &StudyWindow::selectVariant);
    connect(scatter_, &StudyScatter::variantActivated, this, [this](size_t v) {
        QString err;
        if (!openVariant(v, &err)) report(tr("Cannot open the variant"), err);
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& i) {
                if (i.isValid()) selectVariant(size_t(i.data(StudyTableModel::VariantRole).toULongLong()));
            });
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        QString err;
        if (!openVariant(size_t(i.data(StudyTableModel::VariantRole).toULongLong()), &err))
            report(tr("Cannot open the variant"), err);
    });
    connect(runner_, &StudyRunner::saved, this, &StudyWindow::showResults);
    connect(runner_, &StudyRunner::finished, this, &StudyWindow::runEnded);
    resize(1300, 900);
}

StudyWindow::~StudyWindow() = default; // the runner cancels and waits in its own destructor

QWidget* StudyWindow::createControls() {
    auto* w = new QWidget(this);
    auto* row = new QHBoxLayout(w);
    row->setContentsMargins(0, 0, 0, 0);
    x_ = new QComboBox(w), y_ = new QComboBox(w), colour_ = new QComboBox(w);
    limitsEdit_ = new QLineEdit(w);
    limitsEdit_->setPlaceholderText(tr("limits, e.g. max_chip_c<=55, pue_annual<=1.15"));
    limitsEdit_->setToolTip(tr("Variants outside these limits are shown faint and leave the Pareto set"));
    colourScale_ = new QLabel(w);
    for (auto [label, box] : {std::pair{tr("X"), x_}, {tr("Y"), y_}, {tr("Colour"), colour_}}) {
        row->addWidget(new QLabel(label, w));
        row->addWidget(box, 1);
        connect(box, &QComboBox::currentIndexChanged, this, &StudyWindow::refresh);
    }
    row->addWidget(colourScale_);
    row->addWidget(limitsEdit_, 2);
    connect(limitsEdit_, &QLineEdit::editingFinished, this, [this] {
        QString err;
        if (!setLimits(limitsEdit_->text(), &err)) summary_->setText(err);
    });
    return w;
}

QWidget* StudyWindow::createDetails() {
    auto* w = new QWidget(this);
    auto* col = new QVBoxLayout(w);
    summary_ = new QLabel(w);
    summary_->setWordWrap(true);
    details_ = new QLabel(tr("Click a point or a row to see its variant; double-click opens it."), w);
    details_->setWordWrap(true);
    details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    open_ = new QPushButton(tr("Open as twin"), w);
    compare_ = new QPushButton(tr("Compare with base"), w);
    open_->setEnabled(false), compare_->setEnabled(false);
    col->addWidget(summary_);
    col->addWidget(details_, 1);
    col->addWidget(open_);
    col->addWidget(compare_);
    connect(open_, &QPushButton::clicked, this, [this] {
        QString err;
        if (selected_ && !openVariant(*selected_, &err)) report(tr("Cannot open the variant"), err);
    });
    connect(compare_, &QPushButton::clicked, this, [this] {
        QString err;
        if (selected_ && !compareWithBase(*selected_, &err)) report(tr("Cannot compare"), err);
    });
    w->setMinimumWidth(280);
    return w;
}

void StudyWindow::createRunBar(QVBoxLayout* layout) {
    auto* row = new QHBoxLayout;
    progress_ = new QProgressBar(this);
    progress_->setFormat(tr("%v of %m variants"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setToolTip(tr("Stop after the variants now running; the results file keeps what is done"));
    resume_ = new QPushButton(tr("Resume"), this);
    resume_->setToolTip(tr("Run the variants still to do"));
    row->addWidget(progress_, 1), row->addWidget(cancel_), row->addWidget(resume_);
    layout->addLayout(row);
    progress_->setVisible(false), cancel_->setVisible(false), resume_->setVisible(false);
    connect(cancel_, &QPushButton::clicked, this, &StudyWindow::cancelRun);
    connect(resume_, &QPushButton::clicked, this, &StudyWindow::resumeRun);
    // The workers' count is polled: a queued signal per variant could flood the event loop.
    auto* poll = new QTimer(this);
    poll->setInterval(200);
    connect(poll, &QTimer::timeout, this, [this] {
        if (!runner_->running()) return;
        const size_t done = runner_->done(), total = results_.variants.size();
        progress_->setValue(int(done));
        const double t = runner_->elapsedSeconds();
        summary_->setText(tr("Running %1: %2 of %3 variants, %4 s")
                              .arg(QString::fromStdString(results_.name))
                              .arg(done)
                              .arg(total)
                              .arg(t, 0, 'f', 0));
    });
    poll->start();
}

bool StudyWindow::openResults(const QString& path, QString* error) {
    if (running()) return *error = tr("a study is running in this window"), false;
    model::Diagnostics d;
    std::optional<st::StudyResults> r = st::loadStudyResults(path.toStdString(), d);
    if (!r) return *error = QString::fromStdString(d.errorText()).trimmed(), false;
    resultsPath_ = path;
    study_.reset(); // rebuilt from the file when a variant is opened
    showResults(std::move(*r));
    return true;
}

const model::Catalog& StudyWindow::catalog() {
    if (!catalog_) {
        model::Diagnostics d; // the installed catalogue; twins and studies report what they miss
        catalog_ = std::make_shared<model::Catalog>(model::loadCatalogDir(model::assetDir() / "catalog", d));
    }
    return *catalog_;
}

void StudyWindow::showResults(st::StudyResults r) {
    const bool sameColumns = r.kpis.size() == results_.kpis.size() && r.name == results_.name;
    results_ = std::move(r);
    setWindowTitle(tr("Study %1 — %2 — HallTwin")
                       .arg(QString::fromStdString(results_.name), QFileInfo(resultsPath_).fileName()));
    if (!sameColumns) fillAxisChoices();
    refresh();
    if (!sameColumns) table_->resizeColumnsToContents();
}

void StudyWindow::fillAxisChoices() {
    const QSignalBlocker bx(x_), by(y_), bc(colour_);
    x_->clear(), y_->clear(), colour_->clear();
    colour_->addItem(tr("None"), QString());
    for (const st::KpiColumn& k : results_.kpis)
        for (QComboBox* box : {x_, y_, colour_})
            box->addItem(QString::fromStdString(k.label), QString::fromStdString(k.key));
    // Annual PUE against cost per token when the study kept them (the usual trade), else the first two.
    auto pick = [](QComboBox* box, const char* key, int fallback) {
        const int i = box->findData(QString(key));
        box->setCurrentIndex(i >= 0 ? i : std::min(fallback, box->count() - 1));
    };
    pick(x_, "pue_annual", 0);
    pick(y_, "cost_per_mtok", 1);
    limits_.clear();
    limitsEdit_->clear();
    selected_.reset();
}

bool StudyWindow::setAxes(const QString& x, const QString& y, const QString& colour) {
    const int ix = x_->findData(x), iy = y_->findData(y), ic = colour_->findData(colour);
    if (ix < 0 || iy < 0 || ic < 0) return false;
    const QSignalBlocker bx(x_), by(y_), bc(colour_);
    x_->setCurrentIndex(ix), y_->setCurrentIndex(iy), colour_->setCurrentIndex(ic);
    refresh();
    return true;
}

bool StudyWindow::setLimits(const QString& text, QString* error) {
    std::vector<st::Limit> limits;
    for (const QString& spec : text.split(QRegularExpression("[,;]"), Qt::SkipEmptyParts)) {
        if (spec.trimmed().isEmpty()) continue;
        std::string why;
        const std::optional<st::Limit> l = st::parseLimit(results_, spec.trimmed().toStdString(), why);
        if (!l) return *error = tr("limit '%1': %2").arg(spec.trimmed(), QString::fromStdString(why)), false;
        limits.push_back(*l);
    }
    limits_ = std::move(limits);
    if (limitsEdit_->text() != text) limitsEdit_->setText(text);
    refresh();
    return true;
}

void StudyWindow::refresh() {
    const size_t n = results_.variants.size();
    const std::optional<size_t> cx = st::columnOf(results_, x_->currentData().toString().toStdString());
    const std::optional<size_t> cy = st::columnOf(results_, y_->currentData().toString().toStdString());
    const std::optional<size_t> cc = st::columnOf(results_, colour_->currentData().toString().toStdString());
    pareto_ = cx && cy ? st::paretoOf(results_, {*cx, *cy}, limits_) : std::vector<size_t>{};
    std::vector<bool> front(n, false), outside(n, false);
    for (size_t v : pareto_)
        front[v] = true;
    double lo = HUGE_VAL, hi = -HUGE_VAL; // the colour KPI's range over the variants that ran
    for (const st::VariantResult& v : results_.variants)
        if (cc && v.done && v.error.empty() && std::isfinite(v.kpis[*cc]))
            lo = std::min(lo, v.kpis[*cc]), hi = std::max(hi, v.kpis[*cc]);
    std::vector<ScatterPoint> points;
    for (size_t v = 0; v < n && cx && cy; ++v) {
        const st::VariantResult& r = results_.variants[v];
        outside[v] = st::outsideLimits(r, limits_);
        if (!r.done || !r.error.empty() || !std::isfinite(r.kpis[*cx]) || !std::isfinite(r.kpis[*cy]))
            continue;
        const double t = cc ? (hi > lo ? (r.kpis[*cc] - lo) / (hi - lo) : 0.5) : 0;
        points.push_back({v, r.kpis[*cx], r.kpis[*cy], t, front[v], outside[v]});
    }
    ScatterAxes axes;
    if (cx && cy)
        axes = {tr("%1: Pareto set of %2 %3 and %4 %5")
                    .arg(QString::fromStdString(results_.name), direction(results_.kpis[*cx]),
                         x_->currentText(), direction(results_.kpis[*cy]), y_->currentText()),
                axisTitle(results_.kpis[*cx]), axisTitle(results_.kpis[*cy]), cc.has_value()};
    scatter_->setPoints(axes, std::move(points));
    model_->setResults(&results_, std::move(front), std::move(outside));
    colourScale_->setVisible(cc && lo <= hi);
    if (cc && lo <= hi) {
        colourScale_->setToolTip(tr("%1: %2 … %3").arg(colour_->currentText(), formatKpi(lo), formatKpi(hi)));
        colourScale_->setPixmap(colourRamp(90, 14));
    }
    const size_t done = st::doneCount(results_);
    const size_t failed = size_t(std::count_if(results_.variants.begin(), results_.variants.end(),
                                               [](const st::VariantResult& v) { return !v.error.empty(); }));
    summary_->setText(tr("%1 variants: %2 run, %3 failed, %4 to run. Pareto set (★): %5 variants.%6")
                          .arg(n)
                          .arg(done - failed)
                          .arg(failed)
                          .arg(n - done)
                          .arg(pareto_.size())
                          .arg(cc && lo <= hi ? tr(" Colour: %1 from %2 (dark) to %3 (light).")
                                                    .arg(colour_->currentText(), formatKpi(lo), formatKpi(hi))
                                              : QString()));
    if (selected_)
        selectVariant(*selected_);
    else
        showDetails();
}

void StudyWindow::selectVariant(size_t v) {
    if (v >= results_.variants.size()) return;
    selected_ = v;
    scatter_->setSelected(v);
    const QModelIndex i = sorted_->mapFromSource(model_->index(int(v), 0));
    if (table_->currentIndex().row() != i.row() || !table_->currentIndex().isValid()) {
        table_->setCurrentIndex(i);
        table_->scrollTo(i);
    }
    showDetails();
}

void StudyWindow::showDetails() {
    open_->setEnabled(selected_.has_value()), compare_->setEnabled(selected_.has_value());
    if (!selected_) return;
    const size_t v = *selected_;
    const st::VariantResult& r = results_.variants[v];
    QString html = tr("<b>Variant %1</b>").arg(v + 1);
    if (std::find(pareto_.begin(), pareto_.end(), v) != pareto_.end()) html += tr(" ★ on the Pareto set");
    if (st::outsideLimits(r, limits_)) html += tr(" — outside the limits");
    html += "<table>";
    for (size_t p = 0; p < results_.parameterNames.size(); ++p)
        html += QString("<tr><td>%1</td><td><b>%2</b></td></tr>")
                    .arg(QString::fromStdString(results_.parameterNames[p]).toHtmlEscaped(),
                         parameterText(results_.valueText(v, p)).toHtmlEscaped());
    html += "<tr><td colspan=2><hr></td></tr>";
    for (size_t c = 0; c < results_.kpis.size() && r.done && r.error.empty(); ++c)
        html += QString("<tr><td>%1</td><td align=right>%2 %3</td></tr>")
                    .arg(QString::fromStdString(results_.kpis[c].label).toHtmlEscaped(),
                         std::isfinite(r.kpis[c]) ? formatKpi(r.kpis[c]) : tr("—"),
                         unitText(results_.kpis[c].units).toHtmlEscaped());
    html += "</table>";
    if (!r.done) html += tr("<p>Not run yet.</p>");
    if (!r.error.empty()) html += tr("<p>Error: %1</p>").arg(QString::fromStdString(r.error).toHtmlEscaped());
    details_->setText(html);
}

const st::Study* StudyWindow::studyOrError(QString* error) {
    if (study_) return study_.get();
    model::Diagnostics d;
    std::optional<st::Study> s = st::studyOfResults(results_, resultsPath_.toStdString(), d);
    if (!s) return *error = QString::fromStdString(d.errorText()).trimmed(), nullptr;
    study_ = std::make_shared<const st::Study>(std::move(*s));
    return study_.get();
}

MainWindow* StudyWindow::openVariant(size_t v, QString* error) {
    const st::Study* s = v < results_.variants.size() ? studyOrError(error) : nullptr;
    if (!s) return nullptr;
    model::TwinLoad t = st::variantTwin(*s, catalog(), results_.design[v]);
    if (!t.diagnostics.ok())
        return *error = QString::fromStdString(t.diagnostics.errorText()).trimmed(), nullptr;
    const QString name = tr("%1 variant %2").arg(QString::fromStdString(results_.name)).arg(v + 1);
    t.twin.name += " · " + name.toStdString();
    auto* w = new MainWindow;
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->setDialogsEnabled(dialogs_);
    w->showUnsaved(std::move(t.twin), name);
    w->show();
    return w;
}

CompareWindow* StudyWindow::compareWithBase(size_t v, QString* error) {
    const st::Study* s = v < results_.variants.size() ? studyOrError(error) : nullptr;
    if (!s) return nullptr;
    model::TwinLoad base = model::loadTwinJsonDocument(s->baseSource, catalog(), "base twin");
    model::TwinLoad variant = st::variantTwin(*s, catalog(), results_.design[v]);
    for (const model::TwinLoad* l : {&base, &variant})
        if (!l->diagnostics.ok())
            return *error = QString::fromStdString(l->diagnostics.errorText()).trimmed(), nullptr;
    base.twin.name += tr(" (base)").toStdString();
    variant.twin.name += tr(" (variant %1)").arg(v + 1).toStdString();
    auto* w = new CompareWindow;
    w->setAttribute(Qt::WA_DeleteOnClose);
    if (!w->addTwin(base.twin, error) || !w->addTwin(variant.twin, error)) {
        delete w;
        return nullptr;
    }
    w->show();
    return w;
}

bool StudyWindow::startRun(const QString& studyFile, const model::Twin* base, const QString& out,
                           QString* error) {
    if (running()) return *error = tr("a study is already running in this window"), false;
    // The open twin as the base: its own catalogue entries, and the installed ones a variant may swap in.
    const model::Json baseSource = base ? model::twinJsonDocument(*base, catalog()) : model::Json();
    st::StudyLoad l = st::loadStudy(studyFile.toStdString(), base ? &baseSource : nullptr);
    std::vector<st::KpiColumn> columns;
    if (l.diagnostics.ok()) columns = st::kpiColumns(l.study, catalog(), l.diagnostics);
    if (!l.diagnostics.ok())
        return *error = QString::fromStdString(l.diagnostics.errorText()).trimmed(), false;
    study_ = std::make_shared<const st::Study>(std::move(l.study));
    resultsPath_ = out;
    showResults(st::emptyResults(*study_, std::move(columns)));
    resumeRun();
    return true;
}

void StudyWindow::resumeRun() {
    QString err;
    if (running() || !studyOrError(&err)) return err.isEmpty() ? void() : report(tr("Cannot resume"), err);
    progress_->setRange(0, int(results_.variants.size()));
    progress_->setValue(int(st::doneCount(results_)));
    progress_->setVisible(true), cancel_->setVisible(true), cancel_->setEnabled(true);
    resume_->setVisible(false);
    catalog();
    active_ = true;
    runner_->start(study_, catalog_, results_, resultsPath_.toStdString());
}

void StudyWindow::cancelRun() {
    if (!running()) return;
    runner_->cancel();
    cancel_->setEnabled(false);
    summary_->setText(tr("Cancelling: the variants now running finish, then the file is saved…"));
}

bool StudyWindow::running() const {
    return active_;
}

void StudyWindow::waitForRun() {
    if (!running()) return;
    QEventLoop loop;
    connect(this, &StudyWindow::runFinished, &loop, &QEventLoop::quit);
    loop.exec();
}

void StudyWindow::runEnded(bool cancelled, const QString& error) {
    active_ = false;
    progress_->setVisible(false), cancel_->setVisible(false);
    const size_t done = st::doneCount(results_);
    resume_->setVisible(done < results_.variants.size());
    refresh();
    if (!error.isEmpty())
        report(tr("Study stopped"), error);
    else if (cancelled)
        summary_->setText(tr("Cancelled after %1 of %2 variants; %3 holds them, Resume runs the rest.")
                              .arg(done)
                              .arg(results_.variants.size())
                              .arg(resultsPath_));
    emit runFinished();
}

void StudyWindow::report(const QString& title, const QString& text) {
    if (dialogs_)
        QMessageBox::warning(this, title, text);
    else
        summary_->setText(title + ": " + text);
}

void StudyWindow::closeEvent(QCloseEvent* e) {
    if (running()) {
        const bool stop =
            !dialogs_ || QMessageBox::question(this, tr("Study running"),
                                               tr("Stop the study? The results file keeps "
                                                  "the variants done so far.")) == QMessageBox::Yes;
        if (!stop) return e->ignore();
        runner_->cancel();
        runner_->wait();
    }
    e->accept();
}

} // namespace halltwin::app
