// Nameplate power of racks from their contents: the design IT load before any workload model.
#pragma once

#include "Twin.hpp"

namespace halltwin::model {

// Sum of the server's parts at TDP: accelerators, CPUs, other board power and fans.
double serverNameplateW(const Server& s, const Catalog& c);
// serverCount servers plus the rack type's overhead (switch trays, shelves).
double rackNameplateW(const Rack& r, const Catalog& c);
// What the rack may draw: its nameplate, limited by its power cap when one is set.
double rackDesignPowerW(const Rack& r, const Catalog& c);
double hallDesignPowerW(const Twin& t);

// The air a rack moves and how much it warms: a measured flow, the servers' fans (idle to full flow,
// linear in utilisation) or the type's ΔT. Whatever sets the flow, heat = ρ·c_p·q·ΔT sets the other.
struct RackAirflow {
    double flowM3s = 0, deltaT = 0;
};
RackAirflow rackAir(const Rack& r, const RackType& t, double airHeatW, double utilisation, double rhoCp);

} // namespace halltwin::model
