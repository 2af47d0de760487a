#include "model/sim/SystemSimulation.hpp"

#include <cmath>
#include <limits>

namespace halltwin::model::sim {
namespace {

// A value that is there and finite, else empty (a ratio over zero energy is not a KPI).
std::optional<double> some(double v) {
    return std::isfinite(v) ? std::optional(v) : std::nullopt;
}

// A PUE is at least 1 by definition: 0 means there was no IT energy to divide by.
double pueOrNaN(double v) {
    return v > 0 ? v : std::numeric_limits<double>::quiet_NaN();
}

struct Context {
    const Twin& t;
    const SimulationResult& r;
    bool annual() const { return r.annual.hours > 0; }
    bool liquid() const { return !r.design.liquid.cdus.empty() && r.design.liquid.flowM3s > 0; }
    bool air() const { return !t.cooling.airHandlers.empty(); }
    bool serving() const { return r.design.workload.plan.fits(); }
    std::optional<double> ifAnnual(double v) const { return annual() ? some(v) : std::nullopt; }
    std::optional<double> ifLiquid(double v) const { return liquid() ? some(v) : std::nullopt; }
};

// Cost per million output tokens: the year's energy bill plus a year of straight-line amortisation.
std::optional<double> costPerMTok(const Context& c) {
    const AnnualResult& a = c.r.annual;
    if (!c.annual() || a.outputTokens <= 0) return std::nullopt;
    double capexUsd = 0;
    for (const Rack& rack : c.t.racks)
        if (const RackType* rt = find(c.t.catalog.rackTypes, rack.type)) capexUsd += rt->capexUsd;
    const double annualCapexUsd = capexUsd / c.t.site.amortisationYears * (a.hours / 8760.0);
    return (a.energyCostUsd + annualCapexUsd) / (a.outputTokens / 1e6);
}

std::vector<Kpi> designKpis(const Context& c) {
    const OperatingPoint& d = c.r.design;
    const double area = c.t.hall.lengthM * c.t.hall.widthM;
    const CduState* cdu = c.liquid() ? &d.liquid.cdus.front() : nullptr;
    return {
        {"racks", "Racks", "1", double(c.t.racks.size()), true, "Racks in the twin."},
        {"it_kw", "IT power (design)", "kW", d.itW / 1e3, true,
         "Power drawn by the racks at the design point (peak-hour demand), from the workload model."},
        {"facility_kw", "Facility power at the meter", "kW", d.facilityW / 1e3, false,
         "IT + cooling + distribution losses + lighting and house loads at the design point."},
        {"pue_design", "PUE (design point)", "1", some(pueOrNaN(d.pue)), false,
         "Facility power / IT power at the design point (ISO/IEC 30134-2 definition, one hour)."},
        {"distribution_efficiency", "Distribution efficiency to rack", "%",
         100 * d.power.distributionEfficiency, true,
         "Power delivered to the racks / power at the meter, through the converter chain's "
         "efficiency-vs-load curves and the conductors' I²R losses."},
        {"end_to_end_efficiency", "End-to-end efficiency to chips", "%", 100 * d.power.endToEndEfficiency,
         true, "Power reaching the chips' VRMs / power at the meter, the whole chain from utility to chip."},
        {"distribution_loss_kw", "Distribution loss (design)", "kW", d.distributionLossW / 1e3, false,
         "Converter and conductor losses at the design point."},
        {"conductor_mass_kg", "Feeder + busway conductor mass", "kg", d.power.conductorMassKg, false,
         "Copper or aluminium in the feeder and busways, from length, cross-section and density."},
        {"coolant_flow_lpm", "Coolant flow (technology loops)", "L/min", c.ifLiquid(d.liquid.flowM3s * 60e3),
         false,
         "Flow through the cold plates, from the hydraulic network (pump curves, Darcy–Weisbach, "
         "Swamee–Jain); empty without a liquid loop."},
        {"coolant_supply_c", "Coolant supply", "degC", cdu ? some(cdu->techSupplyC) : std::nullopt, true,
         "Technology-loop supply temperature of the first CDU (ε-NTU counter-flow exchanger)."},
        {"coolant_return_c", "Coolant return", "degC", cdu ? some(cdu->techReturnC) : std::nullopt, true,
         "Technology-loop return temperature of the first CDU, from the loop's energy balance."},
        {"rear_door_kw", "Rear doors (design)", "kW",
         d.rearDoorW > 0 ? some(d.rearDoorW / 1e3) : std::nullopt, true,
         "Heat the racks' rear-door heat exchangers take from their exhaust to the CDU loops at the design "
         "point (cross-flow ε-NTU coils rated by their approach); empty without rear doors."},
        {"max_chip_c", "Max chip (case) temperature", "degC",
         d.liquid.maxChipC > 0 ? c.ifLiquid(d.liquid.maxChipC) : std::nullopt, false,
         "Hottest accelerator case temperature: coolant temperature plus power × cold-plate thermal "
         "resistance; empty without liquid-cooled racks."},
        {"rack_inlet_c",
         d.airFromSolver ? "Rack inlet air (air solver, mean)" : "Rack inlet air (well-mixed room)", "degC",
         c.air() ? some(d.rackInletC) : std::nullopt, false,
         "Air-heat-weighted mean rack intake temperature: supply plus a recirculated share of the rack "
         "air rise (per rack from the 3-D air solver when solved, else the well-mixed room's share)."},
        {"tokens_per_s", "Output tokens/s (peak hour)", "1/s", d.workload.decodeTokensPerS, true,
         "Decode tokens per second served at the design point, from the workload's roofline model."},
        {"tokens_per_kwh", "Output tokens per kWh (peak hour)", "1/kWh",
         d.facilityW > 0 ? std::optional(d.workload.decodeTokensPerS * 3600 / (d.facilityW / 1e3))
                         : std::nullopt,
         true, "Output tokens per kWh of facility energy at the design point."},
        {"compute_units_per_h", "Compute delivered (度算力)", "1/h", d.workload.computeUnitsPerHour, true,
         "Compute delivered per hour in 度算力 units (1 unit = 312 TFLOPS sustained for one hour)."},
        {"compute_value_usd_per_h", "Compute value at the 度算力 tariff", "USD/h",
         d.workload.computeUnitsPerHour * c.t.site.computeUnitUsd, true,
         "Compute delivered per hour times the site's 度算力 tariff."},
        {"utilisation", "Accelerator utilisation (peak hour)", "%", 100 * d.workload.utilisation, true,
         "Share of the accelerators' time spent serving at the design point."},
        {"floor_area_m2", "Floor area", "m2", area, false, "Hall length × width."},
        {"power_density_kw_m2", "IT power density", "kW/m2", d.itW / 1e3 / area, true,
         "IT power at the design point per m² of hall floor."},
        {"tokens_per_joule_it", "Output tokens per joule at the servers", "1/J",
         d.itW > 0 ? some(d.workload.decodeTokensPerS / d.itW) : std::nullopt, true,
         "Output tokens/s over the racks' input power at the design point."},
        {"tokens_per_joule_meter", "Output tokens per joule at the meter", "1/J",
         d.facilityW > 0 ? some(d.workload.decodeTokensPerS / d.facilityW) : std::nullopt, true,
         "Output tokens/s over the facility's power at the meter (cooling and conversion losses included)."},
        {"gpu_power_limit_w", "Accelerator power limit in effect", "W",
         c.serving() ? some(d.workload.gpuPowerLimitW) : std::nullopt, false,
         "Per-accelerator power limit of the most numerous accelerator: the twin's, or the one chosen to "
         "serve the most tokens within the hall's power cap (lowering clocks costs less throughput than "
         "power: P_dynamic ∝ f^2)."},
        {"accelerator_clock", "Accelerator clock under that limit", "%",
         c.serving() ? some(100 * d.workload.clock) : std::nullopt, true,
         "Fraction of the maximum clock at which a fully loaded accelerator draws its limit."},
        {"serving_tp", "Tensor-parallel group", "1", c.serving() ? some(d.workload.plan.tp) : std::nullopt,
         false,
         "Accelerators per model copy: the width that serves the most tokens per accelerator within "
         "memory and the latency bounds."},
        {"serving_batch", "Sequences per decode step", "1",
         c.serving() ? some(d.workload.plan.batch) : std::nullopt, true,
         "Largest batch whose weights and KV cache fit the group's memory and that meets the time per "
         "output token bound."},
        {"tpot_ms", "Time per output token", "ms",
         c.serving() ? some(1e3 * d.workload.plan.tpotS) : std::nullopt, false,
         "Decode step with the prompts' prefill chunked into it (ServingModel.hpp)."},
    };
}

std::vector<Kpi> annualKpis(const Context& c) {
    const AnnualResult& a = c.r.annual;
    return {
        {"pue_annual", "PUE (annual, ISO/IEC 30134-2)", "1", c.ifAnnual(pueOrNaN(a.pue)), false,
         "Total facility energy / IT energy over the simulated hours of the site's climate year "
         "(ISO/IEC 30134-2); empty without an annual run."},
        {"ppue_cooling", "pPUE cooling (annual)", "1", c.ifAnnual(pueOrNaN(a.ppueCooling)), false,
         "(IT + cooling energy) / IT energy over the year (partial PUE, ISO/IEC 30134-2)."},
        {"ppue_power", "pPUE power (annual)", "1", c.ifAnnual(pueOrNaN(a.ppuePower)), false,
         "(IT + distribution losses) / IT energy over the year (partial PUE, ISO/IEC 30134-2)."},
        {"cost_per_mtok", "Cost per million output tokens", "USD", costPerMTok(c), false,
         "The year's energy cost plus a year of straight-line amortisation of the racks' capital, per "
         "million output tokens; empty without an annual run."},
        {"annual_mwh", "Annual facility energy", "MWh", c.ifAnnual(a.facilityMWh), false,
         "Facility energy over the simulated hours."},
        {"annual_energy_cost_usd", "Annual energy cost", "USD", c.ifAnnual(a.energyCostUsd), false,
         "Facility energy times the site's electricity price, plus water."},
        {"free_cooling_hours", "Free-cooling hours", "h", c.ifAnnual(double(a.freeCoolingHours)), true,
         "Hours in which the heat-rejection plant ran without compressors."},
        {"wue", "WUE", "L/kWh", c.ifAnnual(a.wueLPerKWh), false,
         "Site water use / IT energy over the year (The Green Grid WUE)."},
    };
}

} // namespace

std::vector<Kpi> kpisOf(const Twin& t, const SimulationResult& r) {
    const Context c{t, r};
    std::vector<Kpi> out = designKpis(c);
    const std::vector<Kpi> year = annualKpis(c);
    // Keep the reading order of the tables: PUEs together, then power, cooling, output, cost, energy.
    out.insert(out.begin() + 4, year.begin(), year.begin() + 3);
    out.insert(out.begin() + 18, year[3]); // cost per token after tokens per kWh
    out.insert(out.end(), year.begin() + 4, year.end());
    return out;
}

} // namespace halltwin::model::sim
