#include "AirSolver.hpp"

namespace halltwin::model::air {

AirSolver::AirSolver(AirCase c, double initialC) {
    solution_.model = makeAirModel(std::move(c));
    solution_.state = restState(*solution_.model, initialC);
    work_ = makeWorkspace(*solution_.model);
}

AirSolver::AirSolver(AirSolution s) : solution_(std::move(s)), work_(makeWorkspace(*solution_.model)) {}

void AirSolver::setCase(AirCase c) {
    std::shared_ptr<const AirModel> next = makeAirModel(std::move(c));
    const Dims was = model().cells, now = next->cells;
    solution_.state = carryOver(*next, model(), std::move(solution_.state));
    solution_.model = std::move(next);
    // The workspace's sizes follow the grid's shape only.
    if (was.nx != now.nx || was.ny != now.ny || was.nz != now.nz) work_ = makeWorkspace(model());
}

size_t AirSolver::memoryBytes() const {
    return model().memoryBytes() + state().memoryBytes() + work_.memoryBytes();
}

} // namespace halltwin::model::air
