// Opening a twin that came from anywhere. libhdf5 1.10 itself crashes on some damaged headers whose
// checksums are valid (found by fuzzing), which no check of ours can prevent from inside the process:
// an HDF5 file is therefore read once in a child process first. When that child dies by a signal,
// overruns its memory bound or its time, the file is reported as damaged and never opened here, so a
// crash in the library cannot kill the application or the work open in it.
#pragma once

#include "model/TwinFile.hpp"

#include <chrono>

namespace halltwin::model {

struct CheckLimits {
    std::chrono::seconds time{60};        // a hang is a damaged file too
    size_t memoryBytes = size_t(8) << 30; // address space of the child
};

// loadTwinAny with HDF5 files read in a child process first. JSON twins are parsed in-process (their
// reader has no library beneath it that could crash).
TwinLoad loadTwinChecked(const std::filesystem::path& path, const CheckLimits& limits = {});

// Only the check: empty when the file can be read in this process, else what happened to the child.
std::string crashCheck(const std::filesystem::path& path, const CheckLimits& limits = {});

} // namespace halltwin::model
