#include "render/ProbeMarkers.hpp"

#include "render/Colormap.hpp"

#include <vtkActor.h>
#include <vtkBillboardTextActor3D.h>
#include <vtkGlyph3DMapper.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkSphereSource.h>
#include <vtkTextProperty.h>

namespace halltwin::render {

struct ProbeMarkers::Impl {
    std::vector<model::Probe> probes;
    vtkNew<vtkPoints> points;
    vtkNew<vtkPolyData> data;
    vtkNew<vtkSphereSource> sphere;
    vtkNew<vtkGlyph3DMapper> mapper;
    vtkNew<vtkActor> actor;
    std::vector<vtkSmartPointer<vtkBillboardTextActor3D>> labels;

    Impl() {
        sphere->SetRadius(0.14); // larger than a sensor, so that it shows at hall scale
        sphere->SetThetaResolution(12);
        sphere->SetPhiResolution(8);
        data->SetPoints(points);
        mapper->SetInputData(data);
        mapper->SetSourceConnection(sphere->GetOutputPort());
        mapper->ScalingOff();
        actor->SetMapper(mapper);
        const Rgb c = palette::probe;
        actor->GetProperty()->SetColor(c[0] / 255.0, c[1] / 255.0, c[2] / 255.0);
    }
};

ProbeMarkers::ProbeMarkers() : impl_(std::make_unique<Impl>()) {}
ProbeMarkers::~ProbeMarkers() = default;

void ProbeMarkers::build(const std::vector<model::Probe>& probes, double floorZ, vtkRenderer* r) {
    Impl& d = *impl_;
    d.probes = probes;
    d.points->Reset();
    d.labels.clear();
    for (const model::Probe& p : probes) {
        d.points->InsertNextPoint(p.xM, p.yM, floorZ + p.zM);
        vtkNew<vtkBillboardTextActor3D> label;
        label->SetPosition(p.xM, p.yM, floorZ + p.zM);
        label->SetDisplayOffset(12, 2); // beside the dot, not over it
        vtkTextProperty* t = label->GetTextProperty();
        t->SetFontSize(13);
        t->SetColor(0.1, 0.1, 0.1);
        t->SetBackgroundColor(1, 1, 1);
        t->SetBackgroundOpacity(0.75);
        r->AddActor(label);
        d.labels.emplace_back(label);
    }
    d.points->Modified();
    d.data->Modified();
    d.actor->SetVisibility(!probes.empty());
    r->AddActor(d.actor);
    setLabels({});
}

void ProbeMarkers::setLabels(const std::vector<std::string>& labels) {
    Impl& d = *impl_;
    for (size_t i = 0; i < d.labels.size(); ++i) {
        const std::string text = i < labels.size() && !labels[i].empty() ? labels[i] : d.probes[i].id;
        d.labels[i]->SetInput(text.c_str());
    }
}

size_t ProbeMarkers::size() const {
    return impl_->probes.size();
}

std::string ProbeMarkers::label(size_t i) const {
    const char* text = i < impl_->labels.size() ? impl_->labels[i]->GetInput() : nullptr;
    return text ? text : "";
}

} // namespace halltwin::render
