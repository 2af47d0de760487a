// Air-solver results inside an HDF5 twin file, under /results/air (see docs/file-format.md): the
// temperature, velocity and solid fields of the grid, chunked and compressed, the per-rack table and the
// hall's indices, every numeric dataset with its units.
#pragma once

#include "HallAirResult.hpp"
#include "ProbeReading.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace halltwin::model::air {

// Cell-centred fields on a uniform grid, x fastest, then y, then z (as the solver stores them).
struct AirFields {
    Dims dims;
    std::array<double, 3> origin{};         // low corner of the grid in hall coordinates (m), x, y, z
    std::array<double, 3> spacing{1, 1, 1}; // cell size (m), x, y, z
    std::vector<float> temperature;         // °C
    std::vector<float> velocity;            // m/s, three components (x, y, z) per cell
    std::vector<std::uint8_t> solid;        // 1 = no air in the cell (rack, air handler, containment)
};

// The solver's fields as they are written: velocity is zero in solid cells.
AirFields fieldsOf(const AirSolution& solution);

// Everything /results/air holds, apart from the solver: what an application keeps of a finished solve.
struct AirResults {
    AirFields fields;
    HallAirResult result;
    std::vector<std::string> airHandlers; // in the order of their return openings
    std::vector<ProbeReading> probes;     // the twin's probes in the solved air (/results/air/probes)
};

// fileId is an open HDF5 file (SaveOptions::writeExtra hands one over); /results is created when the
// system results have not created it already.
void writeAirResults(long long fileId, const AirSolution& solution, const HallGrid& hall,
                     const HallAirResult& result);
void writeAirResults(long long fileId, const AirResults& results);

// The fields under /results/air, or nothing when the file has none or is not an HDF5 file. Throws
// h5::Error when they are there but damaged or inconsistent.
std::optional<AirFields> readAirFields(const std::filesystem::path& path);
// The fields, the rack table and the hall's indices (convergence monitors are not stored), or nothing
// as readAirFields.
std::optional<AirResults> readAirResults(const std::filesystem::path& path);

} // namespace halltwin::model::air
