#include "HydraulicNetwork.hpp"

#include <Eigen/Sparse>
#include <Eigen/SparseCholesky>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <unordered_map>

namespace halltwin::model::sim {

namespace {

constexpr double kLaminarRe = 2300;
constexpr double kTurbulentRe = 4000;
// Floor on dh/dQ so that 1/(dh/dQ) stays finite at zero flow for elements whose gradient vanishes there
// (minor losses, power laws with n > 1, flat pump curves). EPANET's RQTOL is 1e-7 ft/cfs ≈ 1.1e-6 s/m².
// It only shapes the Newton step, not the converged solution, which satisfies the true h(Q).
constexpr double kMinGradientSM2 = 1e-6;
// A closed link is a linear resistance this large (EPANET: CBIG = 1e8 ft/cfs ≈ 1.1e9 s/m²): 10 m of head
// across it lets about 1e-8 m³/s through, which keeps the matrix non-singular without a topology change.
constexpr double kClosedResistanceSM2 = 1e9;
// Below this flow, terms in Q|Q| or |Q|^(n−1)·Q are continued linearly through zero (as EPANET 2.2 does for
// small flows). Otherwise their gradient vanishes at zero flow, the floor above sets 1/(dh/dQ) to 1e6, and
// head round-off times 1e6 keeps stagnant links (the far racks of a badly balanced row) from converging.
// 1e-9 m³/s is 0.06 mL/min: no flow of engineering interest changes.
constexpr double kLinearBelowM3s = 1e-9;
// Links carrying less than this fraction of the largest flow are treated as stagnant by the energy balance.
constexpr double kNoFlowFraction = 1e-9;

double areaM2(double diameterM) {
    return std::numbers::pi * diameterM * diameterM / 4.0;
}

struct FrictionFactor {
    double f;
    double dfdRe;
};

FrictionFactor laminar(double re) {
    return {64.0 / re, -64.0 / (re * re)};
}

// Swamee, P. K. & Jain, A. K. (1976), "Explicit equations for pipe-flow problems", J. Hydraulics Div.
// ASCE 102(5): within about 1 % of Colebrook for 5e3 < Re < 1e8 and 1e-6 < ε/D < 1e-2. Chosen over an
// iterated Colebrook because it is explicit and has an explicit derivative, as in EPANET.
FrictionFactor swameeJain(double re, double relativeRoughness) {
    const double x = relativeRoughness / 3.7 + 5.74 * std::pow(re, -0.9);
    const double l = std::log10(x);
    const double dxdRe = -0.9 * 5.74 * std::pow(re, -1.9);
    const double dldRe = dxdRe / (x * std::numbers::ln10);
    return {0.25 / (l * l), -0.5 / (l * l * l) * dldRe};
}

// Cubic Hermite blend from laminar at Re 2300 to Swamee–Jain at Re 4000, matching values and slopes, so
// the head loss is C¹ through the transition (a discontinuous f makes Newton cycle between the branches).
FrictionFactor transitional(double re, double relativeRoughness) {
    const double span = kTurbulentRe - kLaminarRe;
    const FrictionFactor a = laminar(kLaminarRe);
    const FrictionFactor b = swameeJain(kTurbulentRe, relativeRoughness);
    const double t = (re - kLaminarRe) / span;
    const double t2 = t * t, t3 = t2 * t;
    const double f = (2 * t3 - 3 * t2 + 1) * a.f + (t3 - 2 * t2 + t) * span * a.dfdRe +
                     (-2 * t3 + 3 * t2) * b.f + (t3 - t2) * span * b.dfdRe;
    const double dfdt = (6 * t2 - 6 * t) * a.f + (3 * t2 - 4 * t + 1) * span * a.dfdRe +
                        (-6 * t2 + 6 * t) * b.f + (3 * t2 - 2 * t) * span * b.dfdRe;
    return {f, dfdt / span};
}

FrictionFactor frictionFactor(double re, double relativeRoughness) {
    if (re <= kLaminarRe) return laminar(re);
    if (re < kTurbulentRe) return transitional(re, relativeRoughness);
    return swameeJain(re, relativeRoughness);
}

// |q|^(n−1)·q and its derivative, continued linearly (through the value at kLinearBelowM3s) below it.
std::pair<double, double> signedPower(double q, double n) {
    if (std::abs(q) < kLinearBelowM3s) {
        const double slope = std::pow(kLinearBelowM3s, n - 1);
        return {slope * q, slope};
    }
    const double m = std::pow(std::abs(q), n - 1);
    return {m * q, n * m};
}

struct HeadGradient {
    double headM;       // H_from − H_to
    double gradientSM2; // d(head)/dQ
};

HeadGradient pipeHead(const Pipe& p, double q, const FluidProperties& fluid) {
    const double a = areaM2(p.diameterM);
    const double v = q / a;
    const double nu = fluid.viscosityPaS / fluid.densityKgM3;
    const double re = std::abs(v) * p.diameterM / nu;
    HeadGradient out{};
    if (re <= kLaminarRe) {
        // Hagen–Poiseuille written without f so that it stays finite at Re = 0: h = 32·ν·L·v/(g·D²).
        const double c = 32.0 * nu * p.lengthM / (kGravityMS2 * p.diameterM * p.diameterM);
        out = {c * v, c / a};
    } else {
        const FrictionFactor ff = frictionFactor(re, p.roughnessM / p.diameterM);
        const double lOverD = p.lengthM / p.diameterM;
        out.headM = ff.f * lOverD * v * std::abs(v) / (2 * kGravityMS2);
        out.gradientSM2 = lOverD * std::abs(v) * (2 * ff.f + re * ff.dfdRe) / (2 * kGravityMS2 * a);
    }
    const auto [qq, dqq] = signedPower(q, 2);
    const double minor = p.minorLossK / (2 * kGravityMS2 * a * a); // K·v|v|/(2g) = minor·Q|Q|
    out.headM += minor * qq;
    out.gradientSM2 += minor * dqq;
    return out;
}

HeadGradient pumpHead(const Pump& p, double q) {
    const double s = p.speedRatio;
    const auto [qq, dqq] = signedPower(q, 2);
    return {-(s * s * p.shutoffHeadM) + p.curveCoefficientS2M5 * qq, p.curveCoefficientS2M5 * dqq};
}

HeadGradient powerLawHead(const PowerLaw& p, double q) {
    const auto [value, derivative] = signedPower(q, p.n);
    return {p.k * value, p.k * derivative};
}

HeadGradient valveHead(const Valve& v, double q) {
    const double a = areaM2(v.diameterM);
    const double r = v.lossCoefficientK / (v.opening * v.opening) / (2 * kGravityMS2 * a * a);
    const auto [qq, dqq] = signedPower(q, 2);
    return {r * qq, r * dqq};
}

HeadGradient openHead(const LinkElement& e, double q, const FluidProperties& fluid) {
    return std::visit(
        [&](const auto& el) -> HeadGradient {
            using T = std::decay_t<decltype(el)>;
            if constexpr (std::is_same_v<T, Pipe>)
                return pipeHead(el, q, fluid);
            else if constexpr (std::is_same_v<T, Pump>)
                return pumpHead(el, q);
            else if constexpr (std::is_same_v<T, PowerLaw>)
                return powerLawHead(el, q);
            else
                return valveHead(el, q);
        },
        e);
}

// Closed by construction (stopped pump, shut valve), independent of the check-valve status.
bool closedBySetting(const LinkElement& e) {
    if (const auto* p = std::get_if<Pump>(&e)) return p->speedRatio == 0;
    if (const auto* v = std::get_if<Valve>(&e)) return v->opening == 0;
    return false;
}

// ---- validation ------------------------------------------------------------------------------------

bool finite(double x) {
    return std::isfinite(x);
}

void require(bool ok, const std::string& what, const Link& l) {
    if (!ok) throw std::invalid_argument(fmt::format("link '{}': {}", l.name, what));
}

void validateElement(const Link& l) {
    std::visit(
        [&](const auto& el) {
            using T = std::decay_t<decltype(el)>;
            if constexpr (std::is_same_v<T, Pipe>) {
                require(finite(el.lengthM) && el.lengthM > 0, "pipe length must be positive", l);
                require(finite(el.diameterM) && el.diameterM > 0, "pipe diameter must be positive", l);
                require(finite(el.roughnessM) && el.roughnessM >= 0, "pipe roughness must be ≥ 0", l);
                require(finite(el.minorLossK) && el.minorLossK >= 0, "minor loss K must be ≥ 0", l);
            } else if constexpr (std::is_same_v<T, Pump>) {
                require(finite(el.shutoffHeadM) && el.shutoffHeadM >= 0, "pump shutoff head must be ≥ 0", l);
                require(finite(el.curveCoefficientS2M5) && el.curveCoefficientS2M5 >= 0,
                        "pump curve coefficient must be ≥ 0", l);
                require(finite(el.speedRatio) && el.speedRatio >= 0, "pump speed ratio must be ≥ 0", l);
                require(finite(el.wireToWaterEfficiency) && el.wireToWaterEfficiency > 0 &&
                            el.wireToWaterEfficiency <= 1,
                        "pump efficiency must be in (0, 1]", l);
            } else if constexpr (std::is_same_v<T, PowerLaw>) {
                require(finite(el.k) && el.k > 0, "power-law k must be positive", l);
                require(finite(el.n) && el.n >= 1 && el.n <= 3, "power-law exponent n must be in [1, 3]", l);
            } else {
                require(finite(el.diameterM) && el.diameterM > 0, "valve diameter must be positive", l);
                require(finite(el.lossCoefficientK) && el.lossCoefficientK >= 0, "valve K must be ≥ 0", l);
                require(finite(el.opening) && el.opening >= 0 && el.opening <= 1,
                        "valve opening must be in [0, 1]", l);
            }
        },
        l.element);
}

void validateNode(const Node& n) {
    if (n.name.empty()) throw std::invalid_argument("a node has an empty name");
    if (!finite(n.elevationM))
        throw std::invalid_argument(fmt::format("node '{}': elevation is not finite", n.name));
    if (n.kind == NodeKind::FixedHead && !finite(n.headM))
        throw std::invalid_argument(fmt::format("fixed-head node '{}': head is not finite", n.name));
    if (n.kind == NodeKind::Junction && !finite(n.demandM3s))
        throw std::invalid_argument(fmt::format("junction '{}': demand is not finite", n.name));
}

struct UnionFind {
    std::vector<std::size_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), std::size_t{0}); }
    std::size_t find(std::size_t i) {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    }
    void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

// Every connected component needs a fixed head, or its heads are determined only up to a constant and the
// Schur complement is singular.
void requireFixedHeadPerComponent(const Network& net, const std::vector<std::size_t>& from,
                                  const std::vector<std::size_t>& to) {
    UnionFind uf(net.nodes.size());
    for (std::size_t k = 0; k < from.size(); ++k)
        uf.join(from[k], to[k]);
    std::vector<bool> anchored(net.nodes.size(), false);
    for (std::size_t i = 0; i < net.nodes.size(); ++i)
        if (net.nodes[i].kind == NodeKind::FixedHead) anchored[uf.find(i)] = true;
    for (std::size_t i = 0; i < net.nodes.size(); ++i)
        if (!anchored[uf.find(i)])
            throw std::invalid_argument(fmt::format(
                "node '{}' is in a part of the network without a fixed-head node (reservoir, tank or "
                "pressure reference), so its head is undetermined",
                net.nodes[i].name));
}

// Node indices of each link's ends, after checking names and parameters.
struct Topology {
    std::vector<std::size_t> from, to;
};

Topology resolveTopology(const Network& net) {
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
        validateNode(net.nodes[i]);
        if (!index.emplace(net.nodes[i].name, i).second)
            throw std::invalid_argument(fmt::format("duplicate node name '{}'", net.nodes[i].name));
    }
    Topology t;
    std::unordered_map<std::string, std::size_t> linkNames;
    for (std::size_t k = 0; k < net.links.size(); ++k) {
        const Link& l = net.links[k];
        if (l.name.empty()) throw std::invalid_argument(fmt::format("link #{} has an empty name", k));
        if (!linkNames.emplace(l.name, k).second)
            throw std::invalid_argument(fmt::format("duplicate link name '{}'", l.name));
        const auto f = index.find(l.from), e = index.find(l.to);
        require(f != index.end(), fmt::format("unknown from-node '{}'", l.from), l);
        require(e != index.end(), fmt::format("unknown to-node '{}'", l.to), l);
        require(f->second != e->second, fmt::format("connects node '{}' to itself", l.from), l);
        validateElement(l);
        t.from.push_back(f->second);
        t.to.push_back(e->second);
    }
    requireFixedHeadPerComponent(net, t.from, t.to);
    return t;
}

// ---- global gradient solver -------------------------------------------------------------------------

double initialFlowM3s(const LinkElement& e) {
    return std::visit(
        [](const auto& el) -> double {
            using T = std::decay_t<decltype(el)>;
            if constexpr (std::is_same_v<T, Pipe>)
                return areaM2(el.diameterM) * 1.0; // 1 m/s, as EPANET
            else if constexpr (std::is_same_v<T, Pump>) {
                if (el.curveCoefficientS2M5 <= 0 || el.shutoffHeadM <= 0) return 1e-3;
                return el.speedRatio *
                       std::sqrt(el.shutoffHeadM / (2 * el.curveCoefficientS2M5)); // half head
            } else if constexpr (std::is_same_v<T, PowerLaw>)
                return std::pow(1.0 / el.k, 1.0 / el.n); // 1 m
            else
                return areaM2(el.diameterM) * 1.0;
        },
        e);
}

class GgaSolver {
  public:
    GgaSolver(const Network& net, const Topology& topo, const FluidProperties& fluid,
              const HydraulicOptions& opt)
        : net_(net), topo_(topo), fluid_(fluid), opt_(opt), nLinks_(net.links.size()) {
        unknown_.assign(net.nodes.size(), -1);
        for (std::size_t i = 0; i < net.nodes.size(); ++i)
            if (net.nodes[i].kind == NodeKind::Junction) unknown_[i] = nJunctions_++;
        // Heads are carried relative to the highest fixed head: flows come from head differences, and a
        // 1e-7 m difference between heads of 50 m would otherwise lose half its digits to rounding.
        for (const Node& n : net.nodes)
            if (n.kind == NodeKind::FixedHead) headOffsetM_ = std::max(headOffsetM_, n.headM);
        head_.assign(net.nodes.size(), 0.0);
        for (std::size_t i = 0; i < net.nodes.size(); ++i)
            if (net.nodes[i].kind == NodeKind::FixedHead) head_[i] = net.nodes[i].headM - headOffsetM_;
        closedBySetting_.resize(nLinks_);
        checkValveClosed_.assign(nLinks_, false);
        flow_.resize(nLinks_);
        for (std::size_t k = 0; k < nLinks_; ++k) {
            closedBySetting_[k] = closedBySetting(net.links[k].element);
            flow_[k] = closedBySetting_[k] ? 0.0 : initialFlowM3s(net.links[k].element);
        }
    }

    HydraulicResult run() {
        HydraulicResult r;
        int statusRounds = 0;
        double damping = 1.0, previousChange = std::numeric_limits<double>::infinity();
        for (r.iterations = 1; r.iterations <= opt_.maxIterations; ++r.iterations) {
            if (!iterate(damping, r)) return finish(r);
            // Newton may overshoot on strongly non-quadratic stretches (the friction transition, pump curves
            // crossing zero); once past the usual quadratic phase, halve the step while the change grows.
            if (r.iterations > 10 && r.relativeChange > previousChange)
                damping = std::max(0.25, damping / 2);
            else
                damping = std::min(1.0, damping * 2);
            previousChange = r.relativeChange;
            if (r.relativeChange > opt_.relativeTolerance) continue;
            if (!updateCheckValves()) {
                r.converged = true;
                return finish(r);
            }
            if (++statusRounds > opt_.maxStatusChanges) {
                r.error =
                    fmt::format("pump check valves keep changing state after {} rounds", statusRounds - 1);
                return finish(r);
            }
            previousChange = std::numeric_limits<double>::infinity();
        }
        r.iterations = opt_.maxIterations;
        r.error = fmt::format("no convergence in {} iterations: Σ|ΔQ|/Σ|Q| = {:.3g} > {:.3g}",
                              opt_.maxIterations, r.relativeChange, opt_.relativeTolerance);
        return finish(r);
    }

  private:
    bool closed(std::size_t k) const { return closedBySetting_[k] || checkValveClosed_[k]; }

    // 1/(dh/dQ) and the Newton correction y = h/(dh/dQ) of link k at its current flow.
    std::pair<double, double> linearise(std::size_t k) const {
        if (closed(k)) return {1.0 / kClosedResistanceSM2, flow_[k]};
        const HeadGradient hg = openHead(net_.links[k].element, flow_[k], fluid_);
        const double p = 1.0 / std::max(hg.gradientSM2, kMinGradientSM2);
        return {p, p * hg.headM};
    }

    // One Newton step: solve A21·D⁻¹·A12 · H = F for the junction heads, then update the flows.
    bool iterate(double damping, HydraulicResult& r) {
        std::vector<double> p(nLinks_), y(nLinks_);
        std::vector<Eigen::Triplet<double>> triplets;
        triplets.reserve(4 * nLinks_);
        Eigen::VectorXd rhs = Eigen::VectorXd::Zero(nJunctions_);
        for (std::size_t i = 0; i < net_.nodes.size(); ++i)
            if (unknown_[i] >= 0) rhs[unknown_[i]] = -net_.nodes[i].demandM3s;
        for (std::size_t k = 0; k < nLinks_; ++k) {
            std::tie(p[k], y[k]) = linearise(k);
            assemble(k, p[k], flow_[k] - y[k], triplets, rhs);
        }
        if (nJunctions_ > 0 && !solveHeads(triplets, rhs, r)) return false;
        std::vector<double> step(nLinks_);
        double sumChange = 0, sumFlow = 0;
        for (std::size_t k = 0; k < nLinks_; ++k) {
            const double newton = flow_[k] - y[k] + p[k] * (head_[topo_.from[k]] - head_[topo_.to[k]]);
            step[k] = newton - flow_[k];
            sumChange += std::abs(step[k]);
            sumFlow += std::abs(newton);
        }
        r.relativeChange = sumFlow > 0 ? sumChange / sumFlow : (sumChange > 0 ? 1.0 : 0.0);
        if (!std::isfinite(r.relativeChange)) {
            r.error = fmt::format("the iteration diverged (non-finite flows) at iteration {}", r.iterations);
            return false;
        }
        // The full Newton flows satisfy continuity exactly; take them on the last step even when damping.
        const double fraction = r.relativeChange <= opt_.relativeTolerance ? 1.0 : damping;
        for (std::size_t k = 0; k < nLinks_; ++k)
            flow_[k] += fraction * step[k];
        return true;
    }

    // Adds link k's contribution to the Schur complement and the right-hand side. qMinusY is Q − y.
    void assemble(std::size_t k, double p, double qMinusY, std::vector<Eigen::Triplet<double>>& triplets,
                  Eigen::VectorXd& rhs) const {
        const int a = unknown_[topo_.from[k]], b = unknown_[topo_.to[k]];
        if (a >= 0) {
            triplets.emplace_back(a, a, p);
            rhs[a] -= qMinusY; // leaves a
            if (b < 0) rhs[a] += p * head_[topo_.to[k]];
        }
        if (b >= 0) {
            triplets.emplace_back(b, b, p);
            rhs[b] += qMinusY; // enters b
            if (a < 0) rhs[b] += p * head_[topo_.from[k]];
        }
        if (a >= 0 && b >= 0) {
            triplets.emplace_back(a, b, -p);
            triplets.emplace_back(b, a, -p);
        }
    }

    bool solveHeads(const std::vector<Eigen::Triplet<double>>& triplets, const Eigen::VectorXd& rhs,
                    HydraulicResult& r) {
        Eigen::SparseMatrix<double> a(nJunctions_, nJunctions_);
        a.setFromTriplets(triplets.begin(), triplets.end());
        if (!analysed_) {
            ldlt_.analyzePattern(a); // the pattern is the network's: the same every iteration
            analysed_ = true;
        }
        ldlt_.factorize(a);
        if (ldlt_.info() != Eigen::Success) {
            r.error = fmt::format("the head equations could not be factorised at iteration {}", r.iterations);
            return false;
        }
        const Eigen::VectorXd h = ldlt_.solve(rhs);
        for (std::size_t i = 0; i < net_.nodes.size(); ++i)
            if (unknown_[i] >= 0) head_[i] = h[unknown_[i]];
        return true;
    }

    // Closes running pumps pushed backwards and reopens those that can deliver again. True if any changed.
    bool updateCheckValves() {
        bool changed = false;
        for (std::size_t k = 0; k < nLinks_; ++k) {
            const auto* pump = std::get_if<Pump>(&net_.links[k].element);
            if (!pump || !pump->checkValve || closedBySetting_[k]) continue;
            const double liftM = head_[topo_.to[k]] - head_[topo_.from[k]];
            const double shutoffM = pump->speedRatio * pump->speedRatio * pump->shutoffHeadM;
            if (!checkValveClosed_[k] && flow_[k] < 0) {
                checkValveClosed_[k] = true;
                flow_[k] = 0;
                changed = true;
            } else if (checkValveClosed_[k] && liftM < shutoffM) {
                checkValveClosed_[k] = false;
                flow_[k] = initialFlowM3s(*pump);
                changed = true;
            }
        }
        return changed;
    }

    HydraulicResult& finish(HydraulicResult& r) const {
        r.flowM3s = flow_;
        r.headM = head_;
        for (double& h : r.headM)
            h += headOffsetM_;
        r.linkClosed.resize(nLinks_);
        for (std::size_t k = 0; k < nLinks_; ++k)
            r.linkClosed[k] = closed(k);
        return r;
    }

    const Network& net_;
    const Topology& topo_;
    const FluidProperties& fluid_;
    const HydraulicOptions& opt_;
    std::size_t nLinks_;
    int nJunctions_ = 0;
    std::vector<int> unknown_; // junction's row in the head system, −1 for fixed-head nodes
    double headOffsetM_ = -std::numeric_limits<double>::infinity();
    std::vector<double> head_, flow_; // head_ relative to headOffsetM_
    std::vector<bool> closedBySetting_, checkValveClosed_;
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> ldlt_;
    bool analysed_ = false;
};

// ---- energy balance ---------------------------------------------------------------------------------

double mixedTempC(double weightedSum, double weight) {
    return weight > 0 ? weightedSum / weight : std::numeric_limits<double>::quiet_NaN();
}

class ThermalSolver {
  public:
    ThermalSolver(const Network& net, const Topology& topo, const HydraulicResult& hyd,
                  const std::vector<double>& heatW, const std::map<std::string, double>& supplyTempC,
                  double rhoCp)
        : net_(net), topo_(topo), hyd_(hyd), heatW_(heatW), supply_(supplyTempC), rhoCp_(rhoCp) {
        const std::size_t nLinks = net.links.size(), nNodes = net.nodes.size();
        double maxFlow = 0;
        for (double q : hyd.flowM3s)
            maxFlow = std::max(maxFlow, std::abs(q));
        flowing_.resize(nLinks);
        inflows_.resize(nNodes);
        outflows_.resize(nNodes);
        for (std::size_t k = 0; k < nLinks; ++k) {
            flowing_[k] =
                !hyd.linkClosed[k] && std::abs(hyd.flowM3s[k]) > kNoFlowFraction * maxFlow && maxFlow > 0;
            if (!flowing_[k]) continue;
            inflows_[downstream(k)].push_back(k);
            outflows_[upstream(k)].push_back(k);
        }
    }

    ThermalResult run() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        ThermalResult r;
        r.nodeTempC.assign(net_.nodes.size(), nan);
        r.nodeInflowTempC.assign(net_.nodes.size(), nan);
        r.linkOutletTempC.assign(net_.links.size(), nan);
        for (std::size_t k = 0; k < net_.links.size(); ++k)
            if (!flowing_[k] && heatW_[k] != 0)
                r.warnings.push_back(fmt::format("link '{}' has {} W of heat but no flow to carry it",
                                                 net_.links[k].name, heatW_[k]));
        propagate(r);
        for (std::size_t i = 0; i < net_.nodes.size(); ++i) {
            r.nodeInflowTempC[i] = inflowTempC(i, r);
            if (net_.nodes[i].kind == NodeKind::FixedHead)
                r.nodeTempC[i] = supplyTemp(i).value_or(r.nodeInflowTempC[i]);
        }
        return r;
    }

  private:
    std::size_t upstream(std::size_t k) const { return hyd_.flowM3s[k] > 0 ? topo_.from[k] : topo_.to[k]; }
    std::size_t downstream(std::size_t k) const { return hyd_.flowM3s[k] > 0 ? topo_.to[k] : topo_.from[k]; }

    std::optional<double> supplyTemp(std::size_t i) const {
        const auto it = supply_.find(net_.nodes[i].name);
        return it == supply_.end() ? std::nullopt : std::optional<double>(it->second);
    }

    // External inflow at a junction (negative demand), m³/s.
    double externalInflowM3s(std::size_t i) const {
        const Node& n = net_.nodes[i];
        return n.kind == NodeKind::Junction ? std::max(0.0, -n.demandM3s) : 0.0;
    }

    double requiredSupplyTemp(std::size_t i) const {
        const auto t = supplyTemp(i);
        if (!t)
            throw std::invalid_argument(fmt::format(
                "node '{}' feeds fluid into the network but has no supply temperature", net_.nodes[i].name));
        return *t;
    }

    // Flow-weighted mean of the link outlets arriving at node i plus any external supply there.
    double inflowTempC(std::size_t i, const ThermalResult& r) const {
        double sum = 0, weight = 0;
        for (std::size_t k : inflows_[i]) {
            const double q = std::abs(hyd_.flowM3s[k]);
            sum += q * r.linkOutletTempC[k];
            weight += q;
        }
        if (const double ext = externalInflowM3s(i); ext > 0) {
            sum += ext * requiredSupplyTemp(i);
            weight += ext;
        }
        return mixedTempC(sum, weight);
    }

    // Kahn's topological order on the flow directions. Fixed-head nodes are sources: what leaves them is at
    // their supply temperature whatever arrives, which is what lets a closed loop be ordered at all.
    void propagate(ThermalResult& r) {
        std::vector<std::size_t> pending(net_.nodes.size());
        std::deque<std::size_t> ready;
        for (std::size_t i = 0; i < net_.nodes.size(); ++i) {
            const bool source = net_.nodes[i].kind == NodeKind::FixedHead;
            pending[i] = source ? 0 : inflows_[i].size();
            if (source && !outflows_[i].empty()) r.nodeTempC[i] = requiredSupplyTemp(i);
            if (pending[i] == 0) ready.push_back(i);
        }
        while (!ready.empty()) {
            const std::size_t i = ready.front();
            ready.pop_front();
            if (net_.nodes[i].kind == NodeKind::Junction) r.nodeTempC[i] = inflowTempC(i, r);
            for (std::size_t k : outflows_[i]) {
                const double massFlowCp = rhoCp_ * std::abs(hyd_.flowM3s[k]);
                r.linkOutletTempC[k] = r.nodeTempC[i] + heatW_[k] / massFlowCp;
                const std::size_t j = downstream(k);
                if (net_.nodes[j].kind == NodeKind::Junction && --pending[j] == 0) ready.push_back(j);
            }
        }
        reportCycles(pending, r);
    }

    void reportCycles(const std::vector<std::size_t>& pending, ThermalResult& r) const {
        std::vector<std::string> stuck;
        for (std::size_t i = 0; i < net_.nodes.size(); ++i)
            if (pending[i] > 0) stuck.push_back(net_.nodes[i].name);
        r.ok = stuck.empty();
        if (r.ok) return;
        if (stuck.size() > 5) {
            stuck.resize(5);
            stuck.push_back("…");
        }
        r.error =
            fmt::format("flow circulates through junctions ({}) with no fixed-head node on the loop to set "
                        "its temperature; place the loop's pressure reference at its supply point",
                        fmt::join(stuck, ", "));
    }

    const Network& net_;
    const Topology& topo_;
    const HydraulicResult& hyd_;
    const std::vector<double>& heatW_;
    const std::map<std::string, double>& supply_;
    double rhoCp_;
    std::vector<bool> flowing_;
    std::vector<std::vector<std::size_t>> inflows_, outflows_;
};

void requireResultMatches(const Network& net, const HydraulicResult& r) {
    if (r.flowM3s.size() != net.links.size() || r.linkClosed.size() != net.links.size() ||
        r.headM.size() != net.nodes.size())
        throw std::invalid_argument("hydraulic result does not belong to this network (sizes differ)");
}

} // namespace

// ---- public API -------------------------------------------------------------------------------------

std::size_t Network::addJunction(std::string name, double demandM3s, double elevationM) {
    nodes.push_back({std::move(name), NodeKind::Junction, 0.0, demandM3s, elevationM});
    return nodes.size() - 1;
}

std::size_t Network::addFixedHead(std::string name, double headM, double elevationM) {
    nodes.push_back({std::move(name), NodeKind::FixedHead, headM, 0.0, elevationM});
    return nodes.size() - 1;
}

std::size_t Network::addLink(std::string name, std::string from, std::string to, LinkElement element) {
    links.push_back({std::move(name), std::move(from), std::move(to), std::move(element)});
    return links.size() - 1;
}

std::optional<std::size_t> Network::nodeIndex(const std::string& name) const {
    const auto it = std::find_if(nodes.begin(), nodes.end(), [&](const Node& n) { return n.name == name; });
    return it == nodes.end() ? std::nullopt : std::optional<std::size_t>(std::size_t(it - nodes.begin()));
}

std::optional<std::size_t> Network::linkIndex(const std::string& name) const {
    const auto it = std::find_if(links.begin(), links.end(), [&](const Link& l) { return l.name == name; });
    return it == links.end() ? std::nullopt : std::optional<std::size_t>(std::size_t(it - links.begin()));
}

double darcyFrictionFactor(double reynolds, double relativeRoughness) {
    if (!(reynolds > 0)) throw std::invalid_argument("darcyFrictionFactor: Reynolds number must be positive");
    return frictionFactor(reynolds, relativeRoughness).f;
}

double pumpHeadGainM(const Pump& pump, double flowM3s) {
    const double s = pump.speedRatio;
    if (s == 0) return 0;
    return s * s * pump.shutoffHeadM - pump.curveCoefficientS2M5 * flowM3s * std::abs(flowM3s);
}

double linkHeadLossM(const LinkElement& element, double flowM3s, const FluidProperties& fluid) {
    return openHead(element, flowM3s, fluid).headM;
}

HydraulicResult solveHydraulics(const Network& net, const FluidProperties& fluid,
                                const HydraulicOptions& options) {
    if (!(fluid.densityKgM3 > 0) || !(fluid.viscosityPaS > 0))
        throw std::invalid_argument("solveHydraulics: fluid density and viscosity must be positive");
    if (!(options.relativeTolerance > 0) || options.maxIterations < 1)
        throw std::invalid_argument("solveHydraulics: tolerance must be positive and iterations at least 1");
    const Topology topo = resolveTopology(net);
    return GgaSolver(net, topo, fluid, options).run();
}

std::vector<double> gaugePressuresPa(const Network& net, const HydraulicResult& result, double densityKgM3) {
    requireResultMatches(net, result);
    std::vector<double> p(net.nodes.size());
    for (std::size_t i = 0; i < p.size(); ++i)
        p[i] = densityKgM3 * kGravityMS2 * (result.headM[i] - net.nodes[i].elevationM);
    return p;
}

std::vector<PumpPower> pumpPowers(const Network& net, const HydraulicResult& result, double densityKgM3) {
    requireResultMatches(net, result);
    const Topology topo = resolveTopology(net);
    std::vector<PumpPower> out(net.links.size());
    for (std::size_t k = 0; k < net.links.size(); ++k) {
        const auto* pump = std::get_if<Pump>(&net.links[k].element);
        if (!pump || result.linkClosed[k]) continue;
        const double liftM = result.headM[topo.to[k]] - result.headM[topo.from[k]];
        out[k].hydraulicW = densityKgM3 * kGravityMS2 * result.flowM3s[k] * liftM;
        out[k].electricW = out[k].hydraulicW / pump->wireToWaterEfficiency;
    }
    return out;
}

ThermalResult solveTemperatures(const Network& net, const HydraulicResult& hydraulics,
                                const std::vector<double>& linkHeatW,
                                const std::map<std::string, double>& supplyTempC, double densityKgM3,
                                double cpJKgK) {
    requireResultMatches(net, hydraulics);
    if (linkHeatW.size() != net.links.size())
        throw std::invalid_argument(fmt::format("solveTemperatures: {} heat values for {} links",
                                                linkHeatW.size(), net.links.size()));
    if (!(densityKgM3 > 0) || !(cpJKgK > 0))
        throw std::invalid_argument("solveTemperatures: density and cp must be positive");
    const Topology topo = resolveTopology(net);
    return ThermalSolver(net, topo, hydraulics, linkHeatW, supplyTempC, densityKgM3 * cpJKgK).run();
}

} // namespace halltwin::model::sim
