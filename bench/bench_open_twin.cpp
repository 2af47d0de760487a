// Budget of the design: open a 1,000-rack twin carrying a 1 M-cell result field ≤ 1 s; exits 1 when over.
// The field is written as /results/air/temperature (float32, chunked, deflate) beside the twin.
#include "GeneratedHall.hpp"
#include "Median.hpp"

#include "model/CheckedLoad.hpp"
#include "model/Hdf5.hpp"
#include "model/TwinFile.hpp"

#include <filesystem>

int main() {
    using namespace halltwin;
    const model::Twin t = bench::generatedHall(1000);
    const auto path = std::filesystem::temp_directory_path() / "halltwin-bench-1000.h5";
    std::vector<float> field(100 * 100 * 100);
    for (size_t i = 0; i < field.size(); ++i)
        field[i] = 20.0f + float(i % 977) * 0.01f;
    model::SaveOptions o;
    o.writeExtra = [&](long long id) {
        model::h5::Handle results = model::h5::createGroup(hid_t(id), "results", "HT_results");
        model::h5::Handle air = model::h5::createGroup(results.get(), "air", "HT_field");
        model::h5::writeFloatArray(air.get(), "temperature", field, {100, 100, 100}, "degC");
    };
    model::saveTwinFile(t, path, o);
    std::printf("file: %zu racks, %.1f MB\n", t.racks.size(), double(std::filesystem::file_size(path)) / 1e6);
    const int runs = 7;
    const bench::Timing plain = bench::time(runs, [&] { (void)model::loadTwinFile(path); });
    bool ok = bench::report("open and validate the twin (Bullet layout included)", plain, 1000, runs);
    // What the application and the CLI do with a file from anywhere: read it in a child process first.
    const bench::Timing checked = bench::time(runs, [&] { (void)model::loadTwinChecked(path); });
    ok &= bench::report("the same through the checked load (child process first)", checked, 1000, runs);
    std::printf("cost of the check: %.2fx the plain open\n", checked.medianMs / plain.medianMs);
    ok &=
        bench::report("open the twin and read the 1 M-cell field",
                      bench::time(runs,
                                  [&] {
                                      (void)model::loadTwinFile(path);
                                      model::h5::Handle f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
                                      model::h5::Handle g =
                                          model::h5::openGroup(f.get(), "results/air", "bench");
                                      (void)model::h5::readFloatArray(g.get(), "temperature", "bench");
                                  }),
                      1000, runs);
    std::filesystem::remove(path);
    return bench::verdict(ok);
}
