// Small helpers shared by the CLI commands.
#pragma once

#include "model/TwinFile.hpp"

#include <QString>

namespace halltwin::app {

void printProblems(const model::Diagnostics& d, bool withWarnings);
// Loads a twin; prints its errors to stderr when it cannot be used.
model::TwinLoad loadForCli(const QString& path);

} // namespace halltwin::app
