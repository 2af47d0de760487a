#include "CompareWindow.hpp"

#include "KpiFormat.hpp"
#include "view/HallView.hpp"

#include "render/Comparison.hpp"
#include "render/HallScene.hpp"
#include "render/OffscreenWindow.hpp"
#include "render/Snapshot.hpp"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

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
    buttons->addWidget(add), buttons->addStretch(), buttons->addWidget(copy),
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

bool CompareWindow::addTwin(const QString& path, QString* error) {
    if (docs_.size() >= 3) return *error = tr("at most three twins side by side"), false;
    auto* doc = new TwinDocument(this);
    if (!doc->load(path, error)) return delete doc, false;
    try {
        results_.push_back(model::sim::simulate(doc->twin()));
    } catch (const std::exception& e) {
        delete doc;
        return *error = QString::fromUtf8(e.what()), false;
    }
    docs_.push_back(doc);
    auto* view = new HallView(doc, this);
    views_.push_back(view);
    viewRow_->addWidget(view);
    connect(view, &HallView::cameraChanged, this, [this, view] { linkCameras(view); });
    refresh();
    return true;
}

void CompareWindow::linkCameras(HallView* source) {
    if (linking_) return;
    linking_ = true;
    for (HallView* v : views_)
        if (v != source) source->scene().copyCameraTo(v->scene().renderer()), v->update();
    linking_ = false;
}

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
        table_->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(base.units)));
        int c = 2;
        for (size_t i = 0; i < cols.size(); ++i) {
            const auto& k = cols[i][size_t(r)];
            table_->setItem(r, c++, new QTableWidgetItem(formatKpi(k.value)));
            if (i == 0) continue;
            const double d = k.value - base.value;
            const double pct = base.value != 0 ? 100 * d / std::abs(base.value) : 0;
            auto* item = new QTableWidgetItem(QString("%1%2 (%3%4 %)")
                                                  .arg(d >= 0 ? "+" : "")
                                                  .arg(formatKpi(d))
                                                  .arg(pct >= 0 ? "+" : "")
                                                  .arg(pct, 0, 'f', 1));
            const bool better = (d > 0) == base.higherIsBetter;
            if (std::abs(d) > 1e-9) item->setForeground(better ? QColor(0, 120, 60) : QColor(180, 30, 30));
            item->setData(Qt::UserRole, d == 0 ? 0 : better ? 1 : -1);
            table_->setItem(r, c++, item);
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
