// simulate and compare: the system simulation from the command line.
#include "cli/CliCommands.hpp"
#include "cli/CliRender.hpp"
#include "cli/CliSupport.hpp"
#include "cli/ResultJson.hpp"
#include "cli/SimulateAir.hpp"

#include "model/AtomicFile.hpp"
#include "model/HallSimulation.hpp"
#include "model/KpiText.hpp"
#include "model/air/AirResultsFile.hpp"
#include "model/sim/ResultsFile.hpp"
#include "render/FieldExport.hpp"

#include <fmt/format.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <chrono>
#include <cstdio>
#include <optional>

namespace halltwin::app {
namespace {

namespace m = halltwin::model;
namespace s = halltwin::model::sim;

void addSimulationOptions(QCommandLineParser& p) {
    p.addOption({"hours", "Hours of the annual run (0 = design point only).", "N", "8760"});
    p.addOption({"site", "Climate to use instead of the twin's site (assets/climate/NAME.json).", "NAME"});
}

std::optional<s::SimulationOptions> simulationOptions(const QCommandLineParser& p) {
    s::SimulationOptions o;
    bool ok = false;
    o.hours = p.value("hours").toInt(&ok);
    if (!ok || o.hours < 0 || o.hours > 8760) {
        std::fprintf(stderr, "error: --hours must be an integer from 0 to 8760\n");
        return std::nullopt;
    }
    o.site = p.value("site").toStdString();
    return o;
}

std::optional<m::HallSimulationResult> run(const m::Twin& t, const m::HallSimulationOptions& o) {
    try {
        return m::simulateHall(t, o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return std::nullopt;
    }
}

// A KPI table row for a terminal: label, value and unit symbol in columns (labels may hold 度).
void printKpi(const s::Kpi& k) {
    std::printf("  %s %s %s\n", m::padRight(k.label, 46).c_str(),
                m::padLeft(m::formatKpiValue(k.value), 14).c_str(), m::unitSymbol(k.units).c_str());
}

// JSON and CSV exports are saved like twins: the old file or the new one, complete.
bool writeText(const QString& path, const QString& text) {
    try {
        const QByteArray bytes = text.toUtf8();
        m::writeFileAtomically(path.toStdString(), std::string_view(bytes.constData(), size_t(bytes.size())));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return false;
    }
    return true;
}

QString hourlyCsv(const s::AnnualResult& a) {
    QString out = "hour,dry_bulb_c,it_power_w,facility_power_w,cooling_power_w,distribution_loss_w,pue,"
                  "output_tokens_per_s,utilisation,water_l\n";
    for (int h = 0; h < a.hours; ++h) {
        const size_t i = size_t(h);
        out += QString("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10\n")
                   .arg(h)
                   .arg(a.dryBulbC[i])
                   .arg(a.itW[i])
                   .arg(a.facilityW[i])
                   .arg(a.coolingW[i])
                   .arg(a.lossW[i])
                   .arg(a.hourlyPue[i])
                   .arg(a.decodeTokensPerS[i])
                   .arg(a.utilisation[i])
                   .arg(a.waterL[i]);
    }
    return out;
}

void printPowerChain(const s::PowerChainResult& pc) {
    std::printf("Power chain at the design point, from the utility to the chips:\n");
    for (const s::StageResult& st : pc.stages)
        std::printf("  %-46s %5d x %-4s load %5.1f %%  eff %6.2f %%  loss %8.1f kW  (%s)\n", st.name.c_str(),
                    st.units, st.redundancy.c_str(), 100 * st.loadFraction, 100 * st.efficiency,
                    st.lossW / 1e3, st.location.c_str());
    double buswayW = 0;
    for (const s::BuswayResult& b : pc.busways)
        buswayW += b.conductor.lossW;
    std::printf("  %-46s feeder %.1f kW, busways %.1f kW\n", "Conductors (I²R)",
                pc.feeder.conductor.lossW / 1e3, buswayW / 1e3);
}

// --save writes into FILE, --save-to into another .h5; both with the system and any air results.
std::optional<QString> savePath(const QCommandLineParser& p, const QString& file) {
    const QString out = p.isSet("save-to") ? p.value("save-to") : p.isSet("save") ? file : QString();
    if (!out.isEmpty() && QFileInfo(out).suffix() != "h5") {
        std::fprintf(stderr, "error: results are saved into .h5 twins and '%s' is not one%s\n",
                     qPrintable(out), p.isSet("save-to") ? "" : " (use --save-to OUT.h5)");
        return std::nullopt;
    }
    return out;
}

bool save(const m::Twin& t, const m::HallSimulationResult& r, const QString& out) {
    try {
        s::saveTwinWithResults(t, r.system, out.toStdString(), [&](long long id) {
            if (r.air) m::air::writeAirResults(id, *r.air);
        });
    } catch (const std::exception& e) {
        return std::fprintf(stderr, "error: %s\n", e.what()), false;
    }
    std::printf("results saved into %s under /results%s\n", qPrintable(out),
                r.air ? " and /results/air" : "");
    return true;
}

bool writeVti(const m::HallSimulationResult& r, const QString& path) {
    try {
        render::writeVti(r.air->fields, path.toStdString());
    } catch (const std::exception& e) {
        return std::fprintf(stderr, "error: %s\n", e.what()), false;
    }
    std::printf("air fields written to %s\n", qPrintable(path));
    return true;
}

bool airOptionsNeedAir(const QCommandLineParser& p) {
    for (const char* o : {"cell", "max-steps", "vti", "turbulence"})
        if (p.isSet(o) && !p.isSet("air")) return std::fprintf(stderr, "error: --%s needs --air\n", o), true;
    return false;
}

int simulate(const QCommandLineParser& p) {
    const QString file = p.positionalArguments()[0];
    const auto out = savePath(p, file);
    if (!out || airOptionsNeedAir(p)) return 2;
    m::TwinLoad l = loadForCli(file);
    auto o = simulationOptions(p);
    if (!l.diagnostics.ok() || !o) return 1;
    m::HallSimulationOptions ho{*o, {}, airProgressOnStderr()};
    if (!airSettingsOf(l.twin, p, ho.air)) return 1;
    const auto start = std::chrono::steady_clock::now();
    const auto r = run(l.twin, ho);
    if (!r) return 1;
    const double wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (r->air) printAir(l.twin, *r, wallS);
    const std::string run = r->system.annual.hours > 0
                                ? fmt::format("climate {}, {} h", r->system.climate, r->system.annual.hours)
                                : std::string("design point only");
    std::printf("%s (%s; %s)\n", l.twin.name.c_str(), run.c_str(), r->provenance.describe().c_str());
    for (const s::Kpi& k : m::kpisOf(l.twin, *r))
        printKpi(k);
    printPowerChain(r->system.design.power);
    for (const std::string& w : r->system.warnings)
        std::fprintf(stderr, "warning: %s\n", w.c_str());
    if (p.isSet("json") && !writeText(p.value("json"), QJsonDocument(resultJson(l.twin, *r)).toJson()))
        return 1;
    if (p.isSet("csv") && !writeText(p.value("csv"), hourlyCsv(r->system.annual))) return 1;
    if (p.isSet("vti") && !writeVti(*r, p.value("vti"))) return 1;
    if (!out->isEmpty() && !save(l.twin, *r, *out)) return 1;
    return 0;
}

// The KPI table as CSV: one row per KPI, unit symbols, full precision, empty where a value does not apply.
QString kpiCsv(const std::vector<std::string>& names, const std::vector<std::vector<s::Kpi>>& columns) {
    QString csv = "kpi,units";
    for (const std::string& n : names)
        csv += "," + QString::fromStdString(n);
    csv += "\n";
    for (size_t row = 0; row < columns.front().size(); ++row) {
        const s::Kpi& k = columns.front()[row];
        csv += QString("\"%1\",%2")
                   .arg(QString::fromStdString(k.label), QString::fromStdString(m::unitSymbol(k.units)));
        for (const auto& col : columns)
            csv += "," + (col[row].value ? QString::number(*col[row].value, 'g', 10) : QString());
        csv += "\n";
    }
    return csv;
}

void printKpiTable(const std::vector<std::string>& names, const std::vector<std::vector<s::Kpi>>& columns) {
    std::printf("%s", m::padRight("KPI", 46).c_str());
    for (const std::string& n : names)
        std::printf(" %s", m::padLeft(n, 16).c_str());
    std::printf("  units\n");
    for (size_t row = 0; row < columns.front().size(); ++row) {
        const s::Kpi& k = columns.front()[row];
        std::printf("%s", m::padRight(k.label, 46).c_str());
        for (const auto& col : columns)
            std::printf(" %s", m::padLeft(m::formatKpiValue(col[row].value), 16).c_str());
        std::printf("  %s\n", m::unitSymbol(k.units).c_str());
    }
}

int compare(const QCommandLineParser& p) {
    auto o = simulationOptions(p);
    if (!o) return 1;
    std::vector<std::string> names;
    std::vector<std::vector<s::Kpi>> columns;
    std::vector<m::Twin> twins;
    std::vector<s::SimulationResult> results;
    for (const QString& file : p.positionalArguments()) {
        m::TwinLoad l = loadForCli(file);
        if (!l.diagnostics.ok()) return 1;
        auto r = run(l.twin, {*o, {}, {}});
        if (!r) return 1;
        names.push_back(l.twin.name);
        columns.push_back(m::kpisOf(l.twin, *r));
        twins.push_back(l.twin), results.push_back(r->system);
        for (const std::string& w : r->system.warnings)
            std::fprintf(stderr, "warning (%s): %s\n", l.twin.name.c_str(), w.c_str());
    }
    printKpiTable(names, columns);
    if (p.isSet("csv") && !writeText(p.value("csv"), kpiCsv(names, columns))) return 1;
    if (p.isSet("png")) return writeComparePng(p, twins, results);
    return 0;
}

} // namespace

std::map<QString, CliCommand> simulateCommands() {
    auto simulateOptions = [](QCommandLineParser& p) {
        addSimulationOptions(p);
        p.addOption({"json", "Write the KPIs as JSON.", "OUT"});
        p.addOption({"csv", "Write the hourly series as CSV.", "OUT"});
        p.addOption(
            {"save", "Save the results into the (.h5) twin under /results (and /results/air with --air)."});
        p.addOption({"save-to", "Save the twin with its results to another .h5 file.", "OUT"});
        addAirOptions(p);
    };
    auto compareOptions = [](QCommandLineParser& p) {
        addSimulationOptions(p);
        p.addOption({"csv", "Write the KPI table as CSV.", "OUT"});
        addComparePngOptions(p);
    };
    return {
        {"simulate",
         {"Simulate a twin (design point, hourly year, optionally the hall's air); prints the KPIs.",
          {"FILE"},
          simulateOptions,
          simulate}},
        {"compare",
         {"Simulate two or more twins and print their KPIs side by side.",
          {"A", "B", "MORE..."},
          compareOptions,
          compare}},
    };
}

} // namespace halltwin::app
