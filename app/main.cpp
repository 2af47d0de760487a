#include "MainWindow.hpp"
#include "cli/CliCommands.hpp"
#include "view/HallView.hpp"

#include "model/TwinFile.hpp"
#include "model/TwinSummary.hpp"

#include <QApplication>

#include <cstdio>
#include <cstdlib>

namespace {

bool haveDisplay() {
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform) return true; // offscreen, minimal, ... chosen on purpose
    return (std::getenv("DISPLAY") && *std::getenv("DISPLAY")) ||
           (std::getenv("WAYLAND_DISPLAY") && *std::getenv("WAYLAND_DISPLAY"));
}

// Without a display there is no window to open; say so and print what the window would show.
int summaryWithoutDisplay(int argc, char** argv) {
    std::fprintf(stderr, "halltwin: no display found (DISPLAY and WAYLAND_DISPLAY are unset); "
                         "printing the twin's summary instead.\n");
    if (argc < 2) return 0;
    const char* args[] = {argv[0], "info", argv[1]};
    return halltwin::app::runCli(3, const_cast<char**>(args));
}

} // namespace

int main(int argc, char** argv) {
    if (halltwin::app::isCliInvocation(argc, argv)) return halltwin::app::runCli(argc, argv);
    if (!haveDisplay()) return summaryWithoutDisplay(argc, argv);

    halltwin::app::useVtkSurfaceFormat();

    QApplication app(argc, argv);
    QApplication::setApplicationName("HallTwin");
    QApplication::setOrganizationName("HallTwin");
    QApplication::setApplicationVersion(HALLTWIN_VERSION);
    halltwin::app::MainWindow window;
    const QStringList args = app.arguments();
    if (args.size() > 1 && !window.openFile(args[1])) return 1;
    window.show();
    return app.exec();
}
