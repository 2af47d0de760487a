// The Pareto set of a table of objectives: the rows no other row dominates (at least as good in every
// objective and better in one). Rows with a missing (NaN) objective take no part.
#pragma once

#include <cstddef>
#include <vector>

namespace halltwin::model::study {

// `rows[i][k]` is objective k of row i; `maximise[k]` says which direction is better.
std::vector<size_t> paretoSet(const std::vector<std::vector<double>>& rows,
                              const std::vector<bool>& maximise);

} // namespace halltwin::model::study
