// Opening a twin that came from anywhere. libhdf5 1.10 itself crashes on some damaged headers whose
// checksums are valid (found by fuzzing), which no check of ours can prevent from inside the process:
// an HDF5 file is therefore read once in a child process first, with bounded memory and time. Only a
// file the child read without errors is read again here; when the child dies by a signal or runs out
// of time the file is reported as damaged, and when it finds errors they are reported as it found them,
// so a file that crashes or exhausts the library never reaches the application's own process. The
// check runs where it is called (the GUI thread when opening): a file that hangs the library costs its
// time limit.
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

// Only the check: empty when the child finished reading (with or without errors), else what happened.
std::string crashCheck(const std::filesystem::path& path, const CheckLimits& limits = {});

} // namespace halltwin::model
