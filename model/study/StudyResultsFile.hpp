// Study results in HDF5 (docs/studies.md, "Results file"): under /study the parameter table (each
// parameter's value per variant, as JSON text, and its list of values), the KPI table (one float64
// dataset per KPI with its units, NaN where it does not apply), and each variant's status ("ok",
// "not run" or "error: …"). Written atomically, so a killed run leaves the last complete file to resume.
#pragma once

#include "StudyRun.hpp"

#include <filesystem>
#include <optional>

namespace halltwin::model::study {

inline constexpr const char* kStudyResultsFormat = "halltwin-study-results";

void saveStudyResults(const StudyResults& r, const std::filesystem::path& path);
// Errors name the file and the dataset; nothing is returned then.
std::optional<StudyResults> loadStudyResults(const std::filesystem::path& path, Diagnostics& d);

} // namespace halltwin::model::study
