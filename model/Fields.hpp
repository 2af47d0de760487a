// Field descriptors: one table per record type drives JSON and HDF5 input/output, validation and
// field-by-field comparison, so every field has exactly one name, one unit and one valid range.
#pragma once

#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace halltwin::model {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

template <class T>
using MemberPtr = std::variant<double T::*, int T::*, std::string T::*, bool T::*, std::vector<double> T::*>;

template <class T> struct Field {
    std::string_view name;  // lower_snake key in JSON and HDF5
    std::string_view units; // UDUNITS string; empty for text
    MemberPtr<T> member;
    double min = -kInf; // inclusive bounds for numbers and list elements
    double max = kInf;
    bool optional = false; // may be absent (keeps its default) and, for text, empty
};

// Each record type provides its table, the HDF5 group or class name, and a label for messages.
template <class T> struct Schema;

template <class T> std::span<const Field<T>> fieldsOf() {
    return Schema<T>::fields();
}

// Field-by-field equality (NaN-aware) used by round-trip tests and the editor's no-op detection.
template <class T> bool sameFields(const T& a, const T& b) {
    for (const Field<T>& f : fieldsOf<T>()) {
        bool same = std::visit(
            [&](auto ptr) {
                using V = std::decay_t<decltype(a.*ptr)>;
                if constexpr (std::is_same_v<V, double>)
                    return a.*ptr == b.*ptr || (a.*ptr != a.*ptr && b.*ptr != b.*ptr);
                else
                    return a.*ptr == b.*ptr;
            },
            f.member);
        if (!same) return false;
    }
    return true;
}

template <class T> bool sameRecords(const std::vector<T>& a, const std::vector<T>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!sameFields(a[i], b[i])) return false;
    return true;
}

// Name of the first differing field, for test diagnostics; empty when equal.
template <class T> std::string firstDifference(const T& a, const T& b) {
    for (const Field<T>& f : fieldsOf<T>()) {
        bool same = std::visit([&](auto ptr) { return a.*ptr == b.*ptr; }, f.member);
        if (!same) return std::string(f.name);
    }
    return {};
}

} // namespace halltwin::model
