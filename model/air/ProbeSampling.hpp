// What a twin's probes read in a solved hall: the air temperature and speed at each named point, by
// trilinear interpolation of the cell-centre fields over the air cells around it (the weights of solid
// neighbours are dropped and the rest renormalised, so a sensor on a rack's face reads the air in front of
// it, as a real one does). A point with no air cell around it (inside a rack) reads nothing.
#pragma once

#include "AirResultsFile.hpp"
#include "ProbeReading.hpp"
#include "model/Twin.hpp"

#include <string>
#include <vector>

namespace halltwin::model::air {

ProbeReading sampleProbe(const AirFields& f, const Probe& p);
std::vector<ProbeReading> sampleProbes(const AirFields& f, const std::vector<Probe>& probes);

} // namespace halltwin::model::air
