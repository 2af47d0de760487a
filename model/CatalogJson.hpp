// Catalogue entries from a parsed JSON object (catalogue files and twins exported with their entries).
#pragma once

#include "Catalog.hpp"
#include "JsonFields.hpp"

namespace halltwin::model {

void readCatalogJson(const Json& doc, Catalog& c, const std::string& where, Diagnostics& d);

} // namespace halltwin::model
