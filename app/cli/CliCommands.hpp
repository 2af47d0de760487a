// The headless `halltwin <command>` interface: the same model code the GUI uses, for scripts and CI.
#pragma once

#include <QStringList>

namespace halltwin::app {

// True when argv[1] names a command (info, validate, convert, help) rather than a file to open.
bool isCliInvocation(int argc, char** argv);

// Runs the command and returns the process exit code.
int runCli(int argc, char** argv);

} // namespace halltwin::app
