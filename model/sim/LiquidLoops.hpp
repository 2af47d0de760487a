// The technology loops between racks and CDUs: one hydraulic network per CDU (pump, supply and return
// pipes to every rack, the rack's manifold, cold plates and quick disconnects, the CDU's heat exchanger),
// solved once for its flows by the global gradient method; temperatures follow each hour by energy balance.
// The CDU couples the loop to facility water as a counter-flow exchanger (ε-NTU).
#pragma once

#include "model/Twin.hpp"

#include <string>
#include <vector>

namespace halltwin::model::sim {

struct LiquidConstants {
    double litresPerMinutePerKW = 1.5; // design flow, OCP guidance 1.25–2.0 [P]
    double rackDesignDropKPa = 60;     // manifold + cold plates (≤ 20 kPa) + quick disconnects [E]
    double rackDropExponent = 2.0;     // ΔP = k·Q^n for turbulent manifolds and disconnects [E]
    double exchangerDropKPa = 50;      // CDU plate heat exchanger at design flow [E]
    double pipeVelocityMs = 1.5;       // pipe sizing velocity [E]
    double pumpEfficiency = 0.65;      // wire-to-water [E]
    double coldPlateResistanceKW =
        0.02; // case to coolant at design flow per accelerator (GB200 < 0.03) [V]/[E]
    double resistanceFlowExponent = 0.8; // R ∝ flow^−0.8 (turbulent convection) [E]
};

struct CduState {
    std::string id;
    double heatW = 0, capacityW = 0;
    double techFlowM3s = 0, techSupplyC = 0, techReturnC = 0;
    double facilitySupplyC = 0, facilityReturnC = 0, facilityFlowM3s = 0;
    double pumpHeadM = 0, pumpPowerW = 0;
    int iterations = 0;
};

struct RackLiquidState {
    double flowM3s = 0, supplyC = 0, returnC = 0;
    double chipC = 0;        // hottest accelerator case temperature
    bool coldPlates = false; // false: only a rear door on the loop, the chips are air-cooled (chipC 0)
};

struct LiquidState {
    std::vector<CduState> cdus;
    std::vector<RackLiquidState> racks; // indexed like twin.racks; zero flow for racks without a CDU
    double heatW = 0, flowM3s = 0, pumpPowerW = 0, maxChipC = 0;
    double facilityFlowM3s = 0;
};

class LiquidLoops {
  public:
    // Sizes pipes and pumps for the design rack powers and solves each network's flows once.
    LiquidLoops(const Twin& twin, const std::vector<double>& designRackW, const LiquidConstants& k = {});

    // rackLiquidW: heat captured by each rack's cold plates and rear door; acceleratorW: per-accelerator
    // power of each rack.
    LiquidState evaluate(const std::vector<double>& rackLiquidW, const std::vector<double>& acceleratorW,
                         double facilitySupplyC) const;

    const std::vector<double>& rackFlowsM3s() const { return rackFlowM3s_; }
    bool converged() const { return converged_; }
    const std::string& problem() const { return problem_; }

  private:
    // Per CDU, fixed once the flows are solved: what each hour's energy balance needs.
    struct LoopDesign {
        double densityKgM3 = 0, cpJKgK = 0, techWK = 0;
        double ua = 0, facilityDesignWK = 0; // counter-flow exchanger sized for the rated approach
        std::vector<size_t> racks;
        std::vector<double> plateResistanceKW; // per rack, at its solved flow
    };

    const Twin& twin_;
    std::vector<LoopDesign> loops_;
    LiquidConstants k_;
    std::vector<double> rackFlowM3s_, rackDesignFlowM3s_;
    std::vector<double> rackDesignHeatW_; // to the loop at design: cold plates and rear door
    std::vector<bool> plates_;            // per rack: cold plates (not only a rear door) on its loop
    std::vector<CduState> cduDesign_;
    bool converged_ = true;
    std::string problem_;
};

} // namespace halltwin::model::sim
