#include "render/Colormap.hpp"

#include <algorithm>
#include <cmath>

namespace halltwin::render {
namespace {

// Matplotlib's viridis sampled at nine evenly spaced points; linear interpolation between them stays
// within one or two levels of the full 256-entry table.
constexpr Rgb stops[viridisStops] = {{68, 1, 84},    {71, 45, 123},  {59, 82, 139},
                                     {44, 114, 142}, {33, 145, 140}, {40, 174, 128},
                                     {94, 201, 98},  {173, 220, 48}, {253, 231, 37}};

} // namespace

Rgb viridisStop(int i) {
    return stops[std::clamp(i, 0, viridisStops - 1)];
}

Rgb viridis(double t) {
    if (!std::isfinite(t)) return palette::noValue;
    const double s = std::clamp(t, 0.0, 1.0) * (viridisStops - 1);
    const int i = std::min(int(s), viridisStops - 2);
    const double f = s - i;
    Rgb out;
    for (int c = 0; c < 3; ++c)
        out[size_t(c)] =
            std::uint8_t(std::lround(stops[i][size_t(c)] * (1 - f) + stops[i + 1][size_t(c)] * f));
    return out;
}

Rgb rackCoolingColour(const std::string& cooling) {
    if (cooling == "liquid") return palette::liquidRack;
    if (cooling == "immersion") return palette::immersionRack;
    return palette::airRack;
}

std::optional<View> parseView(const std::string& s) {
    if (s == "iso") return View::Iso;
    if (s == "plan") return View::Plan;
    if (s == "row") return View::Row;
    return std::nullopt;
}

std::optional<ColourMode> parseColourMode(const std::string& s) {
    if (s == "none") return ColourMode::None;
    if (s == "power") return ColourMode::Power;
    if (s == "inlet") return ColourMode::Inlet;
    if (s == "chip") return ColourMode::Chip;
    if (s == "utilisation" || s == "utilization") return ColourMode::Utilisation;
    return std::nullopt;
}

Range rangeOf(const std::vector<double>& values) {
    Range r{INFINITY, -INFINITY};
    for (double v : values)
        if (std::isfinite(v)) r.min = std::min(r.min, v), r.max = std::max(r.max, v);
    if (r.min > r.max) return {0, 1};
    if (r.max - r.min < 1e-9) {
        const double pad = std::max(1.0, std::abs(r.max) * 0.05);
        return {r.min - pad, r.max + pad};
    }
    return r;
}

} // namespace halltwin::render
