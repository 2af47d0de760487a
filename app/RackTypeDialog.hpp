// The air side of a rack type, edited in the application: how much air its servers move (a fixed ΔT or
// their fans, from idle to full load) and the band of the faces they breathe through (blanking panels
// close the rest). Every rack of the type follows the edit.
#pragma once

#include "model/Catalog.hpp"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;

namespace halltwin::app {

class RackTypeDialog : public QDialog {
    Q_OBJECT

  public:
    RackTypeDialog(const model::RackType& type, QWidget* parent = nullptr);
    // The type with the dialog's values.
    model::RackType edited() const;

    QComboBox* airflowModel() const { return airflowModel_; }
    QDoubleSpinBox* spinBox(const char* field) const; // by file field name, e.g. "full_airflow_m3_s"

  private:
    void updateEnabled();

    model::RackType type_;
    QComboBox* airflowModel_ = nullptr;
    QDoubleSpinBox *deltaT_ = nullptr, *idle_ = nullptr, *full_ = nullptr, *bandBottom_ = nullptr,
                   *bandTop_ = nullptr;
};

} // namespace halltwin::app
