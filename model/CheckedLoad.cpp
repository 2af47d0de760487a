#include "model/CheckedLoad.hpp"

#include "model/air/AirResultsFile.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace halltwin::model {

namespace {

constexpr int readFine = 0, readWithErrors = 2;

// Address space in use now: the child's bound is on top of what it inherits (a GUI with drivers and
// fields may already hold gigabytes).
size_t addressSpaceBytes() {
    std::ifstream statm("/proc/self/statm");
    size_t pages = 0;
    statm >> pages;
    return pages * size_t(::sysconf(_SC_PAGESIZE));
}

void writeAll(int fd, const std::string& s) {
    for (size_t done = 0; done < s.size();) {
        const ssize_t n = ::write(fd, s.data() + done, s.size() - done);
        if (n <= 0) return;
        done += size_t(n);
    }
}

// In the child: default signal dispositions (an inherited crash handler must not turn a crash into an
// ordinary exit), bounded memory and time, no core dump, then the reads the parent would do. The verdict
// is the exit status; the errors of a file that does not load go back through `fd`, so the parent never
// reads such a file itself. _exit skips handlers the parent's libraries registered.
[[noreturn]] void childLoad(const std::filesystem::path& path, const CheckLimits& limits, size_t inherited,
                            int fd) {
    for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGALRM, SIGXCPU})
        std::signal(sig, SIG_DFL);
    const rlimit memory{inherited + limits.memoryBytes, inherited + limits.memoryBytes}, core{0, 0};
    ::setrlimit(RLIMIT_AS, &memory);
    ::setrlimit(RLIMIT_CORE, &core);
    ::alarm(unsigned(limits.time.count()));
    int verdict = readFine;
    try {
        const TwinLoad l = loadTwinFile(path);
        if (!l.diagnostics.ok()) {
            writeAll(fd, l.diagnostics.errorText());
            verdict = readWithErrors;
        } else {
            (void)air::readAirResults(path); // what the application reads next from the same file
        }
    } catch (const std::exception& e) {
        writeAll(fd, fmt::format("the results in it cannot be read: {}\n", e.what()));
        verdict = readWithErrors;
    } catch (...) {
        ::_exit(3);
    }
    ::_exit(verdict);
}

std::string describe(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        if (sig == SIGALRM) return "reading it did not finish in time";
        return fmt::format("reading it crashed the HDF5 library ({})", ::strsignal(sig));
    }
    return "reading it failed unexpectedly";
}

struct ChildResult {
    std::string crash;   // empty when the child finished
    bool errors = false; // the child read the file and found it does not load
    std::string text;    // those errors
};

ChildResult runChild(const std::filesystem::path& path, const CheckLimits& limits) {
    int pipeFds[2];
    if (::pipe(pipeFds) != 0) return {"the file could not be checked (no pipe)", false, {}};
    const size_t inherited = addressSpaceBytes();
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(pipeFds[0]), ::close(pipeFds[1]);
        return {"the file could not be checked (no process)", false, {}};
    }
    if (child == 0) {
        ::close(pipeFds[0]);
        childLoad(path, limits, inherited, pipeFds[1]);
    }
    ::close(pipeFds[1]);
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = ::read(pipeFds[0], buf, sizeof buf)) != 0;) { // until the child closes it
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        if (text.size() < 65536) text.append(buf, size_t(n));
    }
    ::close(pipeFds[0]);
    int status = 0;
    pid_t r;
    while ((r = ::waitpid(child, &status, 0)) < 0 && errno == EINTR) {
    }
    if (r < 0) return {"the file could not be checked (the check's process was lost)", false, {}};
    if (WIFEXITED(status) && WEXITSTATUS(status) == readFine) return {};
    if (WIFEXITED(status) && WEXITSTATUS(status) == readWithErrors) return {{}, true, text};
    return {describe(status), false, {}};
}

} // namespace

std::string crashCheck(const std::filesystem::path& path, const CheckLimits& limits) {
    return runChild(path, limits).crash;
}

TwinLoad loadTwinChecked(const std::filesystem::path& path, const CheckLimits& limits) {
    if (path.extension() == ".json") return loadTwinAny(path);
    const ChildResult c = runChild(path, limits);
    if (c.crash.empty() && !c.errors) return loadTwinAny(path);
    TwinLoad out;
    if (c.errors) { // the child's messages, one per line: the file is not read again here
        size_t start = 0;
        for (size_t end; (end = c.text.find('\n', start)) != std::string::npos; start = end + 1)
            out.diagnostics.error("", "", c.text.substr(start, end - start));
        if (out.diagnostics.ok()) out.diagnostics.error("file", "", "'" + path.string() + "' does not load");
        return out;
    }
    out.diagnostics.error("file", "",
                          fmt::format("'{}' is damaged: {}; nothing was loaded", path.string(), c.crash));
    return out;
}

} // namespace halltwin::model
