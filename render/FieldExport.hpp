// Air fields as VTK XML image data (.vti) for ParaView: an image with one more point than cells along each
// axis, so the solver's cell-centred values are cell data ("temperature" in °C, "velocity" in m/s,
// "solid" 0/1) at their true positions.
#pragma once

#include "model/air/AirResultsFile.hpp"

#include <filesystem>

namespace halltwin::render {

// Throws std::runtime_error naming the file when the fields are inconsistent or it cannot be written.
void writeVti(const model::air::AirFields& fields, const std::filesystem::path& path);

} // namespace halltwin::render
