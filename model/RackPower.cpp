#include "RackPower.hpp"

#include <algorithm>

namespace halltwin::model {

double serverNameplateW(const Server& s, const Catalog& c) {
    double w = s.otherW + s.fanW;
    if (const Accelerator* a = find(c.accelerators, s.accelerator)) w += s.acceleratorCount * a->tdpW;
    if (const Cpu* p = find(c.cpus, s.cpu)) w += s.cpuCount * p->tdpW;
    return w;
}

double rackNameplateW(const Rack& r, const Catalog& c) {
    const RackType* t = find(c.rackTypes, r.type);
    if (!t) return 0;
    const Server* s = find(c.servers, t->server);
    return t->overheadW + (s ? r.serverCount * serverNameplateW(*s, c) : 0.0);
}

double rackDesignPowerW(const Rack& r, const Catalog& c) {
    const double nameplate = rackNameplateW(r, c);
    return r.powerCapW > 0 ? std::min(nameplate, r.powerCapW) : nameplate;
}

double hallDesignPowerW(const Twin& t) {
    double sum = 0;
    for (const Rack& r : t.racks)
        sum += rackDesignPowerW(r, t.catalog);
    return sum;
}

RackAirflow rackAir(const Rack& r, const RackType& t, double airHeatW, double utilisation, double rhoCp) {
    RackAirflow a;
    if (r.measuredAirflowM3s > 0)
        a.flowM3s = r.measuredAirflowM3s;
    else if (t.airflowModel == "fan")
        a.flowM3s =
            t.idleAirflowM3s + (t.fullAirflowM3s - t.idleAirflowM3s) * std::clamp(utilisation, 0.0, 1.0);
    else {
        a.deltaT = t.airDeltaTK > 0 ? t.airDeltaTK : 12;
        a.flowM3s = airHeatW / (rhoCp * a.deltaT);
        return a;
    }
    a.deltaT = a.flowM3s > 0 ? airHeatW / (rhoCp * a.flowM3s) : 0;
    return a;
}

} // namespace halltwin::model
