// The field tables of every record type as Markdown: the reference part of docs/file-format.md,
// printed by `halltwin schema` and checked against the document by a test.
#pragma once

#include <string>

namespace halltwin::model {

std::string schemaTables();

} // namespace halltwin::model
