// Calibration of a twin against a hall's sensors: measurements read from a CSV file (probe id, value,
// optional uncertainty) are set beside what the twin's probes read in the solved air, per probe and per
// group (a sensor strip, a zone): the difference (model − measured), its root mean square, mean (bias)
// and largest magnitude. `halltwin measured` prints and exports it; the app shows it beside the probes.
#pragma once

#include "ProbeSampling.hpp"
#include "model/Diagnostics.hpp"

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace halltwin::model::air {

enum class ProbeQuantity { Temperature, Speed };

struct Measurement {
    std::string probe;
    double value = 0;
    double uncertainty = -1; // < 0: not given
};

// CSV: `probe,value[,uncertainty]` per line; a first line naming the columns, blank lines and lines
// starting with '#' are skipped. Errors name the file, the line and the column.
std::vector<Measurement> readMeasurementsCsv(const std::filesystem::path& path, Diagnostics& d);

struct ProbeDifference {
    std::string id, group;
    double measured = 0, model = 0, uncertainty = -1;
    double difference() const { return model - measured; }
    bool withinUncertainty() const { return uncertainty >= 0 && std::abs(difference()) <= uncertainty; }
};

struct DifferenceStats {
    std::string group; // empty: every probe
    size_t count = 0;
    double rms = 0, mean = 0, maxAbs = 0;
};

struct ProbeComparison {
    std::vector<ProbeDifference> probes; // measured probes that read air, in measurement order
    std::vector<DifferenceStats> groups; // by group name, the ungrouped under ""
    DifferenceStats all;
    std::vector<std::string> notInAir;   // measured, but the probe sits inside a solid
    std::vector<std::string> unmeasured; // probes of the twin with no measurement
};

// Measurements naming a probe the twin does not have are errors (by line order, naming the id).
ProbeComparison compareWithMeasurements(const std::vector<ProbeReading>& readings,
                                        const std::vector<Measurement>& measured, ProbeQuantity q,
                                        Diagnostics& d);

} // namespace halltwin::model::air
