#include "Diagnostics.hpp"

namespace halltwin::model {

std::string Problem::toString() const {
    if (object.empty()) return message; // the message names where itself (e.g. a damaged file's group)
    std::string s = object;
    if (!field.empty()) s += ", field '" + field + "'";
    return s + ": " + message;
}

void Diagnostics::error(std::string object, std::string field, std::string message) {
    errors_.push_back({std::move(object), std::move(field), std::move(message)});
}

void Diagnostics::warning(std::string object, std::string field, std::string message) {
    warnings_.push_back({std::move(object), std::move(field), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
    errors_.insert(errors_.end(), other.errors_.begin(), other.errors_.end());
    warnings_.insert(warnings_.end(), other.warnings_.begin(), other.warnings_.end());
}

std::string Diagnostics::errorText(size_t maxLines) const {
    std::string s;
    for (size_t i = 0; i < errors_.size() && i < maxLines; ++i)
        s += errors_[i].toString() + "\n";
    if (errors_.size() > maxLines) s += "and " + std::to_string(errors_.size() - maxLines) + " more errors\n";
    return s;
}

} // namespace halltwin::model
