// The air solver's results (model::air::AirFields, HallAirResult) as the scene's types: temperature slices
// with velocity arrows, rack colours by inlet temperature.
#pragma once

#include "model/Twin.hpp"
#include "model/air/AirResultsFile.hpp"
#include "render/RenderTypes.hpp"

#include <optional>

namespace halltwin::render {

class HallScene;

// "Air temperature" in °C; NaN in solid cells, which hold no air (the slice leaves them clear).
ScalarField airTemperature(const model::air::AirFields& fields);
VectorField airVelocity(const model::air::AirFields& fields);

// The layer of cells a horizontal slice at height zM (hall coordinates) cuts, or nothing when zM lies
// outside the grid.
std::optional<int> sliceLayer(const model::air::AirFields& fields, double zM);
// Min and max temperature of the air (not the solid cells) in that layer.
Range sliceRange(const model::air::AirFields& fields, int layer);

// Shows the horizontal slice at zM with velocity arrows, coloured over that layer's air; false (and the
// scene untouched) when zM misses the grid.
bool showAirSlice(HallScene& scene, const model::air::AirFields& fields, double zM);

// Each rack's mean intake temperature as the air solver found it, in twin.racks order; NaN for racks the
// solve did not see (added since).
RackScalars rackInletScalars(const model::Twin& twin, const model::air::HallAirResult& result);

} // namespace halltwin::render
