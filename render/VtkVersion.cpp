#include "VtkVersion.hpp"

#include <vtkVersion.h>

namespace halltwin::render {

std::string vtkVersion() {
    return vtkVersion::GetVTKVersion();
}

} // namespace halltwin::render
