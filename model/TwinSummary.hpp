// A plain-text summary of a twin for `halltwin info` and the app's status.
#pragma once

#include "Twin.hpp"

#include <string>

namespace halltwin::model {

std::string summarize(const Twin& twin);

} // namespace halltwin::model
