// A design study: a base twin, parameters over its fields and the variants they make (a full grid or a
// Latin hypercube). Parameters address fields by JSON Pointer (RFC 6901) into the twin's JSON source, the
// format of docs/file-format.md, so a study reaches every field of the field tables; "*" as a path segment
// stands for every element of an array (e.g. every row's containment). docs/studies.md has the format.
#pragma once

#include "model/Diagnostics.hpp"
#include "model/JsonFields.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace halltwin::model::study {

inline constexpr const char* kStudyFormat = "halltwin-study";
inline constexpr size_t kMaxVariants = 100000;

struct Parameter {
    std::string name;                // a column of the results
    std::string path;                // JSON Pointer into the base twin's source; "*" segments fan out
    std::vector<Json> values;        // scalars, expanded from a range if given, or whole groups (e.g. /power)
    std::vector<std::string> labels; // how each value is shown; required when values are groups
    // The value as the results show it: its label, else its JSON text (e.g. 35, "hot").
    std::string text(size_t i) const { return labels.empty() ? values[i].dump() : labels[i]; }
};

enum class DesignKind { Grid, LatinHypercube };

struct Study {
    Json document; // the study file as read (kept with the results, so a variant can be rebuilt)
    std::string name, description;
    std::filesystem::path baseTwin; // resolved against the study file's folder
    Json baseSource;                // the base twin's JSON, as read
    std::vector<Parameter> parameters;
    DesignKind design = DesignKind::Grid;
    size_t samples = 0; // Latin hypercube only
    std::uint32_t seed = 1;
    bool year = true; // the annual run, else the design point only
    bool air = false; // the 3-D air solve (with the system simulation, as `simulate --air`)
    double airCellM = 0.2;
    std::vector<std::string> kpis;   // KPI keys kept; empty = all
    std::vector<std::string> fields; // per-variant series kept (kStudyFields), none by default
};

// A series a study can keep for every variant (`fields`): the year's hourly values, or one per rack.
struct StudyField {
    const char* key;
    const char* units; // UDUNITS, as in the twin files
    bool annual;       // hourly over the year: needs compute.year
    const char* what;
};
inline constexpr StudyField kStudyFields[] = {
    {"hourly_pue", "1", true, "PUE of each hour"},
    {"it_w", "W", true, "IT power of each hour"},
    {"facility_w", "W", true, "facility power at the meter, each hour"},
    {"cooling_w", "W", true, "cooling power of each hour"},
    {"dry_bulb_c", "degC", true, "outdoor dry-bulb temperature of each hour"},
    {"decode_tokens_per_s", "s-1", true, "output tokens per second, each hour"},
    {"utilisation", "1", true, "accelerator utilisation of each hour"},
    {"rack_inlets_c", "degC", false, "each rack's intake air temperature at the design point"},
};
const StudyField* studyField(const std::string& key);

struct StudyLoad {
    Study study;
    Diagnostics diagnostics; // errors name the study, the parameter and the field
};

// `base`, when given, stands for the file `base_twin` names (e.g. the twin open in the app), which then
// need not exist.
StudyLoad loadStudy(const std::filesystem::path& path, const Json* base = nullptr);
// A study already parsed; `path` names it and resolves `base_twin` when `base` is not given.
StudyLoad loadStudyDocument(const Json& doc, const std::filesystem::path& path, const Json* base = nullptr);

// Per variant, the index of each parameter's value: the full grid (last parameter fastest) or a Latin
// hypercube of `samples` rows (each parameter's values stratified: every value used equally often,
// the strata permuted per parameter by a Mersenne Twister seeded with `seed`, so a seed always gives the
// same design on every platform).
std::vector<std::vector<size_t>> designOf(const Study& s);

// The base source with one variant's values written at each parameter's path.
Json variantSource(const Study& s, const std::vector<size_t>& choice);

} // namespace halltwin::model::study
