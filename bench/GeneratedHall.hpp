// Large halls for the benchmarks, generated from a reference twin by the editing API: pairs of rows
// facing a cold aisle, one CDU per pair, the plant and power chain scaled with the rack count.
#pragma once

#include "model/CatalogIo.hpp"
#include "model/TwinEditor.hpp"
#include "model/TwinJson.hpp"

#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace halltwin::bench {

inline model::Twin generatedHall(int racks, const char* base = "domestic-40kw") {
    model::Diagnostics d;
    const model::Catalog catalog = model::loadCatalogDir(model::assetDir() / "catalog", d);
    model::TwinLoad l =
        model::loadTwinJson(model::assetDir() / "twins" / (std::string(base) + ".json"), catalog);
    if (!l.diagnostics.ok()) throw std::runtime_error(l.diagnostics.errorText());
    model::Twin t = l.twin;
    const model::Rack proto = t.racks.front();
    const model::Cdu cduProto = t.cooling.cdus.front();
    const int perRow = 20, rows = (racks + perRow - 1) / perRow, pairs = (rows + 1) / 2;
    const double scale = double(racks) / double(t.racks.size());
    t.racks.clear(), t.rows.clear(), t.cooling.cdus.clear(), t.power.busways.clear();
    t.hall.lengthM = 3 + perRow * 0.6 + 6, t.hall.widthM = 1.2 + pairs * 6.0 + 1.2;
    model::TwinEditor editor(t);
    int placed = 0;
    for (int r = 0; r < rows && placed < racks; ++r) {
        model::Rack p = proto;
        p.cdu = fmt::format("cdu-{}", r / 2 + 1), p.busway = "";
        p.xM = 3.3, p.yM = 1.8 + (r / 2) * 6.0 + (r % 2) * 3.0, p.yawDeg = r % 2 ? 0 : 180;
        if (r % 2 == 0) {
            model::Cdu c = cduProto;
            c.id = p.cdu, c.name = p.cdu, c.xM = 3 + perRow * 0.6 + 2.5, c.yM = p.yM + 1.5;
            editor.addCdu(c);
        }
        const int n = std::min(perRow, racks - placed);
        auto result = editor.addRow({fmt::format("row-{}", r + 1), fmt::format("R{}", r + 1), "cold"}, p, n);
        if (!result.ok()) throw std::runtime_error(result.refusal->toString());
        placed += n;
    }
    for (model::PowerStage& s : t.power.stages)
        s.count = int(std::ceil(s.count * scale));
    for (model::PowerFeed& f : t.power.feeds)
        f.capacityW *= scale;
    t.power.settings.gridCapacityW *= scale;
    t.cooling.facility.heatRejectionCount = int(std::ceil(t.cooling.facility.heatRejectionCount * scale));
    t.cooling.facility.chillerCount = int(std::ceil(t.cooling.facility.chillerCount * scale));
    for (double& rps : t.workload.settings.demandRps)
        rps *= scale;
    t.workload.settings.powerCapW *= scale;
    return t;
}

} // namespace halltwin::bench
