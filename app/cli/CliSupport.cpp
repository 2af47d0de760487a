#include "cli/CliSupport.hpp"

#include <cstdio>

namespace halltwin::app {

void printProblems(const model::Diagnostics& d, bool withWarnings) {
    for (const model::Problem& p : d.errors())
        std::fprintf(stderr, "error: %s\n", p.toString().c_str());
    if (withWarnings)
        for (const model::Problem& p : d.warnings())
            std::fprintf(stderr, "warning: %s\n", p.toString().c_str());
}

model::TwinLoad loadForCli(const QString& path) {
    model::TwinLoad l = model::loadTwinAny(path.toStdString());
    if (!l.diagnostics.ok()) printProblems(l.diagnostics, false);
    return l;
}

} // namespace halltwin::app
