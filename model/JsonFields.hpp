// Reading and writing records through their field tables with nlohmann::json.
// Included by .cpp files only, to keep the JSON header out of widely included headers.
#pragma once

#include "Diagnostics.hpp"
#include "Fields.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fmt/format.h>

namespace halltwin::model {

using Json = nlohmann::ordered_json;

// JSON has no NaN; a null where a number belongs reads as NaN so validation names it.
inline bool readJsonNumber(const Json& v, double& out) {
    if (v.is_number()) {
        out = v.get<double>();
        return true;
    }
    if (v.is_null()) {
        out = std::nan("");
        return true;
    }
    return false;
}

template <class V>
void readJsonValue(const Json& v, V& out, std::string_view field, const std::string& object, Diagnostics& d) {
    auto wrongType = [&](const char* expected) {
        d.error(object, std::string(field), fmt::format("expected {}, found {}", expected, v.type_name()));
    };
    if constexpr (std::is_same_v<V, double>) {
        if (!readJsonNumber(v, out)) wrongType("a number");
    } else if constexpr (std::is_same_v<V, int>) {
        double x = 0;
        if (!readJsonNumber(v, x) || std::isnan(x) || x != std::floor(x) || std::abs(x) > 2e9)
            wrongType("an integer");
        else
            out = int(x);
    } else if constexpr (std::is_same_v<V, bool>) {
        if (v.is_boolean())
            out = v.get<bool>();
        else
            wrongType("true or false");
    } else if constexpr (std::is_same_v<V, std::string>) {
        if (v.is_string())
            out = v.get<std::string>();
        else
            wrongType("a string");
    } else {
        out.clear();
        if (!v.is_array()) return wrongType("an array of numbers");
        for (const Json& e : v) {
            double x = 0;
            if (!readJsonNumber(e, x)) return wrongType("an array of numbers");
            out.push_back(x);
        }
    }
}

// Reads the fields of T present in j; unknown keys are reported as warnings unless listed in extraKeys.
template <class T>
void readJsonFields(const Json& j, T& obj, const std::string& object, Diagnostics& d,
                    std::initializer_list<std::string_view> extraKeys = {}) {
    if (!j.is_object())
        return d.error(object, "", fmt::format("expected a JSON object, found {}", j.type_name()));
    for (const Field<T>& f : fieldsOf<T>()) {
        auto it = j.find(std::string(f.name));
        if (it == j.end()) {
            if (!f.optional) d.error(object, std::string(f.name), "is missing");
            continue;
        }
        std::visit([&](auto ptr) { readJsonValue(*it, obj.*ptr, f.name, object, d); }, f.member);
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = std::ranges::find(extraKeys, std::string_view(it.key())) != extraKeys.end();
        for (const Field<T>& f : fieldsOf<T>())
            known = known || f.name == it.key();
        if (!known) d.warning(object, it.key(), "unknown field ignored");
    }
}

template <class T> Json writeJsonFields(const T& obj) {
    Json j = Json::object();
    for (const Field<T>& f : fieldsOf<T>()) {
        std::visit(
            [&](auto ptr) {
                const auto& v = obj.*ptr;
                if constexpr (std::is_same_v<std::decay_t<decltype(v)>, double>)
                    j[std::string(f.name)] = std::isnan(v) ? Json(nullptr) : Json(v);
                else
                    j[std::string(f.name)] = v;
            },
            f.member);
    }
    return j;
}

// "rack 'row-a-01'" when the id is known, else "rack #3".
template <class T> std::string objectName(const Json& j, size_t index) {
    if (j.is_object() && j.contains("id") && j["id"].is_string())
        return fmt::format("{} '{}'", Schema<T>::label, j["id"].get<std::string>());
    return fmt::format("{} #{}", Schema<T>::label, index + 1);
}

} // namespace halltwin::model
