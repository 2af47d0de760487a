// KPIs of the latest simulation: a table and charts (power breakdown, hourly PUE over the year, chip
// temperatures of the liquid-cooled racks).
#pragma once

#include "model/sim/SystemSimulation.hpp"

#include <QWidget>

class QTableWidget;
class QChartView;
class QChart;

namespace halltwin::app {

class KpiPanel : public QWidget {
    Q_OBJECT
  public:
    explicit KpiPanel(QWidget* parent = nullptr);
    void show(const model::Twin& twin, const model::sim::SimulationResult& r);
    // The value shown for a KPI key, for tests and the status bar; NaN when absent.
    double value(const QString& key) const;

  private:
    void showBreakdown(const model::sim::OperatingPoint& p);
    void showHourlyPue(const model::sim::AnnualResult& a);
    void showChipTemperatures(const model::sim::OperatingPoint& p);

    QTableWidget* table_;
    QChartView *breakdown_, *hourly_, *chips_;
    std::vector<model::sim::Kpi> kpis_;
};

} // namespace halltwin::app
