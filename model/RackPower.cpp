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

} // namespace halltwin::model
