// measured: a twin's probes against a hall's sensor readings (CSV), per probe, per group and overall —
// the difference (model − measured), its RMS, bias and largest magnitude. The air comes from the file's
// /results/air when it has one (sampled at the twin's probes as they are now), else it is solved.
#include "cli/CliCommands.hpp"
#include "cli/CliSupport.hpp"
#include "cli/SimulateAir.hpp"

#include "model/AtomicFile.hpp"
#include "model/air/ProbeComparison.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <fmt/format.h>

#include <cstdio>

namespace halltwin::app {
namespace {

namespace air = halltwin::model::air;

// The air the probes read: stored in the file, or solved now (with --air, or when the file has none).
std::optional<air::AirFields> airOf(const QString& path, const model::Twin& t, const QCommandLineParser& p) {
    if (!p.isSet("air"))
        if (std::optional<air::AirFields> stored = air::readAirFields(path.toStdString())) {
            std::fprintf(stderr, "air: the solved fields saved in %s\n", qPrintable(path));
            return stored;
        }
    std::optional<model::AirSettings> settings;
    if (!airSettingsOf(t, p, settings)) return std::nullopt;
    model::HallSimulationOptions o;
    o.system.hours = 0;
    o.air = settings.value_or(model::AirSettings{p.value("cell").toDouble()});
    o.airProgress = airProgressOnStderr();
    const model::HallSimulationResult r = model::simulateHall(t, o);
    if (!r.air) return std::fprintf(stderr, "error: the air solve did not finish\n"), std::nullopt;
    return r.air->fields;
}

void printComparison(const air::ProbeComparison& c, const char* unit) {
    std::printf("%-18s %-14s %10s %10s %10s %12s\n", "probe", "group", "measured", "model", "model-meas",
                "uncertainty");
    for (const air::ProbeDifference& d : c.probes)
        std::printf("%-18s %-14s %10.2f %10.2f %+10.2f %12s%s\n", d.id.c_str(), d.group.c_str(), d.measured,
                    d.model, d.difference(),
                    d.uncertainty >= 0 ? fmt::format("{:.2f}", d.uncertainty).c_str() : "",
                    d.uncertainty >= 0 && !d.withinUncertainty() ? "  outside" : "");
    std::printf("\n%-18s %6s %10s %10s %10s  (%s)\n", "group", "probes", "RMS", "mean", "max |d|", unit);
    for (const air::DifferenceStats& g : c.groups)
        std::printf("%-18s %6zu %10.2f %+10.2f %10.2f\n", g.group.empty() ? "(no group)" : g.group.c_str(),
                    g.count, g.rms, g.mean, g.maxAbs);
    std::printf("%-18s %6zu %10.2f %+10.2f %10.2f\n", "all", c.all.count, c.all.rms, c.all.mean,
                c.all.maxAbs);
    for (const std::string& id : c.notInAir)
        std::printf("probe '%s' sits inside a solid (no air around it): left out\n", id.c_str());
    if (!c.unmeasured.empty()) std::printf("%zu probes have no measurement\n", c.unmeasured.size());
}

// The per-probe and per-group table as CSV (atomic write).
void writeCsv(const air::ProbeComparison& c, const QString& path) {
    std::string s = "kind,id,group,measured,model,difference,uncertainty,count,rms,mean,max_abs\n";
    for (const air::ProbeDifference& d : c.probes)
        s += fmt::format("probe,{},{},{:.6g},{:.6g},{:.6g},{},,,,\n", d.id, d.group, d.measured, d.model,
                         d.difference(), d.uncertainty >= 0 ? fmt::format("{:.6g}", d.uncertainty) : "");
    for (const air::DifferenceStats& g : c.groups)
        s +=
            fmt::format("group,,{},,,,,{},{:.6g},{:.6g},{:.6g}\n", g.group, g.count, g.rms, g.mean, g.maxAbs);
    s += fmt::format("all,,,,,,,{},{:.6g},{:.6g},{:.6g}\n", c.all.count, c.all.rms, c.all.mean, c.all.maxAbs);
    model::writeFileAtomically(path.toStdString(), s);
}

QJsonObject statsJson(const air::DifferenceStats& g) {
    return {{"group", QString::fromStdString(g.group)},
            {"count", qint64(g.count)},
            {"rms", g.rms},
            {"mean", g.mean},
            {"max_abs", g.maxAbs}};
}

void writeJson(const air::ProbeComparison& c, const QString& path) {
    QJsonArray probes, groups;
    for (const air::ProbeDifference& d : c.probes)
        probes.append(
            QJsonObject{{"id", QString::fromStdString(d.id)},
                        {"group", QString::fromStdString(d.group)},
                        {"measured", d.measured},
                        {"model", d.model},
                        {"difference", d.difference()},
                        {"uncertainty", d.uncertainty >= 0 ? QJsonValue(d.uncertainty) : QJsonValue()}});
    for (const air::DifferenceStats& g : c.groups)
        groups.append(statsJson(g));
    const QJsonObject o{{"probes", probes}, {"groups", groups}, {"all", statsJson(c.all)}};
    model::writeFileAtomically(path.toStdString(), QJsonDocument(o).toJson().toStdString());
}

int measured(const QCommandLineParser& p) {
    const QStringList args = p.positionalArguments();
    const QString quantity = p.value("quantity");
    if (quantity != "temperature" && quantity != "speed")
        return std::fprintf(stderr, "error: --quantity must be temperature or speed\n"), 2;
    model::TwinLoad l = loadForCli(args[0]);
    if (!l.diagnostics.ok()) return 1;
    if (l.twin.probes.empty())
        return std::fprintf(stderr, "error: twin '%s' has no probes (probes is empty)\n",
                            l.twin.name.c_str()),
               1;
    model::Diagnostics d;
    const std::vector<air::Measurement> m = air::readMeasurementsCsv(args[1].toStdString(), d);
    if (!d.ok()) return printProblems(d, false), 1;
    std::optional<air::AirFields> fields;
    try {
        fields = airOf(args[0], l.twin, p);
    } catch (const std::exception& e) { // a damaged /results/air, or a solve that cannot run
        return std::fprintf(stderr, "error: %s\n", e.what()), 1;
    }
    if (!fields) return 1;
    const air::ProbeComparison c = air::compareWithMeasurements(
        air::sampleProbes(*fields, l.twin.probes), m,
        quantity == "speed" ? air::ProbeQuantity::Speed : air::ProbeQuantity::Temperature, d);
    if (!d.ok()) return printProblems(d, false), 1;
    printComparison(c, quantity == "speed" ? "m/s" : "K");
    try {
        if (p.isSet("out")) writeCsv(c, p.value("out"));
        if (p.isSet("json")) writeJson(c, p.value("json"));
    } catch (const std::exception& e) {
        return std::fprintf(stderr, "error: %s\n", e.what()), 1;
    }
    return 0;
}

} // namespace

std::map<QString, CliCommand> measuredCommands() {
    auto options = [](QCommandLineParser& p) {
        p.addOption({"quantity", "What the CSV holds: temperature (°C, default) or speed (m/s).", "Q",
                     "temperature"});
        p.addOption({"out", "Write the per-probe and per-group differences as CSV.", "OUT"});
        p.addOption({"json", "Write the differences as JSON.", "OUT"});
        addAirOptions(p);
    };
    return {
        {"measured",
         {"Compare a twin's probes with measurements (CSV: probe,value[,uncertainty]): per probe, per group "
          "and overall RMS. Uses the file's saved air, or solves it (--air forces a new solve).",
          {"FILE", "MEASUREMENTS"},
          options,
          measured}}};
}

} // namespace halltwin::app
