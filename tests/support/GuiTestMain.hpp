// Entry point of GUI tests (Qt Widgets, VTK views); see TestMain.hpp for the warning policy.
#pragma once

#include "support/TestMain.hpp"

#include <QApplication>
#include <QDir>
#include <QSurfaceFormat>

// GUI tests: VTK's core-profile context without multisampling (stable images), and a private runtime dir
// so Qt has nothing to warn about under Xvfb.
#define HALLTWIN_TEST_MAIN_GUI(TestClass)                                                                    \
    int main(int argc, char** argv) {                                                                        \
        qInstallMessageHandler(halltwin::test::failOnWarnings);                                              \
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {                                                \
            const QString dir = QDir::tempPath() + "/halltwin-test-runtime";                                 \
            QDir().mkpath(dir);                                                                              \
            QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);              \
            qputenv("XDG_RUNTIME_DIR", dir.toUtf8());                                                        \
        }                                                                                                    \
        QSurfaceFormat format;                                                                               \
        format.setVersion(3, 2);                                                                             \
        format.setProfile(QSurfaceFormat::CoreProfile);                                                      \
        format.setDepthBufferSize(24);                                                                       \
        format.setSamples(0);                                                                                \
        QSurfaceFormat::setDefaultFormat(format);                                                            \
        QApplication app(argc, argv);                                                                        \
        QApplication::setOrganizationName("HallTwinTests");                                                  \
        TestClass tc;                                                                                        \
        return QTest::qExec(&tc, argc, argv);                                                                \
    }
