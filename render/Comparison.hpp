// Two or three twins side by side in one image: the same camera framing, the same colour range, a
// title over each and a KPI table under them, for design reviews.
#pragma once

#include "model/Twin.hpp"
#include "model/sim/SystemSimulation.hpp"
#include "render/RenderTypes.hpp"

#include <string>
#include <vector>

namespace halltwin::render {

struct CompareEntry {
    const model::Twin* twin;
    const model::sim::SimulationResult* result; // annual figures are shown when it has an annual run
};

struct CompareImageOptions {
    View view = View::Iso;
    ColourMode colour = ColourMode::Power;
    int width = 1800, height = 1100;
};

// The rows of the KPI strip: label, unit symbol and one formatted value per twin (model/KpiText.hpp).
struct KpiRow {
    std::string label, units;
    std::vector<std::string> values;
};
std::vector<KpiRow> comparisonKpis(const std::vector<CompareEntry>& entries);

// Throws std::runtime_error without a display, or for fewer than 1 or more than 4 entries.
Image renderComparison(const std::vector<CompareEntry>& entries, const CompareImageOptions& options);

} // namespace halltwin::render
