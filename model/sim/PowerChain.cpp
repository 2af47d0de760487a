#include "PowerChain.hpp"

#include "model/sim/EfficiencyCurve.hpp"

#include <fmt/format.h>

#include <map>
#include <numeric>

namespace halltwin::model::sim {
namespace {

int activeUnits(const PowerStage& s, bool onePathLost) {
    if (s.redundancy == "2N" && onePathLost) return std::max(1, s.count / 2);
    return s.count;
}

int survivingUnits(const PowerStage& s) {
    if (s.redundancy == "2N") return std::max(1, s.count / 2);
    return std::max(0, s.count - 1);
}

StageResult stageFor(const PowerStage& s, const PowerStageType& t, bool onePathLost) {
    StageResult r;
    r.id = s.id, r.name = s.name, r.kind = t.kind, r.location = s.location, r.redundancy = s.redundancy;
    r.units = s.count;
    r.activeUnits = activeUnits(s, onePathLost);
    r.unitRatedW = t.ratedPowerW;
    r.capacityW = r.activeUnits * t.ratedPowerW;
    r.capacityAfterFailureW = survivingUnits(s) * t.ratedPowerW;
    return r;
}

// Upstream stages: the output is known, the input follows from the efficiency at that load.
void solveFromOutput(StageResult& r, const PowerStageType& t, double outputW) {
    r.outputW = outputW;
    r.loadFraction = r.capacityW > 0 ? outputW / r.capacityW : 0;
    r.efficiency = efficiencyAt(t.loadFraction, t.efficiency, r.loadFraction);
    r.inputW = outputW / r.efficiency;
    r.lossW = r.inputW - outputW;
}

// In-rack stages: the input is known (the rack's IT power); the output solves out = η(out / cap) · in.
void solveFromInput(StageResult& r, const PowerStageType& t, double inputW) {
    r.inputW = inputW;
    double out = inputW * 0.95;
    for (int i = 0; i < 20; ++i) {
        r.loadFraction = r.capacityW > 0 ? out / r.capacityW : 0;
        r.efficiency = efficiencyAt(t.loadFraction, t.efficiency, r.loadFraction);
        out = r.efficiency * inputW;
    }
    r.outputW = out;
    r.lossW = inputW - out;
}

Circuit circuitOf(const Twin& t) {
    return t.power.settings.architecture == "415VAC" ? Circuit::Ac3Phase : Circuit::Dc2Wire;
}

BuswayResult conductorRun(const std::string& id, const std::string& row, ConductorRun run,
                          const PowerChainOptions& o) {
    BuswayResult b;
    b.id = id, b.row = row, b.powerW = run.powerW;
    b.sizedCrossSectionMm2 = sizeCrossSectionMm2(run, o.currentDensityAmm2, o.maxDropFraction);
    if (run.crossSectionMm2 <= 0) run.crossSectionMm2 = b.sizedCrossSectionMm2;
    b.conductor = evaluate(run);
    return b;
}

double sizedMassKg(const BuswayResult& b) {
    return b.conductor.crossSectionMassKg(b.sizedCrossSectionMm2);
}

} // namespace

PowerChainResult solvePowerChain(const Twin& twin, const std::vector<double>& rackInputW,
                                 const PowerChainOptions& o) {
    PowerChainResult res;
    res.rackInputW = std::accumulate(rackInputW.begin(), rackInputW.end(), 0.0);
    const Circuit circuit = circuitOf(twin);
    const auto& types = twin.catalog.powerStageTypes;

    // In-rack converters split the IT power into chip power and in-rack loss.
    std::vector<StageResult> rackStages;
    double level = res.rackInputW;
    for (const PowerStage& s : twin.power.stages) {
        const PowerStageType* t = find(types, s.type);
        if (!t || s.location != "rack") continue;
        StageResult r = stageFor(s, *t, o.onePathLost);
        solveFromInput(r, *t, level);
        level = r.outputW;
        res.lossInRackW += r.lossW;
        rackStages.push_back(r);
    }
    res.chipW = level;

    // Busways carry the racks hanging on them.
    std::map<std::string, double> buswayLoad;
    for (size_t i = 0; i < twin.racks.size() && i < rackInputW.size(); ++i)
        buswayLoad[twin.racks[i].busway] += rackInputW[i];
    double upstream = res.rackInputW;
    for (const Busway& b : twin.power.busways) {
        ConductorRun run{b.material, circuit, b.voltageV, buswayLoad[b.id], b.lengthM, b.crossSectionMm2};
        BuswayResult r = conductorRun(b.id, b.row, run, o);
        upstream += r.conductor.lossW;
        res.lossWhiteSpaceW += r.conductor.lossW;
        res.busways.push_back(r);
    }

    // White-space stages, then the feeder from the plant room, then plant stages, walking upstream.
    std::vector<StageResult> upstreamStages;
    bool feederPlaced = false;
    for (auto it = twin.power.stages.rbegin(); it != twin.power.stages.rend(); ++it) {
        const PowerStageType* t = find(types, it->type);
        if (!t || it->location == "rack") continue;
        if (it->location == "plant" && !feederPlaced) {
            ConductorRun run{"copper", circuit, t->outputV, upstream, twin.power.settings.feederLengthM, 0};
            res.feeder = conductorRun("feeder", "", run, o);
            upstream += res.feeder.conductor.lossW;
            res.lossPlantW += res.feeder.conductor.lossW;
            feederPlaced = true;
        }
        StageResult r = stageFor(*it, *t, o.onePathLost);
        solveFromOutput(r, *t, upstream);
        upstream = r.inputW;
        (it->location == "plant" ? res.lossPlantW : res.lossWhiteSpaceW) += r.lossW;
        upstreamStages.insert(upstreamStages.begin(), r);
    }
    res.utilityW = upstream;
    res.lossUpstreamW = res.utilityW - res.rackInputW;
    res.stages = upstreamStages;
    res.stages.insert(res.stages.end(), rackStages.begin(), rackStages.end());
    res.distributionEfficiency = res.utilityW > 0 ? res.rackInputW / res.utilityW : 1;
    res.endToEndEfficiency = res.utilityW > 0 ? res.chipW / res.utilityW : 1;

    res.conductorMassKg = sizedMassKg(res.feeder);
    for (const BuswayResult& b : res.busways)
        res.conductorMassKg += sizedMassKg(b);

    for (const StageResult& s : res.stages) {
        if (s.outputW > s.capacityW * 1.000001)
            res.capacityProblems.push_back(
                fmt::format("power stage '{}': {:.0f} kW exceeds its {:.0f} kW capacity", s.id,
                            s.outputW / 1e3, s.capacityW / 1e3));
        else if (!o.onePathLost && s.outputW > s.capacityAfterFailureW * 1.000001)
            res.capacityProblems.push_back(
                fmt::format("power stage '{}' ({}): {:.0f} kW exceeds the {:.0f} kW left after losing one {}",
                            s.id, s.redundancy, s.outputW / 1e3, s.capacityAfterFailureW / 1e3,
                            s.redundancy == "2N" ? "path" : "unit"));
    }
    double feedTotal = 0, feedMin = 1e300;
    for (const PowerFeed& f : twin.power.feeds)
        feedTotal += f.capacityW, feedMin = std::min(feedMin, f.capacityW);
    if (!twin.power.feeds.empty()) {
        const double available = o.onePathLost || twin.power.feeds.size() < 2 ? feedMin : feedTotal;
        if (res.utilityW > available * 1.000001)
            res.capacityProblems.push_back(
                fmt::format("utility feeds: {:.0f} kW exceeds the {:.0f} kW available", res.utilityW / 1e3,
                            available / 1e3));
    }
    return res;
}

} // namespace halltwin::model::sim
