// One twin to an image: the scene, coloured by a simulated per-rack quantity, from a camera preset.
#pragma once

#include "model/Twin.hpp"
#include "model/air/AirResultsFile.hpp"
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
    bool overlays = false; // pipes by coolant return temperature, busways by load
    // A horizontal air-temperature slice at this height (hall coordinates) with velocity arrows.
    const model::air::AirFields* air = nullptr;
    std::optional<double> sliceZM;
};

// Simulates the design point (hours = 0) when a colour mode needs values. Throws std::runtime_error
// without a display or when the simulation fails.
// Per rack (NaN without a CDU): the coolant return temperature at the design point.
std::vector<double> pipeReturnTemperatures(const model::Twin& twin,
                                           const model::sim::SimulationResult& result);
// Per busway: design current over the current its installed cross-section carries at the sizing density.
std::vector<double> buswayLoads(const model::Twin& twin, const model::sim::SimulationResult& result);
// Colours pipes and busways of a built scene from the results.
void applyOverlays(class HallScene& scene, const model::Twin& twin,
                   const model::sim::SimulationResult& result);

Image renderTwin(const model::Twin& twin, const SnapshotOptions& options);

// The heading used on images: the twin's name, and its hall, rack count and floor area.
std::string twinSubtitle(const model::Twin& twin);

} // namespace halltwin::render
