#include "render/Snapshot.hpp"

#include "render/AirFieldView.hpp"
#include "render/HallScene.hpp"
#include "render/OffscreenWindow.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace halltwin::render {

namespace s = halltwin::model::sim;

RackScalars rackScalars(const model::Twin& twin, const s::SimulationResult& r, ColourMode mode) {
    const s::OperatingPoint& d = r.design;
    RackScalars out;
    const size_t n = twin.racks.size();
    auto at = [](const std::vector<double>& v, size_t i, double k) { return i < v.size() ? v[i] * k : NAN; };
    switch (mode) {
    case ColourMode::None:
        return out;
    case ColourMode::Power:
        out = {{}, "Rack power", "kW"};
        for (size_t i = 0; i < n; ++i)
            out.values.push_back(at(d.workload.rackPowerW, i, 1e-3));
        break;
    case ColourMode::Inlet:
        // Per rack when the air solver was coupled, else the well-mixed room's one temperature.
        out = {d.rackInletsC.size() == n ? d.rackInletsC : std::vector<double>(n, d.rackInletC),
               "Rack inlet air", "°C"};
        break;
    case ColourMode::Chip:
        out = {{}, "Chip temperature", "°C"};
        for (size_t i = 0; i < n; ++i) {
            const bool cooled = !twin.racks[i].cdu.empty() && i < d.liquid.racks.size();
            const double c = cooled ? d.liquid.racks[i].chipC : NAN;
            out.values.push_back(c > 0 ? c : NAN); // air-cooled racks have no coolant-side model
        }
        break;
    case ColourMode::Utilisation:
        out = {{}, "Accelerator utilisation", "%"};
        for (size_t i = 0; i < n; ++i)
            out.values.push_back(at(d.workload.rackUtilisation, i, 100));
        break;
    }
    return out;
}

std::string twinSubtitle(const model::Twin& t) {
    return fmt::format("{} · {} racks · {:.0f} m²", t.hall.name, t.racks.size(),
                       t.hall.lengthM * t.hall.widthM);
}

std::vector<double> pipeReturnTemperatures(const model::Twin& twin, const s::SimulationResult& r) {
    std::vector<double> out(twin.racks.size(), NAN);
    for (size_t i = 0; i < out.size() && i < r.design.liquid.racks.size(); ++i)
        if (r.design.liquid.racks[i].flowM3s > 0) out[i] = r.design.liquid.racks[i].returnC;
    return out;
}

std::vector<double> buswayLoads(const model::Twin& twin, const s::SimulationResult& r) {
    std::vector<double> out(twin.power.busways.size(), NAN);
    for (size_t i = 0; i < out.size() && i < r.design.power.busways.size(); ++i) {
        const s::BuswayResult& b = r.design.power.busways[i];
        const double installed = twin.power.busways[i].crossSectionMm2;
        if (installed > 0) out[i] = b.sizedCrossSectionMm2 / installed;
    }
    return out;
}

void applyOverlays(HallScene& scene, const model::Twin& twin, const s::SimulationResult& r) {
    scene.setPipeTemperatures(pipeReturnTemperatures(twin, r));
    scene.setBuswayLoads(buswayLoads(twin, r));
}

namespace {

// Throws when the height misses the grid, so a caller cannot mistake an empty image for a cold hall.
void addAirSlice(HallScene& scene, const model::air::AirFields& air, double zM) {
    if (showAirSlice(scene, air, zM)) return;
    throw std::runtime_error(
        fmt::format("a slice at z = {} m misses the air results, which span z = {:.2f} to {:.2f} m", zM,
                    air.origin[2], air.origin[2] + air.dims.nz * air.spacing[2]));
}

} // namespace

Image renderTwin(const model::Twin& twin, const SnapshotOptions& o) {
    OffscreenWindow window(o.width, o.height);
    HallScene scene;
    scene.build(twin);
    if (o.colour != ColourMode::None || o.overlays) {
        s::SimulationOptions so;
        so.hours = 0;
        const s::SimulationResult result = s::simulate(twin, so);
        if (o.colour != ColourMode::None) {
            const RackScalars values = rackScalars(twin, result, o.colour);
            scene.setRackColours(values, o.range ? *o.range : rangeOf(values.values));
        }
        if (o.overlays) applyOverlays(scene, twin, result);
    }
    if (o.air && o.sliceZM) addAirSlice(scene, *o.air, *o.sliceZM);
    const std::string slice = o.air && o.sliceZM ? fmt::format(" · air at z = {:.2f} m", *o.sliceZM) : "";
    if (o.title) scene.setTitle(twin.name, twinSubtitle(twin) + slice);
    scene.setTextScale(std::clamp(std::min(o.width / 1600.0, o.height / 1000.0), 0.6, 2.0));
    window.add(scene.renderer());
    scene.setView(o.view); // after joining the window, so the fit knows the aspect ratio
    return window.grab();
}

} // namespace halltwin::render
