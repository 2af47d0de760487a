#include "model/sim/SystemSimulation.hpp"

namespace halltwin::model::sim {

std::vector<Kpi> kpisOf(const Twin& t, const SimulationResult& r) {
    const OperatingPoint& d = r.design;
    const AnnualResult& a = r.annual;
    const double area = t.hall.lengthM * t.hall.widthM;
    double capexUsd = 0;
    for (const Rack& rack : t.racks)
        if (const RackType* rt = find(t.catalog.rackTypes, rack.type)) capexUsd += rt->capexUsd;
    // Cost per million output tokens: the year's energy bill plus a year of straight-line amortisation.
    const double yearFraction = a.hours > 0 ? a.hours / 8760.0 : 1;
    const double annualCapexUsd = capexUsd / t.site.amortisationYears * yearFraction;
    const double costPerMTok =
        a.outputTokens > 0 ? (a.energyCostUsd + annualCapexUsd) / (a.outputTokens / 1e6) : 0;
    const double tokensPerKWh =
        d.facilityW > 0 ? d.workload.decodeTokensPerS * 3600 / (d.facilityW / 1e3) : 0;
    return {
        {"racks", "Racks", "1", double(t.racks.size()), true},
        {"it_kw", "IT power (design)", "kW", d.itW / 1e3, true},
        {"facility_kw", "Facility power at the meter", "kW", d.facilityW / 1e3, false},
        {"pue_design", "PUE (design point)", "1", d.pue, false},
        {"pue_annual", "PUE (annual, ISO/IEC 30134-2)", "1", a.pue, false},
        {"ppue_cooling", "pPUE cooling (annual)", "1", a.ppueCooling, false},
        {"ppue_power", "pPUE power (annual)", "1", a.ppuePower, false},
        {"distribution_efficiency", "Distribution efficiency to rack", "%",
         100 * d.power.distributionEfficiency, true},
        {"end_to_end_efficiency", "End-to-end efficiency to chips", "%", 100 * d.power.endToEndEfficiency,
         true},
        {"distribution_loss_kw", "Distribution loss (design)", "kW", d.distributionLossW / 1e3, false},
        {"conductor_mass_kg", "Feeder + busway conductor mass", "kg", d.power.conductorMassKg, false},
        {"coolant_flow_lpm", "Coolant flow (technology loops)", "L/min", d.liquid.flowM3s * 60e3, false},
        {"coolant_supply_c", "Coolant supply", "degC",
         d.liquid.cdus.empty() ? 0 : d.liquid.cdus.front().techSupplyC, true},
        {"coolant_return_c", "Coolant return", "degC",
         d.liquid.cdus.empty() ? 0 : d.liquid.cdus.front().techReturnC, true},
        {"max_chip_c", "Max chip (case) temperature", "degC", d.liquid.maxChipC, false},
        {"rack_inlet_c",
         d.airFromSolver ? "Rack inlet air (air solver, mean)" : "Rack inlet air (well-mixed room)", "degC",
         d.rackInletC, false},
        {"tokens_per_s", "Output tokens/s (peak hour)", "1/s", d.workload.decodeTokensPerS, true},
        {"tokens_per_kwh", "Output tokens per kWh (peak hour)", "1/kWh", tokensPerKWh, true},
        {"cost_per_mtok", "Cost per million output tokens", "USD", costPerMTok, false},
        {"compute_units_per_h", "Compute delivered (度算力, 312 TFLOPS·h)", "1/h",
         d.workload.computeUnitsPerHour, true},
        {"compute_value_usd_per_h", "Compute value at the 度算力 tariff", "USD/h",
         d.workload.computeUnitsPerHour * t.site.computeUnitUsd, true},
        {"utilisation", "Accelerator utilisation (peak hour)", "%", 100 * d.workload.utilisation, true},
        {"floor_area_m2", "Floor area", "m2", area, false},
        {"power_density_kw_m2", "IT power density", "kW/m2", d.itW / 1e3 / area, true},
        {"annual_mwh", "Annual facility energy", "MWh", a.facilityMWh, false},
        {"annual_energy_cost_usd", "Annual energy cost", "USD", a.energyCostUsd, false},
        {"free_cooling_hours", "Free-cooling hours", "h", double(a.freeCoolingHours), true},
        {"wue", "WUE", "L/kWh", a.wueLPerKWh, false},
    };
}

} // namespace halltwin::model::sim
