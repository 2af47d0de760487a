// Generic range and NaN checks over a record's field table.
#pragma once

#include "Diagnostics.hpp"
#include "Fields.hpp"
#include "KpiText.hpp"

#include <cmath>
#include <fmt/format.h>

namespace halltwin::model {

inline void checkNumber(double v, double min, double max, const std::string& object, std::string_view field,
                        std::string_view units, Diagnostics& d) {
    if (std::isnan(v)) {
        d.error(object, std::string(field), "is NaN");
    } else if (v < min || v > max) {
        std::string range =
            std::isinf(max) ? fmt::format(">= {}", min) : fmt::format("in [{}, {}]", min, max);
        const std::string symbol = unitSymbol(std::string(units)); // "-5 is out of range", not "-5 1 ..."
        d.error(
            object, std::string(field),
            fmt::format("{}{} is out of range (must be {})", v, symbol.empty() ? "" : " " + symbol, range));
    }
}

template <class T> void checkFields(const T& obj, const std::string& object, Diagnostics& d) {
    for (const Field<T>& f : fieldsOf<T>()) {
        std::visit(
            [&](auto ptr) {
                using V = std::decay_t<decltype(obj.*ptr)>;
                if constexpr (std::is_same_v<V, double> || std::is_same_v<V, int>) {
                    checkNumber(double(obj.*ptr), f.min, f.max, object, f.name, f.units, d);
                } else if constexpr (std::is_same_v<V, std::vector<double>>) {
                    for (double v : obj.*ptr)
                        checkNumber(v, f.min, f.max, object, f.name, f.units, d);
                } else if constexpr (std::is_same_v<V, std::string>) {
                    if (!f.optional && (obj.*ptr).empty())
                        d.error(object, std::string(f.name), "must not be empty");
                }
            },
            f.member);
    }
}

} // namespace halltwin::model
