// libFuzzer target for the twin loader, HDF5 and JSON: any input must give a twin or a named error, never
// a crash, a hang or an exhausted memory. Inputs that start with HDF5's signature are loaded as .h5
// files, the rest as JSON twins (against the bundled catalogue). The mutator recomputes the HDF5
// metadata checksums of half the mutants, so they reach the parsers behind the checksum test.
#include "Hdf5Checksums.hpp"

#include "model/CatalogIo.hpp"
#include "model/TwinFile.hpp"
#include "model/TwinJson.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <hdf5.h>
#include <string>
#include <unistd.h>

namespace {

namespace m = halltwin::model;

bool isHdf5(const std::uint8_t* d, size_t n) {
    return n >= 8 && std::memcmp(d, "\x89HDF\r\n\x1a\n", 8) == 0;
}

const m::Catalog& catalog() {
    static const m::Catalog c = [] {
        m::Diagnostics d;
        return m::loadCatalogDir(m::assetDir() / "catalog", d);
    }();
    return c;
}

std::string scratch(const char* extension) {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir ? dir : "/tmp") + "/halltwin-fuzz-" + std::to_string(::getpid()) + extension;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
    const bool hdf5 = isHdf5(data, size);
    static const std::string h5Path = scratch(".h5"), jsonPath = scratch(".json");
    const std::string& path = hdf5 ? h5Path : jsonPath;
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), long(size));
    const m::TwinLoad l = hdf5 ? m::loadTwinFile(path) : m::loadTwinJson(path, catalog());
    if (!l.diagnostics.ok() && l.diagnostics.errorText().empty()) __builtin_trap(); // an error without words
    // Every HDF5 identifier the loader opened must be closed again, or the next input on the same path
    // would meet the stale open file (a crash that no single input reproduces).
    if (const ssize_t open = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); open != 0) {
        std::fprintf(stderr, "fuzz: %zd HDF5 identifier(s) left open after the load\n", open);
        __builtin_trap();
    }
    return 0;
}

extern "C" size_t LLVMFuzzerMutate(std::uint8_t* data, size_t size, size_t maxSize);

extern "C" size_t LLVMFuzzerCustomMutator(std::uint8_t* data, size_t size, size_t maxSize,
                                          unsigned int seed) {
    size = LLVMFuzzerMutate(data, size, maxSize);
    if (seed % 2 == 0 && isHdf5(data, size)) halltwin::fuzz::fixHdf5Checksums(data, size);
    return size;
}
