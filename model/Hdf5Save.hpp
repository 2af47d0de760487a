// Saving an HDF5 file that never loses the old one: the file is built in memory by HDF5's core driver
// and written with writeFileAtomically (model/AtomicFile.hpp). Used by twins and study results alike.
#pragma once

#include <filesystem>
#include <functional>

namespace halltwin::model {

// `write` fills the open in-memory file (its hid_t as long long). Throws SaveError naming `path` when
// anything fails; the target is then as it was.
void saveHdf5Atomically(const std::filesystem::path& path, const std::function<void(long long fileId)>& write,
                        const std::function<void(const std::filesystem::path&)>& beforeCommit = {});

} // namespace halltwin::model
