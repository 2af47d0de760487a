// Plain value types shared by the scene, the offscreen renderer and their callers; no VTK here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace halltwin::render {

using Rgb = std::array<std::uint8_t, 3>;

enum class View { Iso, Plan, Row };
enum class ColourMode { None, Power, Inlet, Chip, Utilisation };

std::optional<View> parseView(const std::string& s);             // iso | plan | row
std::optional<ColourMode> parseColourMode(const std::string& s); // none | power | inlet | chip | utilisation

// An 8-bit RGB image, row 0 at the top (as in PNG files and QImage).
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;

    Rgb at(int x, int y) const {
        const size_t i = 3 * (size_t(y) * size_t(width) + size_t(x));
        return {rgb[i], rgb[i + 1], rgb[i + 2]};
    }
};

// A per-rack scalar to colour by; NaN marks racks the quantity does not apply to (drawn grey).
struct RackScalars {
    std::vector<double> values; // indexed like twin.racks
    std::string title, units;
};

// A cell-centred field on a uniform grid (x fastest), e.g. the air solver's temperature.
struct ScalarField {
    std::vector<float> values;
    int nx = 0, ny = 0, nz = 0;
    std::array<double, 3> origin{}, spacing{1, 1, 1}; // low corner of the grid and cell size (m)
    std::string title, units;
};

// Cell-centred velocity components on the same grid as a ScalarField.
struct VectorField {
    std::vector<float> u, v, w;
};

struct Range {
    double min = 0, max = 1;
};

// The finite min/max of the values, widened a little when all are equal so the colormap has a span.
Range rangeOf(const std::vector<double>& values);

} // namespace halltwin::render
