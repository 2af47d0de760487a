// Private to render/: the static parts of a hall scene (floor, tile grid, walls, pipes, busways) and
// the camera presets, as free functions over VTK objects.
#pragma once

#include "model/LayoutWorld.hpp"
#include "model/Twin.hpp"
#include "render/BoxSet.hpp"
#include "render/RenderTypes.hpp"

#include <vtkSmartPointer.h>

#include <array>
#include <vector>

class vtkActor;
class vtkPolyData;
class vtkRenderer;

namespace halltwin::render {

using Bounds = std::array<double, 6>;

vtkSmartPointer<vtkActor> floorActor(const model::Hall& hall);
vtkSmartPointer<vtkActor> tileGridActor(const model::Hall& hall);
vtkSmartPointer<vtkActor> wallsActor(const model::Hall& hall); // the two far walls, see-through
vtkSmartPointer<vtkActor> outlineActor(const model::Hall& hall);

// A rack's box and its front marker (a dark door panel standing proud of the intake face).
Box rackBox(const model::Solid& s, double floorZ, Rgb colour);
Box frontMarkerBox(const model::Solid& s, double floorZ);
// A rear-door heat exchanger: a panel depthM deep on the rack's rear face, water blue.
Box rearDoorBox(const model::Solid& s, double floorZ, double depthM);
Box equipmentBox(const model::Solid& s, double floorZ, Rgb colour);

// One busway bar over the racks of its row; none when the row has no racks.
std::optional<Box> buswayBox(const model::Busway& b, const std::vector<model::Solid>& rowRacks);

// Coolant pipe centre-lines from each CDU to the rear of each of its racks, low over the floor.
void pipeLines(const model::Twin& twin, const std::vector<model::Solid>& rackSolids, double floorZ,
               vtkPolyData* out, std::vector<size_t>* rackOfLine = nullptr);

Bounds hallBounds(const model::Hall& hall);
// `legend`: leave the right of the view to the colour legend.
void applyView(vtkRenderer* r, View view, const model::Twin& twin, bool legend);
void fitBounds(vtkRenderer* r, const Bounds& b, bool legend);

} // namespace halltwin::render
