// The headless `halltwin <command>` interface: the same model code the GUI uses, for scripts and CI.
#pragma once

#include <QCommandLineParser>
#include <QStringList>

#include <functional>
#include <map>

namespace halltwin::app {

struct CliCommand {
    const char* summary;
    QStringList positional; // names shown in --help; a trailing "..." allows more
    std::function<void(QCommandLineParser&)> addOptions;
    std::function<int(const QCommandLineParser&)> run;
};

// Commands by name; each file of cli/ registers its own.
const std::map<QString, CliCommand>& cliCommands();
std::map<QString, CliCommand> fileCommands();     // info, validate, convert
std::map<QString, CliCommand> simulateCommands(); // simulate, compare
std::map<QString, CliCommand> whatIfCommands();   // whatif
std::map<QString, CliCommand> renderCommands();   // screenshot
std::map<QString, CliCommand> studyCommands();    // study run, study report
std::map<QString, CliCommand> measuredCommands(); // probes against measurements

// True when argv[1] names a command (or help/version) rather than a file to open.
bool isCliInvocation(int argc, char** argv);

// Runs the command and returns the process exit code.
int runCli(int argc, char** argv);

} // namespace halltwin::app
