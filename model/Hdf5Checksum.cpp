#include "model/Hdf5Checksum.hpp"

namespace halltwin::model::h5 {
namespace {

std::uint32_t rot(std::uint32_t x, int k) {
    return (x << k) | (x >> (32 - k));
}

void mix(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c) {
    a -= c, a ^= rot(c, 4), c += b;
    b -= a, b ^= rot(a, 6), a += c;
    c -= b, c ^= rot(b, 8), b += a;
    a -= c, a ^= rot(c, 16), c += b;
    b -= a, b ^= rot(a, 19), a += c;
    c -= b, c ^= rot(b, 4), b += a;
}

void finalMix(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c) {
    c ^= b, c -= rot(b, 14);
    a ^= c, a -= rot(c, 11);
    b ^= a, b -= rot(a, 25);
    c ^= b, c -= rot(b, 16);
    a ^= c, a -= rot(c, 4);
    b ^= a, b -= rot(a, 14);
    c ^= b, c -= rot(b, 24);
}

void writeLe32(std::uint8_t* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        p[i] = std::uint8_t(v >> (8 * i));
}

} // namespace

// hashlittle, byte by byte (lookup3's portable branch), which is what HDF5 uses on any platform.
std::uint32_t lookup3(const std::uint8_t* k, size_t length, std::uint32_t seed) {
    std::uint32_t a, b, c;
    a = b = c = 0xdeadbeef + std::uint32_t(length) + seed;
    while (length > 12) {
        a += k[0] + (std::uint32_t(k[1]) << 8) + (std::uint32_t(k[2]) << 16) + (std::uint32_t(k[3]) << 24);
        b += k[4] + (std::uint32_t(k[5]) << 8) + (std::uint32_t(k[6]) << 16) + (std::uint32_t(k[7]) << 24);
        c += k[8] + (std::uint32_t(k[9]) << 8) + (std::uint32_t(k[10]) << 16) + (std::uint32_t(k[11]) << 24);
        mix(a, b, c);
        length -= 12, k += 12;
    }
    switch (length) { // the last 11 bytes or fewer; each case falls through to the next
    case 12:
        c += std::uint32_t(k[11]) << 24;
        [[fallthrough]];
    case 11:
        c += std::uint32_t(k[10]) << 16;
        [[fallthrough]];
    case 10:
        c += std::uint32_t(k[9]) << 8;
        [[fallthrough]];
    case 9:
        c += k[8];
        [[fallthrough]];
    case 8:
        b += std::uint32_t(k[7]) << 24;
        [[fallthrough]];
    case 7:
        b += std::uint32_t(k[6]) << 16;
        [[fallthrough]];
    case 6:
        b += std::uint32_t(k[5]) << 8;
        [[fallthrough]];
    case 5:
        b += k[4];
        [[fallthrough]];
    case 4:
        a += std::uint32_t(k[3]) << 24;
        [[fallthrough]];
    case 3:
        a += std::uint32_t(k[2]) << 16;
        [[fallthrough]];
    case 2:
        a += std::uint32_t(k[1]) << 8;
        [[fallthrough]];
    case 1:
        a += k[0];
        break;
    case 0:
        return c;
    }
    finalMix(a, b, c);
    return c;
}

// Signature, version, offset and length sizes, flags, four addresses, then the checksum of all that.
bool fixSuperblockChecksum(std::uint8_t* d, size_t size, size_t at) {
    if (at + 12 > size || (d[at + 8] != 2 && d[at + 8] != 3)) return false;
    const size_t offsets = d[at + 9];
    if (offsets != 2 && offsets != 4 && offsets != 8) return false;
    const size_t length = 12 + 4 * offsets;
    if (at + length + 4 > size) return false;
    writeLe32(d + at + length, lookup3(d + at, length));
    return true;
}

} // namespace halltwin::model::h5
