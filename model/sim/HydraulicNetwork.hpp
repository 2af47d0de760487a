// Steady pipe-network hydraulics of the liquid loops (pumps, pipes, cold plates, valves) by the global
// gradient algorithm (Todini & Pilati 1988, the method of EPANET 2), and the steady energy balance of the
// solved network by upwind mixing.
//
// Conventions: heads are hydraulic heads in metres of the flowing fluid (elevation + pressure head);
// flows are volumetric in m³/s, positive in a link's from → to direction; a link's head loss is
// H_from − H_to, so a running pump has a negative loss (a gain).
#pragma once

#include "Coolant.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace halltwin::model::sim {

inline constexpr double kGravityMS2 = 9.80665;

// Straight pipe with fittings. Darcy–Weisbach: h = (f·L/D + K)·v|v|/(2g), f from the Reynolds number:
// 64/Re below Re 2300, Swamee–Jain above 4000, a cubic (Hermite) blend in between.
struct Pipe {
    double lengthM = 0;
    double diameterM = 0;
    double roughnessM = 0; // absolute roughness ε (drawn steel ~1.5e-6 m, commercial steel ~4.5e-5 m)
    double minorLossK = 0; // sum of the fittings' loss coefficients, on the pipe's velocity head
};

// Centrifugal pump with a quadratic head curve scaled by the affinity laws: gain = s²·h0 − r·Q|Q| for
// speed ratio s = n/n_rated. Speed 0 models a stopped pump: the link is closed (a very large linear
// resistance, so only a leak of the order of 1e-8 m³/s flows), as the check valve in every CDU pump
// discharge makes it. With checkValve set (the default) a running pump that cannot overcome the head
// across it (H_to − H_from > s²·h0) is closed too, and reopened when it can.
struct Pump {
    double shutoffHeadM = 0;             // h0: head at zero flow, rated speed
    double curveCoefficientS2M5 = 0;     // r in gain = s²h0 − r·Q², with Q in m³/s and head in m
    double speedRatio = 1;               // s, 0 = stopped
    double wireToWaterEfficiency = 0.65; // motor × drive × hydraulic; for pumpPowers()
    bool checkValve = true;
};

// A component rated by a datasheet curve ΔP = k·Q^n, expressed in head: h = k·|Q|^(n−1)·Q, head in m
// and Q in m³/s (so k is in m·(s/m³)^n; from a curve in Pa divide by ρ·g). Cold plates, quick
// disconnects, manifolds, strainers. n must lie in [1, 3]: 1 is laminar, 2 fully turbulent.
struct PowerLaw {
    double k = 0;
    double n = 2;
};

// A valve as a minor loss on its own bore: h = (K / opening²)·v|v|/(2g). opening 0 closes the link.
struct Valve {
    double diameterM = 0;
    double lossCoefficientK = 0; // K when fully open
    double opening = 1;          // 0..1
};

using LinkElement = std::variant<Pipe, Pump, PowerLaw, Valve>;

enum class NodeKind { Junction, FixedHead };

struct Node {
    std::string name;
    NodeKind kind = NodeKind::Junction;
    double headM = 0;      // FixedHead: the known head (reservoir level, expansion tank, pressure reference)
    double demandM3s = 0;  // Junction: external outflow (positive leaves the network, negative enters)
    double elevationM = 0; // for gauge pressures only
};

struct Link {
    std::string name;
    std::string from, to; // node names
    LinkElement element;
};

struct Network {
    std::vector<Node> nodes;
    std::vector<Link> links;

    std::size_t addJunction(std::string name, double demandM3s = 0, double elevationM = 0);
    std::size_t addFixedHead(std::string name, double headM, double elevationM = 0);
    std::size_t addLink(std::string name, std::string from, std::string to, LinkElement element);
    std::optional<std::size_t> nodeIndex(const std::string& name) const;
    std::optional<std::size_t> linkIndex(const std::string& name) const;
};

struct HydraulicOptions {
    double relativeTolerance = 1e-10; // converged when Σ|ΔQ| / Σ|Q| falls below this
    int maxIterations = 200;
    int maxStatusChanges = 10; // check-valve open/close rounds before giving up
};

struct HydraulicResult {
    std::vector<double> flowM3s;  // per link, positive from → to
    std::vector<double> headM;    // per node
    std::vector<bool> linkClosed; // stopped pumps, check valves holding, shut valves
    int iterations = 0;
    double relativeChange = 0; // Σ|ΔQ| / Σ|Q| of the last iteration
    bool converged = false;
    std::string error; // why it did not converge; empty when it did
};

// Solves the network for flows and heads with density and viscosity from `fluid`. Newton (GGA) with
// 1/(dh/dQ) bounded (dh/dQ ≥ 1e-6 s/m²), terms in Q|Q| and |Q|^(n−1)·Q continued linearly below 1e-9 m³/s,
// and step halving if Σ|ΔQ| grows after the tenth iteration.
// Throws std::invalid_argument for a structurally bad network, naming the offending link or node:
// duplicate names, a link to an unknown node or to itself, invalid element parameters, a connected
// component without a fixed-head node (its heads would be undetermined). Never throws because the
// iteration fails to converge: that is reported in the result.
HydraulicResult solveHydraulics(const Network& net, const FluidProperties& fluid,
                                const HydraulicOptions& options = {});

// Head loss H_from − H_to of one element at flow flowM3s (for an open element).
double linkHeadLossM(const LinkElement& element, double flowM3s, const FluidProperties& fluid);

// Darcy friction factor: 64/Re below 2300, Swamee & Jain (1976) above 4000, a cubic Hermite blend of the
// two (matching value and slope at both ends) in the transition so that Newton sees a C¹ head loss.
double darcyFrictionFactor(double reynolds, double relativeRoughness);

// Pump head gain s²h0 − r·Q|Q| at flowM3s (0 for a stopped pump).
double pumpHeadGainM(const Pump& pump, double flowM3s);

// Gauge pressure ρ·g·(H − z) at every node.
std::vector<double> gaugePressuresPa(const Network& net, const HydraulicResult& result, double densityKgM3);

struct PumpPower {
    double hydraulicW = 0; // ρ·g·Q·(H_to − H_from): power delivered to the fluid
    double electricW = 0;  // hydraulicW / wire-to-water efficiency
};
// Per link (zero for other elements and for closed pumps). A closed running pump is reported at zero
// power although a real one at shutoff still draws some: a check-valve-held pump is an abnormal state.
std::vector<PumpPower> pumpPowers(const Network& net, const HydraulicResult& result, double densityKgM3);

struct ThermalResult {
    std::vector<double> nodeTempC; // Junction: mixed inflow; FixedHead: its supply temperature if
                                   // one is given, else its mixed inflow. NaN where no flow reaches.
    std::vector<double>
        nodeInflowTempC; // flow-weighted mean of what arrives (incl. external supply); NaN if
                         // nothing arrives. At a loop's fixed-head node: the return temperature.
    std::vector<double> linkOutletTempC; // at the downstream end in the flow direction; NaN without flow
    std::vector<std::string> warnings;   // heat put into links without flow (it cannot be carried away)
    bool ok = false;
    std::string error; // e.g. flow circulating through junctions only, with nothing to set its temperature
};

// Steady energy balance on a solved network: each link's outlet T = inlet T + heatW/(ρ·|Q|·cp); each node
// mixes its inflows weighted by flow. Fixed-head nodes (and junctions with negative demand, i.e. external
// supply) send fluid out at supplyTempC[name], which also breaks closed loops: put a loop's pressure
// reference where its supply temperature is controlled (a CDU outlet). Links without flow (closed, or below
// 1e-9 of the largest flow) carry nothing. Throws std::invalid_argument when linkHeatW does not have one
// entry per link or a supply temperature is missing where fluid enters.
ThermalResult solveTemperatures(const Network& net, const HydraulicResult& hydraulics,
                                const std::vector<double>& linkHeatW,
                                const std::map<std::string, double>& supplyTempC, double densityKgM3,
                                double cpJKgK);

} // namespace halltwin::model::sim
