// Rendering budgets: orbit frame rate of a 1,000-rack hall at 1280x800 offscreen, time to the first
// frame of a reference twin, and the wall time of a CLI-like screenshot. Needs an X display (xvfb-run -a).
#include "GeneratedHall.hpp"
#include "Median.hpp"

#include "model/TwinFile.hpp"
#include "render/HallScene.hpp"
#include "render/OffscreenWindow.hpp"
#include "render/Snapshot.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>

namespace b = halltwin::bench;
namespace m = halltwin::model;
namespace r = halltwin::render;

namespace {

m::Twin reference(const char* name) {
    m::TwinLoad l = m::loadTwinAny(m::assetDir() / "twins" / (std::string(name) + ".json"));
    if (!l.diagnostics.ok()) throw std::runtime_error(l.diagnostics.errorText());
    return l.twin;
}

double orbitFps(const m::Twin& hall, int frames) {
    r::HallScene scene;
    scene.build(hall);
    r::OffscreenWindow window(1280, 800);
    window.add(scene.renderer());
    scene.setView(r::View::Iso);
    window.render(); // the first frame compiles shaders and uploads the instances
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < frames; ++i) {
        scene.orbit(360.0 / frames);
        window.render();
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return frames / s;
}

} // namespace

int main() {
    if (auto why = r::offscreenUnavailableReason())
        return std::fprintf(stderr, "bench_render: %s\n", why->c_str()), 1;
    const m::Twin big = b::generatedHall(1000);
    const double fps = orbitFps(big, 120);
    bool ok = fps >= 60;
    std::printf("%-58s %9.1f fps (%zu racks, 1280x800, 120 frames)  budget 60 fps  %s\n",
                "Orbit a generated hall (offscreen)", fps, big.racks.size(), ok ? "OK" : "OVER");

    const m::Twin rubin = reference("rubin-nvl");
    const int runs = 5;
    ok &= b::report("First frame of rubin-nvl (scene + window + render, 1280x800)",
                    b::time(runs,
                            [&] {
                                r::HallScene scene;
                                scene.build(rubin);
                                r::OffscreenWindow window(1280, 800);
                                window.add(scene.renderer());
                                scene.setView(r::View::Iso);
                                window.render();
                            }),
                    1000, runs);
    const auto png = std::filesystem::temp_directory_path() / "bench_render.png";
    ok &= b::report("Screenshot of rubin-nvl by power (load, simulate, 1600x1000 PNG)",
                    b::time(runs,
                            [&] {
                                r::SnapshotOptions o;
                                o.colour = r::ColourMode::Power;
                                r::writePng(r::renderTwin(reference("rubin-nvl"), o), png);
                            }),
                    5000, runs);
    ok &= b::report("Screenshot of the 1,000-rack hall by power (1600x1000 PNG)",
                    b::time(3,
                            [&] {
                                r::SnapshotOptions o;
                                o.colour = r::ColourMode::Power;
                                r::writePng(r::renderTwin(big, o), png);
                            }),
                    5000, 3);
    std::filesystem::remove(png);
    return b::verdict(ok);
}
