#include "render/SceneParts.hpp"

#include "render/Colormap.hpp"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkPlaneSource.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace halltwin::render {
namespace {

void setColour(vtkActor* a, Rgb c) {
    a->GetProperty()->SetColor(c[0] / 255.0, c[1] / 255.0, c[2] / 255.0);
}

vtkSmartPointer<vtkActor> actorOf(vtkPolyData* data, Rgb colour) {
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputData(data);
    mapper->ScalarVisibilityOff();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    setColour(actor, colour);
    return actor;
}

vtkSmartPointer<vtkPolyData> lines(const std::vector<std::array<double, 6>>& segments) {
    auto pts = vtkSmartPointer<vtkPoints>::New();
    auto cells = vtkSmartPointer<vtkCellArray>::New();
    for (const auto& s : segments) {
        const vtkIdType a = pts->InsertNextPoint(s[0], s[1], s[2]),
                        b = pts->InsertNextPoint(s[3], s[4], s[5]);
        const vtkIdType ids[2] = {a, b};
        cells->InsertNextCell(2, ids);
    }
    auto data = vtkSmartPointer<vtkPolyData>::New();
    data->SetPoints(pts);
    data->SetLines(cells);
    return data;
}

struct Dir {
    double x, y;
};
// Front (air intake) faces -y at yaw 0 and yaw turns counter-clockwise, as in the layout rules.
Dir frontOf(double yawDeg) {
    const double a = yawDeg * std::numbers::pi / 180;
    return {std::sin(a), -std::cos(a)};
}

} // namespace

vtkSmartPointer<vtkActor> floorActor(const model::Hall& hall) {
    vtkNew<vtkPlaneSource> plane;
    const double z = hall.raisedFloorM;
    plane->SetOrigin(0, 0, z);
    plane->SetPoint1(hall.lengthM, 0, z);
    plane->SetPoint2(0, hall.widthM, z);
    plane->Update();
    auto a = actorOf(plane->GetOutput(), palette::floor);
    a->GetProperty()->SetAmbient(0.4);
    return a;
}

vtkSmartPointer<vtkActor> tileGridActor(const model::Hall& hall) {
    std::vector<std::array<double, 6>> segs;
    // Lifted a few millimetres so the lines do not fight the floor for depth.
    const double z = hall.raisedFloorM + 0.004, t = std::max(hall.tileM, 0.1);
    for (double x = t; x < hall.lengthM - 1e-6; x += t)
        segs.push_back({x, 0, z, x, hall.widthM, z});
    for (double y = t; y < hall.widthM - 1e-6; y += t)
        segs.push_back({0, y, z, hall.lengthM, y, z});
    auto a = actorOf(lines(segs), palette::tileLine);
    a->GetProperty()->LightingOff();
    return a;
}

vtkSmartPointer<vtkActor> wallsActor(const model::Hall& hall) {
    auto pts = vtkSmartPointer<vtkPoints>::New();
    const double L = hall.lengthM, W = hall.widthM, H = hall.heightM;
    for (auto p :
         std::vector<std::array<double, 3>>{{0, 0, 0}, {0, W, 0}, {0, W, H}, {0, 0, H}, {L, W, 0}, {L, W, H}})
        pts->InsertNextPoint(p.data());
    auto quads = vtkSmartPointer<vtkCellArray>::New();
    const vtkIdType left[4] = {0, 1, 2, 3}, back[4] = {1, 4, 5, 2};
    quads->InsertNextCell(4, left);
    quads->InsertNextCell(4, back);
    auto data = vtkSmartPointer<vtkPolyData>::New();
    data->SetPoints(pts);
    data->SetPolys(quads);
    auto a = actorOf(data, palette::wall);
    // The near walls are cut away and the far ones see-through, so the floor stays visible from any preset.
    a->GetProperty()->SetOpacity(0.18);
    return a;
}

vtkSmartPointer<vtkActor> outlineActor(const model::Hall& hall) {
    const double L = hall.lengthM, W = hall.widthM, H = hall.heightM, z = hall.raisedFloorM + 0.005;
    auto a = actorOf(lines({{0, 0, z, L, 0, z},
                            {L, 0, z, L, W, z},
                            {L, W, z, 0, W, z},
                            {0, W, z, 0, 0, z},
                            {0, 0, 0, 0, 0, H},
                            {0, W, 0, 0, W, H},
                            {L, W, 0, L, W, H},
                            {0, 0, H, 0, W, H},
                            {0, W, H, L, W, H}}),
                     Rgb{110, 112, 118});
    a->GetProperty()->SetLineWidth(2);
    a->GetProperty()->LightingOff();
    return a;
}

Box rackBox(const model::Solid& s, double floorZ, Rgb colour) {
    // A few centimetres narrower than the footprint, so neighbours in a row read as separate cabinets.
    const double gap = std::min(0.04, s.widthM * 0.1);
    return {s.xM, s.yM, floorZ + s.heightM / 2, s.widthM - gap, s.depthM, s.heightM, s.yawDeg, colour};
}

Box equipmentBox(const model::Solid& s, double floorZ, Rgb colour) {
    return {s.xM, s.yM, floorZ + s.heightM / 2, s.widthM, s.depthM, s.heightM, s.yawDeg, colour};
}

Box frontMarkerBox(const model::Solid& s, double floorZ) {
    const Dir f = frontOf(s.yawDeg);
    const double proud = 0.05, h = s.heightM * 0.9;
    const double out = s.depthM / 2 + proud / 2;
    return {s.xM + f.x * out, s.yM + f.y * out,   floorZ + 0.05 + h / 2, s.widthM * 0.86, proud, h,
            s.yawDeg,         palette::frontStrip};
}

Box rearDoorBox(const model::Solid& s, double floorZ, double depthM) {
    const Dir f = frontOf(s.yawDeg);
    const double back = -(s.depthM / 2 + depthM / 2), h = s.heightM * 0.97;
    return {s.xM + f.x * back, s.yM + f.y * back, floorZ + h / 2, s.widthM * 0.94, depthM, h,
            s.yawDeg,          palette::rearDoor};
}

std::optional<Box> buswayBox(const model::Busway& b, const std::vector<model::Solid>& rowRacks) {
    if (rowRacks.empty()) return std::nullopt;
    model::Rect r{INFINITY, INFINITY, -INFINITY, -INFINITY};
    double top = 0;
    for (const model::Solid& s : rowRacks) {
        const model::Rect f = model::footprint(s);
        r = {std::min(r.x0, f.x0), std::min(r.y0, f.y0), std::max(r.x1, f.x1), std::max(r.y1, f.y1)};
        top = std::max(top, s.heightM);
    }
    // Hung above the row and never through a cabinet, so a low height in the file still shows.
    const double z = std::max(b.heightM, top + 0.3);
    const bool alongX = r.x1 - r.x0 >= r.y1 - r.y0;
    const double len = alongX ? r.x1 - r.x0 : r.y1 - r.y0;
    return Box{(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2, z, len, 0.2, 0.12, alongX ? 0.0 : 90.0, palette::busway};
}

void pipeLines(const model::Twin& twin, const std::vector<model::Solid>& rackSolids, double floorZ,
               vtkPolyData* out, std::vector<size_t>* rackOfLine) {
    if (rackOfLine) rackOfLine->clear();
    std::map<std::string, const model::Cdu*> cdus;
    for (const model::Cdu& c : twin.cooling.cdus)
        cdus[c.id] = &c;
    auto pts = vtkSmartPointer<vtkPoints>::New();
    auto cells = vtkSmartPointer<vtkCellArray>::New();
    const double z = floorZ + 0.2;
    for (size_t i = 0; i < twin.racks.size() && i < rackSolids.size(); ++i) {
        auto it = cdus.find(twin.racks[i].cdu);
        if (it == cdus.end()) continue;
        const model::Solid& s = rackSolids[i];
        const Dir f = frontOf(s.yawDeg);
        // Manifolds are at the rear: the pipe runs out of the CDU, along the hot aisle, into the rear.
        const double rx = s.xM - f.x * (s.depthM / 2 + 0.15), ry = s.yM - f.y * (s.depthM / 2 + 0.15);
        const double cx = it->second->xM, cy = it->second->yM;
        std::vector<vtkIdType> ids;
        for (auto [x, y] : {std::pair{cx, cy}, {cx, ry}, {rx, ry}}) {
            double last[3] = {NAN, NAN, NAN};
            if (!ids.empty()) pts->GetPoint(ids.back(), last);
            // Coincident points would leave the tube filter without a direction.
            if (std::hypot(x - last[0], y - last[1]) > 1e-3 || ids.empty())
                ids.push_back(pts->InsertNextPoint(x, y, z));
        }
        if (ids.size() < 2) continue;
        cells->InsertNextCell(vtkIdType(ids.size()), ids.data());
        if (rackOfLine) rackOfLine->push_back(i);
    }
    out->Initialize();
    out->SetPoints(pts);
    out->SetLines(cells);
}

Bounds hallBounds(const model::Hall& hall) {
    return {0, hall.lengthM, 0, hall.widthM, 0, hall.heightM};
}

} // namespace halltwin::render
