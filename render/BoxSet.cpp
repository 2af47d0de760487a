#include "render/BoxSet.hpp"

#include <vtkMath.h>
#include <vtkPointData.h>

#include <algorithm>
#include <cmath>
#include <vtkProperty.h>

namespace halltwin::render {

BoxSet::BoxSet() {
    scale_->SetName("size");
    scale_->SetNumberOfComponents(3);
    orient_->SetName("orient");
    orient_->SetNumberOfComponents(3);
    colours_->SetName("rgb");
    colours_->SetNumberOfComponents(3);
    data_->SetPoints(points_);
    data_->GetPointData()->AddArray(scale_);
    data_->GetPointData()->AddArray(orient_);
    data_->GetPointData()->AddArray(colours_);
    mapper_->SetInputData(data_);
    mapper_->SetSourceConnection(cube_->GetOutputPort());
    // The unit cube is scaled per instance in its own frame (width along x, depth along y), then
    // turned by the yaw, so a rack's footprint follows its rotation.
    mapper_->SetScaleArray("size");
    mapper_->SetScaleModeToScaleByVectorComponents();
    mapper_->SetOrientationArray("orient");
    mapper_->SetOrientationModeToRotation();
    mapper_->SetScalarModeToUsePointFieldData();
    mapper_->SelectColorArray("rgb");
    mapper_->SetColorModeToDirectScalars();
    mapper_->ScalarVisibilityOn();
    actor_->SetMapper(mapper_);
    actor_->GetProperty()->SetAmbient(0.25);
    actor_->GetProperty()->SetDiffuse(0.8);
}

void BoxSet::clear() {
    points_->Reset();
    scale_->Reset();
    orient_->Reset();
    colours_->Reset();
    modified();
}

void BoxSet::add(const Box& b) {
    points_->InsertNextPoint(b.x, b.y, b.z);
    scale_->InsertNextTuple3(b.width, b.depth, b.height);
    orient_->InsertNextTuple3(0, 0, b.yawDeg);
    colours_->InsertNextTuple3(b.colour[0], b.colour[1], b.colour[2]);
    modified();
}

void BoxSet::set(size_t i, const Box& b) {
    const auto id = vtkIdType(i);
    points_->SetPoint(id, b.x, b.y, b.z);
    scale_->SetTuple3(id, b.width, b.depth, b.height);
    orient_->SetTuple3(id, 0, 0, b.yawDeg);
    colours_->SetTuple3(id, b.colour[0], b.colour[1], b.colour[2]);
    modified();
}

void BoxSet::setColour(size_t i, Rgb c) {
    colours_->SetTuple3(vtkIdType(i), c[0], c[1], c[2]);
    modified();
}

Rgb BoxSet::colour(size_t i) const {
    double c[3];
    colours_->GetTuple(vtkIdType(i), c);
    return {std::uint8_t(c[0]), std::uint8_t(c[1]), std::uint8_t(c[2])};
}

std::array<double, 3> BoxSet::centre(size_t i) const {
    std::array<double, 3> p{};
    points_->GetPoint(vtkIdType(i), p.data());
    return p;
}

void BoxSet::growBounds(std::array<double, 6>& b) const {
    for (vtkIdType i = 0; i < points_->GetNumberOfPoints(); ++i) {
        double p[3], s[3], o[3];
        points_->GetPoint(i, p);
        scale_->GetTuple(i, s);
        orient_->GetTuple(i, o);
        const double a = vtkMath::RadiansFromDegrees(o[2]), c = std::abs(std::cos(a)),
                     n = std::abs(std::sin(a));
        const double half[3] = {(c * s[0] + n * s[1]) / 2, (n * s[0] + c * s[1]) / 2, s[2] / 2};
        for (int k = 0; k < 3; ++k) {
            b[size_t(2 * k)] = std::min(b[size_t(2 * k)], p[k] - half[k]);
            b[size_t(2 * k + 1)] = std::max(b[size_t(2 * k + 1)], p[k] + half[k]);
        }
    }
}

void BoxSet::modified() {
    points_->Modified();
    scale_->Modified();
    orient_->Modified();
    colours_->Modified();
    data_->Modified();
}

} // namespace halltwin::render
