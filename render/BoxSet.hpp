// Private to render/: many boxes drawn by one instanced glyph mapper (one draw call for 1,000 racks).
#pragma once

#include "render/RenderTypes.hpp"

#include <array>

#include <vtkActor.h>
#include <vtkCubeSource.h>
#include <vtkDoubleArray.h>
#include <vtkGlyph3DMapper.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkUnsignedCharArray.h>

namespace halltwin::render {

struct Box {
    double x = 0, y = 0, z = 0; // centre
    double width = 1, depth = 1, height = 1, yawDeg = 0;
    Rgb colour{};
};

class BoxSet {
  public:
    BoxSet();
    void clear();
    void add(const Box& b);
    void set(size_t i, const Box& b);
    void setColour(size_t i, Rgb c);
    Rgb colour(size_t i) const;
    std::array<double, 3> centre(size_t i) const;
    // Exact extents of the turned boxes (the mapper's own bounds are a loose sphere per glyph).
    void growBounds(std::array<double, 6>& b) const;
    size_t size() const { return size_t(points_->GetNumberOfPoints()); }
    vtkActor* actor() { return actor_; }

  private:
    void modified();

    vtkNew<vtkPoints> points_;
    vtkNew<vtkDoubleArray> scale_, orient_;
    vtkNew<vtkUnsignedCharArray> colours_;
    vtkNew<vtkPolyData> data_;
    vtkNew<vtkCubeSource> cube_;
    vtkNew<vtkGlyph3DMapper> mapper_;
    vtkNew<vtkActor> actor_;
};

} // namespace halltwin::render
