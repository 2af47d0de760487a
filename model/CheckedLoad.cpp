#include "model/CheckedLoad.hpp"

#include "model/air/AirResultsFile.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstring>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace halltwin::model {

namespace {

// In the child: bounded memory and time, no core dump, then the same load the parent would do. Only
// its exit status goes back; _exit skips handlers the parent's libraries registered.
[[noreturn]] void childLoad(const std::filesystem::path& path, const CheckLimits& limits) {
    const rlimit memory{limits.memoryBytes, limits.memoryBytes}, core{0, 0};
    ::setrlimit(RLIMIT_AS, &memory);
    ::setrlimit(RLIMIT_CORE, &core);
    ::alarm(unsigned(limits.time.count()) + 1);
    try {
        (void)loadTwinFile(path);
        try {
            (void)air::readAirResults(path); // what the application reads next from the same file
        } catch (const std::exception&) {    // a named error in the parent as well
        }
    } catch (...) {
        ::_exit(3);
    }
    ::_exit(0);
}

std::string describe(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        if (sig == SIGALRM) return "reading it did not finish in time (the file loops back on itself?)";
        return fmt::format("reading it crashed the HDF5 library ({})", ::strsignal(sig));
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 3) return "reading it failed with an unexpected error";
    return {};
}

} // namespace

std::string crashCheck(const std::filesystem::path& path, const CheckLimits& limits) {
    const pid_t child = ::fork();
    if (child < 0) return {}; // no process to spare: read in-process, as without the check
    if (child == 0) childLoad(path, limits);
    const auto deadline = std::chrono::steady_clock::now() + limits.time + std::chrono::seconds(5);
    int status = 0;
    while (::waitpid(child, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(child, SIGKILL);
            ::waitpid(child, &status, 0);
            return "reading it did not finish in time";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return describe(status);
}

TwinLoad loadTwinChecked(const std::filesystem::path& path, const CheckLimits& limits) {
    if (path.extension() == ".json") return loadTwinAny(path);
    const std::string crash = crashCheck(path, limits);
    if (crash.empty()) return loadTwinAny(path);
    TwinLoad out;
    out.diagnostics.error("file", "",
                          fmt::format("'{}' is damaged: {}; nothing was loaded", path.string(), crash));
    return out;
}

} // namespace halltwin::model
