#include "cli/CliCommands.hpp"

#include "model/TwinFile.hpp"
#include "model/TwinSummary.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <functional>
#include <map>

namespace halltwin::app {
namespace {

namespace m = halltwin::model;

struct Command {
    const char* summary;
    QStringList positional; // names shown in --help
    std::function<int(const QStringList& args)> run;
};

void printProblems(const m::Diagnostics& d, bool withWarnings) {
    for (const m::Problem& p : d.errors())
        std::fprintf(stderr, "error: %s\n", p.toString().c_str());
    if (withWarnings)
        for (const m::Problem& p : d.warnings())
            std::fprintf(stderr, "warning: %s\n", p.toString().c_str());
}

m::TwinLoad load(const QString& path) {
    return m::loadTwinAny(path.toStdString());
}

int info(const QStringList& a) {
    m::TwinLoad l = load(a[0]);
    if (!l.diagnostics.ok()) {
        printProblems(l.diagnostics, false);
        return 1;
    }
    std::fputs(m::summarize(l.twin).c_str(), stdout);
    if (!l.diagnostics.warnings().empty())
        std::printf("Layout warnings: %zu (run `halltwin validate` to list them)\n",
                    l.diagnostics.warnings().size());
    return 0;
}

int validate(const QStringList& a) {
    m::TwinLoad l = load(a[0]);
    printProblems(l.diagnostics, true);
    std::printf("%s: %zu error(s), %zu warning(s)\n", qPrintable(a[0]), l.diagnostics.errors().size(),
                l.diagnostics.warnings().size());
    return l.diagnostics.ok() ? 0 : 1;
}

int convert(const QStringList& a) {
    m::TwinLoad l = load(a[0]);
    if (!l.diagnostics.ok()) {
        printProblems(l.diagnostics, false);
        return 1;
    }
    const std::string out = a[1].toStdString();
    try {
        if (a[1].endsWith(".json"))
            m::saveTwinJson(l.twin, out);
        else
            m::saveTwinFile(l.twin, out);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    std::printf("wrote %s\n", out.c_str());
    return 0;
}

const std::map<QString, Command>& commands() {
    static const std::map<QString, Command> c{
        {"info", {"Summarise a twin: racks, IT capacity, cooling and power topology.", {"FILE"}, info}},
        {"validate",
         {"Check a twin; lists errors and warnings, exit code 0 when it has no errors.", {"FILE"}, validate}},
        {"convert", {"Convert a twin between JSON (.json) and HDF5 (.h5).", {"IN", "OUT"}, convert}},
    };
    return c;
}

int usage(FILE* to) {
    std::fprintf(to, "Usage: halltwin [FILE]            open the application (on FILE)\n"
                     "       halltwin COMMAND [--help] ARGS\n\nCommands:\n");
    for (const auto& [name, cmd] : commands())
        std::fprintf(to, "  %-10s %s\n", qPrintable(name), cmd.summary);
    return to == stdout ? 0 : 2;
}

} // namespace

bool isCliInvocation(int argc, char** argv) {
    if (argc < 2) return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    return commands().contains(first) || first == "help" || first == "--help" || first == "-h" ||
           first == "--version";
}

int runCli(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("halltwin");
    QCoreApplication::setApplicationVersion(HALLTWIN_VERSION);
    QStringList args = app.arguments();
    const QString name = args.value(1);
    if (name == "--version") return std::printf("halltwin %s\n", HALLTWIN_VERSION), 0;
    auto it = commands().find(name);
    if (it == commands().end()) return usage(name == "help" || name.startsWith("-") ? stdout : stderr);
    const Command& cmd = it->second;
    QCommandLineParser parser;
    parser.setApplicationDescription(cmd.summary);
    parser.addHelpOption();
    for (const QString& p : cmd.positional)
        parser.addPositionalArgument(p, p == "OUT" ? "output file" : "twin file");
    args.removeAt(1);
    args[0] = "halltwin " + name;
    parser.process(args); // --help prints and exits
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != cmd.positional.size()) {
        std::fprintf(stderr, "halltwin %s: expected %s\n", qPrintable(name),
                     qPrintable(cmd.positional.join(' ')));
        return 2;
    }
    return cmd.run(pos);
}

} // namespace halltwin::app
