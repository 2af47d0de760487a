// Saves that never lose work. The new content goes to a temporary file in the target's own folder, is
// flushed to the disk (fsync), takes the target's permissions and replaces it with one rename, after
// which the folder is synced too: a kill, a crash or a full disk at any moment leaves the old file or the
// new one, complete, never a mix. A symlink is followed (the link stays a link; the file it points to
// gets the new content). Temporary files left by killed saves in that folder are removed first.
#pragma once

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string_view>

namespace halltwin::model {

struct SaveError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// `write` fills the temporary file at the path it is given and throws when it cannot. Throws SaveError
// (naming the target and the cause) when anything fails; the target is then as it was.
void writeAtomically(const std::filesystem::path& target,
                     const std::function<void(const std::filesystem::path& temporary)>& write);

// The same for bytes already in memory; every write(2) is checked (a full disk is an error, not a cut
// file). `beforeCommit` (tests) runs once the temporary file is complete, before it replaces the target.
void writeFileAtomically(const std::filesystem::path& target, std::string_view bytes,
                         const std::function<void(const std::filesystem::path&)>& beforeCommit = {});

// The temporary file a save of `target` by this process uses, e.g. for tests that kill a save.
std::filesystem::path temporaryFor(const std::filesystem::path& target);

} // namespace halltwin::model
