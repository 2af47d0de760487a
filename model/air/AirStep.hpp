// Stepping an air state: step() advances one (pseudo-)time step, solveSteady() marches to a steady
// state, advance() follows the transient. Free functions of a constant model, a state and a workspace:
// nothing is remembered between calls but what the state holds.
#pragma once

#include "AirState.hpp"

#include <atomic>
#include <functional>
#include <vector>

namespace halltwin::model::air {

struct StepOptions {
    bool steady = true;              // a pseudo-time step (temperature with local steps), else a physical one
    double dtMax = 1e30;             // s, cap on the step
    double cfl = 4;                  // pseudo-time step in cell transit times (h / max |u|) for steady solves
    double temperatureCfl = 20;      // local pseudo-time step of the temperature, in cell transit times
    double transientCfl = 0.5;       // physical step, in cell transit times
    double pressureTolerance = 1e-5; // relative residual of the pressure equation
    int pressureMaxIterations = 200;
};

struct SolveOptions {
    int maxSteps = 200000;
    double maxTime = 1e30;   // s of simulated time
    double tolerance = 1e-5; // steady residual (see AirState::residual)
    double cfl = 4;          // as StepOptions
    double temperatureCfl = 20;
    double transientCfl = 0.5;
    double pressureTolerance = 1e-5;
    int pressureMaxIterations = 200;
    int progressEvery = 100; // steps between progress callbacks and residual checks
    // Monitored convergence (> 0 to use): also steady when, over the last monitorWindow check
    // intervals, no linked opening's temperature (rack exhausts = intake mean + ΔT) moved by more than
    // this (K) and the heat balance closes to balanceTolerance. Hall flows keep small unsteady plumes whose
    // residual stalls; the monitors are the quantities the results are made of.
    double monitorTolerance = 0;
    int monitorWindow = 3;
    double monitorResidual = 0.2; // monitors are trusted only once the residual is below this
    double balanceTolerance = 0.005;
    // Averaged steady state (averageAfter > 0, with the monitors): plumes that keep moving never let the
    // monitors settle step by step. From step averageAfter on the fields are averaged; every averageBlock
    // steps the mean's monitors are compared with those one block earlier: steady when they agree to
    // monitorTolerance and the mean's heat balance closes to balanceTolerance. The fields then become
    // the mean: an average over pseudo-time steps, not a time average (docs/air-solver.md).
    // Steps are counted on the fields' age (AirState::age), not the solve's: fields that have already been
    // marched averageAfter steps (a warm start after an edit) begin averaging once warmAverageAfter steps
    // have let the edit's disturbance pass, and their first block is compared with the fields they started
    // from (after a small edit the new mean agrees with the old one at once).
    int averageAfter = 0;
    int averageBlock = 100;
    int warmAverageAfter = 50;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(int, double)> progress; // (step, residual)

    StepOptions step(bool steady, double dtMax) const;
};

struct SolveReport {
    int steps = 0;
    double time = 0; // simulated seconds
    double residual = 0;
    bool converged = false, cancelled = false;
    bool settled = false;        // converged by the monitors rather than the residual
    double monitorChange = 0;    // K, largest monitored change over the last window (or between blocks)
    bool averaged = false;       // the fields are the mean since averaging began
    double fluctuation = 0;      // K, the widest range a monitor took while averaging
    std::vector<double> history; // residual every progressEvery steps
    long pressureIterations = 0; // CG iterations of this solve
    size_t averagingBytes = 0;   // memory the running means took while averaging
};

// One step; returns its length (s). Sets s.residual: max of RMS(R_u)·L/U² and RMS(R_T)·L/(U·ΔT), with R
// the residual of the steady momentum and energy equations (m/s², K/s).
double step(const AirModel& m, AirState& s, AirWorkspace& w, const StepOptions& o);
SolveReport solveSteady(const AirModel& m, AirState& s, AirWorkspace& w, const SolveOptions& o);
SolveReport advance(const AirModel& m, AirState& s, AirWorkspace& w, double seconds, const SolveOptions& o);

} // namespace halltwin::model::air
