// How KPI values and units are written for people, the one formatter behind every table: the CLI's,
// JSON and CSV exports, the app's docks, the compare window and the review image.
#pragma once

#include <optional>
#include <string>

namespace halltwin::model {

// What a value that does not apply shows as.
inline constexpr const char* notApplicable = "–";

// A precision that suits the magnitude (whole numbers without decimals, thousands grouped from 100,000);
// "–" for an empty or non-finite value.
std::string formatKpiValue(std::optional<double> value);

// A UDUNITS string as files store it, as a symbol for people: degC → °C, m2 → m², m3/s → m³/s,
// 1/s → /s, and nothing for the ratio "1".
std::string unitSymbol(const std::string& udunits);

// Columns on a terminal: UTF-8 code points, East Asian wide characters (such as 度) counting two.
int displayWidth(const std::string& utf8);
// Pads with spaces to `width` terminal columns (left-aligned) or prefixes them (right-aligned).
std::string padRight(const std::string& utf8, int width);
std::string padLeft(const std::string& utf8, int width);

} // namespace halltwin::model
