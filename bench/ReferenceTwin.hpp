// The reference twins under assets/, as the air benchmarks load them.
#pragma once

#include "model/CatalogIo.hpp"
#include "model/TwinJson.hpp"

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

namespace halltwin::bench {

// assets/twins/<name>.json against assets/catalog; prints the errors and returns nothing when it fails.
inline std::optional<model::Twin> loadReferenceTwin(const std::filesystem::path& assets,
                                                    const std::string& name) {
    model::Diagnostics d;
    const model::Catalog catalog = model::loadCatalogDir(assets / "catalog", d);
    model::TwinLoad l = model::loadTwinJson(assets / "twins" / (name + ".json"), catalog);
    if (!l.diagnostics.ok()) {
        std::fprintf(stderr, "%s\n", l.diagnostics.errorText().c_str());
        return std::nullopt;
    }
    return std::move(l.twin);
}

} // namespace halltwin::bench
