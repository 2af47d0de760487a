#include "TwinSummary.hpp"

#include "RackPower.hpp"

#include <fmt/format.h>
#include <map>

namespace halltwin::model {
namespace {

std::string rackLines(const Twin& t) {
    std::map<std::string, std::pair<int, double>> byType;
    for (const Rack& r : t.racks) {
        auto& [n, w] = byType[r.type];
        ++n;
        w += rackDesignPowerW(r, t.catalog);
    }
    std::string s;
    for (const auto& [type, nw] : byType) {
        const RackType* rt = find(t.catalog.rackTypes, type);
        s += fmt::format("  {:4} x {:<28} {:8.1f} kW  ({}, {} input, {:.0f} % to liquid)\n", nw.first,
                         rt ? rt->name : type, nw.second / 1e3, rt ? rt->cooling : "?",
                         rt ? rt->powerInput : "?", rt ? rt->liquidCaptureFraction * 100 : 0.0);
    }
    return s;
}

std::string coolingLines(const Twin& t) {
    std::string s;
    double cduW = 0;
    for (const Cdu& c : t.cooling.cdus)
        if (const CduType* ct = find(t.catalog.cduTypes, c.type)) cduW += ct->capacityW;
    double airW = 0;
    for (const AirHandler& a : t.cooling.airHandlers)
        if (const AirHandlerType* at = find(t.catalog.airHandlerTypes, a.type)) airW += at->capacityW;
    s += fmt::format("  CDUs:          {} ({:.0f} kW liquid capacity)\n", t.cooling.cdus.size(), cduW / 1e3);
    s += fmt::format("  Air handlers:  {} ({:.0f} kW air capacity)\n", t.cooling.airHandlers.size(),
                     airW / 1e3);
    const FacilityLoop& f = t.cooling.facility;
    const HeatRejectionType* hr = find(t.catalog.heatRejectionTypes, f.heatRejection);
    s += fmt::format("  Facility loop: {} at {} °C supply, {} x {}", f.fluid, f.supplyTempC,
                     f.heatRejectionCount, hr ? hr->name : f.heatRejection);
    if (const HeatRejectionType* ch = find(t.catalog.heatRejectionTypes, f.chiller))
        s += fmt::format(" + {} x {}", f.chillerCount, ch->name);
    return s + "\n";
}

std::string powerLines(const Twin& t) {
    std::string chain;
    for (const PowerStage& st : t.power.stages) {
        const PowerStageType* pt = find(t.catalog.powerStageTypes, st.type);
        chain += fmt::format("{}{} ({} x{}, {})", chain.empty() ? "" : " -> ", pt ? pt->kind : st.type,
                             pt ? pt->name : "?", st.count, st.redundancy);
    }
    double feedW = 0;
    for (const PowerFeed& f : t.power.feeds)
        feedW += f.capacityW;
    return fmt::format("  Architecture:  {}, grid envelope {:.2f} MW at the meter\n"
                       "  Feeds:         {} ({:.2f} MW total)\n  Chain:         {}\n  Busways:       {}\n",
                       t.power.settings.architecture, t.power.settings.gridCapacityW / 1e6,
                       t.power.feeds.size(), feedW / 1e6, chain, t.power.busways.size());
}

} // namespace

std::string summarize(const Twin& t) {
    const double itW = hallDesignPowerW(t);
    const double area = t.hall.lengthM * t.hall.widthM;
    std::string s = fmt::format("{}\n{}\n", t.name, t.description);
    s += fmt::format("Hall: {:.1f} x {:.1f} x {:.1f} m ({:.0f} m²), {} rows\n", t.hall.lengthM, t.hall.widthM,
                     t.hall.heightM, area, t.rows.size());
    s += fmt::format("Racks: {}, IT capacity {:.1f} kW ({:.2f} kW/m²)\n", t.racks.size(), itW / 1e3,
                     itW / 1e3 / area);
    s += rackLines(t);
    s += "Cooling:\n" + coolingLines(t);
    s += "Power:\n" + powerLines(t);
    s += fmt::format("Workload: {} model(s), hall power cap {:.2f} MW, {} hourly demand values\n",
                     t.workload.models.size(), t.workload.settings.powerCapW / 1e6,
                     t.workload.settings.demandRps.size());
    s += fmt::format("Site: {} (climate '{}'), electricity {} USD/kWh\n", t.site.name, t.site.climate,
                     t.site.electricityUsdPerKWh);
    return s;
}

} // namespace halltwin::model
