// Test entry points that fail a test on any Qt warning or critical message, so problems cannot hide
// in the log.
#pragma once

#include <QtTest>

#include <cstdio>
#include <cstdlib>

namespace halltwin::test {

inline void failOnWarnings(QtMsgType type, const QMessageLogContext&, const QString& msg) {
    if (type == QtDebugMsg || type == QtInfoMsg) return;
    std::fprintf(stderr, "Failing on Qt message: %s\n", qPrintable(msg));
    std::abort();
}

} // namespace halltwin::test

#define HALLTWIN_TEST_MAIN_GUILESS(TestClass)                                                                \
    int main(int argc, char** argv) {                                                                        \
        qInstallMessageHandler(halltwin::test::failOnWarnings);                                              \
        QCoreApplication app(argc, argv);                                                                    \
        TestClass tc;                                                                                        \
        return QTest::qExec(&tc, argc, argv);                                                                \
    }
