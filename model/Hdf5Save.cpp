#include "Hdf5Save.hpp"

#include "AtomicFile.hpp"
#include "Hdf5.hpp"
#include "Hdf5Checksum.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cstdint>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace halltwin::model {

namespace {

using h5::Handle;

// The whole file as bytes, built by HDF5's in-memory (core) driver: HDF5 never writes to the disk, so a
// full disk or a failed close cannot leave a half-written target or a file HDF5 would close twice.
std::vector<char> fileImage(const std::function<void(long long)>& write) {
    static std::atomic<int> serial{0};
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS));
    // 1.8 object headers: smaller files, still readable by any HDF5 from 1.8 on.
    H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST);
    if (H5Pset_fapl_core(fapl.get(), 1 << 20, false) < 0) throw SaveError("cannot set up an in-memory file");
    const std::string name = fmt::format("halltwin-memory-{}-{}.h5", ::getpid(), serial++);
    Handle f(H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()));
    if (!f.valid()) throw SaveError("cannot create the file in memory");
    write(f.get());
    if (H5Fflush(f.get(), H5F_SCOPE_GLOBAL) < 0) throw SaveError("cannot complete the file in memory");
    const ssize_t size = H5Fget_file_image(f.get(), nullptr, 0);
    if (size <= 0) throw SaveError("cannot take the file's image");
    std::vector<char> image(static_cast<size_t>(size));
    if (H5Fget_file_image(f.get(), image.data(), image.size()) != size)
        throw SaveError("cannot take the file's image");
    // The image's superblock flags are cleared without their checksum (HDF5 1.10.8): fix it, or the file
    // would open read-only only.
    if (!h5::fixSuperblockChecksum(reinterpret_cast<std::uint8_t*>(image.data()), image.size()))
        throw SaveError("the file's image has no superblock");
    return image;
}

} // namespace

void saveHdf5Atomically(const std::filesystem::path& path, const std::function<void(long long fileId)>& write,
                        const std::function<void(const std::filesystem::path&)>& beforeCommit) {
    h5::silenceErrorStack();
    std::vector<char> image;
    try {
        image = fileImage(write);
    } catch (const std::exception& e) {
        throw SaveError(
            fmt::format("saving '{}' failed: {}; the previous file is unchanged", path.string(), e.what()));
    }
    writeFileAtomically(path, std::string_view(image.data(), image.size()), beforeCommit);
}

} // namespace halltwin::model
