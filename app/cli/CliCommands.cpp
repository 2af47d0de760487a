#include "cli/CliCommands.hpp"

#include <QCoreApplication>

#include <cstdio>

namespace halltwin::app {
namespace {

int usage(FILE* to) {
    std::fprintf(to, "Usage: halltwin [FILE]            open the application (on FILE)\n"
                     "       halltwin COMMAND [--help] ARGS\n\nCommands:\n");
    for (const auto& [name, cmd] : cliCommands())
        std::fprintf(to, "  %-10s %s\n", qPrintable(name), cmd.summary);
    return to == stdout ? 0 : 2;
}

} // namespace

const std::map<QString, CliCommand>& cliCommands() {
    static const std::map<QString, CliCommand> all = [] {
        std::map<QString, CliCommand> m = fileCommands();
        m.merge(simulateCommands());
        m.merge(renderCommands());
        m.merge(whatIfCommands());
        m.merge(studyCommands());
        m.merge(measuredCommands());
        return m;
    }();
    return all;
}

bool isCliInvocation(int argc, char** argv) {
    if (argc < 2) return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    return cliCommands().contains(first) || first == "help" || first == "--help" || first == "-h" ||
           first == "--version";
}

int runCli(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("halltwin");
    QCoreApplication::setApplicationVersion(HALLTWIN_VERSION);
    QStringList args = app.arguments();
    const QString name = args.value(1);
    if (name == "--version") return std::printf("halltwin %s\n", HALLTWIN_VERSION), 0;
    auto it = cliCommands().find(name);
    if (it == cliCommands().end()) return usage(name == "help" || name.startsWith("-") ? stdout : stderr);
    const CliCommand& cmd = it->second;
    QCommandLineParser parser;
    parser.setApplicationDescription(cmd.summary);
    parser.addHelpOption();
    for (const QString& p : cmd.positional)
        parser.addPositionalArgument(p, p.startsWith("OUT") ? "output file" : "twin file");
    if (cmd.addOptions) cmd.addOptions(parser);
    args.removeAt(1);
    args[0] = "halltwin " + name;
    if (!parser.parse(args)) {
        std::fprintf(stderr, "halltwin %s: %s\n", qPrintable(name), qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet("help")) return std::fputs(qPrintable(parser.helpText()), stdout), 0;
    const qsizetype given = parser.positionalArguments().size(), needed = cmd.positional.size();
    const bool variadic = !cmd.positional.isEmpty() && cmd.positional.back().endsWith("...");
    if (variadic ? given < needed - 1 : given != needed) {
        std::fprintf(stderr, "halltwin %s: expected %s\n", qPrintable(name),
                     qPrintable(cmd.positional.join(' ')));
        return 2;
    }
    return cmd.run(parser);
}

} // namespace halltwin::app
