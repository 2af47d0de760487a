// What one probe of a twin reads in the solved air (model/air/ProbeSampling.hpp samples it).
#pragma once

#include <string>

namespace halltwin::model::air {

struct ProbeReading {
    std::string id, group;
    double temperatureC = 0, speedMs = 0;
    bool inAir = false; // false: no air cell around the point; the values mean nothing
};

} // namespace halltwin::model::air
