// HDF5 twin files (schema version 1, see docs/file-format.md): self-contained, atomic saves.
#pragma once

#include "AtomicFile.hpp"

#include "TwinJson.hpp"

#include <filesystem>
#include <functional>
#include <stdexcept>

namespace halltwin::model {

struct SaveOptions {
    // Runs after the temporary file is complete and before it replaces the target; tests throw here to
    // prove a failed save leaves the old file untouched.
    std::function<void(const std::filesystem::path& tempFile)> beforeCommit;
    // Extra groups written beside the twin (simulation results); receives the open file id.
    std::function<void(long long fileId)> writeExtra;
};

// Builds the file in memory, then writes it atomically (model/AtomicFile.hpp): the old file or the new
// one, complete, whatever happens. Throws SaveError.
void saveTwinFile(const Twin& twin, const std::filesystem::path& path, const SaveOptions& options = {});

// Never throws: every problem comes back in the diagnostics, naming the object and field.
TwinLoad loadTwinFile(const std::filesystem::path& path);

// Loads either format by extension (.json or .h5), with the bundled catalogue for JSON sources.
TwinLoad loadTwinAny(const std::filesystem::path& path);

} // namespace halltwin::model
