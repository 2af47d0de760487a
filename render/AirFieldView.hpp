// The air solver's results (model::air::AirFields) as the scene's field types, for temperature slices
// with velocity arrows.
#pragma once

#include "model/air/AirResultsFile.hpp"
#include "render/RenderTypes.hpp"

#include <optional>

namespace halltwin::render {

// "Air temperature" in °C; NaN in solid cells, which hold no air (the slice leaves them clear).
ScalarField airTemperature(const model::air::AirFields& fields);
VectorField airVelocity(const model::air::AirFields& fields);

// The layer of cells a horizontal slice at height zM (hall coordinates) cuts, or nothing when zM lies
// outside the grid.
std::optional<int> sliceLayer(const model::air::AirFields& fields, double zM);
// Min and max temperature of the air (not the solid cells) in that layer.
Range sliceRange(const model::air::AirFields& fields, int layer);

} // namespace halltwin::render
