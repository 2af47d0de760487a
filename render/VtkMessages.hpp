// Where VTK's warnings and errors go: by default its own stderr output; tests route them to a failure.
#pragma once

#include <functional>
#include <string>

namespace halltwin::render {

// Installs a process-wide handler for VTK warnings and errors; an empty function restores VTK's own.
void routeVtkMessages(std::function<void(const std::string& message)> handler);

} // namespace halltwin::render
