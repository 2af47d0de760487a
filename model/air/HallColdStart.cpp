#include "HallColdStart.hpp"

#include <algorithm>
#include <stdexcept>

namespace halltwin::model::air {

namespace {

// Twice the cell size (the grid covers the same box: buildHallGrid fits whole cells to the hall), when
// that is still a grid worth solving.
bool coarser(const HallGridOptions& options, double coarsestM, HallGridOptions& out) {
    out = options;
    out.cellM = 2 * options.cellM;
    return out.cellM <= coarsestM * (1 + 1e-9);
}

} // namespace

ColdStart coldStart(const Twin& twin, const HallGridOptions& options, const AirModel& fine,
                    const SolveOptions& o, double coarsestM) {
    ColdStart out;
    out.state = restState(fine, fine.airCase.air.referenceC);
    HallGridOptions next;
    if (!coarser(options, coarsestM, next)) return out;
    std::shared_ptr<const AirModel> model;
    try {
        model = makeAirModel(buildHallGrid(twin, next).airCase);
    } catch (const std::invalid_argument&) {
        return out; // an opening or a unit finds no free face at that size: start from rest
    }
    if (model->nd != fine.nd) return out;
    ColdStart inner = coldStart(twin, next, *model, o, coarsestM);
    if (inner.cancelled) {
        out.cancelled = true;
        return out;
    }
    SolveOptions quiet = o;
    quiet.progress = nullptr;
    AirWorkspace w = makeWorkspace(*model);
    const SolveReport r = solveSteady(*model, inner.state, w, quiet);
    out.cancelled = r.cancelled;
    out.coarseSteps = inner.coarseSteps + r.steps;
    out.coarseCellSteps = inner.coarseCellSteps + double(model->cells.size()) * r.steps;
    if (out.cancelled) return out;
    out.state = interpolateState(fine, *model, inner.state);
    // A settled coarse solution is a developed flow: on the fine grid averaging (if it comes to that)
    // starts after kSettleSteps, not after a cold one's averageAfter steps. It is not yet a fine solution,
    // so its age stays below averageAfter (no warm start's first-block reference, AirSteady.cpp).
    if (r.converged && o.averageAfter > kSettleSteps)
        out.state.age = std::max(out.state.age, long(o.averageAfter - kSettleSteps));
    return out;
}

} // namespace halltwin::model::air
