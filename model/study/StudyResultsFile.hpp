// Study results in HDF5 (docs/studies.md, "Results file"): under /study the parameter table (each
// parameter's value per variant, as JSON text, and its list of values), the KPI table (one float64
// dataset per KPI with its units, NaN where it does not apply), and each variant's status ("ok",
// "not run" or "error: …"). Written atomically, so a killed run leaves the last complete file to resume.
#pragma once

#include "StudyRun.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace halltwin::model::study {

inline constexpr const char* kStudyResultsFormat = "halltwin-study-results";

void saveStudyResults(const StudyResults& r, const std::filesystem::path& path);
// The file is HDF5 with a /study group: the app opens it as results, not as a twin.
bool isStudyResultsFile(const std::filesystem::path& path);
// Errors name the file and the dataset; nothing is returned then.
std::optional<StudyResults> loadStudyResults(const std::filesystem::path& path, Diagnostics& d);

// The study the results were made by, with its base twin as run, to rebuild any variant (variantTwin);
// an error when the file holds neither (written before they were kept).
std::optional<Study> studyOfResults(const StudyResults& r, const std::filesystem::path& path, Diagnostics& d);

// When to save a running study: after `batch` variants at first, then after more of them while a save
// costs over `share` of the time the variants since the last save took (kept series make files large):
// a kill loses a little more, the run stays within its overhead budget.
class SaveCadence {
  public:
    explicit SaveCadence(size_t batch, double share = 0.02)
        : batch_(std::max<size_t>(1, batch)), share_(share) {}
    size_t batch() const { return batch_; }
    void saved(double variantSeconds, double saveSeconds) {
        if (saveSeconds > share_ * variantSeconds) batch_ *= 4;
    }

  private:
    size_t batch_;
    double share_;
};

// Runs the variants still to do in batches (SaveCadence from `batch`), saving `path` (atomically) after
// each, so a killed run loses at most one batch; `saved` hears of each save. Returns early when `o.cancel`
// is set.
void runStudyToFile(const Study& s, const Catalog& catalog, StudyResults& results,
                    const std::filesystem::path& path, RunOptions o, size_t batch,
                    const std::function<void()>& saved = {});

} // namespace halltwin::model::study
