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

// Runs `save` over and over in a child process and kills it after a random pause; `trials` times.
template <class F> void killDuring(int trials, int maxPauseUs, F save) {
    std::mt19937 random(12345);
    std::uniform_int_distribution<int> pause(0, maxPauseUs);
    for (int i = 0; i < trials; ++i) {
        const pid_t child = ::fork();
        if (child == 0) {
            for (int n = 0;; ++n)
                save(n);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(pause(random)));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
    }
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
        save(a);
        int sawOld = 0, sawNew = 0;
        const int trials = 100;
        for (int i = 0; i < trials; ++i) {
            killDuring(1, 20000, [&](int n) { save(n % 2 ? a : b); });
            const TwinLoad l = loadTwinAny(target);
            QVERIFY2(l.diagnostics.ok(),
                     qPrintable(QString("trial %1: %2").arg(i).arg(l.diagnostics.errorText().c_str())));
            QVERIFY(l.twin == a || l.twin == b);
            (l.twin == a ? sawOld : sawNew)++;
        }
        qInfo("%d kills: the old version survived %d times, the new one %d times", trials, sawOld, sawNew);
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
        killDuring(100, 5000, [&](int n) { writeFileAtomically(target, n % 2 ? one : two); });
        const std::string now = readAll(target);
        QVERIFY(now == one || now == two);
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
        std::ofstream(root / fmt::format(".twin.h5.saving-{}", gone)) << "half a file";
        std::ofstream(root / ".other.png.saving-1") << "pid 1 is alive";
        saveTwinFile(a, root / "twin.h5");
        QVERIFY(!fs::exists(root / fmt::format(".twin.h5.saving-{}", gone)));
        QVERIFY(fs::exists(root / ".other.png.saving-1"));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestKillDuringSave)
#include "tst_kill_during_save.moc"
