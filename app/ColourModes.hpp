// The ways to colour racks, offered in the toolbar and the preferences: the key kept in the settings
// (render::ColourMode names, and "air-inlet" for the air solver's rack inlets) and the label people see.
#pragma once

#include <QComboBox>
#include <QCoreApplication>

namespace halltwin::app {

inline const QString airInletMode = QStringLiteral("air-inlet");

inline void addColourModes(QComboBox* box) {
    auto tr = [](const char* s) { return QCoreApplication::translate("ColourModes", s); };
    box->addItem(tr("None"), "none");
    box->addItem(tr("Rack power"), "power");
    box->addItem(tr("Rack inlet"), "inlet");
    box->addItem(tr("Rack inlet (air solver)"), airInletMode);
    box->addItem(tr("Chip temperature"), "chip");
    box->addItem(tr("Utilisation"), "utilisation");
}

// Selects the mode with this key; the first (none) when the key is unknown.
inline void setColourMode(QComboBox* box, const QString& key) {
    box->setCurrentIndex(std::max(0, box->findData(key)));
}

} // namespace halltwin::app
