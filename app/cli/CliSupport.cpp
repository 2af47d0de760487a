#include "cli/CliSupport.hpp"

#include "model/CheckedLoad.hpp"

#include <cstdio>

namespace halltwin::app {

// At most 50 lines of each kind, then how many more: a million bad rows stay readable.
void printProblems(const model::Diagnostics& d, bool withWarnings) {
    constexpr size_t shown = 50;
    auto print = [](const std::vector<model::Problem>& list, const char* kind) {
        for (size_t i = 0; i < list.size() && i < shown; ++i)
            std::fprintf(stderr, "%s: %s\n", kind, list[i].toString().c_str());
        if (list.size() > shown) std::fprintf(stderr, "%s: and %zu more\n", kind, list.size() - shown);
    };
    print(d.errors(), "error");
    if (withWarnings) print(d.warnings(), "warning");
}

model::TwinLoad loadForCli(const QString& path) {
    model::TwinLoad l = model::loadTwinChecked(path.toStdString());
    if (!l.diagnostics.ok()) printProblems(l.diagnostics, false);
    return l;
}

} // namespace halltwin::app
