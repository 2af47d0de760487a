// Equipment catalogue: the sourced datasheet values every twin refers to by id.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace halltwin::model {

// Common to every catalogue entry: where the numbers come from and whether they are estimates.
struct Sourced {
    std::string id;
    std::string name;
    std::string source;
    bool estimate = false;
};

struct Accelerator : Sourced {
    double tdpW = 0, idleW = 0;
    double fp16Tflops = 0, fp8Tflops = 0, fp4Tflops = 0; // dense
    double hbmGB = 0, hbmTBs = 0;
    double throttleTempC = 85, shutdownTempC = 105; // junction limits
    // Achieved fractions of the dense peak (at the linear layers' precision) and of the HBM bandwidth
    // when serving an LLM, fitted to MLPerf Inference where the accelerator took part; 0 = the generic
    // values of ServingConstants.
    double prefillEfficiency = 0, decodeEfficiency = 0, hbmEfficiency = 0;
    double linkGBs = 0; // scale-up (NVLink, Infinity Fabric) bandwidth per direction; 0 = none
};

struct Cpu : Sourced {
    double tdpW = 0, idleW = 0;
    int cores = 0;
};

struct Server : Sourced {
    int heightU = 1;
    std::string accelerator; // catalogue id, may be empty for CPU-only or switch trays
    int acceleratorCount = 0;
    std::string cpu;
    int cpuCount = 0;
    double otherW = 0;   // memory, NICs, storage, board
    double fanW = 0;     // at full speed; zero for fanless liquid trays
    int scaleUpSize = 0; // accelerators on one scale-up fabric (72 for an NVL72 tray); 0 = this server's
};

struct RackType : Sourced {
    double widthM = 0.6, depthM = 1.2, heightM = 2.2;
    double maxPowerW = 0;
    std::string cooling = "air"; // air | liquid | immersion
    double liquidCaptureFraction = 0;
    std::string powerInput = "415VAC"; // 415VAC | 54VDC | 800VDC
    std::string server;
    int serverCount = 0;
    double overheadW = 0; // switch trays, power shelves, management
    double airDeltaTK = 12;
    // How much air the servers move: "delta_t", the rack's air heat / (ρ·c_p·airDeltaTK); "fan", the
    // servers' fans, from idleAirflowM3s at no load to fullAirflowM3s at full load, linear in the rack's
    // utilisation (fans never stop: an idle rack still draws air, and its ΔT follows from heat / flow).
    std::string airflowModel = "delta_t"; // delta_t | fan
    double idleAirflowM3s = 0, fullAirflowM3s = 0;
    // The band of the front and rear faces where the servers take in and blow out air, in m above the
    // rack's base; blanking panels close the rest. airBandTopM = 0: the whole face.
    double airBandBottomM = 0, airBandTopM = 0;
    double capexUsd = 0; // installed price of the rack with its contents, for cost per token
};

struct CduType : Sourced {
    double capacityW = 0, flowM3s = 0, approachK = 3, pumpPowerW = 0;
    double widthM = 0.6, depthM = 1.2, heightM = 2.0;
};

struct AirHandlerType : Sourced {
    // crah | fan_wall | in_row (a rack-sized unit standing in a row: it draws from the hot aisle behind it
    // and blows into the cold aisle in front)
    std::string kind = "crah";
    double capacityW = 0, airflowM3s = 0, fanPowerW = 0;
    bool variableSpeed = true; // false: fans run at full speed whatever the load
    double widthM = 1.0, depthM = 0.9, heightM = 2.0;
};

// A rear-door heat exchanger: a finned water coil hung on a rack's rear face that cools the exhaust before
// it reaches the room, on a liquid loop (the rack's CDU). Rated as datasheets give it: at ratedAirflowM3s
// of air entering at ratedAirInC and waterFlowM3s of water entering at ratedWaterInC, the air leaves
// approachK above the water's inlet; the coil's UA follows (cross-flow ε-NTU, model/sim/RearDoor.hpp).
// "passive" doors rely on the servers' fans; "active" ones add fans (fanPowerW) that carry the pressure
// drop, so the rack's air path is the same either way here.
struct RearDoorType : Sourced {
    std::string kind = "passive"; // passive | active
    double ratedAirflowM3s = 0, ratedAirInC = 36, ratedWaterInC = 18, approachK = 6;
    double waterFlowM3s = 0, fanPowerW = 0;
    double depthM = 0.25; // added behind the rack's rear face
};

struct HeatRejectionType : Sourced {
    std::string kind = "dry_cooler"; // dry_cooler | adiabatic_cooler | chiller | cooling_tower
    double capacityW = 0, fanPowerW = 0, designApproachK = 0;
    double carnotFraction = 0, copMin = 0; // chillers
    double waterLPerKWh = 0;               // adiabatic coolers and towers
};

struct PowerStageType : Sourced {
    std::string kind; // transformer | sst | ups | pdu | rectifier | psu | dcdc | vrm
    double ratedPowerW = 0, inputV = 0, outputV = 0;
    std::vector<double> loadFraction, efficiency; // datasheet points, load fraction ascending 0..1
};

template <class T> using Entries = std::map<std::string, T>;

struct Catalog {
    Entries<Accelerator> accelerators;
    Entries<Cpu> cpus;
    Entries<Server> servers;
    Entries<RackType> rackTypes;
    Entries<CduType> cduTypes;
    Entries<AirHandlerType> airHandlerTypes;
    Entries<HeatRejectionType> heatRejectionTypes;
    Entries<RearDoorType> rearDoorTypes;
    Entries<PowerStageType> powerStageTypes;

    size_t size() const;
    bool contains(const std::string& id) const;
};

template <class T> const T* find(const Entries<T>& entries, const std::string& id) {
    auto it = entries.find(id);
    return it == entries.end() ? nullptr : &it->second;
}

bool operator==(const Catalog& a, const Catalog& b);

} // namespace halltwin::model
