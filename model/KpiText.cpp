#include "model/KpiText.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace halltwin::model {

std::string formatKpiValue(std::optional<double> value) {
    if (!value || !std::isfinite(*value)) return notApplicable;
    const double v = *value, a = std::abs(v);
    if (a >= 1e5) { // thousands separated, so millions read at a glance
        const std::string digits = fmt::format("{:.0f}", a);
        std::string out = v < 0 ? "-" : "";
        for (size_t i = 0; i < digits.size(); ++i)
            out += (i > 0 && (digits.size() - i) % 3 == 0 ? "," : "") + digits.substr(i, 1);
        return out;
    }
    if (v == std::round(v)) return fmt::format("{:.0f}", v); // counts, hours, set points: no false digits
    return fmt::format("{:.{}f}", v, a >= 100 ? 1 : a >= 10 ? 2 : 3);
}

std::string unitSymbol(const std::string& u) {
    static const std::map<std::string, std::string> symbols{
        {"1", ""},     {"degC", "°C"},    {"degF", "°F"},     {"m2", "m²"},
        {"m3", "m³"},  {"m3/s", "m³/s"},  {"kW/m2", "kW/m²"}, {"1/s", "/s"},
        {"1/h", "/h"}, {"1/kWh", "/kWh"}, {"K", "K"},         {"L/kWh", "L/kWh"}};
    const auto it = symbols.find(u);
    return it == symbols.end() ? u : it->second;
}

namespace {
// Unicode East Asian Wide and Fullwidth ranges (UAX #11) that a KPI label can hold.
bool wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}
} // namespace

int displayWidth(const std::string& s) {
    int width = 0;
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t c = n == 1 ? b : b & (0x7F >> n);
        for (int k = 1; k < n && i + size_t(k) < s.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(s[i + size_t(k)]) & 0x3F);
        width += wide(c) ? 2 : 1;
        i += size_t(n);
    }
    return width;
}

std::string padRight(const std::string& s, int width) {
    return s + std::string(size_t(std::max(0, width - displayWidth(s))), ' ');
}

std::string padLeft(const std::string& s, int width) {
    return std::string(size_t(std::max(0, width - displayWidth(s))), ' ') + s;
}

} // namespace halltwin::model
