// The heat-rejection plant for one hour: free cooling by dry coolers, adiabatic coolers or towers at an
// approach to the ambient sink, a chiller for what free cooling cannot reach (COP as a fraction of the
// Carnot COP at the lift, with a floor), fans by a cube law and water by a specific use per kWh.
#pragma once

#include "model/Twin.hpp"

namespace halltwin::model::sim {

struct PlantConstants {
    double airflowExponent = 0.8;  // heat-exchanger capacity ∝ airflow^0.8 (turbulent air side) [E]
    double minFanSpeed = 0.15;     // fans idle at this speed fraction while the unit runs [E]
    double padEffectiveness = 0.8; // adiabatic pre-cooling: T_in = T_db − ε (T_db − T_wb) [E]
    double chillerApproachK = 2.0; // evaporator and condenser approaches of the chiller [E]
    double maxCop = 8.0;           // compressor, fans and pumps cap a real plant's COP at low lift [E]
    double pumpHeadM = 25, pumpEfficiency = 0.75; // facility-water pumps [E]
};

struct LoopDemand {
    double heatW = 0;
    double supplyTempC = 30; // the loop's required supply temperature
    double deltaTK = 10;     // design rise across the loads, sets the pumped flow
};

struct LoopResult {
    double freeW = 0, chillerW = 0, unmetW = 0; // heat paths
    double chillerPowerW = 0, fanPowerW = 0, pumpPowerW = 0;
    double waterL = 0; // in one hour
    double cop = 0;    // chiller, when it runs
};

struct PlantResult {
    LoopResult warm, cold;
    double powerW() const {
        return warm.chillerPowerW + warm.fanPowerW + warm.pumpPowerW + cold.chillerPowerW + cold.fanPowerW +
               cold.pumpPowerW;
    }
    double waterL() const { return warm.waterL + cold.waterL; }
    bool freeCooling() const { return warm.chillerW + cold.chillerW <= 0; }
};

// Carnot-fraction chiller COP at evaporator and condenser temperatures, floored at copMin.
double chillerCop(const HeatRejectionType& chiller, double evaporatorC, double condenserC);

// Warm loop: CDUs' facility water. Cold loop: air handlers' chilled water. Units are shared in
// proportion to the heat each loop rejects.
PlantResult solvePlant(const Twin& twin, const LoopDemand& warm, const LoopDemand& cold, double dryBulbC,
                       double wetBulbC, const PlantConstants& k = {});

} // namespace halltwin::model::sim
