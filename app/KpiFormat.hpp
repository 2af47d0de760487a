// The model's KPI formatter (model/KpiText.hpp) for Qt widgets.
#pragma once

#include "model/KpiText.hpp"

#include <QString>

namespace halltwin::app {

inline QString formatKpi(std::optional<double> v) {
    return QString::fromStdString(model::formatKpiValue(v));
}

inline QString unitText(const std::string& udunits) {
    return QString::fromStdString(model::unitSymbol(udunits));
}

} // namespace halltwin::app
