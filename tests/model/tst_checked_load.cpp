// Files from anywhere: the fuzzer's checksum fixer recomputes HDF5's metadata checksums exactly (so its
// mutants reach the parsers), and every input the fuzzer kept (tests/data/fuzz) opens through the
// checked load as a named error (a crash inside libhdf5 as "is damaged"), never as a crash of this
// process; a sound file opens as before.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include "fuzz/Hdf5Checksums.hpp"

#include "model/CatalogIo.hpp"
#include "model/CheckedLoad.hpp"
#include "model/Hdf5.hpp"
#include "model/Hdf5Checksum.hpp"
#include "model/TwinJson.hpp"

#include <QTemporaryDir>

#include <cstring>
#include <fstream>

namespace fs = std::filesystem;
using namespace halltwin::model;

namespace {

std::vector<std::uint8_t> bytesOf(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& p, const std::vector<std::uint8_t>& b) {
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), long(b.size()));
}

} // namespace

class TestCheckedLoad : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    fs::path sound;

  private slots:
    void initTestCase() {
        Diagnostics d;
        const Catalog catalog = loadCatalogDir(halltwin::test::assets() / "catalog", d);
        TwinLoad l = loadTwinJson(halltwin::test::data() / "two-racks.json", catalog);
        QVERIFY(l.diagnostics.ok());
        sound = fs::path(dir.path().toStdString()) / "sound.h5";
        saveTwinFile(l.twin, sound);
    }

    // Recomputing every checksum of an untouched file changes nothing: lookup3 and the structure walk
    // agree with HDF5's own.
    void checksumsOfASoundFileAreRecomputedExactly() {
        std::vector<std::uint8_t> b = bytesOf(sound);
        const std::vector<std::uint8_t> before = b;
        const int fixed = halltwin::fuzz::fixHdf5Checksums(b.data(), b.size());
        QVERIFY2(fixed > 10, qPrintable(QString::number(fixed)));
        QVERIFY(b == before);
        // lookup3's published check value: hashlittle("", 0, 0) = 0xdeadbeef.
        QCOMPARE(h5::lookup3(nullptr, 0), 0xdeadbeefu);
    }

    // A changed byte in the root object header: refused by HDF5's checksum, read once fixed.
    void aMutantWithFixedChecksumsReachesTheParser() {
        std::vector<std::uint8_t> b = bytesOf(sound);
        const char creator[] = "HallTwin";
        auto at = std::search(b.begin(), b.end(), creator, creator + 8);
        QVERIFY(at != b.end());
        at[7] = 'm';
        const fs::path mutant = fs::path(dir.path().toStdString()) / "mutant.h5";
        writeBytes(mutant, b);
        QVERIFY(!loadTwinChecked(mutant).diagnostics.ok());
        halltwin::fuzz::fixHdf5Checksums(b.data(), b.size());
        writeBytes(mutant, b);
        const TwinLoad l = loadTwinChecked(mutant);
        QVERIFY2(l.diagnostics.ok(), l.diagnostics.errorText().c_str());
    }

    // Saved files open for writing too (h5py "r+", h5clear): their superblock checksum is right.
    void savedFilesOpenForWriting() {
        h5::silenceErrorStack();
        h5::Handle f(H5Fopen(sound.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        QVERIFY(f.valid());
    }

    // A file the child reads with errors is not read again here: its messages come back from the child.
    void errorsFoundByTheChildAreReportedAsItFoundThem() {
        const TwinLoad l = loadTwinChecked(halltwin::test::data() / "bad" / "nan-power.h5");
        QVERIFY(!l.diagnostics.ok());
        QVERIFY2(l.diagnostics.errorText().find("rack 'rack-1', field 'power_cap_w': is NaN") !=
                     std::string::npos,
                 l.diagnostics.errorText().c_str());
    }

    void aSoundFilePassesTheCheck() {
        QCOMPARE(crashCheck(sound), std::string());
        QVERIFY(loadTwinChecked(sound).diagnostics.ok());
    }

    void everyKeptFuzzInputIsANamedError() {
        int files = 0;
        for (const auto& e : fs::directory_iterator(halltwin::test::data() / "fuzz")) {
            if (e.path().extension() == ".md") continue;
            // The kept inputs have no extension: give each the one its content calls for.
            const std::vector<std::uint8_t> b = bytesOf(e.path());
            const bool hdf5 = b.size() >= 4 && std::memcmp(b.data(), "\x89HDF", 4) == 0;
            const fs::path copy = fs::path(dir.path().toStdString()) /
                                  (e.path().filename().string() + (hdf5 ? ".h5" : ".json"));
            writeBytes(copy, b);
            const TwinLoad l = loadTwinChecked(copy); // returning at all is the first half of the check
            if (!l.diagnostics.ok())
                QVERIFY2(!l.diagnostics.errorText().empty(), e.path().filename().c_str());
            ++files;
        }
        qInfo("%d kept fuzz inputs opened without a crash", files);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestCheckedLoad)
#include "tst_checked_load.moc"
