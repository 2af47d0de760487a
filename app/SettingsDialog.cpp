// Preferences: temperature units, default colour mode, autosave interval, default climate.
#include "MainWindow.hpp"

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

void MainWindow::editSettings() {
    QDialog d(this);
    d.setWindowTitle(tr("Preferences"));
    auto* form = new QFormLayout(&d);
    auto* units = new QComboBox(&d);
    units->addItems({"degC", "degF"});
    units->setCurrentText(prefs::temperatureUnit.get());
    auto* colour = new QComboBox(&d);
    colour->addItems({"none", "power", "inlet", "chip", "utilisation"});
    colour->setCurrentText(prefs::colourMode.get());
    auto* autosave = new QSpinBox(&d);
    autosave->setRange(1, 120);
    autosave->setSuffix(tr(" min"));
    autosave->setValue(prefs::autosaveMinutes.get());
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
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &d);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &d, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    if (d.exec() != QDialog::Accepted) return;
    prefs::temperatureUnit.set(units->currentText());
    prefs::colourMode.set(colour->currentText());
    prefs::autosaveMinutes.set(autosave->value());
    prefs::defaultSite.set(site->currentData().toString());
    autosaveTimer_.start(autosave->value() * 60 * 1000);
    colourMode_->setCurrentText(colour->currentText());
    runner_->setSite(site->currentData().toString());
    simulate();
}

} // namespace halltwin::app
