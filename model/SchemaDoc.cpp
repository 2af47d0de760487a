#include "SchemaDoc.hpp"

#include "Schemas.hpp"

#include <fmt/format.h>

namespace halltwin::model {
namespace {

template <class T> const char* typeName(const Field<T>& f) {
    return std::visit(
        [](auto ptr) -> const char* {
            using V = std::decay_t<decltype(std::declval<T>().*ptr)>;
            if constexpr (std::is_same_v<V, double>)
                return "float64";
            else if constexpr (std::is_same_v<V, int>)
                return "int32";
            else if constexpr (std::is_same_v<V, bool>)
                return "uint8 (0/1)";
            else if constexpr (std::is_same_v<V, std::string>)
                return "string";
            else
                return "float64[]";
        },
        f.member);
}

template <class T> void table(std::string& out, const char* where) {
    out += fmt::format(
        "\n#### {} (`{}`)\n\n| field | type | units | range | required |\n|---|---|---|---|---|\n",
        Schema<T>::label, where);
    for (const Field<T>& f : fieldsOf<T>()) {
        std::string range;
        if (f.min != -kInf || f.max != kInf) range = fmt::format("[{:g}, {:g}]", f.min, f.max);
        if (f.max == kInf && f.min != -kInf) range = fmt::format(">= {:g}", f.min);
        out += fmt::format("| `{}` | {} | {} | {} | {} |\n", f.name, typeName(f),
                           f.units.empty() ? std::string() : "`" + std::string(f.units) + "`", range,
                           f.optional ? "no" : "yes");
    }
}

} // namespace

std::string schemaTables() {
    std::string out;
    table<Hall>(out, "/hall");
    table<Row>(out, "/rows");
    table<Rack>(out, "/racks");
    table<Cdu>(out, "/cooling/cdus");
    table<AirHandler>(out, "/cooling/air_handlers");
    table<FacilityLoop>(out, "/cooling/facility");
    table<PowerSettings>(out, "/power/settings");
    table<PowerFeed>(out, "/power/feeds");
    table<PowerStage>(out, "/power/stages");
    table<Busway>(out, "/power/busways");
    table<WorkloadSettings>(out, "/workload/settings");
    table<ServedModel>(out, "/workload/models");
    table<Site>(out, "/site");
    table<Probe>(out, "/probes");
    table<Obstruction>(out, "/obstructions");
    table<Vent>(out, "/vents");
    table<Accelerator>(out, "/catalog/accelerators/<id>");
    table<Cpu>(out, "/catalog/cpus/<id>");
    table<Server>(out, "/catalog/servers/<id>");
    table<RackType>(out, "/catalog/rack_types/<id>");
    table<CduType>(out, "/catalog/cdu_types/<id>");
    table<AirHandlerType>(out, "/catalog/air_handler_types/<id>");
    table<HeatRejectionType>(out, "/catalog/heat_rejection_types/<id>");
    table<RearDoorType>(out, "/catalog/rear_door_types/<id>");
    table<PowerStageType>(out, "/catalog/power_stages/<id>");
    return out;
}

} // namespace halltwin::model
