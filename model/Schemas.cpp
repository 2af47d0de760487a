#include "Schemas.hpp"

#include <array>

namespace halltwin::model {
namespace {

// Fields shared by all catalogue entries, spelled once per type because member pointers are typed.
#define SOURCED_FIELDS(T)                                                                                    \
    Field<T>{"id", "", &T::id}, Field<T>{.name = "name", .units = "", .member = &T::name, .optional = true}, \
        Field<T>{"source", "", &T::source}, Field<T> {                                                       \
        "estimate", "1", &T::estimate                                                                        \
    }
#define PLACED_FIELDS(T)                                                                                     \
    Field<T>{"id", "", &T::id}, Field<T>{.name = "name", .units = "", .member = &T::name, .optional = true}, \
        Field<T>{"type", "", &T::type}, Field<T>{"x_m", "m", &T::xM}, Field<T>{"y_m", "m", &T::yM},          \
        Field<T> {                                                                                           \
        "yaw_deg", "degree", &T::yawDeg                                                                      \
    }

constexpr double kMaxW = 1e9; // a single object above 1 GW is a typo

// A height of a rack's air band (0 to 5 m above its base); absent keeps 0, no band.
template <class T> constexpr Field<T> bandField(std::string_view name, double T::*member) {
    return {.name = name, .units = "m", .member = member, .min = 0, .max = 5, .optional = true};
}

// An airflow (m³/s) that may be absent (0: not given); 20 m³/s is ten times a 100 kW air-cooled rack.
template <class T> constexpr Field<T> airflowField(std::string_view name, double T::*member) {
    return {.name = name, .units = "m3/s", .member = member, .min = 0, .max = 20, .optional = true};
}

} // namespace

std::span<const Field<Accelerator>> Schema<Accelerator>::fields() {
    using T = Accelerator;
    static const std::array<Field<T>, 17> f{{
        SOURCED_FIELDS(T),
        {"tdp_w", "W", &T::tdpW, 1, 1e5},
        {"idle_w", "W", &T::idleW, 0, 1e5},
        {"fp16_tflops", "TFLOPS", &T::fp16Tflops, 0, 1e6},
        {"fp8_tflops", "TFLOPS", &T::fp8Tflops, 0, 1e6},
        {"fp4_tflops", "TFLOPS", &T::fp4Tflops, 0, 1e6},
        {"hbm_gb", "GB", &T::hbmGB, 0, 1e5},
        {"hbm_tbps", "TB/s", &T::hbmTBs, 0, 1e4},
        {"throttle_temp_c", "degC", &T::throttleTempC, 0, 200},
        {"shutdown_temp_c", "degC", &T::shutdownTempC, 0, 200},
        {.name = "prefill_efficiency",
         .units = "1",
         .member = &T::prefillEfficiency,
         .min = 0,
         .max = 1,
         .optional = true},
        {.name = "decode_efficiency",
         .units = "1",
         .member = &T::decodeEfficiency,
         .min = 0,
         .max = 1,
         .optional = true},
        {.name = "hbm_efficiency",
         .units = "1",
         .member = &T::hbmEfficiency,
         .min = 0,
         .max = 1,
         .optional = true},
        {.name = "link_gbps", .units = "GB/s", .member = &T::linkGBs, .min = 0, .max = 1e5, .optional = true},
    }};
    return f;
}

std::span<const Field<Cpu>> Schema<Cpu>::fields() {
    using T = Cpu;
    static const std::array<Field<T>, 7> f{{
        SOURCED_FIELDS(T),
        {"tdp_w", "W", &T::tdpW, 1, 1e5},
        {"idle_w", "W", &T::idleW, 0, 1e5},
        {"cores", "1", &T::cores, 1, 4096},
    }};
    return f;
}

std::span<const Field<Server>> Schema<Server>::fields() {
    using T = Server;
    static const std::array<Field<T>, 12> f{{
        SOURCED_FIELDS(T),
        {"height_u", "1", &T::heightU, 1, 60},
        {.name = "accelerator", .units = "", .member = &T::accelerator, .optional = true},
        {"accelerator_count", "1", &T::acceleratorCount, 0, 1024},
        {.name = "cpu", .units = "", .member = &T::cpu, .optional = true},
        {"cpu_count", "1", &T::cpuCount, 0, 64},
        {"other_w", "W", &T::otherW, 0, 1e6},
        {"fan_w", "W", &T::fanW, 0, 1e6},
        {.name = "scale_up_size",
         .units = "1",
         .member = &T::scaleUpSize,
         .min = 0,
         .max = 1e5,
         .optional = true},
    }};
    return f;
}

std::span<const Field<RackType>> Schema<RackType>::fields() {
    using T = RackType;
    static const std::array<Field<T>, 21> f{{
        SOURCED_FIELDS(T),
        {"width_m", "m", &T::widthM, 0.1, 5},
        {"depth_m", "m", &T::depthM, 0.1, 5},
        {"height_m", "m", &T::heightM, 0.1, 5},
        {"max_power_w", "W", &T::maxPowerW, 0, kMaxW},
        {"cooling", "", &T::cooling},
        {"liquid_capture_fraction", "1", &T::liquidCaptureFraction, 0, 1},
        {"power_input", "", &T::powerInput},
        {.name = "server", .units = "", .member = &T::server, .optional = true},
        {"server_count", "1", &T::serverCount, 0, 256},
        {"overhead_w", "W", &T::overheadW, 0, kMaxW},
        {"air_delta_t_k", "K", &T::airDeltaTK, 1, 50},
        {.name = "airflow_model", .units = "", .member = &T::airflowModel, .optional = true},
        airflowField<T>("idle_airflow_m3_s", &T::idleAirflowM3s),
        airflowField<T>("full_airflow_m3_s", &T::fullAirflowM3s),
        bandField<T>("air_band_bottom_m", &T::airBandBottomM),
        bandField<T>("air_band_top_m", &T::airBandTopM),
        {.name = "capex_usd", .units = "USD", .member = &T::capexUsd, .min = 0, .max = 1e9, .optional = true},
    }};
    return f;
}

std::span<const Field<CduType>> Schema<CduType>::fields() {
    using T = CduType;
    static const std::array<Field<T>, 11> f{{
        SOURCED_FIELDS(T),
        {"capacity_w", "W", &T::capacityW, 1, kMaxW},
        {"flow_m3_s", "m3/s", &T::flowM3s, 0, 10},
        {"approach_k", "K", &T::approachK, 0, 30},
        {"pump_power_w", "W", &T::pumpPowerW, 0, kMaxW},
        {"width_m", "m", &T::widthM, 0.1, 10},
        {"depth_m", "m", &T::depthM, 0.1, 10},
        {"height_m", "m", &T::heightM, 0.1, 10},
    }};
    return f;
}

std::span<const Field<AirHandlerType>> Schema<AirHandlerType>::fields() {
    using T = AirHandlerType;
    static const std::array<Field<T>, 12> f{{
        SOURCED_FIELDS(T),
        {"kind", "", &T::kind},
        {"capacity_w", "W", &T::capacityW, 1, kMaxW},
        {.name = "variable_speed", .units = "1", .member = &T::variableSpeed, .optional = true},
        {"airflow_m3_s", "m3/s", &T::airflowM3s, 0, 1000},
        {"fan_power_w", "W", &T::fanPowerW, 0, kMaxW},
        {"width_m", "m", &T::widthM, 0.1, 20},
        {"depth_m", "m", &T::depthM, 0.1, 20},
        {"height_m", "m", &T::heightM, 0.1, 10},
    }};
    return f;
}

std::span<const Field<HeatRejectionType>> Schema<HeatRejectionType>::fields() {
    using T = HeatRejectionType;
    static const std::array<Field<T>, 11> f{{
        SOURCED_FIELDS(T),
        {"kind", "", &T::kind},
        {"capacity_w", "W", &T::capacityW, 1, kMaxW},
        {"fan_power_w", "W", &T::fanPowerW, 0, kMaxW},
        {"design_approach_k", "K", &T::designApproachK, 0, 50},
        {"carnot_fraction", "1", &T::carnotFraction, 0, 1},
        {"cop_min", "1", &T::copMin, 0, 50},
        {"water_l_per_kwh", "L/kWh", &T::waterLPerKWh, 0, 100},
    }};
    return f;
}

std::span<const Field<RearDoorType>> Schema<RearDoorType>::fields() {
    using T = RearDoorType;
    static const std::array<Field<T>, 12> f{{
        SOURCED_FIELDS(T),
        {"kind", "", &T::kind},
        {"rated_airflow_m3_s", "m3/s", &T::ratedAirflowM3s, 0.01, 20},
        {"rated_air_in_c", "degC", &T::ratedAirInC, 10, 80},
        {"rated_water_in_c", "degC", &T::ratedWaterInC, 5, 45},
        {"approach_k", "K", &T::approachK, 0.1, 40},
        {"water_flow_m3_s", "m3/s", &T::waterFlowM3s, 1e-5, 0.1},
        {"fan_power_w", "W", &T::fanPowerW, 0, 1e5},
        {"depth_m", "m", &T::depthM, 0.05, 1},
    }};
    return f;
}

std::span<const Field<PowerStageType>> Schema<PowerStageType>::fields() {
    using T = PowerStageType;
    static const std::array<Field<T>, 10> f{{
        SOURCED_FIELDS(T),
        {"kind", "", &T::kind},
        {"rated_power_w", "W", &T::ratedPowerW, 1, kMaxW},
        {"input_v", "V", &T::inputV, 0, 1e6},
        {"output_v", "V", &T::outputV, 0, 1e6},
        {"load_fraction", "1", &T::loadFraction, 0, 1},
        {"efficiency", "1", &T::efficiency, 1e-9, 1},
    }};
    return f;
}

std::span<const Field<Hall>> Schema<Hall>::fields() {
    using T = Hall;
    static const std::array<Field<T>, 10> f{{
        {.name = "name", .units = "", .member = &T::name, .optional = true},
        {"length_m", "m", &T::lengthM, 1, 2000},
        {"width_m", "m", &T::widthM, 1, 2000},
        {"height_m", "m", &T::heightM, 2, 50},
        {"tile_m", "m", &T::tileM, 0.1, 5},
        {"raised_floor_m", "m", &T::raisedFloorM, 0, 3},
        {.name = "tile_open_fraction",
         .units = "1",
         .member = &T::tileOpenFraction,
         .min = 0.05,
         .max = 1,
         .optional = true},
        {"front_clearance_m", "m", &T::frontClearanceM, 0, 10},
        {"rear_clearance_m", "m", &T::rearClearanceM, 0, 10},
        {"min_aisle_m", "m", &T::minAisleM, 0, 10},
    }};
    return f;
}

std::span<const Field<Row>> Schema<Row>::fields() {
    using T = Row;
    static const std::array<Field<T>, 3> f{{
        {"id", "", &T::id},
        {.name = "name", .units = "", .member = &T::name, .optional = true},
        {"containment", "", &T::containment},
    }};
    return f;
}

std::span<const Field<Rack>> Schema<Rack>::fields() {
    using T = Rack;
    static const std::array<Field<T>, 15> f{{
        PLACED_FIELDS(T),
        {.name = "row", .units = "", .member = &T::row, .optional = true},
        {"server_count", "1", &T::serverCount, 0, 256},
        {"power_cap_w", "W", &T::powerCapW, 0, kMaxW},
        {.name = "cdu", .units = "", .member = &T::cdu, .optional = true},
        {.name = "rear_door", .units = "", .member = &T::rearDoor, .optional = true},
        {.name = "busway", .units = "", .member = &T::busway, .optional = true},
        bandField<T>("air_band_bottom_m", &T::airBandBottomM),
        bandField<T>("air_band_top_m", &T::airBandTopM),
        airflowField<T>("measured_airflow_m3_s", &T::measuredAirflowM3s),
    }};
    return f;
}

std::span<const Field<Cdu>> Schema<Cdu>::fields() {
    using T = Cdu;
    static const std::array<Field<T>, 8> f{{
        PLACED_FIELDS(T),
        {"supply_temp_c", "degC", &T::supplyTempC, 5, 70},
        {"fluid", "", &T::fluid},
    }};
    return f;
}

std::span<const Field<AirHandler>> Schema<AirHandler>::fields() {
    using T = AirHandler;
    static const std::array<Field<T>, 12> f{{
        PLACED_FIELDS(T),
        {"supply_temp_c", "degC", &T::supplyTempC, 5, 45},
        {.name = "discharge", .units = "", .member = &T::discharge, .optional = true},
        {.name = "grille_bottom_m",
         .units = "m",
         .member = &T::grilleBottomM,
         .min = 0,
         .max = 5,
         .optional = true},
        {.name = "grille_height_m",
         .units = "m",
         .member = &T::grilleHeightM,
         .min = 0,
         .max = 5,
         .optional = true},
        {.name = "return", .units = "", .member = &T::returnFrom, .optional = true},
        {.name = "airflow_m3_s",
         .units = "m3/s",
         .member = &T::airflowM3s,
         .min = 0,
         .max = 1000,
         .optional = true},
    }};
    return f;
}

std::span<const Field<FacilityLoop>> Schema<FacilityLoop>::fields() {
    using T = FacilityLoop;
    static const std::array<Field<T>, 7> f{{
        {"fluid", "", &T::fluid},
        {"supply_temp_c", "degC", &T::supplyTempC, 5, 70},
        {"design_delta_t_k", "K", &T::designDeltaTK, 1, 40},
        {"heat_rejection", "", &T::heatRejection},
        {"heat_rejection_count", "1", &T::heatRejectionCount, 0, 10000},
        {.name = "chiller", .units = "", .member = &T::chiller, .optional = true},
        {.name = "chiller_count",
         .units = "1",
         .member = &T::chillerCount,
         .min = 0,
         .max = 10000,
         .optional = true},
    }};
    return f;
}

std::span<const Field<PowerSettings>> Schema<PowerSettings>::fields() {
    using T = PowerSettings;
    static const std::array<Field<T>, 3> f{{
        {"architecture", "", &T::architecture},
        {"grid_capacity_w", "W", &T::gridCapacityW, 0, 1e11},
        {.name = "feeder_length_m",
         .units = "m",
         .member = &T::feederLengthM,
         .min = 0,
         .max = 1e4,
         .optional = true},
    }};
    return f;
}

std::span<const Field<PowerFeed>> Schema<PowerFeed>::fields() {
    using T = PowerFeed;
    static const std::array<Field<T>, 5> f{{
        {"id", "", &T::id},
        {.name = "name", .units = "", .member = &T::name, .optional = true},
        {"voltage_v", "V", &T::voltageV, 1, 1e6},
        {"capacity_w", "W", &T::capacityW, 0, 1e11},
        {"path", "", &T::path},
    }};
    return f;
}

std::span<const Field<PowerStage>> Schema<PowerStage>::fields() {
    using T = PowerStage;
    static const std::array<Field<T>, 6> f{{
        {"id", "", &T::id},
        {.name = "name", .units = "", .member = &T::name, .optional = true},
        {"type", "", &T::type},
        {"count", "1", &T::count, 1, 1e6},
        {"redundancy", "", &T::redundancy},
        {"location", "", &T::location},
    }};
    return f;
}

std::span<const Field<Busway>> Schema<Busway>::fields() {
    using T = Busway;
    static const std::array<Field<T>, 8> f{{
        {"id", "", &T::id},
        {.name = "name", .units = "", .member = &T::name, .optional = true},
        {.name = "row", .units = "", .member = &T::row, .optional = true},
        {"material", "", &T::material},
        {"cross_section_mm2", "mm2", &T::crossSectionMm2, 1, 1e5},
        {"length_m", "m", &T::lengthM, 0.1, 1e4},
        {"voltage_v", "V", &T::voltageV, 1, 1e5},
        {"height_m", "m", &T::heightM, 0, 50},
    }};
    return f;
}

std::span<const Field<WorkloadSettings>> Schema<WorkloadSettings>::fields() {
    using T = WorkloadSettings;
    static const std::array<Field<T>, 11> f{{
        {"power_cap_w", "W", &T::powerCapW, 0, 1e11},
        {"prompt_tokens", "1", &T::promptTokens, 1, 1e7},
        {"output_tokens", "1", &T::outputTokens, 1, 1e7},
        {"disaggregated", "1", &T::disaggregated},
        {.name = "prefill_rack_type", .units = "", .member = &T::prefillRackType, .optional = true},
        {.name = "decode_rack_type", .units = "", .member = &T::decodeRackType, .optional = true},
        {"demand_rps", "1/s", &T::demandRps, 0, 1e9},
        {.name = "scenario", .units = "", .member = &T::scenario, .optional = true},
        {.name = "ttft_s", .units = "s", .member = &T::ttftS, .min = 0, .max = 3600, .optional = true},
        {.name = "tpot_s", .units = "s", .member = &T::tpotS, .min = 0, .max = 60, .optional = true},
        {.name = "gpu_power_limit_w",
         .units = "W",
         .member = &T::gpuPowerLimitW,
         .min = 0,
         .max = 1e5,
         .optional = true},
    }};
    return f;
}

std::span<const Field<ServedModel>> Schema<ServedModel>::fields() {
    using T = ServedModel;
    static const std::array<Field<T>, 13> f{{
        {"id", "", &T::id},
        {.name = "name", .units = "", .member = &T::name, .optional = true},
        {"params_b", "1e9", &T::paramsB, 0.001, 1e5},
        {"bytes_per_param", "byte", &T::bytesPerParam, 0.25, 8},
        {.name = "kv_bytes_per_value",
         .units = "byte",
         .member = &T::kvBytesPerValue,
         .min = 0,
         .max = 8,
         .optional = true},
        {.name = "layers", .units = "1", .member = &T::layers, .min = 0, .max = 1e4, .optional = true},
        {.name = "hidden_size",
         .units = "1",
         .member = &T::hiddenSize,
         .min = 0,
         .max = 1e6,
         .optional = true},
        {.name = "kv_dim", .units = "1", .member = &T::kvDim, .min = 0, .max = 1e6, .optional = true},
        {"context_tokens", "1", &T::contextTokens, 1, 1e8},
        {"batch_size", "1", &T::batchSize, 0, 1e6},
        {"tp_width", "1", &T::tpWidth, 0, 4096},
        {"mode", "", &T::mode},
        {"share", "1", &T::share, 0, 1},
    }};
    return f;
}

std::span<const Field<Site>> Schema<Site>::fields() {
    using T = Site;
    static const std::array<Field<T>, 8> f{{
        {.name = "name", .units = "", .member = &T::name, .optional = true},
        {"climate", "", &T::climate},
        {"latitude_deg", "degree", &T::latitudeDeg, -90, 90},
        {"electricity_usd_per_kwh", "USD/kWh", &T::electricityUsdPerKWh, 0, 10},
        {"water_usd_per_m3", "USD/m3", &T::waterUsdPerM3, 0, 1000},
        {"compute_unit_usd", "USD", &T::computeUnitUsd, 0, 1e4},
        {"design_ambient_c", "degC", &T::designAmbientC, -60, 60},
        {.name = "amortisation_years",
         .units = "year",
         .member = &T::amortisationYears,
         .min = 0.5,
         .max = 50,
         .optional = true},
    }};
    return f;
}

std::span<const Field<Probe>> Schema<Probe>::fields() {
    using T = Probe;
    static const std::array<Field<T>, 5> f{{
        {"id", "", &T::id},
        {.name = "group", .units = "", .member = &T::group, .optional = true},
        {"x_m", "m", &T::xM, 0, 1000},
        {"y_m", "m", &T::yM, 0, 1000},
        {"z_m", "m", &T::zM, 0, 100},
    }};
    return f;
}

std::span<const Field<Obstruction>> Schema<Obstruction>::fields() {
    using T = Obstruction;
    static const std::array<Field<T>, 8> f{{
        {"id", "", &T::id},
        {.name = "name", .units = "", .member = &T::name, .optional = true},
        {"x_m", "m", &T::xM, 0, 2000},
        {"y_m", "m", &T::yM, 0, 2000},
        {"z_m", "m", &T::zM, 0, 50},
        {"length_m", "m", &T::lengthM, 0.01, 2000},
        {"width_m", "m", &T::widthM, 0.01, 2000},
        {"height_m", "m", &T::heightM, 0.01, 50},
    }};
    return f;
}

std::span<const Field<Vent>> Schema<Vent>::fields() {
    using T = Vent;
    static const std::array<Field<T>, 11> f{{
        {"id", "", &T::id},
        {.name = "name", .units = "", .member = &T::name, .optional = true},
        {"kind", "", &T::kind},
        {"surface", "", &T::surface},
        {"x_m", "m", &T::xM, 0, 2000},
        {"y_m", "m", &T::yM, 0, 2000},
        {.name = "z_m", .units = "m", .member = &T::zM, .min = 0, .max = 50, .optional = true},
        {"length_m", "m", &T::lengthM, 0.05, 100},
        {"width_m", "m", &T::widthM, 0.05, 100},
        {.name = "flow_m3_s",
         .units = "m3/s",
         .member = &T::flowM3s,
         .min = 0,
         .max = 1000,
         .optional = true},
        {.name = "supply_temp_c",
         .units = "degC",
         .member = &T::supplyTempC,
         .min = -40,
         .max = 60,
         .optional = true},
    }};
    return f;
}

} // namespace halltwin::model
