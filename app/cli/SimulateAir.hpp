// `simulate --air`: the air solver over the hall from the command line, its table of rack inlets and the
// hall's airflow indices.
#pragma once

#include "model/Twin.hpp"
#include "model/air/HallAirResult.hpp"

#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace halltwin::app {

// A finished air solve, kept for --save and --vti.
struct AirRun {
    model::air::HallGrid hall;
    std::unique_ptr<model::air::AirSolver> solver;
    model::air::HallAirResult result;
};

void addAirOptions(QCommandLineParser& p); // --air, --cell, --max-steps, --vti

// Builds the hall grid, solves to steady with progress on stderr and prints the results; writes --vti.
// Prints what is wrong and returns nothing when the options or the twin do not allow a solve.
std::optional<AirRun> simulateAir(const model::Twin& twin, const QCommandLineParser& p);

} // namespace halltwin::app
