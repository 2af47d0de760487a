#include "model/AtomicFile.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace halltwin::model {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view marker = ".saving-";

// The file a save replaces: the end of a chain of symlinks (relative links resolve from their folder).
fs::path resolveTarget(const fs::path& target) {
    fs::path p = target;
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(p, ec))) return p;
        const fs::path next = fs::read_symlink(p, ec);
        if (ec) throw SaveError(fmt::format("cannot follow the link '{}': {}", p.string(), ec.message()));
        p = next.is_absolute() ? next : p.parent_path() / next;
    }
    throw SaveError(fmt::format("'{}' is a loop of symbolic links", target.string()));
}

fs::path folderOf(const fs::path& p) {
    return p.has_parent_path() ? p.parent_path() : fs::path(".");
}

bool alive(pid_t pid) {
    return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

// Temporary names carry the host, so that a save on another machine sharing the folder (NFS) is never
// taken for a dead process of this one.
std::string hostName() {
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    std::string h(name);
    for (char& c : h)
        if (c == '/' || c == '-') c = '_';
    return h.empty() ? "host" : h;
}

// ".NAME.saving-HOST-PID" of this host whose process is gone: what a killed save left behind.
void removeStaleTemporaries(const fs::path& folder) {
    const std::string here = hostName() + "-";
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const size_t at = name.rfind(marker);
        if (name.empty() || name[0] != '.' || at == std::string::npos) continue;
        const std::string tail = name.substr(at + marker.size());
        if (tail.compare(0, here.size(), here) != 0) continue;
        const std::string digits = tail.substr(here.size());
        if (digits.empty() || digits.size() > 9 ||
            digits.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::error_code rm;
        if (!alive(pid_t(std::stol(digits)))) fs::remove(it->path(), rm);
    }
}

mode_t currentUmask() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("Umask:", 0) == 0) return mode_t(std::stoul(line.substr(6), nullptr, 8));
    return 022;
}

void syncPath(const fs::path& p, int flags, const std::string& what) {
    const int fd = ::open(p.c_str(), flags);
    if (fd < 0) throw SaveError(fmt::format("cannot open {} to sync it: {}", what, std::strerror(errno)));
    const bool ok = ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    if (!ok) throw SaveError(fmt::format("cannot flush {} to the disk: {}", what, std::strerror(err)));
}

// The temporary file is private while it is written; then it takes the mode of the file it replaces
// (0600 stays private, 0444 stays read-only), or a new file's (0666 less the umask).
void keepMode(const fs::path& temp, const fs::path& real) {
    struct stat st {};
    const mode_t mode = ::stat(real.c_str(), &st) == 0 ? st.st_mode & 07777 : 0666 & ~currentUmask();
    if (::chmod(temp.c_str(), mode) != 0)
        throw SaveError(fmt::format("cannot give the new file the permissions of '{}'", real.string()));
}

} // namespace

fs::path temporaryFor(const fs::path& target) {
    const fs::path real = resolveTarget(target);
    return folderOf(real) /
           fmt::format(".{}{}{}-{}", real.filename().string(), marker, hostName(), ::getpid());
}

void writeAtomically(const fs::path& target, const std::function<void(const fs::path&)>& write) {
    const fs::path real = resolveTarget(target);
    const fs::path folder = folderOf(real), temp = temporaryFor(real);
    try {
        removeStaleTemporaries(folder);
        // Created private first: writers that open the path themselves (VTK's) keep its mode.
        const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
            throw SaveError(fmt::format("cannot create '{}': {}", temp.string(), std::strerror(errno)));
        ::close(fd);
        write(temp);
        syncPath(temp, O_RDONLY, "the new file"); // while the file is still ours to read (mode 0600)
        keepMode(temp, real);
        if (::rename(temp.c_str(), real.c_str()) != 0)
            throw SaveError(fmt::format("cannot replace the file: {}", std::strerror(errno)));
    } catch (const std::exception& e) {
        std::error_code ec;
        fs::remove(temp, ec);
        throw SaveError(
            fmt::format("saving '{}' failed: {}; the previous file is unchanged", target.string(), e.what()));
    }
    // The rename is durable once the folder is synced. The new file is in place already, so a folder
    // that cannot be synced (some file systems refuse fsync on folders) does not fail the save.
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) ::fsync(fd), ::close(fd);
}

void writeFileAtomically(const fs::path& target, std::string_view bytes,
                         const std::function<void(const fs::path&)>& beforeCommit) {
    writeAtomically(target, [&](const fs::path& temp) {
        const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
            throw SaveError(fmt::format("cannot create '{}': {}", temp.string(), std::strerror(errno)));
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                const int err = n < 0 ? errno : ENOSPC;
                ::close(fd);
                throw SaveError(fmt::format("cannot write: {}", std::strerror(err)));
            }
            done += size_t(n);
        }
        if (::close(fd) != 0) throw SaveError(fmt::format("cannot write: {}", std::strerror(errno)));
        if (beforeCommit) beforeCommit(temp);
    });
}

} // namespace halltwin::model
