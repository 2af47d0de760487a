// HDF5 metadata checksums: Bob Jenkins' lookup3 `hashlittle` with seed 0, as HDF5's
// H5_checksum_metadata computes it (lookup3.c, public domain, 2006; HDF5's H5checksum.c), and the
// checksum of a version 2/3 superblock. HDF5 1.10.8's H5Fget_file_image clears the superblock's
// file-consistency flags in the image it returns without recomputing that checksum, so such an image
// opens read-only but not for writing (h5py "r+", h5clear): the saver fixes it with these.
#pragma once

#include <cstddef>
#include <cstdint>

namespace halltwin::model::h5 {

std::uint32_t lookup3(const std::uint8_t* data, size_t length, std::uint32_t seed = 0);

// Recomputes the checksum of the version 2 or 3 superblock starting at `at`; false when there is none.
bool fixSuperblockChecksum(std::uint8_t* data, size_t size, size_t at = 0);

} // namespace halltwin::model::h5
