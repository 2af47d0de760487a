#include "StudyDesign.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>

namespace halltwin::model::study {

namespace {

std::vector<std::string> tokensOf(const std::string& path) {
    std::vector<std::string> out;
    size_t start = 1;
    while (start <= path.size()) {
        const size_t end = std::min(path.find('/', start), path.size());
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// The concrete JSON Pointers a path with "*" segments stands for in `doc`; every one must name a field
// the base source has (a typo would otherwise change nothing). Empty with `error` set when one does not.
std::vector<std::string> expandPath(const Json& doc, const std::string& path, std::string& error,
                                    bool groups) {
    if (path.empty() || path.front() != '/') {
        error = "must be a JSON Pointer starting with '/', e.g. /cooling/facility/supply_temp_c";
        return {};
    }
    struct Partial {
        const Json* node;
        std::string pointer;
    };
    std::vector<Partial> now{{&doc, ""}};
    for (const std::string& token : tokensOf(path)) {
        std::vector<Partial> next;
        for (const Partial& p : now) {
            const Json& n = *p.node;
            if (token == "*") {
                if (!n.is_array() || n.empty()) {
                    error =
                        fmt::format("'{}' is not a non-empty list in the base twin, so '*' matches nothing",
                                    p.pointer.empty() ? "/" : p.pointer);
                    return {};
                }
                for (size_t i = 0; i < n.size(); ++i)
                    next.push_back({&n[i], fmt::format("{}/{}", p.pointer, i)});
                continue;
            }
            const Json::json_pointer ptr("/" + token);
            if (!n.is_structured() || !n.contains(ptr)) {
                error = fmt::format("'{}/{}' is not in the base twin (write the field there first)",
                                    p.pointer, token);
                return {};
            }
            next.push_back({&n.at(ptr), p.pointer + "/" + token});
        }
        now = std::move(next);
    }
    std::vector<std::string> out;
    for (const Partial& p : now) {
        if (p.node->is_structured() != groups) {
            error =
                groups
                    ? fmt::format("'{}' is one value, but the values are groups of fields", p.pointer)
                    : fmt::format("'{}' is a group of fields, not one value (give whole groups with labels "
                                  "to replace it)",
                                  p.pointer);
            return {};
        }
        out.push_back(p.pointer);
    }
    return out;
}

class Reader {
  public:
    Reader(const Json& doc, Diagnostics& d, std::string object)
        : doc_(doc), d_(d), object_(std::move(object)) {}

    void error(const std::string& field, const std::string& message) { d_.error(object_, field, message); }
    Diagnostics& diagnostics() { return d_; }
    std::string text(const char* key, bool required) {
        if (!doc_.contains(key)) {
            if (required) error(key, "is missing");
            return {};
        }
        if (!doc_[key].is_string()) {
            error(key, "must be text");
            return {};
        }
        return doc_[key].get<std::string>();
    }
    bool flag(const Json& obj, const char* key, bool fallback) {
        if (!obj.contains(key)) return fallback;
        if (!obj[key].is_boolean()) error(key, "must be true or false");
        return obj[key].is_boolean() ? obj[key].get<bool>() : fallback;
    }
    double number(const Json& obj, const char* key, double fallback, double lo, double hi) {
        if (!obj.contains(key)) return fallback;
        const Json& v = obj[key];
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < lo ||
            v.get<double>() > hi) {
            error(key, fmt::format("must be a number in [{}, {}]", lo, hi));
            return fallback;
        }
        return v.get<double>();
    }

  private:
    const Json& doc_;
    Diagnostics& d_;
    std::string object_;
};

std::vector<Json> rangeValues(const Json& r, Reader& in) {
    if (!r.is_object() || !r.contains("from") || !r.contains("to") || !r.contains("step")) {
        in.error("range", "must be an object with from, to and step");
        return {};
    }
    const double from = in.number(r, "from", 0, -1e12, 1e12), to = in.number(r, "to", 0, -1e12, 1e12);
    const double step = in.number(r, "step", 1, 1e-12, 1e12);
    const double n = std::floor((to - from) / step + 1e-9) + 1;
    if (n < 1 || n > 10000) {
        in.error("range", "must hold between 1 and 10000 values (from ≤ to, step > 0)");
        return {};
    }
    std::vector<Json> out;
    for (int i = 0; i < int(n); ++i)
        out.push_back(from + i * step);
    return out;
}

// Values (or a range) and their labels. Values are all scalars or all groups; groups need labels.
void readValues(const Json& p, Reader& in, Parameter& out) {
    if (p.contains("values") == p.contains("range"))
        return in.error("values", "give either values (a list) or range (from, to, step)");
    if (p.contains("range")) {
        out.values = rangeValues(p["range"], in);
    } else if (!p["values"].is_array() || p["values"].empty()) {
        return in.error("values", "must be a non-empty list");
    } else {
        for (const Json& v : p["values"]) {
            if (v.is_null() || v.is_structured() != p["values"].front().is_structured())
                return in.error("values", "must be all numbers, text or true/false, or all groups of fields");
            out.values.push_back(v);
        }
    }
    if (out.values.empty()) return;
    const bool groups = out.values.front().is_structured();
    if (!p.contains("labels")) {
        if (groups) in.error("labels", "are required when the values are groups of fields");
        return;
    }
    const Json& l = p["labels"];
    if (!l.is_array() || l.size() != out.values.size())
        return in.error("labels", "must be a list of text, one per value");
    for (const Json& x : l) {
        if (!x.is_string() || x.get<std::string>().empty())
            return in.error("labels", "must be non-empty text");
        if (std::find(out.labels.begin(), out.labels.end(), x.get<std::string>()) != out.labels.end())
            return in.error("labels", "must differ from each other");
        out.labels.push_back(x.get<std::string>());
    }
}

Parameter readParameter(const Json& p, size_t index, const Json& base, Diagnostics& d) {
    Parameter out;
    const std::string object = fmt::format("study parameter {}", index + 1);
    if (!p.is_object()) {
        d.error(object, "", "must be an object with name, path and values (or range)");
        return out;
    }
    Reader in(p, d,
              p.contains("name") && p["name"].is_string()
                  ? "study parameter '" + p["name"].get<std::string>() + "'"
                  : object);
    out.name = in.text("name", true);
    if (out.name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
        std::string::npos)
        in.error("name", "may hold only letters, digits, '_' and '-' (it names a column of the results)");
    out.path = in.text("path", true);
    readValues(p, in, out);
    const bool groups = !out.values.empty() && out.values.front().is_structured();
    if (!out.path.empty()) {
        std::string error;
        if (expandPath(base, out.path, error, groups).empty()) in.error("path", error);
    }
    return out;
}

void readDesign(const Json& doc, Study& s, Reader& in) {
    if (!doc.contains("design")) return;
    const Json& d = doc["design"];
    const std::string kind =
        d.is_object() && d.contains("kind") && d["kind"].is_string() ? d["kind"].get<std::string>() : "";
    if (kind == "grid") return;
    if (kind != "latin_hypercube") {
        in.error("design", "kind must be \"grid\" or \"latin_hypercube\"");
        return;
    }
    s.design = DesignKind::LatinHypercube;
    s.samples = size_t(in.number(d, "samples", 0, 1, double(kMaxVariants)));
    s.seed = std::uint32_t(in.number(d, "seed", 1, 0, 4294967295.0));
    if (!d.contains("samples")) in.error("design", "a Latin hypercube needs samples");
}

void readCompute(const Json& doc, Study& s, Reader& in) {
    if (!doc.contains("compute")) return;
    const Json& c = doc["compute"];
    if (!c.is_object()) return in.error("compute", "must be an object");
    s.year = in.flag(c, "year", true);
    s.air = in.flag(c, "air", false);
    s.airCellM = in.number(c, "air_cell_m", 0.2, 0.05, 1.0);
}

void readKpis(const Json& doc, Study& s, Reader& in) {
    if (!doc.contains("kpis")) return;
    if (!doc["kpis"].is_array()) return in.error("kpis", "must be a list of KPI keys");
    for (const Json& k : doc["kpis"]) {
        if (!k.is_string()) return in.error("kpis", "must be a list of KPI keys");
        s.kpis.push_back(k.get<std::string>());
    }
}

void readFields(const Json& doc, Study& s, Reader& in) {
    if (!doc.contains("fields")) return;
    if (!doc["fields"].is_array()) return in.error("fields", "must be a list of series names");
    for (const Json& f : doc["fields"]) {
        const StudyField* kind = f.is_string() ? studyField(f.get<std::string>()) : nullptr;
        if (!kind) {
            std::string known;
            for (const StudyField& k : kStudyFields)
                known += (known.empty() ? "" : ", ") + std::string(k.key);
            return in.error("fields",
                            fmt::format("{} is not a series a study keeps (one of {})", f.dump(), known));
        }
        if (kind->annual && !s.year)
            return in.error("fields",
                            fmt::format("'{}' is hourly over the year: set compute.year", kind->key));
        if (std::find(s.fields.begin(), s.fields.end(), kind->key) == s.fields.end())
            s.fields.push_back(kind->key);
    }
}

Json readJsonFile(const std::filesystem::path& path, Diagnostics& d, const std::string& object) {
    std::ifstream f(path);
    if (!f) {
        d.error(object, "", "cannot open '" + path.string() + "'");
        return {};
    }
    Json doc = Json::parse(f, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        d.error(object, "", "'" + path.string() + "' is not a valid JSON object");
        return {};
    }
    return doc;
}

void readParameters(const Json& doc, Study& s, Reader& in) {
    if (!doc.contains("parameters") || !doc["parameters"].is_array() || doc["parameters"].empty())
        return in.error("parameters", "must be a non-empty list");
    for (size_t i = 0; i < doc["parameters"].size(); ++i)
        s.parameters.push_back(readParameter(doc["parameters"][i], i, s.baseSource, in.diagnostics()));
    for (size_t i = 0; i < s.parameters.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (!s.parameters[i].name.empty() && s.parameters[i].name == s.parameters[j].name)
                in.error("parameters", "two parameters are named '" + s.parameters[i].name + "'");
}

void checkGridSize(const Study& s, Reader& in) {
    if (!in.diagnostics().ok() || s.design != DesignKind::Grid) return;
    double n = 1;
    for (const Parameter& p : s.parameters)
        n *= double(p.values.size());
    if (n > double(kMaxVariants))
        in.error("design",
                 fmt::format("the full grid has {:.0f} variants, more than {}: use a Latin hypercube", n,
                             kMaxVariants));
}

} // namespace

StudyLoad loadStudy(const std::filesystem::path& path, const Json* base) {
    StudyLoad out;
    const Json doc = readJsonFile(path, out.diagnostics, "study file");
    if (!out.diagnostics.ok()) return out;
    return loadStudyDocument(doc, path, base);
}

StudyLoad loadStudyDocument(const Json& doc, const std::filesystem::path& path, const Json* base) {
    StudyLoad out;
    Diagnostics& d = out.diagnostics;
    Study& s = out.study;
    s.document = doc;
    s.name = doc.contains("name") && doc["name"].is_string() ? doc["name"].get<std::string>()
                                                             : path.stem().string();
    Reader in(doc, d, "study '" + s.name + "'");
    if (in.text("format", true) != kStudyFormat && doc.contains("format"))
        in.error("format", fmt::format("must be \"{}\"", kStudyFormat));
    s.description = in.text("description", false);
    const std::string baseName = in.text("base_twin", base == nullptr);
    if (base) {
        s.baseSource = *base;
    } else {
        if (baseName.empty()) return out;
        s.baseTwin = path.parent_path() / baseName;
        s.baseSource = readJsonFile(s.baseTwin, d, "study '" + s.name + "' base twin");
    }
    if (!d.ok()) return out;
    readParameters(doc, s, in);
    readDesign(doc, s, in);
    readCompute(doc, s, in);
    readKpis(doc, s, in);
    readFields(doc, s, in);
    checkGridSize(s, in);
    return out;
}

const StudyField* studyField(const std::string& key) {
    for (const StudyField& f : kStudyFields)
        if (key == f.key) return &f;
    return nullptr;
}

std::vector<std::vector<size_t>> designOf(const Study& s) {
    std::vector<std::vector<size_t>> rows;
    const size_t np = s.parameters.size();
    if (s.design == DesignKind::Grid) {
        std::vector<size_t> choice(np, 0);
        while (true) {
            rows.push_back(choice);
            size_t p = np;
            while (p > 0 && ++choice[p - 1] == s.parameters[p - 1].values.size())
                choice[--p] = 0;
            if (p == 0) return rows;
        }
    }
    // Latin hypercube: stratum k of n maps to value floor((k + ½)·count / n); the strata are permuted per
    // parameter by Fisher–Yates on the generator's raw output (std::shuffle's use of it is unspecified).
    const size_t n = s.samples;
    rows.assign(n, std::vector<size_t>(np, 0));
    std::mt19937 gen(s.seed);
    for (size_t p = 0; p < np; ++p) {
        std::vector<size_t> strata(n);
        for (size_t k = 0; k < n; ++k)
            strata[k] = k;
        for (size_t k = n; k > 1; --k)
            std::swap(strata[k - 1], strata[size_t(gen() % k)]);
        const size_t count = s.parameters[p].values.size();
        for (size_t r = 0; r < n; ++r)
            rows[r][p] = std::min(count - 1, size_t((double(strata[r]) + 0.5) * double(count) / double(n)));
    }
    return rows;
}

Json variantSource(const Study& s, const std::vector<size_t>& choice) {
    Json doc = s.baseSource;
    for (size_t p = 0; p < s.parameters.size() && p < choice.size(); ++p) {
        std::string error;
        const Parameter& q = s.parameters[p];
        for (const std::string& ptr :
             expandPath(s.baseSource, q.path, error, q.values.front().is_structured()))
            doc[Json::json_pointer(ptr)] = q.values[choice[p]];
    }
    return doc;
}

} // namespace halltwin::model::study
