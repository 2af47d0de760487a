// info, validate, convert: reading and writing twins.
#include "cli/CliCommands.hpp"
#include "cli/CliSupport.hpp"

#include "model/CheckedLoad.hpp"
#include "model/SchemaDoc.hpp"
#include "model/TwinFile.hpp"
#include "model/TwinSummary.hpp"

#include <cstdio>

namespace halltwin::app {
namespace {

namespace m = halltwin::model;

int info(const QCommandLineParser& p) {
    m::TwinLoad l = loadForCli(p.positionalArguments()[0]);
    if (!l.diagnostics.ok()) return 1;
    std::fputs(m::summarize(l.twin).c_str(), stdout);
    if (!l.diagnostics.warnings().empty())
        std::printf("Layout warnings: %zu (run `halltwin validate` to list them)\n",
                    l.diagnostics.warnings().size());
    return 0;
}

int validate(const QCommandLineParser& p) {
    const QString file = p.positionalArguments()[0];
    m::TwinLoad l = m::loadTwinChecked(file.toStdString());
    printProblems(l.diagnostics, true);
    std::printf("%s: %zu error(s), %zu warning(s)\n", qPrintable(file), l.diagnostics.errors().size(),
                l.diagnostics.warnings().size());
    return l.diagnostics.ok() ? 0 : 1;
}

int convert(const QCommandLineParser& p) {
    const QStringList a = p.positionalArguments();
    m::TwinLoad l = loadForCli(a[0]);
    if (!l.diagnostics.ok()) return 1;
    try {
        if (a[1].endsWith(".json"))
            m::saveTwinJson(l.twin, a[1].toStdString());
        else
            m::saveTwinFile(l.twin, a[1].toStdString());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    std::printf("wrote %s\n", qPrintable(a[1]));
    return 0;
}

int schema(const QCommandLineParser&) {
    std::fputs(m::schemaTables().c_str(), stdout);
    return 0;
}

} // namespace

std::map<QString, CliCommand> fileCommands() {
    return {
        {"info", {"Summarise a twin: racks, IT capacity, cooling and power topology.", {"FILE"}, {}, info}},
        {"validate",
         {"Check a twin; lists errors and warnings, exit code 0 when it has no errors.",
          {"FILE"},
          {},
          validate}},
        {"convert", {"Convert a twin between JSON (.json) and HDF5 (.h5).", {"IN", "OUT"}, {}, convert}},
        {"schema",
         {"Print the file format's field tables (Markdown, as in docs/file-format.md).", {}, {}, schema}},
    };
}

} // namespace halltwin::app
