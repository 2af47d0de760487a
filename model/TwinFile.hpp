// HDF5 twin files (schema version 1, see docs/file-format.md): self-contained, atomic saves.
#pragma once

#include "TwinJson.hpp"

#include <filesystem>
#include <functional>
#include <stdexcept>

namespace halltwin::model {

struct SaveError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct SaveOptions {
    // Runs after the temporary file is complete and before it replaces the target; tests throw here to
    // prove a failed save leaves the old file untouched.
    std::function<void(const std::filesystem::path& tempFile)> beforeCommit;
    // Extra groups written beside the twin (simulation results); receives the open file id.
    std::function<void(long long fileId)> writeExtra;
};

// Writes to a temporary file beside `path`, then renames it over `path`. Throws SaveError.
void saveTwinFile(const Twin& twin, const std::filesystem::path& path, const SaveOptions& options = {});

// Never throws: every problem comes back in the diagnostics, naming the object and field.
TwinLoad loadTwinFile(const std::filesystem::path& path);

// Loads either format by extension (.json or .h5), with the bundled catalogue for JSON sources.
TwinLoad loadTwinAny(const std::filesystem::path& path);

} // namespace halltwin::model
