// Image options shared by the CLI commands that render (screenshot, compare --png).
#pragma once

#include "model/Twin.hpp"
#include "model/sim/SystemSimulation.hpp"

#include <QCommandLineParser>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace halltwin::app {

// "1600x1000" -> {1600, 1000}; 64 to 8192 pixels a side.
std::optional<std::pair<int, int>> parseImageSize(const QString& s);

// --png OUT, --size WxH, --view, --color for `compare`.
void addComparePngOptions(QCommandLineParser& p);
// Writes the side-by-side composite of the compared twins; returns the exit code.
int writeComparePng(const QCommandLineParser& p, const std::vector<model::Twin>& twins,
                    const std::vector<model::sim::SimulationResult>& results);

} // namespace halltwin::app
