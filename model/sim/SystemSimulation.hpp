// One pipeline for the whole hall: workload → rack IT power → power chain (losses and where they go)
// → liquid loops (captured heat, coolant and chip temperatures) → air side (a well-mixed room, or the
// per-rack recirculation found by the 3-D air solver, see model/air/CoupledSimulation.hpp) → heat-rejection
// plant → energy and KPIs, iterating the coupling (rack inlet
// temperature drives server fan power) to a tolerance. The results are plain values shared by the CLI,
// the app and the HDF5 results writer.
#pragma once

#include "model/Twin.hpp"
#include "model/sim/HeatRejection.hpp"
#include "model/sim/LiquidLoops.hpp"
#include "model/sim/PowerChain.hpp"
#include "model/sim/WorkloadModel.hpp"

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace halltwin::model::sim {

struct SimulationOptions {
    int hours = 8760;                 // 0 = design point only
    std::string site;                 // climate id overriding the twin's site
    std::filesystem::path climateDir; // empty = the bundled assets/climate
    double couplingTolerance = 1e-6;  // relative change of IT power between coupling iterations
    int maxCouplingIterations = 30;
    const std::atomic<bool>* cancel = nullptr;     // set from another thread to stop the annual run
    std::function<void(double fraction)> progress; // called every simulated day (from the worker thread)
    // Per rack (twin order), β = (inlet − supply) / the rack's own air ΔT as the 3-D air solver found it;
    // empty = the well-mixed room of RoomConstants. NaN for a rack the solver has no air path for.
    std::vector<double> rackRecirculation;
};

struct RoomConstants {
    double recirculationContained = 0.05;   // share of the rack ΔT that reaches intakes with containment [E]
    double recirculationOpen = 0.25;        // without containment [E]
    double fanRampPerK = 0.03;              // server fan speed rise per K of inlet above 25 °C [E]
    double chilledWaterBelowSupplyAirK = 6; // CRAH coil water below its supply air [E]
    double crahMinSpeed = 0.3;              // CRAH fans never below this speed fraction [E]
    double lightingWPerM2 = 5;              // LED lighting and small loads in the white space [E]
    // Site house loads on the same meter: generator jacket-water heaters, security, BMS, offices [E].
    double houseLoadPerGridW = 0.01;
    double plantRoomVentilationFraction = 0.05; // fan power per W of electrical-room loss (free cooled) [E]
};

// One operating point: the design point or one hour of the year.
struct OperatingPoint {
    double dryBulbC = 0, wetBulbC = 0, demandRps = 0;
    WorkloadPoint workload;
    PowerChainResult power;
    LiquidState liquid;
    PlantResult plant;
    double liquidHeatW = 0, airHeatW = 0;   // to CDUs and to air handlers
    double rearDoorW = 0, rearDoorFanW = 0; // taken by rear doors from the exhaust (in liquidHeatW)
    std::vector<double> rackRearDoorW;      // per rack
    double rackInletC = 0;                  // air-heat-weighted mean rack intake temperature
    std::vector<double> rackInletsC;        // per rack
    bool airFromSolver = false;             // inlets from the air solver's recirculation, not a mixed room
    double airHandlerFanW = 0, airHandlerCapacityW = 0;
    double lightingW = 0, ventilationW = 0, houseW = 0;
    double itW = 0, coolingW = 0, distributionLossW = 0, facilityW = 0;
    double pue = 0, ppueCooling = 0, ppuePower = 0;
    int couplingIterations = 0;
    double couplingResidual = 0;
};

struct AnnualResult {
    int hours = 0;
    std::vector<double> itW, facilityW, coolingW, lossW, dryBulbC, hourlyPue, decodeTokensPerS, utilisation,
        waterL;
    double itMWh = 0, facilityMWh = 0, coolingMWh = 0, lossMWh = 0, waterM3 = 0;
    double pue = 0, ppueCooling = 0, ppuePower = 0, wueLPerKWh = 0;
    int freeCoolingHours = 0, unmetHours = 0;
    double energyCostUsd = 0, outputTokens = 0, rejectedFraction = 0;
};

struct SimulationResult {
    OperatingPoint design;
    AnnualResult annual;
    std::string climate;    // the site whose hourly climate drove the annual run
    bool cancelled = false; // the annual run stopped early; `annual` holds the hours done
    std::vector<std::string> warnings;
};

// Throws std::runtime_error when the climate cannot be read.
SimulationResult simulate(const Twin& twin, const SimulationOptions& options = {});

// One named KPI, the same for every table a user sees (CLI, JSON, CSV, the app's docks, the compare
// window and the review image). Units are UDUNITS strings as in the files ("degC", "1" for a ratio);
// model/KpiText.hpp writes them for people.
struct Kpi {
    std::string key, label, units;
    std::optional<double> value; // empty where it does not apply (no liquid loop, no annual run, ...)
    bool higherIsBetter = false;
    std::string definition; // what it measures and where its model or definition comes from
};
// The system KPIs of a run; values that do not apply to this twin or run are left empty.
std::vector<Kpi> kpisOf(const Twin& twin, const SimulationResult& r);

} // namespace halltwin::model::sim
