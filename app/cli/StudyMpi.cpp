#include "cli/StudyMpi.hpp"

#include "model/study/StudyResultsFile.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>

#ifdef HALLTWIN_MPI
#include <mpi.h>
#include <omp.h>
#endif

namespace halltwin::app {

namespace st = halltwin::model::study;

int mpiRanks() {
    // Set by Open MPI's launcher (and PMIx) in every rank it starts.
    for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE"})
        if (const char* v = std::getenv(var)) return std::max(1, std::atoi(v));
    return 1;
}

int mpiRank() {
    for (const char* var : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK"})
        if (const char* v = std::getenv(var)) return std::max(0, std::atoi(v));
    return 0;
}

#ifdef HALLTWIN_MPI

namespace {

constexpr int kResult = 1, kWork = 2;
constexpr long kNone = -1;

// A result: [variant, kpis…] as doubles, its error text (possibly empty), then each of the study's
// fields as floats (empty when the variant has none).
void sendResult(long variant, const st::VariantResult& r, size_t fields) {
    std::vector<double> head{double(variant)};
    head.insert(head.end(), r.kpis.begin(), r.kpis.end());
    MPI_Send(head.data(), int(head.size()), MPI_DOUBLE, 0, kResult, MPI_COMM_WORLD);
    MPI_Send(r.error.data(), int(r.error.size()), MPI_CHAR, 0, kResult, MPI_COMM_WORLD);
    for (size_t f = 0; f < fields; ++f) {
        const std::vector<float> none, &series = f < r.fields.size() ? r.fields[f] : none;
        MPI_Send(series.data(), int(series.size()), MPI_FLOAT, 0, kResult, MPI_COMM_WORLD);
    }
}

// The next message from `source` on the result tag, whatever its length.
template <class T> std::vector<T> receiveAll(int source, MPI_Datatype type) {
    MPI_Status s;
    MPI_Probe(source, kResult, MPI_COMM_WORLD, &s);
    int length = 0;
    MPI_Get_count(&s, type, &length);
    std::vector<T> out(static_cast<size_t>(length));
    MPI_Recv(out.data(), length, type, source, kResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return out;
}

// Rank 0: answers every request with the next variant (or kNone once all are handed out), keeping each
// result it receives.
void serve(const MpiStudyRun& r, int ranks) {
    st::StudyResults& res = *r.results;
    std::vector<long> todo;
    for (size_t v = 0; v < res.variants.size(); ++v)
        if (!res.variants[v].done) todo.push_back(long(v));
    size_t next = 0, sinceSave = 0;
    using Clock = std::chrono::steady_clock;
    st::SaveCadence cadence(r.batch); // saves stay a small share of the run (kept series make files large)
    auto lastSave = Clock::now();
    int working = ranks - 1;
    std::vector<double> head(res.kpis.size() + 1);
    while (working > 0) {
        MPI_Status s;
        MPI_Recv(head.data(), int(head.size()), MPI_DOUBLE, MPI_ANY_SOURCE, kResult, MPI_COMM_WORLD, &s);
        const std::vector<char> error = receiveAll<char>(s.MPI_SOURCE, MPI_CHAR);
        std::vector<std::vector<float>> fields;
        for (size_t f = 0; f < res.fields.size(); ++f)
            fields.push_back(receiveAll<float>(s.MPI_SOURCE, MPI_FLOAT));
        if (const long v = long(head[0]); v != kNone) {
            st::VariantResult& out = res.variants[size_t(v)];
            out.done = true;
            out.kpis.assign(head.begin() + 1, head.end());
            out.error.assign(error.begin(), error.end());
            out.fields = std::move(fields);
            if (++sinceSave >= cadence.batch() && r.save) {
                const auto t0 = Clock::now();
                r.save();
                const auto t1 = Clock::now();
                cadence.saved(std::chrono::duration<double>(t0 - lastSave).count(),
                              std::chrono::duration<double>(t1 - t0).count());
                sinceSave = 0, lastSave = t1;
            }
        }
        const long give = next < todo.size() ? todo[next++] : kNone;
        MPI_Send(&give, 1, MPI_LONG, s.MPI_SOURCE, kWork, MPI_COMM_WORLD);
        if (give == kNone) --working;
    }
    if (r.save) r.save();
}

// Other ranks: ask, evaluate, send back, until told there is nothing left.
void work(const MpiStudyRun& r) {
    omp_set_num_threads(1); // the same arithmetic as a threaded run
    const st::StudyResults& res = *r.results;
    long variant = kNone;
    st::VariantResult result;
    result.kpis.assign(res.kpis.size(), 0.0);
    while (true) {
        sendResult(variant, result, res.fields.size());
        MPI_Recv(&variant, 1, MPI_LONG, 0, kWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (variant == kNone) return;
        result = st::runVariant(*r.study, *r.catalog, res.design[size_t(variant)], res.kpis);
    }
}

} // namespace

int runStudyOnRanks(const MpiStudyRun& r) {
    int initialised = 0, rank = 0, ranks = 1;
    MPI_Initialized(&initialised);
    if (!initialised) MPI_Init(nullptr, nullptr);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    if (ranks < 2) {
        st::runStudy(*r.study, *r.catalog, *r.results);
        if (r.save) r.save();
    } else if (rank == 0) {
        serve(r, ranks);
    } else {
        work(r);
    }
    MPI_Finalize();
    return rank;
}

#else

int runStudyOnRanks(const MpiStudyRun& r) {
    st::runStudy(*r.study, *r.catalog, *r.results);
    if (r.save) r.save();
    return 0;
}

#endif

} // namespace halltwin::app
