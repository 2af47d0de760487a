// A simulation as JSON for scripts: everything `simulate` prints (KPIs with units and definitions, how
// the result was made, the air solver's indices and rack table), values that do not apply as null.
#pragma once

#include "model/HallSimulation.hpp"

#include <QJsonObject>

namespace halltwin::app {

QJsonObject resultJson(const model::Twin& twin, const model::HallSimulationResult& r);

} // namespace halltwin::app
