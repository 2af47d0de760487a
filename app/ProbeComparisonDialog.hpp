// A twin's probes against a hall's sensor readings, beside the 3-D view: per probe the measured value, the
// model's, their difference and the uncertainty (rows outside it marked), then per group and overall the
// RMS, mean (bias) and largest difference (model/air/ProbeComparison.hpp, as `halltwin measured`).
#pragma once

#include "model/air/ProbeComparison.hpp"

#include <QDialog>

class QTableWidget;

namespace halltwin::app {

class ProbeComparisonDialog : public QDialog {
    Q_OBJECT
  public:
    explicit ProbeComparisonDialog(QWidget* parent = nullptr);
    void show(const model::air::ProbeComparison& c, const QString& source);
    QTableWidget* table() const { return table_; }

  private:
    QTableWidget* table_;
};

// "id 24.3 °C (measured 23.1, +1.2 K)" for each of the twin's probes, in their order; the id alone for a
// probe with no measurement or no air around it.
std::vector<std::string> comparisonLabels(const model::Twin& t, const model::air::ProbeComparison& c);

} // namespace halltwin::app
