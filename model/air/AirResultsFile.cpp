#include "AirResultsFile.hpp"

#include "model/Hdf5.hpp"

#include <fmt/format.h>

namespace halltwin::model::air {
namespace {

constexpr const char* where = "results/air";

// Origin and spacing are attributes, which cannot carry a `units` attribute of their own.
void writeGeometry(hid_t g, const AirFields& f) {
    h5::writeAttr(g, "origin", std::vector<double>(f.origin.begin(), f.origin.end()));
    h5::writeAttr(g, "origin_units", std::string("m"));
    h5::writeAttr(g, "spacing", std::vector<double>(f.spacing.begin(), f.spacing.end()));
    h5::writeAttr(g, "spacing_units", std::string("m"));
}

void writeFields(hid_t g, const AirFields& f) {
    const std::vector<hsize_t> cells{hsize_t(f.dims.nz), hsize_t(f.dims.ny), hsize_t(f.dims.nx)};
    h5::writeFloatArray(g, "temperature", f.temperature, cells, "degC");
    h5::writeFloatArray(g, "velocity", f.velocity, {cells[0], cells[1], cells[2], 3}, "m/s");
    h5::writeUint8Array(g, "solid", f.solid, cells, "1");
}

void writeRacks(hid_t parent, const std::vector<RackAirResult>& racks) {
    h5::Handle g = h5::createGroup(parent, "racks", "HT_table");
    h5::writeAttr(g.get(), "rows", long(racks.size()));
    std::vector<std::string> ids;
    std::vector<double> mean, max, exhaust, flow, beta, door;
    for (const RackAirResult& r : racks)
        ids.push_back(r.id), mean.push_back(r.inletMeanC), max.push_back(r.inletMaxC),
            exhaust.push_back(r.exhaustC), flow.push_back(r.flowM3s), beta.push_back(r.beta),
            door.push_back(r.rearDoorW);
    h5::writeStrings(g.get(), "id", ids, false);
    h5::writeNumbers(g.get(), "inlet_mean_c", mean, "degC", false);
    h5::writeNumbers(g.get(), "inlet_max_c", max, "degC", false);
    h5::writeNumbers(g.get(), "exhaust_c", exhaust, "degC", false);
    h5::writeNumbers(g.get(), "flow_m3_s", flow, "m3/s", false);
    h5::writeNumbers(g.get(), "beta", beta, "1", false);
    h5::writeNumbers(g.get(), "rear_door_w", door, "W", false);
}

void writeIndices(hid_t g, const HallAirResult& r) {
    auto scalar = [g](const char* name, double v, const char* units, hid_t type = H5T_IEEE_F64LE) {
        h5::writeNumbers(g, name, {v}, units, true, type);
    };
    scalar("rci_hi", r.rciHiPercent, "%");
    scalar("rci_lo", r.rciLoPercent, "%");
    scalar("rti", r.rtiPercent, "%");
    scalar("shi", r.shi, "1");
    scalar("rhi", r.rhi, "1");
    scalar("supply_c", r.supplyC, "degC");
    scalar("return_c", r.returnC, "degC");
    scalar("rack_air_heat_w", r.rackAirHeatW, "W");
    scalar("removed_heat_w", r.removedW, "W");
    scalar("energy_imbalance", r.energyImbalance, "1");
    scalar("hot_spot_c", r.hotSpotC, "degC");
    h5::writeStrings(g, "hot_spots", r.hotSpots, false);
    scalar("steps", r.steps, "1", H5T_STD_I64LE);
    scalar("residual", r.residual, "1");
    scalar("converged", r.converged, "1", H5T_STD_U8LE);
    h5::writeNumbers(g, "residual_history", r.history, "1", false);
    if (!r.turbulenceModel.empty()) h5::writeStrings(g, "turbulence_model", {r.turbulenceModel}, false);
    if (r.averaged) scalar("averaged_fluctuation", r.fluctuation, "K");
    if (r.couplingPasses > 0) scalar("coupling_passes", r.couplingPasses, "1", H5T_STD_I64LE);
}

std::array<double, 3> readTriple(hid_t g, const char* name) {
    const std::vector<double> v = h5::readDoublesAttr(g, name, where);
    if (v.size() != 3)
        throw h5::Error(fmt::format("{}: attribute '{}' needs 3 values (x, y, z)", where, name));
    return {v[0], v[1], v[2]};
}

// The grid's shape from the temperature dataset; velocity and solid must agree with it.
Dims readDims(hid_t g) {
    const std::vector<hsize_t> t = h5::shapeOf(g, "temperature", where);
    if (t.size() != 3) throw h5::Error(fmt::format("{}: 'temperature' is not 3-D (z, y, x)", where));
    if (h5::shapeOf(g, "velocity", where) != std::vector<hsize_t>{t[0], t[1], t[2], 3})
        throw h5::Error(fmt::format("{}: 'velocity' is not (z, y, x, 3) on the temperature's grid", where));
    if (h5::shapeOf(g, "solid", where) != t)
        throw h5::Error(fmt::format("{}: 'solid' is not on the temperature's grid", where));
    return {int(t[2]), int(t[1]), int(t[0])};
}

struct AirGroup {
    h5::Handle file, group;
};

std::optional<AirGroup> openAirGroup(const std::filesystem::path& path) {
    h5::silenceErrorStack();
    h5::refuseExternalLinks();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || H5Fis_hdf5(path.c_str()) <= 0) return std::nullopt;
    h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file.valid()) throw h5::Error(fmt::format("'{}' cannot be opened", path.string()));
    if (!h5::exists(file.get(), where)) return std::nullopt;
    h5::Handle g = h5::openGroup(file.get(), where, "file");
    return AirGroup{std::move(file), std::move(g)};
}

AirFields readFields(hid_t g) {
    AirFields f;
    f.dims = readDims(g);
    f.origin = readTriple(g, "origin");
    f.spacing = readTriple(g, "spacing");
    for (double h : f.spacing)
        if (!(h > 0 && h < 1e3))
            throw h5::Error(fmt::format("{}: attribute 'spacing' is not a cell size", where));
    f.temperature = h5::readFloatArray(g, "temperature", where);
    f.velocity = h5::readFloatArray(g, "velocity", where);
    f.solid = h5::readUint8Array(g, "solid", where);
    return f;
}

double readScalar(hid_t g, const char* name) {
    const std::vector<double> v = h5::readNumbers(g, name, where);
    if (v.size() != 1) throw h5::Error(fmt::format("{}: '{}' is not a single number", where, name));
    return v[0];
}

HallAirResult readIndices(hid_t g) {
    HallAirResult r;
    r.rciHiPercent = readScalar(g, "rci_hi"), r.rciLoPercent = readScalar(g, "rci_lo");
    r.rtiPercent = readScalar(g, "rti"), r.shi = readScalar(g, "shi"), r.rhi = readScalar(g, "rhi");
    r.supplyC = readScalar(g, "supply_c"), r.returnC = readScalar(g, "return_c");
    r.rackAirHeatW = readScalar(g, "rack_air_heat_w"), r.removedW = readScalar(g, "removed_heat_w");
    r.energyImbalance = readScalar(g, "energy_imbalance"), r.hotSpotC = readScalar(g, "hot_spot_c");
    r.hotSpots = h5::readStrings(g, "hot_spots", where);
    r.steps = int(readScalar(g, "steps")), r.residual = readScalar(g, "residual");
    r.converged = readScalar(g, "converged") != 0;
    r.history = h5::readNumbers(g, "residual_history", where);
    if (h5::exists(g, "turbulence_model")) {
        const std::vector<std::string> model = h5::readStrings(g, "turbulence_model", where);
        if (model.size() == 1) r.turbulenceModel = model.front();
    }
    r.averaged = h5::exists(g, "averaged_fluctuation");
    if (r.averaged) r.fluctuation = readScalar(g, "averaged_fluctuation");
    if (h5::exists(g, "coupling_passes")) {
        const double passes = readScalar(g, "coupling_passes");
        if (!(passes >= 0 && passes <= 1000))
            throw h5::Error(fmt::format("{}: 'coupling_passes' is not a count of passes", where));
        r.couplingPasses = int(passes);
    }
    return r;
}

std::vector<RackAirResult> readRacks(hid_t parent) {
    const std::string at = std::string(where) + "/racks";
    h5::Handle g = h5::openGroup(parent, "racks", where);
    const std::vector<std::string> ids = h5::readStrings(g.get(), "id", at);
    const std::vector<double> mean = h5::readNumbers(g.get(), "inlet_mean_c", at),
                              max = h5::readNumbers(g.get(), "inlet_max_c", at),
                              exhaust = h5::readNumbers(g.get(), "exhaust_c", at),
                              flow = h5::readNumbers(g.get(), "flow_m3_s", at),
                              beta = h5::readNumbers(g.get(), "beta", at);
    // Results written before rear doors have no door column: no door took anything.
    const std::vector<double> door = h5::exists(g.get(), "rear_door_w")
                                         ? h5::readNumbers(g.get(), "rear_door_w", at)
                                         : std::vector<double>(ids.size(), 0.0);
    for (const auto* column : {&mean, &max, &exhaust, &flow, &beta, &door})
        if (column->size() != ids.size())
            throw h5::Error(fmt::format("{}: the columns have different lengths", at));
    std::vector<RackAirResult> out;
    for (size_t n = 0; n < ids.size(); ++n)
        out.push_back({ids[n], mean[n], max[n], exhaust[n], flow[n], beta[n], door[n]});
    return out;
}

} // namespace

AirFields fieldsOf(const AirSolution& s) {
    AirFields f;
    const AirGrid& g = s.model->airCase.grid;
    f.dims = s.model->cells;
    f.origin = g.origin;
    f.spacing = {g.hx, g.hy, g.hz};
    f.temperature = s.state.T;
    f.solid = g.solid.empty() ? std::vector<std::uint8_t>(f.dims.size(), 0) : g.solid;
    f.velocity.assign(3 * f.dims.size(), 0.0f);
    for (int k = 0; k < f.dims.nz; ++k)
        for (int j = 0; j < f.dims.ny; ++j)
            for (int i = 0; i < f.dims.nx; ++i) {
                const size_t c = f.dims.index(i, j, k);
                if (f.solid[c]) continue;
                const std::array<double, 3> u = cellVelocity(*s.model, s.state, i, j, k);
                for (size_t a = 0; a < 3; ++a)
                    f.velocity[3 * c + a] = float(u[a]);
            }
    return f;
}

void writeAirResults(long long fileId, const AirSolution& solver, const HallGrid& hall,
                     const HallAirResult& result) {
    writeAirResults(fileId, AirResults{fieldsOf(solver), result, hall.airHandlers, {}});
}

namespace {

// One row per probe: id, group, temperature, speed, in_air (0 where the point has no air around it).
void writeProbes(hid_t air, const std::vector<ProbeReading>& probes) {
    if (probes.empty()) return;
    h5::Handle g = h5::createGroup(air, "probes", "HT_air_probes");
    std::vector<std::string> ids, groups;
    std::vector<double> t, speed, inAir;
    for (const ProbeReading& p : probes) {
        ids.push_back(p.id), groups.push_back(p.group), inAir.push_back(p.inAir ? 1 : 0);
        t.push_back(p.inAir ? p.temperatureC : std::nan(""));
        speed.push_back(p.inAir ? p.speedMs : std::nan(""));
    }
    h5::writeStrings(g.get(), "id", ids, false);
    h5::writeStrings(g.get(), "group", groups, false);
    h5::writeNumbers(g.get(), "temperature", t, "degC", false);
    h5::writeNumbers(g.get(), "speed", speed, "m s-1", false);
    h5::writeNumbers(g.get(), "in_air", inAir, "1", false);
}

std::vector<ProbeReading> readProbes(hid_t air) {
    std::vector<ProbeReading> out;
    if (!h5::exists(air, "probes")) return out;
    const std::string at = "/results/air/probes";
    h5::Handle g = h5::openGroup(air, "probes", at);
    const std::vector<std::string> ids = h5::readStrings(g.get(), "id", at + "/id");
    const std::vector<std::string> groups = h5::readStrings(g.get(), "group", at + "/group");
    const std::vector<double> t = h5::readNumbers(g.get(), "temperature", at + "/temperature");
    const std::vector<double> speed = h5::readNumbers(g.get(), "speed", at + "/speed");
    const std::vector<double> inAir = h5::readNumbers(g.get(), "in_air", at + "/in_air");
    if (groups.size() != ids.size() || t.size() != ids.size() || speed.size() != ids.size() ||
        inAir.size() != ids.size())
        throw h5::Error(at + ": one value per probe expected in every column");
    for (size_t i = 0; i < ids.size(); ++i)
        out.push_back({ids[i], groups[i], t[i], speed[i], inAir[i] != 0});
    return out;
}

} // namespace

void writeAirResults(long long fileId, const AirResults& r) {
    h5::Handle results = h5::openOrCreateGroup(hid_t(fileId), "results", "HT_results");
    h5::Handle g = h5::createGroup(results.get(), "air", "HT_air_results");
    writeGeometry(g.get(), r.fields);
    writeFields(g.get(), r.fields);
    writeRacks(g.get(), r.result.racks);
    writeIndices(g.get(), r.result);
    h5::writeStrings(g.get(), "air_handlers", r.airHandlers, false);
    writeProbes(g.get(), r.probes);
}

std::optional<AirFields> readAirFields(const std::filesystem::path& path) {
    const std::optional<AirGroup> a = openAirGroup(path);
    if (!a) return std::nullopt;
    return readFields(a->group.get());
}

std::optional<AirResults> readAirResults(const std::filesystem::path& path) {
    const std::optional<AirGroup> a = openAirGroup(path);
    if (!a) return std::nullopt;
    const hid_t g = a->group.get();
    AirResults r{readFields(g), readIndices(g), h5::readStrings(g, "air_handlers", where), {}};
    r.result.racks = readRacks(g);
    for (const RackAirResult& rack : r.result.racks)
        r.result.rearDoorW += rack.rearDoorW;
    r.probes = readProbes(g);
    return r;
}

} // namespace halltwin::model::air
