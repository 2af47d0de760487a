#include "CompareWindow.hpp"

#include "KpiFormat.hpp"
#include "view/HallView.hpp"

#include "model/HallSimulation.hpp"
#include "render/Comparison.hpp"
#include "render/HallScene.hpp"
#include "render/OffscreenWindow.hpp"
#include "render/Snapshot.hpp"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace halltwin::app {

CompareWindow::CompareWindow(QWidget* parent) : QWidget(parent, Qt::Window) {
    setWindowTitle(tr("Compare twins — HallTwin"));
    auto* layout = new QVBoxLayout(this);
    viewRow_ = new QHBoxLayout;
    layout->addLayout(viewRow_, 3);
    table_ = new QTableWidget(this);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    layout->addWidget(table_, 2);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add twin…"), this);
    auto* exportButton = new QPushButton(tr("Export review image…"), this);
    auto* copy = new QPushButton(tr("Copy table"), this);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(220);
    progress_->setFormat(tr("annual runs %p %"));
    progress_->setVisible(false);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setToolTip(tr("Stop the annual runs; the design-point KPIs stay"));
    cancel_->setVisible(false);
    note_ = new QLabel(this);
    connect(cancel_, &QPushButton::clicked, this, &CompareWindow::cancelYears);
    connect(&watcher_, &QFutureWatcher<Year>::finished, this, &CompareWindow::yearFinished);
    // The worker's progress is polled: a queued signal per simulated day would flood the event loop.
    auto* poll = new QTimer(this);
    poll->setInterval(200);
    connect(poll, &QTimer::timeout, this, [this] {
        if (percent_) progress_->setValue(*percent_);
    });
    poll->start();
    buttons->addWidget(add), buttons->addWidget(progress_), buttons->addWidget(cancel_),
        buttons->addWidget(note_), buttons->addStretch(), buttons->addWidget(copy),
        buttons->addWidget(exportButton);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        const QString p =
            QFileDialog::getOpenFileName(this, tr("Add twin"), {}, tr("HallTwin twins (*.h5 *.json)"));
        QString err;
        if (!p.isEmpty() && !addTwin(p, &err)) QMessageBox::critical(this, tr("Cannot add twin"), err);
    });
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(tableCsv()); });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString p =
            QFileDialog::getSaveFileName(this, tr("Export review image"), "review.png", "*.png");
        QString err;
        if (!p.isEmpty() && !exportReviewImage(p, 1800, 1100, &err))
            QMessageBox::critical(this, tr("Export failed"), err);
    });
    resize(1600, 1000);
}

CompareWindow::~CompareWindow() {
    cancelYears();
    watcher_.waitForFinished();
}

bool CompareWindow::addTwin(const QString& path, QString* error) {
    if (docs_.size() >= 3) return *error = tr("at most three twins side by side"), false;
    auto* doc = new TwinDocument(this);
    if (!doc->load(path, error)) return delete doc, false;
    return addDocument(doc, error);
}

bool CompareWindow::addTwin(const model::Twin& twin, QString* error) {
    if (docs_.size() >= 3) return *error = tr("at most three twins side by side"), false;
    auto* doc = new TwinDocument(this);
    doc->reset(twin, QString());
    return addDocument(doc, error);
}

// The design point now (milliseconds), so the view and table fill at once; the year queued.
bool CompareWindow::addDocument(TwinDocument* doc, QString* error) {
    model::HallSimulationOptions design;
    design.system.hours = 0;
    try {
        results_.push_back(model::simulateHall(doc->twin(), design).system);
    } catch (const std::exception& e) {
        delete doc;
        return *error = QString::fromUtf8(e.what()), false;
    }
    docs_.push_back(doc);
    auto* view = new HallView(doc, this);
    views_.push_back(view);
    viewRow_->addWidget(view);
    connect(view, &HallView::cameraChanged, this, [this, view] { linkCameras(view); });
    queued_.push_back(docs_.size() - 1);
    refresh();
    startNextYear();
    return true;
}

bool CompareWindow::yearsPending() const {
    return watcher_.isRunning() || !queued_.empty();
}

void CompareWindow::waitForYears() {
    while (yearsPending()) {
        watcher_.waitForFinished();
        yearFinished();
    }
}

void CompareWindow::startNextYear() {
    if (watcher_.isRunning() || queued_.empty()) return;
    const size_t index = queued_.front();
    queued_.erase(queued_.begin());
    cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
    percent_ = std::make_shared<std::atomic<int>>(0);
    progress_->setValue(0);
    progress_->setVisible(true), cancel_->setVisible(true);
    auto twin = std::make_shared<const model::Twin>(docs_[index]->twin());
    watcher_.setFuture(QtConcurrent::run([index, twin, flag = cancelFlag_, percent = percent_] {
        Year y{index, {}, {}};
        model::HallSimulationOptions o;
        o.system.cancel = flag.get();
        o.system.progress = [percent](double f) { *percent = int(100 * f); };
        try {
            y.result = model::simulateHall(*twin, o).system;
        } catch (const std::exception& e) {
            y.error = QString::fromUtf8(e.what());
        }
        return y;
    }));
}

void CompareWindow::yearFinished() {
    if (!watcher_.future().isValid() || watcher_.future().resultCount() == 0) return;
    Year y = watcher_.result();
    watcher_.setFuture(QFuture<Year>());
    if (!y.error.isEmpty())
        note_->setText(tr("The annual run of %1 failed: %2")
                           .arg(QString::fromStdString(docs_[y.index]->twin().name), y.error));
    else if (!y.result.cancelled && y.index < results_.size())
        results_[y.index] = std::move(y.result);
    refresh();
    startNextYear();
    if (yearsPending()) return;
    progress_->setVisible(false), cancel_->setVisible(false);
    emit yearsFinished();
}

void CompareWindow::cancelYears() {
    queued_.clear();
    if (cancelFlag_) *cancelFlag_ = true;
}

void CompareWindow::linkCameras(HallView* source) {
    if (linking_) return;
    linking_ = true;
    for (HallView* v : views_)
        if (v != source) source->scene().copyCameraTo(v->scene().renderer()), v->update();
    linking_ = false;
}

namespace {
// The difference against the first twin, absolute and in %, green when better; "–" when either value
// does not apply.
QTableWidgetItem* differenceItem(const model::sim::Kpi& base, const model::sim::Kpi& k) {
    if (!base.value || !k.value) return new QTableWidgetItem(formatKpi(std::nullopt));
    const double d = *k.value - *base.value;
    const QString pct =
        *base.value != 0
            ? QString(" (%1%2 %)").arg(d >= 0 ? "+" : "").arg(100 * d / std::abs(*base.value), 0, 'f', 1)
            : QString();
    auto* item = new QTableWidgetItem(QString("%1%2%3").arg(d >= 0 ? "+" : "").arg(formatKpi(d)).arg(pct));
    const bool better = (d > 0) == base.higherIsBetter;
    if (std::abs(d) > 1e-9) item->setForeground(better ? QColor(0, 120, 60) : QColor(180, 30, 30));
    item->setData(Qt::UserRole, d == 0 ? 0 : better ? 1 : -1);
    return item;
}
} // namespace

// One colour range across all twins, so equal colours mean equal power.
void CompareWindow::refresh() {
    std::vector<double> all;
    std::vector<render::RackScalars> scalars;
    for (size_t i = 0; i < docs_.size(); ++i) {
        scalars.push_back(render::rackScalars(docs_[i]->twin(), results_[i], render::ColourMode::Power));
        all.insert(all.end(), scalars.back().values.begin(), scalars.back().values.end());
    }
    const render::Range range = render::rangeOf(all);
    for (size_t i = 0; i < views_.size(); ++i)
        views_[i]->setRackColours(scalars[i], range);
    if (!views_.empty()) linkCameras(views_.front());

    std::vector<std::vector<model::sim::Kpi>> cols;
    for (size_t i = 0; i < docs_.size(); ++i)
        cols.push_back(model::sim::kpisOf(docs_[i]->twin(), results_[i]));
    table_->clear();
    QStringList headers{tr("KPI"), tr("Units")};
    for (size_t i = 0; i < docs_.size(); ++i) {
        headers << QString::fromStdString(docs_[i]->twin().name);
        if (i > 0) headers << tr("Δ vs %1").arg(QString::fromStdString(docs_[0]->twin().name));
    }
    table_->setColumnCount(int(headers.size()));
    table_->setHorizontalHeaderLabels(headers);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    if (cols.empty()) return;
    table_->setRowCount(int(cols.front().size()));
    for (int r = 0; r < table_->rowCount(); ++r) {
        const auto& base = cols.front()[size_t(r)];
        table_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(base.label)));
        table_->item(r, 0)->setToolTip(QString::fromStdString(base.definition));
        table_->setItem(r, 1, new QTableWidgetItem(unitText(base.units)));
        int c = 2;
        for (size_t i = 0; i < cols.size(); ++i) {
            const auto& k = cols[i][size_t(r)];
            table_->setItem(r, c++, new QTableWidgetItem(formatKpi(k.value)));
            if (i > 0) table_->setItem(r, c++, differenceItem(base, k));
        }
    }
}

QString CompareWindow::tableCsv() const {
    QStringList lines;
    QStringList head;
    for (int c = 0; c < table_->columnCount(); ++c)
        head << table_->horizontalHeaderItem(c)->text();
    lines << head.join(',');
    for (int r = 0; r < table_->rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < table_->columnCount(); ++c) {
            QString t = table_->item(r, c) ? table_->item(r, c)->text() : QString();
            row << (t.contains(',') ? '"' + t + '"' : t);
        }
        lines << row.join(',');
    }
    return lines.join('\n') + '\n';
}

bool CompareWindow::exportReviewImage(const QString& path, int width, int height, QString* error) {
    std::vector<render::CompareEntry> entries;
    for (size_t i = 0; i < docs_.size(); ++i)
        entries.push_back({&docs_[i]->twin(), &results_[i]});
    render::CompareImageOptions o;
    o.width = width, o.height = height;
    try {
        render::writePng(render::renderComparison(entries, o), path.toStdString());
    } catch (const std::exception& e) {
        return *error = QString::fromUtf8(e.what()), false;
    }
    return true;
}

} // namespace halltwin::app
