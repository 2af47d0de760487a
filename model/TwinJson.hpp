// Twin sources in JSON (the reference designs, readable diffs) and JSON export.
#pragma once

#include "Diagnostics.hpp"
#include "Twin.hpp"

#include <filesystem>

namespace halltwin::model {

inline constexpr const char* kFormatName = "halltwin-twin";
// 2 added probes; version 1 files load unchanged (they have none).
inline constexpr int kSchemaVersion = 2;

struct TwinLoad {
    Twin twin;
    Diagnostics diagnostics; // errors mean the twin must not be used
};

// Reads a JSON twin, expands row fills, takes the catalogue entries it uses from `catalog`, and validates.
TwinLoad loadTwinJson(const std::filesystem::path& path, const Catalog& catalog);

// Writes explicit racks (no fills) and the twin's embedded catalogue entries.
void saveTwinJson(const Twin& twin, const std::filesystem::path& path);

} // namespace halltwin::model
