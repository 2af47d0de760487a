#include "RackTypeDialog.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>

namespace halltwin::app {

namespace {
QDoubleSpinBox* spin(QWidget* parent, const char* field, double value, double max, int decimals,
                     const QString& suffix) {
    auto* s = new QDoubleSpinBox(parent);
    s->setObjectName(field);
    s->setRange(0, max);
    s->setDecimals(decimals);
    s->setSingleStep(decimals >= 2 ? 0.05 : 1);
    s->setSuffix(suffix);
    s->setValue(value);
    return s;
}
} // namespace

RackTypeDialog::RackTypeDialog(const model::RackType& type, QWidget* parent) : QDialog(parent), type_(type) {
    setWindowTitle(tr("Rack type %1").arg(QString::fromStdString(type.id)));
    auto* form = new QFormLayout(this);
    airflowModel_ = new QComboBox(this);
    airflowModel_->addItem(tr("Fixed rise: air heat / (ρ·c_p·ΔT)"), "delta_t");
    airflowModel_->addItem(tr("Server fans: idle to full airflow with utilisation"), "fan");
    airflowModel_->setCurrentIndex(
        std::max(0, airflowModel_->findData(QString::fromStdString(type.airflowModel))));
    deltaT_ = spin(this, "air_delta_t_k", type.airDeltaTK, 40, 1, tr(" K"));
    idle_ = spin(this, "idle_airflow_m3_s", type.idleAirflowM3s, 20, 3, tr(" m³/s"));
    full_ = spin(this, "full_airflow_m3_s", type.fullAirflowM3s, 20, 3, tr(" m³/s"));
    bandBottom_ = spin(this, "air_band_bottom_m", type.airBandBottomM, type.heightM, 2, tr(" m"));
    bandTop_ = spin(this, "air_band_top_m", type.airBandTopM, type.heightM, 2, tr(" m"));
    bandTop_->setSpecialValueText(tr("whole face"));
    form->addRow(tr("Airflow model"), airflowModel_);
    form->addRow(tr("Air temperature rise"), deltaT_);
    form->addRow(tr("Airflow at idle"), idle_);
    form->addRow(tr("Airflow at full load"), full_);
    form->addRow(tr("Air band from"), bandBottom_);
    form->addRow(tr("Air band to"), bandTop_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(airflowModel_, &QComboBox::currentIndexChanged, this, &RackTypeDialog::updateEnabled);
    updateEnabled();
}

// Each model uses its own fields: the rise for delta_t, the two airflows for fan.
void RackTypeDialog::updateEnabled() {
    const bool fan = airflowModel_->currentData().toString() == "fan";
    deltaT_->setEnabled(!fan);
    idle_->setEnabled(fan);
    full_->setEnabled(fan);
}

QDoubleSpinBox* RackTypeDialog::spinBox(const char* field) const {
    return findChild<QDoubleSpinBox*>(field);
}

model::RackType RackTypeDialog::edited() const {
    model::RackType t = type_;
    t.airflowModel = airflowModel_->currentData().toString().toStdString();
    t.airDeltaTK = deltaT_->value();
    t.idleAirflowM3s = idle_->value(), t.fullAirflowM3s = full_->value();
    t.airBandBottomM = bandBottom_->value(), t.airBandTopM = bandTop_->value();
    return t;
}

} // namespace halltwin::app
