// Preferences: temperature units, default colour mode, autosave interval, default climate, air cell size.
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
    if (cell->currentData().toDouble() != prefs::airCellM.get()) {
        prefs::airCellM.set(cell->currentData().toDouble());
        if (airCtl_->autoSolve()) airCtl_->solve(false);
    }
}

} // namespace halltwin::app
