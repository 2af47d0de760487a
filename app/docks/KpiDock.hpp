// KPIs of the latest simulation: a table and charts (power breakdown, hourly PUE over the year, chip
// temperatures of the liquid-cooled racks); the air solver's indices below the system's KPIs.
#pragma once

#include "model/air/HallAirResult.hpp"
#include "model/sim/SystemSimulation.hpp"

#include <QWidget>

class QLabel;
class QTableWidget;
class QChartView;
class QChart;

namespace halltwin::app {

class KpiPanel : public QWidget {
    Q_OBJECT
  public:
    explicit KpiPanel(QWidget* parent = nullptr);
    void show(const model::Twin& twin, const model::sim::SimulationResult& r);
    // RCI_HI, RTI and the hottest rack inlet of an air solve (nullptr removes them); stale ones are marked.
    void showAir(const model::air::HallAirResult* r, bool stale);
    // How the KPIs shown were made (model::Provenance::describe), above the table.
    void setProvenance(const QString& text);
    // The value shown for a KPI key, for tests and the status bar; NaN when absent or not applicable.
    double value(const QString& key) const;
    QTableWidget* table() const { return table_; }

  private:
    void fillTable();
    void showBreakdown(const model::sim::OperatingPoint& p);
    void showHourlyPue(const model::sim::AnnualResult& a);
    void showChipTemperatures(const model::sim::OperatingPoint& p);

    QTableWidget* table_;
    QLabel* provenance_;
    QChartView *breakdown_, *hourly_, *chips_;
    std::vector<model::sim::Kpi> kpis_, airKpis_;
    // The year shown: a design-point update (every drag step) keeps it, and redrawing 8,760 points
    // would cost a drag step most of its time budget.
    std::pair<int, double> shownYear_{-1, 0};
};

} // namespace halltwin::app
