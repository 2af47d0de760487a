#include "StudyLimits.hpp"

#include "Pareto.hpp"
#include "model/NumberText.hpp"

#include <cmath>
#include <cstdlib>

namespace halltwin::model::study {

namespace {

std::string trimmed(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

bool meets(const VariantResult& v, const std::vector<Limit>& limits) {
    for (const Limit& l : limits)
        if (!(l.atMost ? v.kpis[l.column] <= l.value : v.kpis[l.column] >= l.value)) return false;
    return true;
}

} // namespace

std::optional<size_t> columnOf(const StudyResults& r, const std::string& key) {
    for (size_t c = 0; c < r.kpis.size(); ++c)
        if (r.kpis[c].key == key) return c;
    return std::nullopt;
}

std::optional<Limit> parseLimit(const StudyResults& r, const std::string& spec, std::string& error) {
    const size_t le = spec.find("<="), ge = spec.find(">=");
    const size_t at = le != std::string::npos ? le : ge;
    error = "write KPI<=VALUE or KPI>=VALUE with a KPI of these results";
    if ((le == std::string::npos) == (ge == std::string::npos)) return std::nullopt;
    const std::string key = trimmed(spec.substr(0, at)), number = trimmed(spec.substr(at + 2));
    double value = 0;
    if (!parseNumber(number, value)) {
        error = "'" + number + "' is not a number";
        return std::nullopt;
    }
    const std::optional<size_t> c = columnOf(r, key);
    if (!c) {
        error = "'" + key + "' is not a KPI of these results";
        return std::nullopt;
    }
    error.clear();
    return Limit{*c, le != std::string::npos, value};
}

bool usable(const VariantResult& v, const std::vector<Limit>& limits) {
    return v.done && v.error.empty() && meets(v, limits);
}

bool outsideLimits(const VariantResult& v, const std::vector<Limit>& limits) {
    return v.done && v.error.empty() && !meets(v, limits);
}

std::vector<size_t> paretoOf(const StudyResults& r, const std::vector<size_t>& columns,
                             const std::vector<Limit>& limits) {
    std::vector<bool> maximise;
    for (size_t c : columns)
        maximise.push_back(r.kpis[c].higherIsBetter);
    std::vector<std::vector<double>> rows;
    for (const VariantResult& v : r.variants) {
        std::vector<double> row;
        for (size_t c : columns)
            row.push_back(usable(v, limits) ? v.kpis[c] : std::nan(""));
        rows.push_back(std::move(row));
    }
    return paretoSet(rows, maximise);
}

} // namespace halltwin::model::study
