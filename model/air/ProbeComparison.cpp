#include "ProbeComparison.hpp"

#include "model/NumberText.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <utility>

namespace halltwin::model::air {

namespace {

// Cells trimmed of blanks (and the \r of Windows line ends) and of the quotes spreadsheets put around them.
std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream s(line);
    for (std::string cell; std::getline(s, cell, ',');) {
        const size_t b = cell.find_first_not_of(" \t\r"), e = cell.find_last_not_of(" \t\r");
        cell = b == std::string::npos ? std::string() : cell.substr(b, e - b + 1);
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
            cell = cell.substr(1, cell.size() - 2);
        out.push_back(cell);
    }
    return out;
}

DifferenceStats statsOf(const std::string& group, const std::vector<const ProbeDifference*>& rows) {
    DifferenceStats s{group, rows.size()};
    for (const ProbeDifference* p : rows) {
        const double e = p->difference();
        s.rms += e * e, s.mean += e, s.maxAbs = std::max(s.maxAbs, std::abs(e));
    }
    if (!rows.empty()) s.rms = std::sqrt(s.rms / double(rows.size())), s.mean /= double(rows.size());
    return s;
}

} // namespace

std::vector<Measurement> readMeasurementsCsv(const std::filesystem::path& path, Diagnostics& d) {
    std::vector<Measurement> out;
    std::ifstream in(path);
    if (!in) return d.error("measurements", "", "cannot open '" + path.string() + "'"), out;
    std::string line;
    bool first = true; // the first line with content may name the columns
    for (int n = 1; std::getline(in, line); ++n) {
        if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3); // a UTF-8 byte order mark
        const std::vector<std::string> cells = splitCsv(line);
        if (cells.empty() || cells[0].empty() || cells[0][0] == '#') continue;
        const bool header = std::exchange(first, false);
        const std::string where = fmt::format("measurements '{}' line {}", path.filename().string(), n);
        Measurement m{cells[0]};
        if (cells.size() < 2 || !parseNumber(cells[1], m.value)) {
            if (header) continue; // the column names
            d.error(where, "value", fmt::format("'{}' is not a number", cells.size() < 2 ? "" : cells[1]));
            continue;
        }
        if (cells.size() > 2 && !cells[2].empty() &&
            (!parseNumber(cells[2], m.uncertainty) || m.uncertainty < 0))
            d.error(where, "uncertainty", fmt::format("'{}' is not a number ≥ 0", cells[2]));
        out.push_back(m);
    }
    if (out.empty() && d.ok()) d.error("measurements", "", "'" + path.string() + "' holds no measurement");
    return out;
}

ProbeComparison compareWithMeasurements(const std::vector<ProbeReading>& readings,
                                        const std::vector<Measurement>& measured, ProbeQuantity q,
                                        Diagnostics& d) {
    ProbeComparison c;
    std::map<std::string, const ProbeReading*> byId;
    for (const ProbeReading& r : readings)
        byId[r.id] = &r;
    std::map<std::string, bool> seen;
    for (const Measurement& m : measured) {
        const auto it = byId.find(m.probe);
        if (it == byId.end()) {
            d.error("measurements", "probe", fmt::format("'{}' is not a probe of the twin", m.probe));
            continue;
        }
        seen[m.probe] = true;
        const ProbeReading& r = *it->second;
        if (!r.inAir) {
            c.notInAir.push_back(r.id);
            continue;
        }
        c.probes.push_back(
            {r.id, r.group, m.value, q == ProbeQuantity::Speed ? r.speedMs : r.temperatureC, m.uncertainty});
    }
    for (const ProbeReading& r : readings)
        if (!seen.count(r.id)) c.unmeasured.push_back(r.id);
    std::map<std::string, std::vector<const ProbeDifference*>> groups;
    std::vector<const ProbeDifference*> all;
    for (const ProbeDifference& p : c.probes)
        groups[p.group].push_back(&p), all.push_back(&p);
    for (const auto& [name, rows] : groups)
        c.groups.push_back(statsOf(name, rows));
    c.all = statsOf("", all);
    return c;
}

} // namespace halltwin::model::air
