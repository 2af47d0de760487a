// Entry point of GUI tests (Qt Widgets, VTK views); see TestMain.hpp for the warning policy.
#pragma once

#include "support/TestMain.hpp"

#include "render/VtkMessages.hpp"
#include "view/HallView.hpp"

#include <QApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace halltwin::test {

// A GUI test leaves no trace: settings, recovery files and caches go to a home of its own, removed at
// exit, with QStandardPaths in test mode inside it.
inline void useTemporaryHome(const QTemporaryDir& home) {
    qputenv("HOME", home.path().toUtf8());
    for (const char* v : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        qunsetenv(v);
    QStandardPaths::setTestModeEnabled(true);
}

// VTK's warnings and errors fail GUI tests as Qt's do.
inline void failOnVtkWarnings() {
    render::routeVtkMessages([](const std::string& m) {
        std::fprintf(stderr, "Failing on VTK message: %s\n", m.c_str());
        std::abort();
    });
}

} // namespace halltwin::test

namespace halltwin::test {

// GUI tests: VTK's core-profile context without multisampling (stable images), a private runtime dir
// so Qt has nothing to warn about under Xvfb, a temporary home, and warnings of Qt or VTK fail the run.
template <class TestClass> int runGuiTest(int argc, char** argv) {
    qInstallMessageHandler(failOnWarnings);
    failOnVtkWarnings();
    QTemporaryDir home;
    useTemporaryHome(home);
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QString dir = QDir::tempPath() + "/halltwin-test-runtime";
        QDir().mkpath(dir);
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", dir.toUtf8());
    }
    app::useVtkSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName("HallTwinTests");
    TestClass tc;
    return QTest::qExec(&tc, argc, argv);
}

} // namespace halltwin::test

#define HALLTWIN_TEST_MAIN_GUI(TestClass)                                                                    \
    int main(int argc, char** argv) {                                                                        \
        return halltwin::test::runGuiTest<TestClass>(argc, argv);                                            \
    }
