// Whole-twin validation after loading or before saving.
#pragma once

#include "Diagnostics.hpp"
#include "Twin.hpp"

namespace halltwin::model {

// Ranges and NaNs, unique ids, references to the catalogue and between objects, allowed names,
// and the layout rules (overlaps and leaving the hall are errors, clearances warnings).
Diagnostics validateTwin(const Twin& twin);

} // namespace halltwin::model
