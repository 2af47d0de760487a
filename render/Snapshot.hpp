// One twin to an image: the scene, coloured by a simulated per-rack quantity, from a camera preset.
#pragma once

#include "model/Twin.hpp"
#include "model/sim/SystemSimulation.hpp"
#include "render/RenderTypes.hpp"

#include <optional>

namespace halltwin::render {

// The per-rack values of a colour mode at the result's design point (empty for ColourMode::None).
RackScalars rackScalars(const model::Twin& twin, const model::sim::SimulationResult& result, ColourMode mode);

struct SnapshotOptions {
    View view = View::Iso;
    ColourMode colour = ColourMode::None;
    int width = 1600, height = 1000;
    std::optional<Range> range; // default: the values' own min and max
    bool title = true;
};

// Simulates the design point (hours = 0) when a colour mode needs values. Throws std::runtime_error
// without a display or when the simulation fails.
Image renderTwin(const model::Twin& twin, const SnapshotOptions& options);

// The heading used on images: the twin's name, and its hall, rack count and floor area.
std::string twinSubtitle(const model::Twin& twin);

} // namespace halltwin::render
