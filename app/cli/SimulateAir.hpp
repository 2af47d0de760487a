// `simulate --air`: the options that ask for the hall's air, and what the CLI prints of a solved hall
// (rack inlets, airflow indices, how the solve ended).
#pragma once

#include "model/HallSimulation.hpp"

#include <QCommandLineParser>

#include <optional>

namespace halltwin::app {

void addAirOptions(QCommandLineParser& p); // --air, --cell, --max-steps, --turbulence, --vti

// The air settings asked for (nothing inside without --air); false, with the error printed, when an
// option is bad or the grid would be too large for the twin's hall.
bool airSettingsOf(const model::Twin& twin, const QCommandLineParser& p,
                   std::optional<model::AirSettings>& settings);

// Progress of the air solve on stderr, every 50 steps.
std::function<void(int, double)> airProgressOnStderr();

// The rack table, the hall's indices and how the solve ended.
void printAir(const model::Twin& twin, const model::HallSimulationResult& r, double wallS);

} // namespace halltwin::app
