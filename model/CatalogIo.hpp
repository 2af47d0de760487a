// Loading the equipment catalogue from assets/catalog/*.json and finding the bundled assets.
#pragma once

#include "Catalog.hpp"
#include "Diagnostics.hpp"

#include <filesystem>

namespace halltwin::model {

struct Twin;

// HALLTWIN_ASSETS if set, else the source tree's assets (developer builds), else the installed share dir.
std::filesystem::path assetDir();

Catalog loadCatalogDir(const std::filesystem::path& dir, Diagnostics& d);

// The entries a twin refers to, directly or through servers and racks: what a twin file embeds.
Catalog entriesUsedBy(const Twin& twin, const Catalog& full);

// Every entry valid: ranges, a source, curves from 0 to 100 % load, references between entries resolve.
void checkCatalog(const Catalog& c, Diagnostics& d);

} // namespace halltwin::model
