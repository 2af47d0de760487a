// The twin: what the engineer edits. Plain values; solvers and results live in their own types.
#pragma once

#include "Catalog.hpp"

#include <string>
#include <vector>

namespace halltwin::model {

struct Hall {
    std::string name;
    double lengthM = 20, widthM = 12, heightM = 4; // x along the hall, y across, z up
    double tileM = 0.6;
    double raisedFloorM = 0; // 0 = slab floor
    // Open area of the perforated floor tiles (0.25 perforated, ~0.56 grates); 1 models the tiles as open
    // supply faces without the jets' extra momentum.
    double tileOpenFraction = 1;
    double frontClearanceM = 1.2; // service clearance in front of a rack's intake face
    double rearClearanceM = 0.9;
    double minAisleM = 1.2;
};

struct Row {
    std::string id, name;
    std::string containment = "none"; // none | cold | hot
};

// Anything standing on the floor: position is the footprint centre, yaw in multiples of 90 degrees.
struct Placed {
    std::string id, name, type;
    double xM = 0, yM = 0, yawDeg = 0;
};

struct Rack : Placed {
    std::string row;
    int serverCount = 0;
    double powerCapW = 0; // design limit; the rack draws min(nameplate, cap)
    std::string cdu;      // technology loop it feeds (cold plates, rear door); empty for air-cooled racks
    std::string rearDoor; // rear-door heat exchanger type (catalogue id) on the cdu's loop; empty: none
    std::string busway;   // power distribution element it hangs on
    // This rack's own air band (see RackType); airBandTopM = 0: the type's.
    double airBandBottomM = 0, airBandTopM = 0;
    double measuredAirflowM3s = 0; // > 0: this rack's measured airflow, overriding its type's model
};

struct Cdu : Placed {
    double supplyTempC = 40;
    std::string fluid = "pg25"; // water | pg25
};

struct AirHandler : Placed {
    double supplyTempC = 22;
    double airflowM3s = 0; // > 0: this unit's fixed airflow, overriding its type's (and variable speed)
    // Where the unit blows: "front" through a grille on its front face (grilleBottomM up to
    // grilleBottomM + grilleHeightM above its base; height 0: the lower half), "down" into the raised
    // floor (out through the perforated tiles), "up" into a duct feeding the room's supply vents that have
    // no flow of their own; empty: down with a raised floor, else front (an in-row cooler: always front,
    // its grille the whole height of the unit unless grilleHeightM says otherwise).
    std::string discharge;
    double grilleBottomM = 0, grilleHeightM = 0;
    // Where it draws from: "top" (its top face), "front" (the front face above the grille), "rear", or
    // "ceiling" (a ceiling plenum, through the room's return vents that have no flow of their own); empty:
    // the type's usual, rear for an in-row cooler, else top.
    std::string returnFrom;
};

struct FacilityLoop {
    std::string fluid = "water";
    double supplyTempC = 32, designDeltaTK = 10;
    std::string heatRejection; // catalogue id
    int heatRejectionCount = 0;
    std::string chiller; // catalogue id, empty when the plant has no chiller
    int chillerCount = 0;
};

struct Cooling {
    std::vector<Cdu> cdus;
    std::vector<AirHandler> airHandlers;
    FacilityLoop facility;
};

struct PowerSettings {
    std::string architecture = "800VDC"; // 800VDC | 415VAC
    double gridCapacityW = 0;            // envelope at the utility meter
    double feederLengthM = 30;           // plant room to the hall's distribution, one way
};

struct PowerFeed {
    std::string id, name;
    double voltageV = 0, capacityW = 0;
    std::string path = "A";
};

struct PowerStage {
    std::string id, name, type;
    int count = 1;
    std::string redundancy = "N";   // N | N+1 | 2N
    std::string location = "plant"; // plant | white_space | rack
};

struct Busway {
    std::string id, name, row;
    std::string material = "copper"; // copper | aluminium
    double crossSectionMm2 = 0, lengthM = 0, voltageV = 0, heightM = 3;
};

struct Power {
    PowerSettings settings;
    std::vector<PowerFeed> feeds;
    std::vector<PowerStage> stages; // in order from the utility to the chips
    std::vector<Busway> busways;
};

struct WorkloadSettings {
    double powerCapW = 0; // 0 = no hall cap
    double promptTokens = 2000, outputTokens = 500;
    bool disaggregated = false;
    std::string prefillRackType, decodeRackType;
    std::vector<double> demandRps; // 24 or 8760 hourly values
    // How requests are served: offline (throughput only), server (first token and per-token latency
    // bounds at the 99th percentile) or interactive (tighter bounds); 0 = the scenario's bounds.
    std::string scenario = "server";
    double ttftS = 0, tpotS = 0;
    double gpuPowerLimitW = 0; // per accelerator; 0 = its TDP
};

struct ServedModel {
    std::string id, name;
    double paramsB = 70, bytesPerParam = 1, contextTokens = 8192;
    double kvBytesPerValue = 0; // KV cache and attention precision; 0 = FP8, or FP16 weights' 2
    int layers = 0, hiddenSize = 0, kvDim = 0; // 0 = a Llama-2-like shape for the parameter count
    int batchSize = 0, tpWidth = 0; // upper bound on the batch, fixed tensor-parallel width; 0 = sized
    std::string mode = "inference"; // inference | training
    double share = 1;               // fraction of the hall's accelerators
};

struct Workload {
    WorkloadSettings settings;
    std::vector<ServedModel> models;
};

struct Site {
    std::string name, climate;
    double latitudeDeg = 0;
    double electricityUsdPerKWh = 0.08, waterUsdPerM3 = 2, computeUnitUsd = 2.5;
    double designAmbientC = 35;
    double amortisationYears = 5; // capital spread over this life for cost per token
};

// A named point where the solved air's temperature and speed are reported, e.g. a sensor of a strip in
// front of a rack; `group` gathers the points of one strip or zone for calibration. zM is the height above
// the room's floor (the raised floor's top, or the slab), as sensor heights are given.
struct Probe {
    std::string id, group;
    double xM = 0, yM = 0, zM = 1.2;
};

// A box that blocks air (a column, a beam, a cable tray, a closed zone of the room): its low corner at
// (x, y) and zM above the room floor, its extents along x, y and z.
struct Obstruction {
    std::string id, name;
    double xM = 0, yM = 0, zM = 0;
    double lengthM = 0, widthM = 0, heightM = 0;
};

// An opening of the room: a ceiling or wall supply diffuser, a return grille, or an opening held at the
// room's reference pressure (to the outside or a large plenum). Centred at (x, y, z); on the ceiling
// lengthM runs along x and widthM along y, on a wall (x at 0 or the hall's length, or y at 0 or its width)
// lengthM runs along the wall and widthM up it.
struct Vent {
    std::string id, name;
    std::string kind = "return";     // supply | return | pressure
    std::string surface = "ceiling"; // ceiling | wall
    double xM = 0, yM = 0, zM = 0;   // z: the centre's height above the room floor (wall vents)
    double lengthM = 0.6, widthM = 0.6;
    // > 0: its own fan's flow; 0: supply fed by the air handlers that discharge up, return drawn by
    // those that return from the ceiling (shared by area); pressure vents pass what the room leaves.
    double flowM3s = 0;
    double supplyTempC = 20; // air let in by an own-flow supply or a pressure vent
};

struct Twin {
    std::string name, description, source;
    Hall hall;
    std::vector<Row> rows;
    std::vector<Rack> racks;
    Cooling cooling;
    Power power;
    Workload workload;
    Site site;
    std::vector<Probe> probes;
    std::vector<Obstruction> obstructions;
    std::vector<Vent> vents;
    Catalog catalog; // the entries this twin uses, so the twin is self-contained
};

bool operator==(const Twin& a, const Twin& b);

} // namespace halltwin::model
