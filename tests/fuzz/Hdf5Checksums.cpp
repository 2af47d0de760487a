#include "Hdf5Checksums.hpp"

#include "model/Hdf5Checksum.hpp"

#include <cstring>

namespace halltwin::fuzz {
namespace model = halltwin::model;
namespace {

std::uint64_t readLe(const std::uint8_t* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

void writeLe32(std::uint8_t* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        p[i] = std::uint8_t(v >> (8 * i));
}

// Version 2 object header: "OHDR", version 2, flags, optional times (16 bytes) and attribute phase change
// values (4 bytes), the size of chunk 0 in 1/2/4/8 bytes (flags bits 0-1), the chunk, then the checksum.
int fixObjectHeader(std::uint8_t* d, size_t size, size_t at) {
    size_t p = at + 4;
    if (p + 2 > size || d[p] != 2) return 0;
    const std::uint8_t flags = d[p + 1];
    p += 2;
    if (flags & 0x20) p += 16;
    if (flags & 0x10) p += 4;
    const int width = 1 << (flags & 0x3);
    if (p + size_t(width) > size) return 0;
    const std::uint64_t chunk = readLe(d + p, width);
    p += size_t(width);
    if (chunk > size || p + chunk + 4 > size) return 0;
    const size_t length = p + size_t(chunk) - at;
    writeLe32(d + at + length, model::h5::lookup3(d + at, length));
    return 1;
}

} // namespace

int fixHdf5Checksums(std::uint8_t* d, size_t size) {
    static const std::uint8_t signature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    int fixed = 0;
    for (size_t at = 0; at + 8 <= size; ++at) {
        if (std::memcmp(d + at, signature, 8) == 0)
            fixed += model::h5::fixSuperblockChecksum(d, size, at);
        else if (std::memcmp(d + at, "OHDR", 4) == 0)
            fixed += fixObjectHeader(d, size, at);
    }
    return fixed;
}

} // namespace halltwin::fuzz
