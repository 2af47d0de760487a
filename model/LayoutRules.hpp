// Placement rules on top of the collision world: what is refused (overlaps, leaving the hall) and what
// is warned about (service clearances, aisle width).
#pragma once

#include "Diagnostics.hpp"
#include "LayoutWorld.hpp"

#include <optional>

namespace halltwin::model {

// Why `s` cannot stand where it is, or nothing when it can.
std::optional<Problem> placementRefusal(const LayoutWorld& world, const Hall& hall, const Solid& s);

// Clearance and aisle warnings for one solid in its current pose.
std::vector<Problem> clearanceWarnings(const LayoutWorld& world, const Hall& hall, const Solid& s);

// Whole-twin check: refusals become errors, clearances warnings. Fills `world` as a side effect.
Diagnostics checkLayout(const Twin& twin, LayoutWorld& world);

} // namespace halltwin::model
