// The hall's simulation from end to end, one pipeline for the application and the command line:
// design point → the hall's 3-D air field (when air is asked for and the hall has air handlers) coupled
// with the system simulation (model/air/CoupledSimulation.hpp) → annual run → KPIs. Without air the
// racks breathe a well-mixed room (sim::RoomConstants). The result records how it was made.
#pragma once

#include "model/Twin.hpp"
#include "model/air/AirResultsFile.hpp"
#include "model/air/AirState.hpp"
#include "model/sim/SystemSimulation.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace halltwin::model {

// The turbulence model of the hall's air (docs/air-solver.md, "Turbulence"): a constant effective viscosity,
// the zero-equation model of Chen & Xu (1998) or the standard k-ε model (Launder & Spalding 1974).
enum class TurbulenceModel { Constant, ZeroEquation, KEpsilon };
// The names the command line and the settings use: "constant", "zero-equation", "k-epsilon".
const char* nameOf(TurbulenceModel m);
std::optional<TurbulenceModel> turbulenceModelNamed(const std::string& name);

// How the hall's air is solved.
struct AirSettings {
    double cellM = 0.2;
    TurbulenceModel turbulence = TurbulenceModel::Constant;
    int maxSteps = 3000;
};

struct HallSimulationOptions {
    sim::SimulationOptions system;  // hours, site, cancel flag (also stops the air solve), year progress
    std::optional<AirSettings> air; // solve the hall's air; ignored for a hall without air handlers
    std::function<void(int step, double residual)> airProgress; // from the solving thread
};

// How a result was made; shown with the KPIs and written with the results.
struct Provenance {
    bool airSolved = false; // rack inlets from the 3-D air field, else from the well-mixed room
    bool coupled = false;   // the air field and the system simulation iterated to agreement
    int couplingPasses = 0;
    int airSteps = 0;       // air solver steps over all passes
    double lastChangeK = 0; // largest rack inlet change in the last coupling pass
    double cellM = 0;
    std::string turbulence;       // as air::HallAirResult::turbulenceModel
    std::string airState;         // "steady", "steady on average" or "not steady"
    bool warmStart = false;       // the air solve started from an earlier run's fields
    std::string describe() const; // one line for people, e.g. in the CLI and the status bar
};

// The air solution of a run (its constant model, shared, and a copy of its fields), handed to the next
// run as its warm start: a value, so runs on other threads never share mutable fields.
using AirWarmStart = std::optional<air::AirSolution>;

struct HallSimulationResult {
    sim::SimulationResult system;
    std::shared_ptr<const air::AirResults> air; // fields, rack table, indices; null without air
    Provenance provenance;
    bool cancelled = false;
};

// Throws std::runtime_error (with the twin's name) when a stage cannot run: an unreadable climate, a
// hall whose air handlers have no free face to supply and return through.
HallSimulationResult simulateHall(const Twin& twin, const HallSimulationOptions& options,
                                  AirWarmStart* warm = nullptr);

// The air solver's KPIs of a hall (RCI_HI/LO, RTI, SHI, RHI, hottest inlet, hot spots, balance).
std::vector<sim::Kpi> airKpisOf(const air::HallAirResult& r);
// Every KPI of a run: the system's, then the air solver's when it ran.
std::vector<sim::Kpi> kpisOf(const Twin& twin, const HallSimulationResult& r);

} // namespace halltwin::model
