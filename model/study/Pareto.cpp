#include "Pareto.hpp"

#include <cmath>

namespace halltwin::model::study {

namespace {

bool complete(const std::vector<double>& r) {
    for (double v : r)
        if (std::isnan(v)) return false;
    return true;
}

// a dominates b: no worse in every objective, better in one.
bool dominates(const std::vector<double>& a, const std::vector<double>& b,
               const std::vector<bool>& maximise) {
    bool better = false;
    for (size_t k = 0; k < a.size(); ++k) {
        const double gain = maximise[k] ? a[k] - b[k] : b[k] - a[k];
        if (gain < 0) return false;
        better = better || gain > 0;
    }
    return better;
}

} // namespace

std::vector<size_t> paretoSet(const std::vector<std::vector<double>>& rows,
                              const std::vector<bool>& maximise) {
    std::vector<size_t> out;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!complete(rows[i])) continue;
        bool dominated = false;
        for (size_t j = 0; j < rows.size() && !dominated; ++j)
            dominated = j != i && complete(rows[j]) && dominates(rows[j], rows[i], maximise);
        if (!dominated) out.push_back(i);
    }
    return out;
}

} // namespace halltwin::model::study
