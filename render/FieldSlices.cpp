#include "render/FieldSlices.hpp"

#include <vtkActor.h>
#include <vtkArrowSource.h>
#include <vtkCellData.h>
#include <vtkFloatArray.h>
#include <vtkGlyph3D.h>
#include <vtkPlaneSource.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkScalarsToColors.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace halltwin::render {
namespace {

int layerAt(double coordinate, double origin, double spacing, int count) {
    return std::clamp(int(std::floor((coordinate - origin) / spacing)), 0, count - 1);
}

vtkSmartPointer<vtkActor> planeActor(vtkPlaneSource* plane, vtkFloatArray* values, vtkScalarsToColors* lut) {
    plane->Update();
    auto data = vtkSmartPointer<vtkPolyData>::New();
    data->DeepCopy(plane->GetOutput());
    data->GetCellData()->SetScalars(values);
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputData(data);
    mapper->SetLookupTable(lut);
    mapper->UseLookupTableScalarRangeOn();
    mapper->SetScalarModeToUseCellData();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->LightingOff(); // the colours are data, not shading
    return actor;
}

} // namespace

Rgb inferno(double t) {
    static constexpr std::array<Rgb, 5> stops{
        {{0, 0, 4}, {87, 16, 110}, {188, 55, 84}, {249, 142, 9}, {252, 255, 164}}};
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * (stops.size() - 1);
    const size_t i = std::min(size_t(t), stops.size() - 2);
    const double f = t - double(i);
    Rgb c;
    for (int k = 0; k < 3; ++k)
        c[size_t(k)] = std::uint8_t(std::lround(stops[i][size_t(k)] * (1 - f) + stops[i + 1][size_t(k)] * f));
    return c;
}

// A plane of cells normal to `axis` (2 = z, 1 = y) through the layer containing `at`. Cells of a plane
// source run along point1 (x) fastest, then point2 (y or z), as the field's own x-fastest order does.
vtkSmartPointer<vtkActor> slice(const ScalarField& f, int axis, double at, vtkScalarsToColors* lut) {
    const int counts[3] = {f.nx, f.ny, f.nz};
    const int layer = layerAt(at, f.origin[size_t(axis)], f.spacing[size_t(axis)], counts[axis]);
    const int second = axis == 2 ? 1 : 2; // the plane's other in-plane axis besides x
    std::array<double, 3> origin = f.origin;
    origin[size_t(axis)] += (layer + 0.5) * f.spacing[size_t(axis)];
    std::array<double, 3> p1 = origin, p2 = origin;
    p1[0] += f.nx * f.spacing[0];
    p2[size_t(second)] += counts[second] * f.spacing[size_t(second)];
    vtkNew<vtkPlaneSource> plane;
    plane->SetOrigin(origin.data());
    plane->SetPoint1(p1.data());
    plane->SetPoint2(p2.data());
    plane->SetResolution(f.nx, counts[second]);
    vtkNew<vtkFloatArray> values;
    values->SetNumberOfValues(vtkIdType(f.nx) * counts[second]);
    for (int b = 0; b < counts[second]; ++b)
        for (int i = 0; i < f.nx; ++i) {
            const size_t j = size_t(axis == 2 ? b : layer), k = size_t(axis == 2 ? layer : b);
            values->SetValue(vtkIdType(b) * f.nx + i,
                             f.values[(k * size_t(f.ny) + j) * size_t(f.nx) + size_t(i)]);
        }
    return planeActor(plane, values, lut);
}

vtkSmartPointer<vtkActor> horizontalSlice(const ScalarField& f, double zM, vtkScalarsToColors* lut) {
    return slice(f, 2, zM, lut);
}

vtkSmartPointer<vtkActor> verticalSlice(const ScalarField& f, double yM, vtkScalarsToColors* lut) {
    return slice(f, 1, yM, lut);
}

vtkSmartPointer<vtkActor> velocityArrows(const ScalarField& g, const VectorField& v, double zM, int stride) {
    const int k = layerAt(zM, g.origin[2], g.spacing[2], g.nz);
    vtkNew<vtkPoints> points;
    vtkNew<vtkFloatArray> vectors;
    vectors->SetNumberOfComponents(3);
    for (int j = stride / 2; j < g.ny; j += stride)
        for (int i = stride / 2; i < g.nx; i += stride) {
            const size_t c = (size_t(k) * g.ny + j) * g.nx + i;
            points->InsertNextPoint(g.origin[0] + (i + 0.5) * g.spacing[0],
                                    g.origin[1] + (j + 0.5) * g.spacing[1],
                                    g.origin[2] + (k + 0.5) * g.spacing[2] + 0.02);
            vectors->InsertNextTuple3(v.u[c], v.v[c], 0);
        }
    vtkNew<vtkPolyData> seeds;
    seeds->SetPoints(points);
    seeds->GetPointData()->SetVectors(vectors);
    vtkNew<vtkArrowSource> arrow;
    vtkNew<vtkGlyph3D> glyphs;
    glyphs->SetSourceConnection(arrow->GetOutputPort());
    glyphs->SetInputData(seeds);
    glyphs->SetVectorModeToUseVector();
    glyphs->SetScaleModeToScaleByVector();
    glyphs->SetScaleFactor(stride * g.spacing[0] / 1.5); // 1.5 m/s spans the spacing of two arrows
    glyphs->OrientOn();
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputConnection(glyphs->GetOutputPort());
    mapper->ScalarVisibilityOff();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(0.95, 0.95, 0.95);
    return actor;
}

} // namespace halltwin::render
