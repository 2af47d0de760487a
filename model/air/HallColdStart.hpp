// A cold start of a hall's air by nested iteration: the hall is first solved on cells twice as large
// (recursively, down to kCoarsestCellM), and that solution, interpolated, is the first guess on the
// requested grid. The coarse solves cost an eighth per step each and carry the flow through the long
// initial transient, so the fine grid starts near its steady state (as a warm start does).
#pragma once

#include "AirModel.hpp"
#include "AirState.hpp"
#include "AirStep.hpp"
#include "HallGrid.hpp"

#include <memory>

namespace halltwin::model::air {

// The coarsest grid of the nest. At 0.4 m a 0.6 m rack snaps to one or two cells and the plumes of the
// coarse solution differ from the fine grid's: a 0.2 m cold start from a 0.4 m solution took more steps
// than from rest. 0.2 m resolves racks and aisles, so 0.1 m grids start from it.
constexpr double kCoarsestCellM = 0.2;
// Fine-grid steps an interpolated coarse solution is marched before its mean is taken.
constexpr long kSettleSteps = 50;

struct ColdStart {
    AirState state;
    int coarseSteps = 0;        // steps of the coarser solves
    double coarseCellSteps = 0; // Σ cells × steps over them (cell updates)
    bool cancelled = false;
};

// The first guess for `fine` (built from twin and options): interpolated from a solve on cells twice as
// large when that is no coarser than `coarsestM` and the twin voxelises there, else air at rest at the
// reference temperature. The coarse solves use `o` without its progress callback.
ColdStart coldStart(const Twin& twin, const HallGridOptions& options, const AirModel& fine,
                    const SolveOptions& o, double coarsestM = kCoarsestCellM);

} // namespace halltwin::model::air
