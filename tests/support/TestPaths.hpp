// Where tests find the bundled assets and their own data.
#pragma once

#include <filesystem>

namespace halltwin::test {

inline std::filesystem::path assets() {
    return HALLTWIN_TEST_ASSET_DIR;
}
inline std::filesystem::path data() {
    return HALLTWIN_TEST_DATA_DIR;
}
inline std::filesystem::path referenceJson(const char* name) {
    return assets() / "twins" / (std::string(name) + ".json");
}

} // namespace halltwin::test
