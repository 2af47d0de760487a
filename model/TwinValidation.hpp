// Whole-twin validation after loading or before saving.
#pragma once

#include "Diagnostics.hpp"
#include "Twin.hpp"

namespace halltwin::model {

// Ranges and NaNs, unique ids, references to the catalogue and between objects, allowed names,
// and the layout rules (overlaps and leaving the hall are errors, clearances warnings).
Diagnostics validateTwin(const Twin& twin);

// The values a text field of a twin object may take (a vent's "kind", an air handler's "discharge", ...);
// empty for free text. `label` is the object's kind as in messages ("vent", "air handler", "CDU").
std::vector<std::string> allowedValues(std::string_view label, std::string_view field);

} // namespace halltwin::model
