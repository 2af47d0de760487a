#include "Schemas.hpp"
#include "Twin.hpp"

namespace halltwin::model {

bool operator==(const Twin& a, const Twin& b) {
    const auto& ca = a.cooling;
    const auto& cb = b.cooling;
    return a.name == b.name && a.description == b.description && a.source == b.source &&
           sameFields(a.hall, b.hall) && sameRecords(a.rows, b.rows) && sameRecords(a.racks, b.racks) &&
           sameRecords(ca.cdus, cb.cdus) && sameRecords(ca.airHandlers, cb.airHandlers) &&
           sameFields(ca.facility, cb.facility) && sameFields(a.power.settings, b.power.settings) &&
           sameRecords(a.power.feeds, b.power.feeds) && sameRecords(a.power.stages, b.power.stages) &&
           sameRecords(a.power.busways, b.power.busways) &&
           sameFields(a.workload.settings, b.workload.settings) &&
           sameRecords(a.workload.models, b.workload.models) && sameFields(a.site, b.site) &&
           sameRecords(a.probes, b.probes) && sameRecords(a.obstructions, b.obstructions) &&
           sameRecords(a.vents, b.vents) && a.catalog == b.catalog;
}

} // namespace halltwin::model
