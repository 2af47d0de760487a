// Repeats a measurement and reports the median, minimum and maximum wall time in milliseconds.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace halltwin::bench {

struct Timing {
    double medianMs, minMs, maxMs;
};

template <class F> Timing time(int runs, F&& f) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), ms.back()};
}

// Prints the figure against its budget; false when the median is over it (the program then exits 1).
inline bool report(const char* what, const Timing& t, double budgetMs, int runs) {
    const bool ok = t.medianMs <= budgetMs;
    std::printf("%-58s median %9.2f ms (min %.2f, max %.2f, %d runs)  budget %g ms  %s\n", what, t.medianMs,
                t.minMs, t.maxMs, runs, budgetMs, ok ? "OK" : "OVER");
    return ok;
}

// The exit code of a benchmark: 0 when every budget was met.
inline int verdict(bool allMet) {
    std::printf("%s\n", allMet ? "all budgets met" : "OVER BUDGET: see the lines marked OVER");
    return allMet ? 0 : 1;
}

} // namespace halltwin::bench
