// Budgets of the design: design-point plant + power + workload of a 200-rack hall ≤ 5 ms; annual
// 8760-hour plant simulation of the same hall ≤ 0.5 s. Exits 1 when either is missed.
#include "GeneratedHall.hpp"
#include "Median.hpp"

#include "model/sim/SystemSimulation.hpp"

int main(int argc, char** argv) {
    using namespace halltwin;
    const int racks = argc > 1 ? std::atoi(argv[1]) : 200;
    const model::Twin t = bench::generatedHall(racks);
    std::printf("generated hall: %zu racks, %zu CDUs\n", t.racks.size(), t.cooling.cdus.size());
    model::sim::SimulationOptions design;
    design.hours = 0;
    const int designRuns = 21, annualRuns = 5;
    bool ok = bench::report("design point (workload, power, liquid, plant)",
                            bench::time(designRuns, [&] { model::sim::simulate(t, design); }), 5, designRuns);
    double pue = 0;
    ok &= bench::report("annual 8760-hour simulation",
                        bench::time(annualRuns, [&] { pue = model::sim::simulate(t).annual.pue; }), 500,
                        annualRuns);
    std::printf("annual PUE of the generated hall: %.3f\n", pue);
    return bench::verdict(ok);
}
