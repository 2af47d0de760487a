#include "docks/KpiDock.hpp"

#include "KpiFormat.hpp"
#include "Settings.hpp"

#include "model/HallSimulation.hpp"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPieSeries>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace halltwin::app {

namespace {
QChartView* chartView(QWidget* parent, const QString& title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto* v = new QChartView(chart, parent);
    v->setRenderHint(QPainter::Antialiasing);
    v->setMinimumHeight(220);
    return v;
}
} // namespace

KpiPanel::KpiPanel(QWidget* parent) : QWidget(parent) {
    auto* tabs = new QTabWidget(this);
    table_ = new QTableWidget(0, 3, this);
    table_->setHorizontalHeaderLabels({tr("KPI"), tr("Value"), tr("Units")});
    // Names wrap in a stretching first column, so every one reads in full however narrow the dock.
    table_->setWordWrap(true);
    table_->setTextElideMode(Qt::ElideNone);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Rows are sized for the wrapped names: again once the stretching column has its new width.
    connect(table_->horizontalHeader(), &QHeaderView::sectionResized, table_, [this](int column) {
        if (column == 0)
            QMetaObject::invokeMethod(table_, &QTableView::resizeRowsToContents, Qt::QueuedConnection);
    });
    provenance_ = new QLabel(this);
    provenance_->setObjectName("kpiProvenance");
    provenance_->setWordWrap(true);
    auto* page = new QWidget(this);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(provenance_);
    pageLayout->addWidget(table_);
    tabs->addTab(page, tr("KPIs"));
    breakdown_ = chartView(this, tr("Power at the meter, design point"));
    hourly_ = chartView(this, tr("PUE hour by hour"));
    chips_ = chartView(this, tr("Chip (case) temperature by rack"));
    tabs->addTab(breakdown_, tr("Power"));
    tabs->addTab(hourly_, tr("PUE over the year"));
    tabs->addTab(chips_, tr("Temperatures"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs);
}

void KpiPanel::show(const model::Twin& twin, const model::sim::SimulationResult& r) {
    kpis_ = model::sim::kpisOf(twin, r);
    fillTable();
    showBreakdown(r.design);
    showHourlyPue(r.annual);
    showChipTemperatures(r.design);
}

void KpiPanel::showAir(const model::air::HallAirResult* r, bool stale) {
    airKpis_ = r ? model::airKpisOf(*r) : std::vector<model::sim::Kpi>();
    if (stale)
        for (model::sim::Kpi& k : airKpis_)
            k.label += ", out of date", k.definition += " Out of date: the twin changed after this solve.";
    fillTable();
}

void KpiPanel::setProvenance(const QString& text) {
    provenance_->setText(text);
}

void KpiPanel::fillTable() {
    std::vector<model::sim::Kpi> rows = kpis_;
    rows.insert(rows.end(), airKpis_.begin(), airKpis_.end());
    table_->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        const auto& k = rows[size_t(i)];
        const QString tip = QString::fromStdString(k.definition);
        auto* name = new QTableWidgetItem(QString::fromStdString(k.label));
        name->setToolTip(tip);
        table_->setItem(i, 0, name);
        // Temperatures follow the display preference; the model stays in °C.
        const bool fahrenheit = k.units == "degC" && prefs::temperatureUnit.get() == "degF";
        const std::optional<double> shown =
            fahrenheit && k.value ? std::optional(*k.value * 9 / 5 + 32) : k.value;
        auto* v = new QTableWidgetItem(formatKpi(shown));
        v->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        v->setToolTip(k.value ? tip : tr("Does not apply to this twin or run. %1").arg(tip));
        table_->setItem(i, 1, v);
        auto* units = new QTableWidgetItem(fahrenheit ? unitText("degF") : unitText(k.units));
        units->setToolTip(tip);
        table_->setItem(i, 2, units);
    }
    table_->resizeRowsToContents();
}

double KpiPanel::value(const QString& key) const {
    for (const auto* list : {&kpis_, &airKpis_})
        for (const auto& k : *list)
            if (QString::fromStdString(k.key) == key) return k.value.value_or(std::nan(""));
    return std::nan("");
}

void KpiPanel::showBreakdown(const model::sim::OperatingPoint& p) {
    QChart* c = breakdown_->chart();
    c->removeAllSeries();
    auto* pie = new QPieSeries;
    pie->append(tr("IT %1 kW").arg(p.itW / 1e3, 0, 'f', 0), p.itW);
    pie->append(tr("Cooling %1 kW").arg(p.coolingW / 1e3, 0, 'f', 0), p.coolingW);
    pie->append(tr("Distribution loss %1 kW").arg(p.distributionLossW / 1e3, 0, 'f', 0), p.distributionLossW);
    pie->append(tr("Lighting and house %1 kW").arg((p.lightingW + p.houseW) / 1e3, 0, 'f', 0),
                p.lightingW + p.houseW);
    c->addSeries(pie);
}

void KpiPanel::showHourlyPue(const model::sim::AnnualResult& a) {
    const std::pair<int, double> year{a.hours, a.facilityMWh};
    if (year == shownYear_) return;
    shownYear_ = year;
    QChart* c = hourly_->chart();
    c->removeAllSeries();
    for (QAbstractAxis* ax : c->axes())
        c->removeAxis(ax), delete ax;
    if (a.hourlyPue.empty()) return;
    auto* line = new QLineSeries;
    line->setName(tr("PUE (annual %1)").arg(a.pue, 0, 'f', 3));
    QList<QPointF> pts;
    for (size_t h = 0; h < a.hourlyPue.size(); h += 6)
        pts.append(QPointF(double(h) / 24.0, a.hourlyPue[h]));
    line->replace(pts);
    c->addSeries(line);
    auto* x = new QValueAxis;
    x->setTitleText(tr("day of the year"));
    x->setRange(0, 365);
    auto* y = new QValueAxis;
    y->setTitleText(tr("PUE"));
    c->addAxis(x, Qt::AlignBottom), c->addAxis(y, Qt::AlignLeft);
    line->attachAxis(x), line->attachAxis(y);
}

void KpiPanel::showChipTemperatures(const model::sim::OperatingPoint& p) {
    QChart* c = chips_->chart();
    c->removeAllSeries();
    for (QAbstractAxis* ax : c->axes())
        c->removeAxis(ax), delete ax;
    // Histogram in 2 K bins of the racks' hottest chip.
    std::map<int, int> bins;
    for (const auto& r : p.liquid.racks)
        if (r.flowM3s > 0) ++bins[int(std::floor(r.chipC / 2)) * 2];
    if (bins.empty()) return;
    auto* set = new QBarSet(tr("racks"));
    QStringList labels;
    for (const auto& [t, n] : bins)
        *set << n, labels << QString("%1–%2 °C").arg(t).arg(t + 2);
    auto* series = new QBarSeries;
    series->append(set);
    c->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(labels);
    auto* y = new QValueAxis;
    y->setTitleText(tr("racks"));
    c->addAxis(x, Qt::AlignBottom), c->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x), series->attachAxis(y);
}

} // namespace halltwin::app
