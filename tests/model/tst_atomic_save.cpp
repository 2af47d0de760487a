// A save that fails midway leaves the previous file intact and no temporary file behind.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "model/TwinFile.hpp"

#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace halltwin::model;
namespace fs = std::filesystem;

class TestAtomicSave : public QObject {
    Q_OBJECT
    fs::path dir;
    Twin twin;

    static std::string bytes(const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
    size_t filesIn(const fs::path& d) { return size_t(std::distance(fs::directory_iterator(d), {})); }

  private slots:
    void init() {
        dir = fs::temp_directory_path() / ("halltwin-save-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        TwinLoad l = loadTwinFile(halltwin::test::data() / "schema-v1.h5");
        QVERIFY(l.diagnostics.ok());
        twin = l.twin;
    }
    void cleanup() {
        fs::permissions(dir, fs::perms::owner_all);
        fs::remove_all(dir);
    }

    void failureBeforeCommitKeepsTheOldFile() {
        const fs::path target = dir / "twin.h5";
        saveTwinFile(twin, target);
        const std::string before = bytes(target);
        Twin changed = twin;
        changed.racks[0].powerCapW = 1234;
        SaveOptions injectFailure;
        bool tempWasWritten = false;
        injectFailure.beforeCommit = [&](const fs::path& temp) {
            tempWasWritten = fs::file_size(temp) > 0;
            throw std::runtime_error("disk unplugged");
        };
        QVERIFY_THROWS_EXCEPTION(SaveError, saveTwinFile(changed, target, injectFailure));
        QVERIFY(tempWasWritten);
        QCOMPARE(bytes(target), before);
        QCOMPARE(filesIn(dir), size_t(1));
        QVERIFY(loadTwinFile(target).twin == twin);
    }

    void unwritableFolderIsAClearError() {
        if (::geteuid() == 0) QSKIP("root ignores folder permissions");
        const fs::path target = dir / "twin.h5";
        saveTwinFile(twin, target);
        const std::string before = bytes(target);
        fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
        try {
            saveTwinFile(twin, target);
            QFAIL("saving into a read-only folder must fail");
        } catch (const SaveError& e) {
            QVERIFY(std::string(e.what()).find("previous file is unchanged") != std::string::npos);
        }
        QCOMPARE(bytes(target), before);
    }

    void missingFolderIsAClearError() {
        try {
            saveTwinFile(twin, dir / "no" / "such" / "folder" / "twin.h5");
            QFAIL("saving into a missing folder must fail");
        } catch (const SaveError& e) {
            QVERIFY(std::string(e.what()).find("cannot create") != std::string::npos);
        }
        QCOMPARE(filesIn(dir), size_t(0));
    }

    void successfulSaveReplacesTheFile() {
        const fs::path target = dir / "twin.h5";
        saveTwinFile(twin, target);
        Twin changed = twin;
        changed.racks[1].powerCapW = 4321;
        saveTwinFile(changed, target);
        QVERIFY(loadTwinFile(target).twin == changed);
        QCOMPARE(filesIn(dir), size_t(1));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestAtomicSave)
#include "tst_atomic_save.moc"
