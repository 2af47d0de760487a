// Saves never lose work: a save killed (SIGKILL) at a random moment leaves the previous file or the new
// one, complete, in every format the tool writes through model/AtomicFile; a full disk (a file-size limit
// here) is an error with the old file intact; a symlink stays a link; the file's mode is kept; the
// temporary files of killed saves are cleaned up by the next save to that folder.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/AtomicFile.hpp"
#include "model/CatalogIo.hpp"
#include "model/TwinFile.hpp"
#include "model/TwinJson.hpp"

#include <QTemporaryDir>

#include <chrono>
#include <csignal>
#include <fmt/format.h>
#include <fstream>
#include <random>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace halltwin::model;

namespace {

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int temporariesIn(const fs::path& dir) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir))
        n += e.path().filename().string().find(".saving-") != std::string::npos;
    return n;
}

// How long one save takes here, so that the kills below land all through a save, wherever this runs. A
// forked child pays its first page faults on top, hence the fixed 20 ms added to the window below.
template <class F> int saveMicroseconds(F save) {
    const auto t0 = std::chrono::steady_clock::now();
    for (int n = 0; n < 5; ++n)
        save(n);
    return int(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count() /
        5);
}

// Runs `save` over and over in a child process and kills it after a random pause of up to three saves;
// `trials` times. Returns how many children ended by themselves (a save that threw): none should.
template <class F> int killDuring(int trials, int maxPauseUs, F save) {
    static std::mt19937 random(12345);
    std::uniform_int_distribution<int> pause(0, maxPauseUs);
    int ended = 0;
    for (int i = 0; i < trials; ++i) {
        const pid_t child = ::fork();
        if (child == 0) {
            try {
                for (int n = 0;; ++n)
                    save(n);
            } catch (...) { // a save that fails is a failure of the test, never the rest of the suite
                ::_exit(1);
            }
        }
        std::this_thread::sleep_for(std::chrono::microseconds(pause(random)));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        ended += !WIFSIGNALED(status);
    }
    return ended;
}

} // namespace

class TestKillDuringSave : public QObject {
    Q_OBJECT
    Twin a, b; // two versions of a twin; every file on disk must be one of them, whole

  private slots:
    void initTestCase() {
        Diagnostics d;
        const Catalog catalog = loadCatalogDir(halltwin::test::assets() / "catalog", d);
        TwinLoad l = loadTwinJson(halltwin::test::data() / "two-racks.json", catalog);
        QVERIFY2(l.diagnostics.ok(), l.diagnostics.errorText().c_str());
        a = b = l.twin;
        b.name = "two racks, second version";
        b.racks[0].powerCapW = 150000;
    }

    void killedTwinSavesLeaveOldOrNew_data() {
        QTest::addColumn<QString>("extension");
        QTest::newRow("hdf5") << ".h5";
        QTest::newRow("json") << ".json";
    }
    void killedTwinSavesLeaveOldOrNew() {
        QFETCH(QString, extension);
        QTemporaryDir dir;
        const fs::path target = fs::path(dir.path().toStdString()) / ("twin" + extension.toStdString());
        auto save = [&](const Twin& t) {
            extension == ".h5" ? saveTwinFile(t, target) : saveTwinJson(t, target);
        };
        const int window = 3 * saveMicroseconds([&](int n) { save(n % 2 ? a : b); }) + 20000;
        save(a);
        int sawOld = 0, sawNew = 0;
        const int trials = 100;
        for (int i = 0; i < trials; ++i) {
            QCOMPARE(killDuring(1, window, [&](int n) { save(n % 2 ? b : a); }), 0);
            const TwinLoad l = loadTwinAny(target);
            QVERIFY2(l.diagnostics.ok(),
                     qPrintable(QString("trial %1: %2").arg(i).arg(l.diagnostics.errorText().c_str())));
            QVERIFY(l.twin == a || l.twin == b);
            (l.twin == a ? sawOld : sawNew)++;
        }
        qInfo("%d kills within %d us (three saves and a fork): the old version survived %d times, the new "
              "one %d times",
              trials, window, sawOld, sawNew);
        QVERIFY(sawOld > 0 && sawNew > 0); // the kills landed at different moments of the saves
        save(a);                           // cleans up what the killed saves left
        QCOMPARE(temporariesIn(target.parent_path()), 0);
    }

    // Exports (PNG, CSV, JSON, .vti) go through the same writer: a megabyte of bytes, killed at random.
    void killedByteSavesLeaveOldOrNew() {
        QTemporaryDir dir;
        const fs::path target = fs::path(dir.path().toStdString()) / "export.csv";
        const std::string one(1 << 20, '1'), two(1 << 20, '2');
        writeFileAtomically(target, one);
        const int window =
            3 * saveMicroseconds([&](int n) { writeFileAtomically(target, n % 2 ? two : one); });
        for (int i = 0; i < 100; ++i) {
            QCOMPARE(killDuring(1, window, [&](int n) { writeFileAtomically(target, n % 2 ? one : two); }),
                     0);
            const std::string now = readAll(target);
            QVERIFY2(now == one || now == two,
                     qPrintable(QString("trial %1: %2 bytes").arg(i).arg(now.size())));
        }
    }

    // A full disk: the file-size limit makes write(2) fail partway (EFBIG), as ENOSPC would.
    void aFullDiskIsAnErrorAndTheOldFileStays() {
        QTemporaryDir dir;
        const fs::path target = fs::path(dir.path().toStdString()) / "twin.h5";
        saveTwinFile(a, target);
        const std::string before = readAll(target);
        const pid_t child = ::fork();
        if (child == 0) {
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{8192, 8192};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            try {
                saveTwinFile(b, target);
            } catch (const SaveError& e) {
                ::_exit(std::string(e.what()).find("the previous file is unchanged") != std::string::npos
                            ? 0
                            : 2);
            }
            ::_exit(1); // the save claimed success
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
        QCOMPARE(readAll(target), before);
        QCOMPARE(temporariesIn(target.parent_path()), 0);
    }

    // While it is written, the new content is readable by its owner only.
    void theTemporaryFileIsPrivate() {
        QTemporaryDir dir;
        const fs::path target = fs::path(dir.path().toStdString()) / "export.csv";
        int mode = -1;
        writeFileAtomically(target, "a,b\n", [&](const fs::path& temp) {
            struct stat st {};
            ::stat(temp.c_str(), &st);
            mode = int(st.st_mode & 0777);
        });
        QCOMPARE(mode, 0600);
    }

    void aSymlinkStaysALinkAndTheModeIsKept() {
        QTemporaryDir dir;
        const fs::path root(dir.path().toStdString()), real = root / "data" / "twin.h5",
                                                       link = root / "twin.h5";
        fs::create_directories(real.parent_path());
        saveTwinFile(a, real);
        fs::create_symlink("data/twin.h5", link);
        ::chmod(real.c_str(), 0600);
        saveTwinFile(b, link);
        QVERIFY(fs::is_symlink(link));
        QVERIFY(loadTwinFile(real).twin == b);
        struct stat st {};
        ::stat(real.c_str(), &st);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        ::chmod(real.c_str(), 0444);
        saveTwinJson(a, root / "copy.json");
        ::chmod((root / "copy.json").c_str(), 0444);
        saveTwinJson(b, root / "copy.json");
        ::stat((root / "copy.json").c_str(), &st);
        QCOMPARE(int(st.st_mode & 0777), 0444);
    }

    // Temporary files of saves whose process is gone are removed; a live process's are left alone.
    void staleTemporariesAreCleanedUp() {
        QTemporaryDir dir;
        const fs::path root(dir.path().toStdString());
        const pid_t gone = [] {
            const pid_t p = ::fork();
            if (p == 0) ::_exit(0);
            ::waitpid(p, nullptr, 0);
            return p;
        }();
        // This process's temporary name with another process id: ".twin.h5.saving-HOST-PID".
        const std::string mine = temporaryFor(root / "twin.h5").filename().string();
        const std::string prefix = mine.substr(0, mine.rfind('-') + 1);
        const fs::path dead = root / (prefix + std::to_string(gone));
        const fs::path live = root / (".other.png" + prefix.substr(prefix.find(".saving-")) + "1");
        const fs::path remote = root / fmt::format(".twin.h5.saving-otherhost-{}", gone);
        for (const fs::path& p : {dead, live, remote})
            std::ofstream(p) << "half a file";
        saveTwinFile(a, root / "twin.h5");
        QVERIFY(!fs::exists(dead));
        QVERIFY(fs::exists(live));   // pid 1 is alive
        QVERIFY(fs::exists(remote)); // another machine's save is not ours to judge
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestKillDuringSave)
#include "tst_kill_during_save.moc"
