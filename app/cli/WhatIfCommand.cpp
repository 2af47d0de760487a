// whatif: a failure's timeline from the command line.
#include "cli/CliCommands.hpp"
#include "cli/CliSupport.hpp"

#include "model/AtomicFile.hpp"
#include "model/sim/WhatIf.hpp"

#include <QFile>

#include <cstdio>
#include <optional>

namespace halltwin::app {
namespace {

namespace s = halltwin::model::sim;

// "cdu:ID", "facility:ID", "drycooler:0.5", "feed:ID"
std::optional<s::Fault> parseFault(const QString& spec) {
    const QString kind = spec.section(':', 0, 0), target = spec.section(':', 1);
    s::Fault f;
    if (kind == "cdu")
        f.kind = s::FaultKind::CduPumpTrip;
    else if (kind == "facility")
        f.kind = s::FaultKind::FacilityWaterLoss;
    else if (kind == "feed")
        f.kind = s::FaultKind::PowerFeedLoss;
    else if (kind == "drycooler")
        f.kind = s::FaultKind::DryCoolerFans;
    else
        return std::nullopt;
    if (f.kind == s::FaultKind::DryCoolerFans) {
        bool ok = false;
        f.fansLostFraction = target.isEmpty() ? 0.5 : target.toDouble(&ok);
        if (!target.isEmpty() && (!ok || f.fansLostFraction <= 0 || f.fansLostFraction > 1))
            return std::nullopt;
    } else {
        if (target.isEmpty()) return std::nullopt;
        f.target = target.toStdString();
    }
    return f;
}

// Seconds from "10", "10s" or "2min".
std::optional<double> seconds(QString v) {
    double scale = 1;
    if (v.endsWith("min"))
        scale = 60, v.chop(3);
    else if (v.endsWith('s'))
        v.chop(1);
    bool ok = false;
    const double x = v.toDouble(&ok);
    return ok && x >= 0 ? std::optional(x * scale) : std::nullopt;
}

void printTimeline(const s::WhatIfResult& r) {
    std::printf("%8s %10s %10s %10s %8s %10s %12s\n", "t [s]", "chip [°C]", "loop [°C]", "fac. [°C]", "flow",
                "IT [kW]", "tokens/s");
    for (const s::WhatIfSample& x : r.samples)
        if (int(x.tS) % 10 == 0)
            std::printf("%8.0f %10.1f %10.1f %10.1f %8.2f %10.1f %12.0f\n", x.tS, x.maxChipC,
                        x.coolantSupplyC, x.facilitySupplyC, x.flowFraction, x.itW / 1e3, x.tokensPerS);
}

int whatif(const QCommandLineParser& p) {
    model::TwinLoad l = loadForCli(p.positionalArguments()[0]);
    if (!l.diagnostics.ok()) return 1;
    auto fault = parseFault(p.value("fail"));
    if (!fault)
        return std::fprintf(stderr,
                            "error: --fail must be cdu:ID, facility:ID, feed:ID or drycooler:FRACTION\n"),
               2;
    auto delay = seconds(p.value("standby-delay")), duration = seconds(p.value("duration")),
         at = seconds(p.value("at"));
    if (!duration || !at || (p.isSet("standby-delay") && !delay))
        return std::fprintf(stderr, "error: times are seconds, e.g. 10, 10s or 2min\n"), 2;
    fault->standbyDelayS = p.isSet("standby-delay") ? *delay : -1;
    fault->atS = *at;
    s::WhatIfResult r;
    try {
        r = s::runWhatIf(l.twin, *fault, *duration);
    } catch (const std::exception& e) {
        return std::fprintf(stderr, "error: %s\n", e.what()), 1;
    }
    printTimeline(r);
    for (const std::string& e : r.events)
        std::printf("event: %s\n", e.c_str());
    auto when = [](double t) {
        return t < 0 ? QString("not reached") : QString("%1 s after the fault").arg(t, 0, 'f', 1);
    };
    std::printf("first chip at throttle limit: %s\n", qPrintable(when(r.timeToThrottleS)));
    std::printf("first chip at shutdown limit: %s (without throttling: %s)\n",
                qPrintable(when(r.timeToShutdownS)), qPrintable(when(r.unprotectedTimeToShutdownS)));
    std::printf("throttled energy %.3f kWh, output tokens lost %.0f, backup prevented throttling: %s\n",
                r.throttledEnergyKWh, r.tokensLost, r.backupPreventedThrottle ? "yes" : "no");
    if (p.isSet("csv")) {
        QByteArray csv =
            "t_s,max_chip_c,coolant_supply_c,facility_supply_c,flow_fraction,it_power_w,throttled_w,"
            "output_tokens_per_s\n";
        for (const s::WhatIfSample& x : r.samples)
            csv += QString("%1,%2,%3,%4,%5,%6,%7,%8\n")
                       .arg(x.tS)
                       .arg(x.maxChipC)
                       .arg(x.coolantSupplyC)
                       .arg(x.facilitySupplyC)
                       .arg(x.flowFraction)
                       .arg(x.itW)
                       .arg(x.throttledW)
                       .arg(x.tokensPerS)
                       .toUtf8();
        try { // the old file or the new one, complete
            model::writeFileAtomically(p.value("csv").toStdString(),
                                       std::string_view(csv.constData(), size_t(csv.size())));
        } catch (const std::exception& e) {
            return std::fprintf(stderr, "error: %s\n", e.what()), 1;
        }
    }
    return 0;
}

} // namespace

std::map<QString, CliCommand> whatIfCommands() {
    auto options = [](QCommandLineParser& p) {
        p.addOption({"fail",
                     "The fault: cdu:ID (pump trip), facility:ID (facility water lost at a CDU), "
                     "drycooler:FRACTION (share of dry-cooler fans lost), feed:ID (one feed of a 2N pair).",
                     "FAULT"});
        p.addOption(
            {"standby-delay", "A standby pump starts this long after a pump trip (e.g. 10s).", "TIME"});
        p.addOption({"at", "When the fault happens.", "TIME", "10"});
        p.addOption({"duration", "Length of the run.", "TIME", "600"});
        p.addOption({"csv", "Write the timeline (one row per second) as CSV.", "OUT"});
    };
    return {{"whatif",
             {"Run a failure in time: chip temperatures, throttling and tokens lost.",
              {"FILE"},
              options,
              whatif}}};
}

} // namespace halltwin::app
