// Actors for air-field overlays: coloured slice planes through a cell field and velocity arrows.
// Private to render/ (uses VTK).
#pragma once

#include "render/RenderTypes.hpp"

#include <vtkSmartPointer.h>

class vtkActor;
class vtkScalarsToColors;

namespace halltwin::render {

// Inferno (matplotlib): perceptually uniform, dark to bright, distinct from the racks' viridis.
Rgb inferno(double t);

// A plane of cells at height zM (horizontal) or at y = yM (vertical, x–z), coloured by `lut`.
vtkSmartPointer<vtkActor> horizontalSlice(const ScalarField& f, double zM, vtkScalarsToColors* lut);
vtkSmartPointer<vtkActor> verticalSlice(const ScalarField& f, double yM, vtkScalarsToColors* lut);
// Arrows of the in-plane velocity on every `stride`-th cell of the horizontal slice at zM.
vtkSmartPointer<vtkActor> velocityArrows(const ScalarField& grid, const VectorField& v, double zM,
                                         int stride);

} // namespace halltwin::render
