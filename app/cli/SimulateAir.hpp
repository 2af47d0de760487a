// `simulate --air`: the air solver over the hall from the command line, its table of rack inlets and the
// hall's airflow indices.
#pragma once

#include "model/Twin.hpp"
#include "model/air/HallAirResult.hpp"
#include "model/sim/SystemSimulation.hpp"

#include <QCommandLineParser>

#include <memory>
#include <optional>

namespace halltwin::app {

// A finished air solve coupled with the system simulation, kept for --save and --vti.
struct AirRun {
    model::air::HallGrid hall;
    std::unique_ptr<model::air::AirSolver> solver;
    model::air::HallAirResult result;
    model::sim::SimulationResult system; // with each rack's intake from the solved field
    int passes = 0;
    double lastChangeK = 0;
};

void addAirOptions(QCommandLineParser& p); // --air, --cell, --max-steps, --vti

// Runs the system simulation coupled to the hall's air (model/air/CoupledSimulation.hpp) with progress on
// stderr, prints the air results and writes --vti. Prints what is wrong and returns nothing when the
// options or the twin do not allow a solve.
std::optional<AirRun> simulateAir(const model::Twin& twin, const QCommandLineParser& p,
                                  const model::sim::SimulationOptions& options);

} // namespace halltwin::app
