// The field tables of every record type (see Fields.hpp).
#pragma once

#include "Fields.hpp"
#include "Twin.hpp"

namespace halltwin::model {

#define HALLTWIN_SCHEMA(Type, groupName, labelName)                                                          \
    template <> struct Schema<Type> {                                                                        \
        static std::span<const Field<Type>> fields();                                                        \
        static constexpr std::string_view group = groupName;                                                 \
        static constexpr std::string_view label = labelName;                                                 \
    };

HALLTWIN_SCHEMA(Accelerator, "accelerators", "accelerator")
HALLTWIN_SCHEMA(Cpu, "cpus", "cpu")
HALLTWIN_SCHEMA(Server, "servers", "server")
HALLTWIN_SCHEMA(RackType, "rack_types", "rack type")
HALLTWIN_SCHEMA(CduType, "cdu_types", "CDU type")
HALLTWIN_SCHEMA(AirHandlerType, "air_handler_types", "air handler type")
HALLTWIN_SCHEMA(HeatRejectionType, "heat_rejection_types", "heat rejection type")
HALLTWIN_SCHEMA(RearDoorType, "rear_door_types", "rear door type")
HALLTWIN_SCHEMA(PowerStageType, "power_stages", "power stage type")
HALLTWIN_SCHEMA(Hall, "hall", "hall")
HALLTWIN_SCHEMA(Row, "rows", "row")
HALLTWIN_SCHEMA(Rack, "racks", "rack")
HALLTWIN_SCHEMA(Cdu, "cdus", "CDU")
HALLTWIN_SCHEMA(AirHandler, "air_handlers", "air handler")
HALLTWIN_SCHEMA(FacilityLoop, "facility", "facility loop")
HALLTWIN_SCHEMA(PowerSettings, "settings", "power settings")
HALLTWIN_SCHEMA(PowerFeed, "feeds", "power feed")
HALLTWIN_SCHEMA(PowerStage, "stages", "power stage")
HALLTWIN_SCHEMA(Busway, "busways", "busway")
HALLTWIN_SCHEMA(WorkloadSettings, "settings", "workload settings")
HALLTWIN_SCHEMA(ServedModel, "models", "served model")
HALLTWIN_SCHEMA(Site, "site", "site")
HALLTWIN_SCHEMA(Probe, "probes", "probe")
HALLTWIN_SCHEMA(Obstruction, "obstructions", "obstruction")
HALLTWIN_SCHEMA(Vent, "vents", "vent")

#undef HALLTWIN_SCHEMA

} // namespace halltwin::model
