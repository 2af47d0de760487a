// Recomputes the checksums of an HDF5 file's metadata after a mutation, so that fuzzed files get past
// the checksum test into the parsers behind it. Covers what HallTwin writes (1.8-format files): the
// version 2/3 superblock and version 2 object headers ("OHDR"), the structures whose checksums guard
// nearly all of a twin file (model/Hdf5Checksum.hpp computes them).
#pragma once

#include <cstddef>
#include <cstdint>

namespace halltwin::fuzz {

// Rewrites every checksum it can find in place; returns how many.
int fixHdf5Checksums(std::uint8_t* data, size_t size);

} // namespace halltwin::fuzz
