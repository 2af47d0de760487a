#include "StudyResultsFile.hpp"

#include "model/Hdf5.hpp"
#include "model/Hdf5Save.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace halltwin::model::study {

namespace {

constexpr const char* kOk = "ok";
constexpr const char* kNotRun = "not run";

std::string statusOf(const VariantResult& v) {
    if (!v.done) return kNotRun;
    return v.error.empty() ? kOk : "error: " + v.error;
}

void writeParameters(hid_t study, const StudyResults& r) {
    h5::writeStrings(study, "parameter_names", r.parameterNames, false);
    h5::writeStrings(study, "parameter_paths", r.parameterPaths, false);
    h5::Handle values = h5::createGroup(study, "parameter_values", "HT_parameter_values");
    h5::Handle table = h5::createGroup(study, "parameters", "HT_parameter_table");
    for (size_t p = 0; p < r.parameterNames.size(); ++p) {
        h5::writeStrings(values.get(), r.parameterNames[p], r.values[p], false);
        std::vector<std::string> column;
        for (size_t v = 0; v < r.design.size(); ++v)
            column.push_back(r.valueText(v, p));
        h5::writeStrings(table.get(), r.parameterNames[p], column, false);
    }
}

void writeKpis(hid_t study, const StudyResults& r) {
    std::vector<std::string> keys, labels;
    std::vector<double> higher;
    h5::Handle table = h5::createGroup(study, "kpis", "HT_kpi_table");
    for (size_t c = 0; c < r.kpis.size(); ++c) {
        keys.push_back(r.kpis[c].key);
        labels.push_back(r.kpis[c].label);
        higher.push_back(r.kpis[c].higherIsBetter ? 1 : 0);
        std::vector<double> column;
        for (const VariantResult& v : r.variants)
            column.push_back(c < v.kpis.size() ? v.kpis[c] : std::nan(""));
        h5::writeNumbers(table.get(), r.kpis[c].key, column, r.kpis[c].units, false);
    }
    h5::writeStrings(study, "kpi_keys", keys, false);
    h5::writeStrings(study, "kpi_labels", labels, false);
    h5::writeNumbers(study, "kpi_higher_is_better", higher, "1", false);
}

// One float32 dataset per series, variants × values, NaN where a variant has none (not run, failed, or
// shorter: racks differ between variants).
void writeFields(hid_t study, const StudyResults& r) {
    if (r.fields.empty()) return;
    h5::writeStrings(study, "field_keys", r.fields, false);
    h5::Handle group = h5::createGroup(study, "fields", "HT_study_fields");
    const size_t nv = r.variants.size();
    for (size_t f = 0; f < r.fields.size(); ++f) {
        size_t length = 0;
        for (const VariantResult& v : r.variants)
            length = std::max(length, f < v.fields.size() ? v.fields[f].size() : 0);
        if (length == 0) continue; // nothing run yet
        std::vector<float> table(nv * length, std::nanf(""));
        for (size_t v = 0; v < nv; ++v)
            if (f < r.variants[v].fields.size())
                std::copy(r.variants[v].fields[f].begin(), r.variants[v].fields[f].end(),
                          table.begin() + v * length);
        const StudyField* kind = studyField(r.fields[f]);
        h5::writeFloatArray(group.get(), r.fields[f], table, {hsize_t(nv), hsize_t(length)},
                            kind ? kind->units : "1");
    }
}

void readFields(hid_t study, StudyResults& r) {
    if (H5Lexists(study, "field_keys", H5P_DEFAULT) <= 0) return;
    r.fields = h5::readStrings(study, "field_keys", "/study/field_keys");
    const size_t nv = r.variants.size();
    for (size_t f = 0; f < r.fields.size(); ++f) {
        const std::string name = "fields/" + r.fields[f], where = "/study/" + name;
        if (!studyField(r.fields[f])) throw h5::Error("/study/field_keys: unknown series " + r.fields[f]);
        std::vector<float> table;
        if (H5Lexists(study, "fields", H5P_DEFAULT) > 0 && H5Lexists(study, name.c_str(), H5P_DEFAULT) > 0)
            table = h5::readFloatArray(study, name, where);
        if (nv == 0) return;
        if (!table.empty() && h5::shapeOf(study, name, where).front() != hsize_t(nv))
            throw h5::Error(where + ": one row per variant expected");
        if (table.size() % nv != 0) throw h5::Error(where + ": one row per variant expected");
        const size_t length = table.size() / nv;
        for (size_t v = 0; v < nv; ++v) {
            VariantResult& x = r.variants[v];
            x.fields.resize(r.fields.size());
            if (x.done && x.error.empty())
                x.fields[f].assign(table.begin() + v * length, table.begin() + (v + 1) * length);
        }
    }
}

size_t indexOf(const std::vector<std::string>& list, const std::string& text, const std::string& where) {
    const auto it = std::find(list.begin(), list.end(), text);
    if (it == list.end())
        throw h5::Error(where + ": value " + text + " is not one of the parameter's values");
    return size_t(it - list.begin());
}

std::string optionalText(hid_t group, const char* name) {
    if (H5Lexists(group, name, H5P_DEFAULT) <= 0) return {};
    const std::vector<std::string> text = h5::readStrings(group, name, std::string("/study/") + name);
    return text.size() == 1 ? text[0] : std::string();
}

StudyResults readResults(hid_t f) {
    StudyResults r;
    h5::Handle study = h5::openGroup(f, "study", "/study");
    if (h5::readStringAttr(study.get(), "format", "/study") != kStudyResultsFormat)
        throw h5::Error(fmt::format("/study: format is not {}", kStudyResultsFormat));
    r.name = h5::readStringAttr(study.get(), "name", "/study");
    r.parameterNames = h5::readStrings(study.get(), "parameter_names", "/study/parameter_names");
    r.parameterPaths = h5::readStrings(study.get(), "parameter_paths", "/study/parameter_paths");
    const std::vector<std::string> status = h5::readStrings(study.get(), "status", "/study/status");
    r.design.assign(status.size(), std::vector<size_t>(r.parameterNames.size(), 0));
    for (size_t p = 0; p < r.parameterNames.size(); ++p) {
        const std::string& name = r.parameterNames[p];
        r.values.push_back(
            h5::readStrings(study.get(), "parameter_values/" + name, "/study/parameter_values/" + name));
        const std::vector<std::string> column =
            h5::readStrings(study.get(), "parameters/" + name, "/study/parameters/" + name);
        if (column.size() != status.size())
            throw h5::Error("/study/parameters/" + name + ": one value per variant expected");
        for (size_t v = 0; v < column.size(); ++v)
            r.design[v][p] = indexOf(r.values[p], column[v], "/study/parameters/" + name);
    }
    const std::vector<std::string> keys = h5::readStrings(study.get(), "kpi_keys", "/study/kpi_keys");
    const std::vector<std::string> labels = h5::readStrings(study.get(), "kpi_labels", "/study/kpi_labels");
    const std::vector<double> higher =
        h5::readNumbers(study.get(), "kpi_higher_is_better", "/study/kpi_higher_is_better");
    if (labels.size() != keys.size() || higher.size() != keys.size())
        throw h5::Error("/study: one label and direction per KPI expected");
    r.variants.assign(status.size(), VariantResult{});
    for (size_t c = 0; c < keys.size(); ++c) {
        const std::string where = "/study/kpis/" + keys[c];
        r.kpis.push_back(
            {keys[c], labels[c], h5::unitsOf(study.get(), "kpis/" + keys[c], where), higher[c] != 0});
        const std::vector<double> column = h5::readNumbers(study.get(), "kpis/" + keys[c], where);
        if (column.size() != status.size()) throw h5::Error(where + ": one value per variant expected");
        for (size_t v = 0; v < column.size(); ++v)
            r.variants[v].kpis.push_back(column[v]);
    }
    for (size_t v = 0; v < status.size(); ++v) {
        r.variants[v].done = status[v] != kNotRun;
        if (status[v] != kOk && status[v] != kNotRun)
            r.variants[v].error = status[v].substr(std::min<size_t>(7, status[v].size()));
    }
    readFields(study.get(), r);
    r.studySource = optionalText(study.get(), "study_source");
    r.baseSource = optionalText(study.get(), "base_twin_source");
    return r;
}

} // namespace

void saveStudyResults(const StudyResults& r, const std::filesystem::path& path) {
    saveHdf5Atomically(path, [&](long long f) {
        h5::Handle study = h5::createGroup(hid_t(f), "study", "HT_study");
        h5::writeAttr(study.get(), "format", std::string(kStudyResultsFormat));
        h5::writeAttr(study.get(), "name", r.name);
        writeParameters(study.get(), r);
        writeKpis(study.get(), r);
        writeFields(study.get(), r);
        std::vector<std::string> status;
        for (const VariantResult& v : r.variants)
            status.push_back(statusOf(v));
        h5::writeStrings(study.get(), "status", status, false);
        h5::writeStrings(study.get(), "study_source", {r.studySource}, true);
        h5::writeStrings(study.get(), "base_twin_source", {r.baseSource}, true);
    });
}

bool isStudyResultsFile(const std::filesystem::path& path) {
    h5::silenceErrorStack();
    h5::refuseExternalLinks();
    std::error_code ec; // an unreadable path is not a results file, not a reason to stop
    if (!std::filesystem::is_regular_file(path, ec) || H5Fis_hdf5(path.c_str()) <= 0) return false;
    h5::Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    return f.valid() && H5Lexists(f.get(), "study", H5P_DEFAULT) > 0;
}

std::optional<StudyResults> loadStudyResults(const std::filesystem::path& path, Diagnostics& d) {
    h5::silenceErrorStack();
    h5::refuseExternalLinks();
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        d.error("file", "", "'" + path.string() + "' is not an HDF5 file");
        return std::nullopt;
    }
    h5::Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!f.valid()) {
        d.error("file", "", "cannot open '" + path.string() + "'");
        return std::nullopt;
    }
    try {
        return readResults(f.get());
    } catch (const std::exception& e) {
        d.error("study results '" + path.string() + "'", "", e.what());
        return std::nullopt;
    }
}

std::optional<Study> studyOfResults(const StudyResults& r, const std::filesystem::path& path,
                                    Diagnostics& d) {
    const std::string object = "study results '" + path.string() + "'";
    if (r.studySource.empty() || r.baseSource.empty()) {
        d.error(object, "study_source", "not in the file (written by an older version): run the study again");
        return std::nullopt;
    }
    const Json doc = Json::parse(r.studySource, nullptr, false);
    const Json base = Json::parse(r.baseSource, nullptr, false);
    if (doc.is_discarded() || base.is_discarded()) {
        d.error(object, doc.is_discarded() ? "study_source" : "base_twin_source", "is not valid JSON");
        return std::nullopt;
    }
    StudyLoad l = loadStudyDocument(doc, path, &base);
    if (!l.diagnostics.ok() || designOf(l.study) != r.design) {
        d.append(l.diagnostics);
        d.error(object, "study_source", "does not make the variants the file lists");
        return std::nullopt;
    }
    return std::move(l.study);
}

void runStudyToFile(const Study& s, const Catalog& catalog, StudyResults& results,
                    const std::filesystem::path& path, RunOptions o, size_t batch,
                    const std::function<void()>& saved) {
    using Clock = std::chrono::steady_clock;
    SaveCadence cadence(batch);
    do {
        o.limit = cadence.batch();
        const auto t0 = Clock::now();
        runStudy(s, catalog, results, o);
        const auto t1 = Clock::now();
        saveStudyResults(results, path);
        cadence.saved(std::chrono::duration<double>(t1 - t0).count(),
                      std::chrono::duration<double>(Clock::now() - t1).count());
        if (saved) saved();
    } while (doneCount(results) < results.variants.size() && !(o.cancel && o.cancel->load()));
}

} // namespace halltwin::model::study
