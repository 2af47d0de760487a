#include "ProbeComparisonDialog.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <fmt/format.h>

#include <algorithm>

namespace halltwin::app {

namespace air = model::air;

namespace {

void setRow(QTableWidget* t, int row, const QStringList& cells, bool bold = false, bool warn = false) {
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        if (c >= 2) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QFont f = item->font();
        f.setBold(bold);
        item->setFont(f);
        if (warn) item->setForeground(QColor(180, 30, 30));
        t->setItem(row, c, item);
    }
}

QString number(double v, bool sign = false) {
    return sign ? QString::asprintf("%+.2f", v) : QString::number(v, 'f', 2);
}

} // namespace

ProbeComparisonDialog::ProbeComparisonDialog(QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(this)) {
    setWindowTitle(tr("Probes against measurements — HallTwin"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    resize(760, 520);
}

void ProbeComparisonDialog::show(const air::ProbeComparison& c, const QString& source) {
    setWindowTitle(tr("Probes against %1 — HallTwin").arg(source));
    table_->clear();
    table_->setColumnCount(6);
    table_->setHorizontalHeaderLabels({tr("Probe"), tr("Group"), tr("Measured (°C)"), tr("Model (°C)"),
                                       tr("Model − measured (K)"), tr("Uncertainty (K)")});
    table_->setRowCount(int(c.probes.size() + c.groups.size() + 2));
    int row = 0;
    for (const air::ProbeDifference& d : c.probes)
        setRow(table_, row++,
               {QString::fromStdString(d.id), QString::fromStdString(d.group), number(d.measured),
                number(d.model), number(d.difference(), true),
                d.uncertainty >= 0 ? number(d.uncertainty) : QString()},
               false, d.uncertainty >= 0 && !d.withinUncertainty());
    setRow(table_, row++,
           {tr("Group"), tr("Probes"), tr("RMS (K)"), tr("Mean, bias (K)"), tr("Largest |d| (K)"), {}}, true);
    auto stats = [&](const air::DifferenceStats& g, const QString& name) {
        setRow(table_, row++,
               {name, QString::number(g.count), number(g.rms), number(g.mean, true), number(g.maxAbs), {}});
    };
    for (const air::DifferenceStats& g : c.groups)
        stats(g, g.group.empty() ? tr("(no group)") : QString::fromStdString(g.group));
    stats(c.all, tr("all"));
    table_->resizeColumnsToContents();
    QDialog::show();
    raise();
}

std::vector<std::string> comparisonLabels(const model::Twin& t, const air::ProbeComparison& c) {
    std::vector<std::string> out;
    for (const model::Probe& p : t.probes) {
        auto it = std::find_if(c.probes.begin(), c.probes.end(), [&](const auto& d) { return d.id == p.id; });
        out.push_back(it == c.probes.end() ? p.id
                                           : fmt::format("{} {:.1f} (measured {:.1f}, {:+.1f})", p.id,
                                                         it->model, it->measured, it->difference()));
    }
    return out;
}

} // namespace halltwin::app
