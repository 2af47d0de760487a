// screenshot and compare --png: twins rendered offscreen to PNG, for reports and CI artefacts.
#include "cli/CliCommands.hpp"
#include "cli/CliRender.hpp"
#include "cli/CliSupport.hpp"

#include "model/air/AirResultsFile.hpp"

#include "render/Comparison.hpp"
#include "render/OffscreenWindow.hpp"
#include "render/Snapshot.hpp"

#include <cstdio>

namespace halltwin::app {
namespace {

namespace r = halltwin::render;

const char* const colourHelp = "Colour racks by none, power, inlet, chip or utilisation.";

void addImageOptions(QCommandLineParser& p, const char* defaultColour, const char* defaultSize) {
    p.addOption({"view", "Camera preset: iso, plan or row.", "VIEW", "iso"});
    p.addOption({{"color", "colour"}, colourHelp, "MODE", defaultColour});
    p.addOption({"size", "Image size in pixels.", "WxH", defaultSize});
}

struct ImageOptions {
    r::View view;
    r::ColourMode colour;
    std::pair<int, int> size;
};

// Prints what is wrong and returns nothing when an option is invalid or there is no display.
std::optional<ImageOptions> imageOptions(const QCommandLineParser& p) {
    const auto view = r::parseView(p.value("view").toStdString());
    const auto colour = r::parseColourMode(p.value("color").toStdString());
    const auto size = parseImageSize(p.value("size"));
    if (!view) return std::fprintf(stderr, "error: --view must be iso, plan or row\n"), std::nullopt;
    if (!colour)
        return std::fprintf(stderr, "error: --color must be none, power, inlet, chip or utilisation\n"),
               std::nullopt;
    if (!size)
        return std::fprintf(stderr, "error: --size must be WIDTHxHEIGHT, e.g. 1600x1000\n"), std::nullopt;
    if (auto why = r::offscreenUnavailableReason())
        return std::fprintf(stderr, "error: %s\n", why->c_str()), std::nullopt;
    return ImageOptions{*view, *colour, *size};
}

// The file's air results for --slice, or nothing (with the reason printed) when they are missing.
std::optional<model::air::AirFields> airForSlice(const QString& file) {
    try {
        if (auto f = model::air::readAirFields(file.toStdString())) return f;
    } catch (const std::exception& e) {
        return std::fprintf(stderr, "error: %s\n", e.what()), std::nullopt;
    }
    std::fprintf(
        stderr,
        "error: '%s' has no air results (/results/air); run `halltwin simulate %s --air --save` first\n",
        qPrintable(file), qPrintable(file));
    return std::nullopt;
}

int screenshot(const QCommandLineParser& p) {
    if (!p.isSet("out")) return std::fprintf(stderr, "error: --out FILE.png is required\n"), 2;
    bool okZ = true;
    const double sliceZ = p.isSet("slice") ? p.value("slice").toDouble(&okZ) : 0;
    if (!okZ) return std::fprintf(stderr, "error: --slice must be a height in metres, e.g. 1.2\n"), 2;
    const auto io = imageOptions(p);
    if (!io) return 2;
    const QString file = p.positionalArguments()[0];
    model::TwinLoad l = loadForCli(file);
    if (!l.diagnostics.ok()) return 1;
    std::optional<model::air::AirFields> air;
    if (p.isSet("slice") && !(air = airForSlice(file))) return 1;
    r::SnapshotOptions o;
    o.view = io->view, o.colour = io->colour, o.width = io->size.first, o.height = io->size.second;
    o.overlays = p.isSet("overlays");
    if (air) o.air = &*air, o.sliceZM = sliceZ;
    try {
        r::writePng(r::renderTwin(l.twin, o), p.value("out").toStdString());
    } catch (const std::exception& e) {
        return std::fprintf(stderr, "error: %s\n", e.what()), 1;
    }
    std::printf("wrote %s (%dx%d)\n", qPrintable(p.value("out")), o.width, o.height);
    return 0;
}

} // namespace

std::optional<std::pair<int, int>> parseImageSize(const QString& s) {
    const QStringList parts = s.toLower().split('x');
    if (parts.size() != 2) return std::nullopt;
    bool okW = false, okH = false;
    const int w = parts[0].toInt(&okW), h = parts[1].toInt(&okH);
    if (!okW || !okH || w < 64 || h < 64 || w > 8192 || h > 8192) return std::nullopt;
    return std::pair{w, h};
}

void addComparePngOptions(QCommandLineParser& p) {
    p.addOption({"png", "Also write the twins side by side with their KPIs as one PNG.", "OUT"});
    addImageOptions(p, "power", "1800x1100");
}

int writeComparePng(const QCommandLineParser& p, const std::vector<model::Twin>& twins,
                    const std::vector<model::sim::SimulationResult>& results) {
    if (twins.size() > 4) return std::fprintf(stderr, "error: --png shows at most 4 twins\n"), 2;
    const auto io = imageOptions(p);
    if (!io) return 2;
    std::vector<r::CompareEntry> entries;
    for (size_t i = 0; i < twins.size(); ++i)
        entries.push_back({&twins[i], &results[i]});
    try {
        const r::CompareImageOptions o{io->view, io->colour, io->size.first, io->size.second};
        r::writePng(r::renderComparison(entries, o), p.value("png").toStdString());
    } catch (const std::exception& e) {
        return std::fprintf(stderr, "error: %s\n", e.what()), 1;
    }
    std::printf("wrote %s (%dx%d)\n", qPrintable(p.value("png")), io->size.first, io->size.second);
    return 0;
}

std::map<QString, CliCommand> renderCommands() {
    auto options = [](QCommandLineParser& p) {
        addImageOptions(p, "none", "1600x1000");
        p.addOption({"out", "PNG file to write.", "OUT"});
        p.addOption({"overlays", "Colour coolant pipes by return temperature and busways by load."});
        p.addOption({"slice",
                     "Draw the air temperature and velocity at height Z m (hall coordinates) from the "
                     "file's /results/air (see simulate --air --save).",
                     "Z"});
    };
    return {{"screenshot",
             {"Render a twin offscreen to a PNG image (needs an X display, e.g. xvfb-run -a).",
              {"FILE"},
              options,
              screenshot}}};
}

} // namespace halltwin::app
