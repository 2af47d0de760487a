// Prints the field tables of every record type as Markdown, for docs/file-format.md.
#include "model/Schemas.hpp"

#include <cstdio>
#include <fmt/format.h>

using namespace halltwin::model;

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

template <class T> void table(const char* where) {
    std::printf("\n#### %s (`%s`)\n\n| field | type | units | range | required |\n|---|---|---|---|---|\n",
                std::string(Schema<T>::label).c_str(), where);
    for (const Field<T>& f : fieldsOf<T>()) {
        std::string range;
        if (f.min != -kInf || f.max != kInf) range = fmt::format("[{:g}, {:g}]", f.min, f.max);
        if (f.max == kInf && f.min != -kInf) range = fmt::format(">= {:g}", f.min);
        std::printf("| `%s` | %s | %s | %s | %s |\n", std::string(f.name).c_str(), typeName(f),
                    f.units.empty() ? "" : ("`" + std::string(f.units) + "`").c_str(), range.c_str(),
                    f.optional ? "no" : "yes");
    }
}

} // namespace

int main() {
    table<Hall>("/hall");
    table<Row>("/rows");
    table<Rack>("/racks");
    table<Cdu>("/cooling/cdus");
    table<AirHandler>("/cooling/air_handlers");
    table<FacilityLoop>("/cooling/facility");
    table<PowerSettings>("/power/settings");
    table<PowerFeed>("/power/feeds");
    table<PowerStage>("/power/stages");
    table<Busway>("/power/busways");
    table<WorkloadSettings>("/workload/settings");
    table<ServedModel>("/workload/models");
    table<Site>("/site");
    table<Accelerator>("/catalog/accelerators/<id>");
    table<Cpu>("/catalog/cpus/<id>");
    table<Server>("/catalog/servers/<id>");
    table<RackType>("/catalog/rack_types/<id>");
    table<CduType>("/catalog/cdu_types/<id>");
    table<AirHandlerType>("/catalog/air_handler_types/<id>");
    table<HeatRejectionType>("/catalog/heat_rejection_types/<id>");
    table<PowerStageType>("/catalog/power_stages/<id>");
    return 0;
}
