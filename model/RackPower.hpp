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

} // namespace halltwin::model
