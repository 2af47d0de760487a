// Loads the bundled reference twins once per test process.
#pragma once

#include "support/TestPaths.hpp"

#include "model/CatalogIo.hpp"
#include "model/TwinJson.hpp"

#include <map>
#include <stdexcept>

namespace halltwin::test {

inline const model::Twin& referenceTwin(const std::string& name) {
    static std::map<std::string, model::Twin> cache;
    auto it = cache.find(name);
    if (it != cache.end()) return it->second;
    model::Diagnostics d;
    static const model::Catalog catalog = model::loadCatalogDir(assets() / "catalog", d);
    model::TwinLoad l = model::loadTwinJson(referenceJson(name.c_str()), catalog);
    if (!l.diagnostics.ok()) throw std::runtime_error(l.diagnostics.errorText());
    return cache.emplace(name, std::move(l.twin)).first->second;
}

} // namespace halltwin::test
