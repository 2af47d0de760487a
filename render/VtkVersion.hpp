// The VTK the renderer was built against (shown in About and checked by the link test).
#pragma once

#include <string>

namespace halltwin::render {

std::string vtkVersion();

} // namespace halltwin::render
