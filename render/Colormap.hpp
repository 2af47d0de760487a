// Perceptually uniform colours for scalar fields (viridis: monotonic lightness, colour-blind safe),
// and the fixed category colours of the hall's equipment.
#pragma once

#include "render/RenderTypes.hpp"

namespace halltwin::render {

// t in [0, 1]; clamped.
Rgb viridis(double t);
constexpr int viridisStops = 9;
Rgb viridisStop(int i); // the control points, i in [0, viridisStops)

namespace palette {
constexpr Rgb airRack{158, 176, 196}, liquidRack{64, 118, 196}, immersionRack{142, 107, 191};
constexpr Rgb cdu{224, 138, 44}, airHandler{112, 190, 178}, busway{184, 115, 51}, pipe{40, 160, 215};
constexpr Rgb obstruction{150, 150, 156}; // building structure: neutral grey
constexpr Rgb rearDoor{70, 160, 235};     // a water coil on a rack's rear: water blue
constexpr Rgb supplyVent{70, 130, 230}, returnVent{210, 70, 60};
constexpr Rgb frontStrip{38, 38, 42}, noValue{190, 190, 190}, probe{214, 40, 160};
constexpr Rgb floor{226, 226, 222}, tileLine{190, 190, 186}, wall{200, 205, 212};
constexpr Rgb background{246, 246, 246}, text{30, 30, 34};
} // namespace palette

Rgb rackCoolingColour(const std::string& cooling); // air | liquid | immersion

} // namespace halltwin::render
