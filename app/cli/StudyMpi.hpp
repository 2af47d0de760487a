// Design studies across MPI ranks (`mpirun -np N halltwin study run …`): rank 0 hands out variants one at
// a time to the ranks that ask (dynamic load balancing: air solves differ in cost), gathers each result as
// it comes and saves the file as the threaded run does; the other ranks evaluate variants. Each variant is
// computed by model::study::runVariant with OpenMP on one thread, so the KPI table is the same bit for bit
// as a threaded or serial run.
#pragma once

#include "model/study/StudyRun.hpp"

#include <filesystem>
#include <functional>

namespace halltwin::app {

// The number of ranks this process was started with by mpirun (1 when not, or without MPI support).
int mpiRanks();
int mpiRank(); // this process's rank under mpirun, else 0

struct MpiStudyRun {
    const model::study::Study* study = nullptr;
    const model::Catalog* catalog = nullptr;
    model::study::StudyResults* results = nullptr; // rank 0: filled in; others: its design and columns
    std::function<void()> save;                    // rank 0, after `batch` results (more when saves are slow)
    size_t batch = 8;
};

// Runs the variants of `results` not yet done over all ranks; returns on every rank when all are done.
// Returns this process's rank.
int runStudyOnRanks(const MpiStudyRun& r);

} // namespace halltwin::app
