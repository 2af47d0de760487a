// How KPI values are written for people: a precision that suits the magnitude.
#pragma once

#include <QString>

namespace halltwin::app {

inline QString formatKpi(double v) {
    const double a = std::abs(v);
    if (a >= 1e5) return QString::number(v, 'f', 0);
    if (a >= 100) return QString::number(v, 'f', 1);
    if (a >= 10) return QString::number(v, 'f', 2);
    return QString::number(v, 'f', 3);
}

} // namespace halltwin::app
