// A design study's scatter of two KPIs with its Pareto set marked, as an image for design reviews
// (`halltwin study report --png`). VTK's 2-D charts, rendered offscreen.
#pragma once

#include "render/RenderTypes.hpp"

#include <string>
#include <vector>

namespace halltwin::render {

struct StudyChartData {
    std::string title, xLabel, yLabel;
    std::vector<double> x, y; // one point per variant that ran
    std::vector<bool> pareto; // per point: on the Pareto set
};

inline constexpr Rgb kParetoColour{200, 30, 30};
inline constexpr Rgb kVariantColour{110, 110, 110};

// Throws std::runtime_error when offscreen rendering is unavailable (no X display).
Image renderStudyChart(const StudyChartData& d, int width = 1200, int height = 800);

} // namespace halltwin::render
