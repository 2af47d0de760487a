// Preferences: temperature units, default colour mode, autosave interval, default climate, the air
// solver's cell size and turbulence model.
#include "MainWindow.hpp"

#include "AirController.hpp"

#include "ColourModes.hpp"
#include "Settings.hpp"
#include "SimulationRunner.hpp"

#include "model/CatalogIo.hpp"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QSpinBox>

namespace halltwin::app {

namespace {
QComboBox* airCellBox(QWidget* parent) {
    auto tr = [](const char* s) { return QCoreApplication::translate("SettingsDialog", s); };
    auto* cell = new QComboBox(parent);
    cell->addItem(tr("0.2 m (fine; seconds to a minute)"), 0.2);
    cell->addItem(tr("0.3 m"), 0.3);
    cell->addItem(tr("0.4 m (quick, for editing)"), 0.4);
    cell->addItem(tr("0.6 m (coarse)"), 0.6);
    cell->setCurrentIndex(std::max(0, cell->findData(prefs::airCellM.get())));
    cell->setToolTip(tr("Cell size of the 3-D air solver: finer is more accurate and much slower"));
    return cell;
}

QComboBox* turbulenceBox(QWidget* parent) {
    auto tr = [](const char* s) { return QCoreApplication::translate("SettingsDialog", s); };
    auto* box = new QComboBox(parent);
    box->addItem(tr("Constant effective viscosity (quickest)"), "constant");
    box->addItem(tr("Zero-equation (Chen & Xu 1998)"), "zero-equation");
    box->addItem(tr("k-ε with wall functions (supply jets, side-blown rooms)"), "k-epsilon");
    box->setCurrentIndex(std::max(0, box->findData(prefs::airTurbulence.get())));
    box->setToolTip(
        tr("How the air solver models turbulence: k-ε keeps wall and ceiling jets attached "
           "(validated on IEA Annex 20) at several times the cost per step of the constant viscosity"));
    return box;
}
} // namespace

void MainWindow::editSettings() {
    QDialog d(this);
    d.setWindowTitle(tr("Preferences"));
    auto* form = new QFormLayout(&d);
    auto* units = new QComboBox(&d);
    units->addItems({"degC", "degF"});
    units->setCurrentText(prefs::temperatureUnit.get());
    auto* colour = new QComboBox(&d);
    addColourModes(colour);
    setColourMode(colour, prefs::colourMode.get());
    auto* autosave = new QSpinBox(&d);
    autosave->setRange(5, 3600);
    autosave->setSuffix(tr(" s"));
    autosave->setValue(prefs::autosaveSeconds.get());
    auto* site = new QComboBox(&d);
    site->addItem(tr("(the twin's own site)"), QString());
    const QDir climates(QString::fromStdString((model::assetDir() / "climate").string()));
    for (const QString& f : climates.entryList({"*.json"}))
        site->addItem(QFileInfo(f).completeBaseName(), QFileInfo(f).completeBaseName());
    site->setCurrentIndex(std::max(0, site->findData(prefs::defaultSite.get())));
    form->addRow(tr("Temperatures in"), units);
    form->addRow(tr("Colour racks by"), colour);
    form->addRow(tr("Autosave every"), autosave);
    form->addRow(tr("Climate for simulations"), site);
    QComboBox* cell = airCellBox(&d);
    form->addRow(tr("Air solver cells"), cell);
    QComboBox* turbulence = turbulenceBox(&d);
    form->addRow(tr("Air turbulence"), turbulence);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &d);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &d, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    if (d.exec() != QDialog::Accepted) return;
    prefs::temperatureUnit.set(units->currentText());
    prefs::colourMode.set(colour->currentData().toString());
    prefs::autosaveSeconds.set(autosave->value());
    prefs::defaultSite.set(site->currentData().toString());
    startAutosaveTimer();
    setColourMode(colourMode_, colour->currentData().toString());
    runner_->setSite(site->currentData().toString());
    simulate();
    const bool airChanged = cell->currentData().toDouble() != prefs::airCellM.get() ||
                            turbulence->currentData().toString() != prefs::airTurbulence.get();
    prefs::airCellM.set(cell->currentData().toDouble());
    prefs::airTurbulence.set(turbulence->currentData().toString());
    if (airChanged && airCtl_->autoSolve()) airCtl_->solve(false);
}

} // namespace halltwin::app
