// Numbers typed by people or read from their files, the same in every locale (a Qt application runs under
// the user's locale, where strtod may stop at a '.').
#pragma once

#include <charconv>
#include <cmath>
#include <string_view>

namespace halltwin::model {

// The whole text is one finite number (e.g. "1.15", "-3e2"); false otherwise.
inline bool parseNumber(std::string_view text, double& out) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1); // from_chars takes no sign but '-'
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size() && std::isfinite(out);
}

} // namespace halltwin::model
