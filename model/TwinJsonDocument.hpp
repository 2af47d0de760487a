// Twins from JSON already in memory (e.g. a design study's variants), apart from TwinJson.hpp so that
// its includers need not parse nlohmann-json.
#pragma once

#include "JsonFields.hpp"
#include "TwinJson.hpp"

#include <string>

namespace halltwin::model {

// As loadTwinJson, from a parsed document; `source` names it in errors.
TwinLoad loadTwinJsonDocument(const Json& doc, const Catalog& catalog, const std::string& source);

// The twin as saveTwinJson writes it: explicit racks, its catalogue entries embedded, and those of
// `alsoEmbed` it does not have (so that edits of it, e.g. a study's variants, may use them).
Json twinJsonDocument(const Twin& twin, const Catalog& alsoEmbed = {});

} // namespace halltwin::model
