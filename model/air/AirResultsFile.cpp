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
    std::vector<double> mean, max, exhaust, flow, beta;
    for (const RackAirResult& r : racks)
        ids.push_back(r.id), mean.push_back(r.inletMeanC), max.push_back(r.inletMaxC),
            exhaust.push_back(r.exhaustC), flow.push_back(r.flowM3s), beta.push_back(r.beta);
    h5::writeStrings(g.get(), "id", ids, false);
    h5::writeNumbers(g.get(), "inlet_mean_c", mean, "degC", false);
    h5::writeNumbers(g.get(), "inlet_max_c", max, "degC", false);
    h5::writeNumbers(g.get(), "exhaust_c", exhaust, "degC", false);
    h5::writeNumbers(g.get(), "flow_m3_s", flow, "m3/s", false);
    h5::writeNumbers(g.get(), "beta", beta, "1", false);
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

} // namespace

AirFields fieldsOf(const AirSolver& s) {
    AirFields f;
    const AirGrid& g = s.airCase().grid;
    f.dims = s.cellDims();
    f.origin = g.origin;
    f.spacing = {g.hx, g.hy, g.hz};
    f.temperature = s.temperature();
    f.solid = g.solid.empty() ? std::vector<std::uint8_t>(f.dims.size(), 0) : g.solid;
    f.velocity.assign(3 * f.dims.size(), 0.0f);
    for (int k = 0; k < f.dims.nz; ++k)
        for (int j = 0; j < f.dims.ny; ++j)
            for (int i = 0; i < f.dims.nx; ++i) {
                const size_t c = f.dims.index(i, j, k);
                if (f.solid[c]) continue;
                const std::array<double, 3> u = s.cellVelocity(i, j, k);
                for (size_t a = 0; a < 3; ++a)
                    f.velocity[3 * c + a] = float(u[a]);
            }
    return f;
}

void writeAirResults(long long fileId, const AirSolver& solver, const HallGrid& hall,
                     const HallAirResult& result) {
    h5::Handle results = h5::openOrCreateGroup(hid_t(fileId), "results", "HT_results");
    h5::Handle g = h5::createGroup(results.get(), "air", "HT_air_results");
    const AirFields f = fieldsOf(solver);
    writeGeometry(g.get(), f);
    writeFields(g.get(), f);
    writeRacks(g.get(), result.racks);
    writeIndices(g.get(), result);
    h5::writeStrings(g.get(), "air_handlers", hall.airHandlers, false);
}

std::optional<AirFields> readAirFields(const std::filesystem::path& path) {
    h5::silenceErrorStack();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec) || H5Fis_hdf5(path.c_str()) <= 0) return std::nullopt;
    h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
    if (!file.valid()) throw h5::Error(fmt::format("'{}' cannot be opened", path.string()));
    if (!h5::exists(file.get(), where)) return std::nullopt;
    h5::Handle g = h5::openGroup(file.get(), where, "file");
    AirFields f;
    f.dims = readDims(g.get());
    f.origin = readTriple(g.get(), "origin");
    f.spacing = readTriple(g.get(), "spacing");
    for (double h : f.spacing)
        if (!(h > 0 && h < 1e3))
            throw h5::Error(fmt::format("{}: attribute 'spacing' is not a cell size", where));
    f.temperature = h5::readFloatArray(g.get(), "temperature", where);
    f.velocity = h5::readFloatArray(g.get(), "velocity", where);
    f.solid = h5::readUint8Array(g.get(), "solid", where);
    return f;
}

} // namespace halltwin::model::air
