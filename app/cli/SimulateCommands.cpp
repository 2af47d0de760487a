// simulate and compare: the system simulation from the command line.
#include "KpiFormat.hpp"
#include "cli/CliCommands.hpp"
#include "cli/CliRender.hpp"
#include "cli/CliSupport.hpp"
#include "cli/SimulateAir.hpp"

#include "model/air/AirResultsFile.hpp"
#include "model/sim/ResultsFile.hpp"
#include "model/sim/SystemSimulation.hpp"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

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

std::optional<s::SimulationResult> run(const m::Twin& t, const s::SimulationOptions& o) {
    try {
        return s::simulate(t, o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return std::nullopt;
    }
}

bool writeText(const QString& path, const QString& text) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "error: cannot write '%s': %s\n", qPrintable(path), qPrintable(f.errorString()));
        return false;
    }
    f.write(text.toUtf8());
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

QJsonObject resultJson(const m::Twin& t, const s::SimulationResult& r) {
    QJsonArray kpis;
    for (const s::Kpi& k : s::kpisOf(t, r))
        kpis.append(QJsonObject{{"key", QString::fromStdString(k.key)},
                                {"label", QString::fromStdString(k.label)},
                                {"units", QString::fromStdString(k.units)},
                                {"value", k.value}});
    QJsonArray warnings;
    for (const std::string& w : r.warnings)
        warnings.append(QString::fromStdString(w));
    return QJsonObject{{"twin", QString::fromStdString(t.name)},
                       {"climate", QString::fromStdString(r.climate)},
                       {"hours", r.annual.hours},
                       {"kpis", kpis},
                       {"warnings", warnings}};
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

bool save(const m::Twin& t, const s::SimulationResult& r, const AirRun* air, const QString& out) {
    try {
        s::saveTwinWithResults(t, r, out.toStdString(), [&](long long id) {
            if (air) m::air::writeAirResults(id, *air->solver, air->hall, air->result);
        });
    } catch (const std::exception& e) {
        return std::fprintf(stderr, "error: %s\n", e.what()), false;
    }
    std::printf("results saved into %s under /results%s\n", qPrintable(out), air ? " and /results/air" : "");
    return true;
}

bool airOptionsNeedAir(const QCommandLineParser& p) {
    for (const char* o : {"cell", "max-steps", "vti"})
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
    // With --air the system simulation runs coupled to the hall's air: the KPIs come from that run.
    std::optional<AirRun> air;
    if (p.isSet("air") && !(air = simulateAir(l.twin, p, *o))) return 1;
    auto r = air ? std::optional<s::SimulationResult>(air->system) : run(l.twin, *o);
    if (!r) return 1;
    std::printf("%s (climate %s, %d h)\n", l.twin.name.c_str(), r->climate.c_str(), r->annual.hours);
    for (const s::Kpi& k : s::kpisOf(l.twin, *r))
        std::printf("  %-44s %14s %s\n", k.label.c_str(), qPrintable(formatKpi(k.value)), k.units.c_str());
    printPowerChain(r->design.power);
    for (const std::string& w : r->warnings)
        std::fprintf(stderr, "warning: %s\n", w.c_str());
    if (p.isSet("json") && !writeText(p.value("json"), QJsonDocument(resultJson(l.twin, *r)).toJson()))
        return 1;
    if (p.isSet("csv") && !writeText(p.value("csv"), hourlyCsv(r->annual))) return 1;
    if (!out->isEmpty() && !save(l.twin, *r, air ? &*air : nullptr, *out)) return 1;
    return 0;
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
        auto r = run(l.twin, *o);
        if (!r) return 1;
        names.push_back(l.twin.name);
        columns.push_back(s::kpisOf(l.twin, *r));
        twins.push_back(l.twin), results.push_back(*r);
        for (const std::string& w : r->warnings)
            std::fprintf(stderr, "warning (%s): %s\n", l.twin.name.c_str(), w.c_str());
    }
    std::printf("%-44s", "KPI");
    for (const std::string& n : names)
        std::printf(" %16s", n.c_str());
    std::printf("  units\n");
    QString csv = "kpi,units";
    for (const std::string& n : names)
        csv += "," + QString::fromStdString(n);
    csv += "\n";
    for (size_t row = 0; row < columns.front().size(); ++row) {
        const s::Kpi& k = columns.front()[row];
        std::printf("%-44s", k.label.c_str());
        csv += QString("\"%1\",%2").arg(QString::fromStdString(k.label), QString::fromStdString(k.units));
        for (const auto& col : columns) {
            std::printf(" %16s", qPrintable(formatKpi(col[row].value)));
            csv += "," + QString::number(col[row].value, 'g', 10);
        }
        std::printf("  %s\n", k.units.c_str());
        csv += "\n";
    }
    if (p.isSet("csv") && !writeText(p.value("csv"), csv)) return 1;
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
