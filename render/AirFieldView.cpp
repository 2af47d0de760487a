#include "render/AirFieldView.hpp"

#include "render/HallScene.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace halltwin::render {

ScalarField airTemperature(const model::air::AirFields& a) {
    ScalarField f{a.temperature, a.dims.nx, a.dims.ny,         a.dims.nz,
                  a.origin,      a.spacing, "Air temperature", "°C"};
    for (size_t c = 0; c < f.values.size() && c < a.solid.size(); ++c)
        if (a.solid[c]) f.values[c] = std::numeric_limits<float>::quiet_NaN();
    return f;
}

VectorField airVelocity(const model::air::AirFields& a) {
    VectorField v;
    const size_t n = a.velocity.size() / 3;
    v.u.resize(n), v.v.resize(n), v.w.resize(n);
    for (size_t c = 0; c < n; ++c)
        v.u[c] = a.velocity[3 * c], v.v[c] = a.velocity[3 * c + 1], v.w[c] = a.velocity[3 * c + 2];
    return v;
}

std::optional<int> sliceLayer(const model::air::AirFields& a, double zM) {
    const double k = (zM - a.origin[2]) / a.spacing[2];
    if (!std::isfinite(k) || k < 0 || k > a.dims.nz) return std::nullopt;
    return std::min(int(k), a.dims.nz - 1); // the top face belongs to the top layer
}

Range sliceRange(const model::air::AirFields& a, int k) {
    std::vector<double> values;
    for (int j = 0; j < a.dims.ny; ++j)
        for (int i = 0; i < a.dims.nx; ++i) {
            const size_t c = a.dims.index(i, j, k);
            if (c < a.temperature.size() && (c >= a.solid.size() || !a.solid[c]))
                values.push_back(a.temperature[c]);
        }
    return rangeOf(values);
}

bool showAirSlice(HallScene& scene, const model::air::AirFields& a, double zM) {
    const std::optional<int> layer = sliceLayer(a, zM);
    if (!layer) return false;
    const VectorField velocity = airVelocity(a);
    scene.setHorizontalSlice(airTemperature(a), zM, sliceRange(a, *layer), &velocity);
    return true;
}

RackScalars rackInletScalars(const model::Twin& twin, const model::air::HallAirResult& result) {
    std::map<std::string, double> inlet;
    for (const model::air::RackAirResult& r : result.racks)
        inlet[r.id] = r.inletMeanC;
    RackScalars out{{}, "Rack inlet air (air solver)", "°C"};
    for (const model::Rack& r : twin.racks) {
        const auto it = inlet.find(r.id);
        out.values.push_back(it == inlet.end() ? std::numeric_limits<double>::quiet_NaN() : it->second);
    }
    return out;
}

} // namespace halltwin::render
