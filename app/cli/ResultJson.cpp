#include "cli/ResultJson.hpp"

#include "model/KpiText.hpp"

#include <QJsonArray>

#include <cmath>

namespace halltwin::app {
namespace {

namespace air = halltwin::model::air;

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// JSON has no NaN: a value that is not a number is null.
QJsonValue number(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonArray kpiArray(const std::vector<model::sim::Kpi>& kpis) {
    QJsonArray out;
    for (const model::sim::Kpi& k : kpis)
        out.append(QJsonObject{{"key", q(k.key)},
                               {"label", q(k.label)},
                               {"units", q(k.units)},
                               {"unit_symbol", q(model::unitSymbol(k.units))},
                               {"value", k.value ? number(*k.value) : QJsonValue(QJsonValue::Null)},
                               {"higher_is_better", k.higherIsBetter},
                               {"definition", q(k.definition)}});
    return out;
}

QJsonObject provenanceJson(const model::Provenance& p) {
    QJsonObject o{{"rack_inlets_from", p.airSolved ? "3-D air solver" : "well-mixed room"},
                  {"description", q(p.describe())}};
    if (!p.airSolved) return o;
    o.insert("coupled", p.coupled);
    o.insert("coupling_passes", p.couplingPasses);
    o.insert("air_steps", p.airSteps);
    o.insert("last_inlet_change_k", number(p.lastChangeK));
    o.insert("cell_m", p.cellM);
    o.insert("turbulence_model", q(p.turbulence));
    o.insert("air_state", q(p.airState));
    o.insert("warm_start", p.warmStart);
    return o;
}

QJsonArray rackArray(const std::vector<air::RackAirResult>& racks) {
    QJsonArray out;
    for (const air::RackAirResult& k : racks)
        out.append(QJsonObject{{"id", q(k.id)},
                               {"inlet_mean_c", number(k.inletMeanC)},
                               {"inlet_max_c", number(k.inletMaxC)},
                               {"exhaust_c", number(k.exhaustC)},
                               {"flow_m3_s", number(k.flowM3s)},
                               {"beta", number(k.beta)}});
    return out;
}

QJsonArray probeArray(const std::vector<air::ProbeReading>& probes) {
    QJsonArray out;
    for (const air::ProbeReading& p : probes)
        out.append(
            QJsonObject{{"id", q(p.id)},
                        {"group", q(p.group)},
                        {"in_air", p.inAir},
                        {"temperature_c", p.inAir ? number(p.temperatureC) : QJsonValue(QJsonValue::Null)},
                        {"speed_m_s", p.inAir ? number(p.speedMs) : QJsonValue(QJsonValue::Null)}});
    return out;
}

QJsonObject airJson(const air::AirResults& a) {
    const air::HallAirResult& r = a.result;
    QJsonArray hot, grid{a.fields.dims.nx, a.fields.dims.ny, a.fields.dims.nz};
    for (const std::string& id : r.hotSpots)
        hot.append(q(id));
    return QJsonObject{{"grid_cells", grid},
                       {"rci_hi_percent", number(r.rciHiPercent)},
                       {"rci_lo_percent", number(r.rciLoPercent)},
                       {"rti_percent", number(r.rtiPercent)},
                       {"shi", number(r.shi)},
                       {"rhi", number(r.rhi)},
                       {"supply_c", number(r.supplyC)},
                       {"return_c", number(r.returnC)},
                       {"hot_spot_c", number(r.hotSpotC)},
                       {"hot_spots", hot},
                       {"rack_air_heat_w", number(r.rackAirHeatW)},
                       {"removed_heat_w", number(r.removedW)},
                       {"energy_imbalance", number(r.energyImbalance)},
                       {"steps", r.steps},
                       {"residual", number(r.residual)},
                       {"converged", r.converged},
                       {"averaged", r.averaged},
                       {"fluctuation_k", r.averaged ? number(r.fluctuation) : QJsonValue(QJsonValue::Null)},
                       {"racks", rackArray(r.racks)},
                       {"probes", probeArray(a.probes)}};
}

} // namespace

QJsonObject resultJson(const model::Twin& t, const model::HallSimulationResult& r) {
    QJsonArray warnings;
    for (const std::string& w : r.system.warnings)
        warnings.append(q(w));
    QJsonObject o{{"twin", q(t.name)},
                  {"climate", q(r.system.climate)},
                  {"hours", r.system.annual.hours},
                  {"provenance", provenanceJson(r.provenance)},
                  {"kpis", kpiArray(model::kpisOf(t, r))},
                  {"warnings", warnings}};
    if (r.air) o.insert("air", airJson(*r.air));
    return o;
}

} // namespace halltwin::app
