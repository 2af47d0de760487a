// Reading a study's results: KPI columns by key, limits such as max_chip_c<=55 (variants outside them are
// marked and take no part in the Pareto set), and the Pareto set of chosen KPIs, each in its better
// direction. `halltwin study report` and the app's Study window read the results the same way.
#pragma once

#include "StudyRun.hpp"

#include <optional>
#include <string>
#include <vector>

namespace halltwin::model::study {

// A bound on one KPI: atMost (KPI <= value) or at least (KPI >= value).
struct Limit {
    size_t column = 0;
    bool atMost = true;
    double value = 0;
};

std::optional<size_t> columnOf(const StudyResults& r, const std::string& key);

// "KPI<=VALUE" or "KPI>=VALUE" with a KPI of `r`; nothing, with `error` set, otherwise.
std::optional<Limit> parseLimit(const StudyResults& r, const std::string& spec, std::string& error);

// The variant ran without error and meets every limit.
bool usable(const VariantResult& v, const std::vector<Limit>& limits);
// Ran, but misses a limit.
bool outsideLimits(const VariantResult& v, const std::vector<Limit>& limits);

// The Pareto set over `columns` (each in its better direction) of the usable variants.
std::vector<size_t> paretoOf(const StudyResults& r, const std::vector<size_t>& columns,
                             const std::vector<Limit>& limits);

} // namespace halltwin::model::study
