// Simulation results inside an HDF5 twin file, under /results (see docs/file-format.md): the KPI table,
// the per-rack table at the design point and the hourly series, each numeric dataset with its units.
#pragma once

#include "model/sim/SystemSimulation.hpp"

#include <filesystem>
#include <functional>

namespace halltwin::model::sim {

// fileId is an open HDF5 file (SaveOptions::writeExtra hands one over); /results may exist already.
void writeResults(long long fileId, const Twin& twin, const SimulationResult& result);

// Saves the twin with its results atomically (a failed save keeps the old file); `alsoWrite` adds more
// results to the same file (e.g. the air solver's under /results/air).
void saveTwinWithResults(const Twin& twin, const SimulationResult& result, const std::filesystem::path& path,
                         const std::function<void(long long fileId)>& alsoWrite = {});

// The KPI table stored in a file, or empty when the file has no results.
std::vector<Kpi> readKpis(const std::filesystem::path& path);

} // namespace halltwin::model::sim
