#include "render/HallScene.hpp"
#include "render/FieldSlices.hpp"

#include "render/BoxSet.hpp"
#include "render/Colormap.hpp"
#include "render/ProbeMarkers.hpp"
#include "render/SceneParts.hpp"

#include "model/LayoutWorld.hpp"

#include <vtkActor.h>
#include <vtkBillboardTextActor3D.h>
#include <vtkCamera.h>
#include <vtkCellData.h>
#include <vtkColorTransferFunction.h>
#include <vtkCoordinate.h>
#include <vtkDoubleArray.h>
#include <vtkLookupTable.h>
#include <vtkMath.h>
#include <vtkOutlineSource.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPropCollection.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTubeFilter.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace halltwin::render {
namespace {

namespace m = halltwin::model;

// A rack whose type the catalogue lacks still gets a box, so instance i is always twin.racks[i].
m::Solid rackSolid(const m::Twin& t, const m::Rack& r) {
    if (auto s = m::solidOf(t, r.id)) return *s;
    return {r.id, r.id, r.xM, r.yM, r.yawDeg, 0.6, 1.2, 2.2, true};
}

void styleLegend(vtkScalarBarActor* bar) {
    bar->SetOrientationToVertical();
    bar->SetPosition(0.84, 0.12);
    bar->SetWidth(0.12);
    bar->SetHeight(0.72);
    bar->SetBarRatio(0.28);
    bar->SetNumberOfLabels(5);
    bar->UnconstrainedFontSizeOn();
    bar->SetTextPad(4);
    for (vtkTextProperty* p : {bar->GetTitleTextProperty(), bar->GetLabelTextProperty()}) {
        p->SetColor(palette::text[0] / 255.0, palette::text[1] / 255.0, palette::text[2] / 255.0);
        p->ShadowOff();
        p->ItalicOff();
        p->SetFontFamilyToArial();
    }
    bar->GetTitleTextProperty()->BoldOn();
    bar->GetLabelTextProperty()->BoldOff();
}

void styleText(vtkTextActor* a, bool bold) {
    vtkTextProperty* p = a->GetTextProperty();
    p->SetFontFamilyToArial();
    p->SetBold(bold);
    p->SetColor(palette::text[0] / 255.0, palette::text[1] / 255.0, palette::text[2] / 255.0);
    p->SetVerticalJustificationToTop();
    a->SetTextScaleModeToNone();
    a->VisibilityOff();
}

// Pixel offsets from the viewport's top-left corner, so headings keep their spacing at any size.
void anchorTopLeft(vtkTextActor* a, double dx, double dy) {
    vtkNew<vtkCoordinate> corner;
    corner->SetCoordinateSystemToNormalizedViewport();
    corner->SetValue(0, 1);
    a->GetPositionCoordinate()->SetCoordinateSystemToViewport();
    a->GetPositionCoordinate()->SetReferenceCoordinate(corner);
    a->GetPositionCoordinate()->SetValue(dx, dy);
}

} // namespace

struct HallScene::Impl {
    vtkNew<vtkRenderer> renderer;
    m::Twin twin;
    std::vector<m::Solid> rackSolids;
    std::vector<int> doorOfRack; // per rack: its rear door's box, -1 without one
    m::LayoutWorld world;
    BoxSet racks, fronts, rearDoors, cdus, airHandlers, busways, obstructions, vents;
    ProbeMarkers probes;
    vtkNew<vtkPolyData> pipeData;
    vtkNew<vtkTubeFilter> tubes;
    vtkNew<vtkActor> pipes;
    vtkNew<vtkLookupTable> lut;
    vtkNew<vtkScalarBarActor> legend;
    vtkNew<vtkTextActor> title, subtitle, buswayCaption;
    std::vector<size_t> rackOfPipe, buswayOfBox;
    vtkNew<vtkDoubleArray> pipeValues;
    vtkNew<vtkColorTransferFunction> coolWarm;
    vtkNew<vtkScalarBarActor> pipeLegend;
    vtkNew<vtkPolyDataMapper> pipeMapper;
    vtkNew<vtkOutlineSource> highlightBox;
    vtkNew<vtkActor> highlight;
    vtkNew<vtkBillboardTextActor3D> highlightLabel;
    std::optional<std::string> highlightId;
    vtkNew<vtkLookupTable> sliceLut;
    vtkNew<vtkScalarBarActor> sliceLegend;
    std::vector<vtkSmartPointer<vtkActor>> sliceActors;
    void clearSlices() {
        for (auto& a : sliceActors)
            renderer->RemoveActor(a);
        sliceActors.clear();
        sliceLegend->VisibilityOff();
        pipeLegend->SetVisibility(pipeData->GetCellData()->GetScalars() !=
                                  nullptr); // back when the slice goes
    }
    void showSlice(vtkSmartPointer<vtkActor> a, const ScalarField& f, Range range) {
        // A room held near one temperature (racks behind rear doors) still gets a legend that reads: 1 K.
        if (const double mid = (range.min + range.max) / 2; f.units == "°C" && range.max - range.min < 1)
            range = {mid - 0.5, mid + 0.5};
        sliceLut->SetTableRange(range.min, range.max);
        sliceLegend->SetTitle(fmt::format("{}\n[{}]", f.title, f.units).c_str());
        sliceLegend->VisibilityOn();
        renderer->AddActor(a);
        sliceActors.push_back(a);
    }
    std::string legendTitle;
    View view = View::Iso;

    Impl();
    double floorZ() const { return twin.hall.raisedFloorM; }
    Rgb coolingColour(const m::Rack& r) const {
        const m::RackType* t = m::find(twin.catalog.rackTypes, r.type);
        return t ? rackCoolingColour(t->cooling) : palette::noValue;
    }
    void addStatic();
    void addEquipment();
    void addBusways();
};

HallScene::Impl::Impl() {
    renderer->SetBackground(palette::background[0] / 255.0, palette::background[1] / 255.0,
                            palette::background[2] / 255.0);
    tubes->SetInputData(pipeData);
    tubes->SetRadius(0.045);
    tubes->SetNumberOfSides(10);
    tubes->CappingOn();
    pipeMapper->SetInputConnection(tubes->GetOutputPort());
    pipeMapper->ScalarVisibilityOff();
    pipeMapper->SetScalarModeToUseCellData();
    pipeMapper->SetLookupTable(coolWarm);
    pipeMapper->UseLookupTableScalarRangeOn();
    // Moreland's cool–warm diverging map, interpolated in a perceptual space.
    coolWarm->SetColorSpaceToDiverging();
    coolWarm->AddRGBPoint(0, 59 / 255.0, 76 / 255.0, 192 / 255.0);
    coolWarm->AddRGBPoint(1, 180 / 255.0, 4 / 255.0, 38 / 255.0);
    coolWarm->SetNanColor(palette::pipe[0] / 255.0, palette::pipe[1] / 255.0, palette::pipe[2] / 255.0);
    pipeLegend->SetLookupTable(coolWarm);
    styleLegend(pipeLegend);
    // Vertical at the left, mirroring the racks' legend at the right; inset so its centred title stays in
    // view.
    pipeLegend->SetPosition(0.04, 0.12);
    pipeLegend->SetWidth(0.11);
    pipeLegend->SetHeight(0.55);
    pipeLegend->VisibilityOff();
    sliceLut->SetNumberOfTableValues(256);
    for (int i = 0; i < 256; ++i) {
        const Rgb c = inferno(i / 255.0);
        sliceLut->SetTableValue(i, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0, 0.85);
    }
    sliceLut->SetNanColor(0, 0, 0, 0); // solid cells (racks, containment) hold no air: leave them clear
    sliceLegend->SetLookupTable(sliceLut);
    styleLegend(sliceLegend);
    sliceLegend->SetPosition(0.04, 0.12); // shares the left side with the coolant legend; slices win
    sliceLegend->SetWidth(0.11);
    sliceLegend->SetHeight(0.55);
    sliceLegend->VisibilityOff();
    styleText(buswayCaption, false);
    buswayCaption->SetInput("Busway load: green < 60 %, amber 60-90 %, red > 90 % of rated current");
    buswayCaption->VisibilityOff();
    vtkNew<vtkPolyDataMapper> boxMapper;
    boxMapper->SetInputConnection(highlightBox->GetOutputPort());
    highlight->SetMapper(boxMapper);
    highlight->GetProperty()->SetColor(1.0, 0.55, 0.0);
    highlight->GetProperty()->SetLineWidth(3);
    highlight->VisibilityOff();
    highlightLabel->GetTextProperty()->SetFontSize(16);
    highlightLabel->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
    highlightLabel->GetTextProperty()->SetBackgroundColor(1, 1, 1);
    highlightLabel->GetTextProperty()->SetBackgroundOpacity(0.85);
    highlightLabel->VisibilityOff();
    pipes->SetMapper(pipeMapper);
    pipes->GetProperty()->SetColor(palette::pipe[0] / 255.0, palette::pipe[1] / 255.0,
                                   palette::pipe[2] / 255.0);
    lut->SetNumberOfTableValues(256);
    for (int i = 0; i < 256; ++i) {
        const Rgb c = viridis(i / 255.0);
        lut->SetTableValue(i, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0, 1);
    }
    lut->SetNanColor(palette::noValue[0] / 255.0, palette::noValue[1] / 255.0, palette::noValue[2] / 255.0,
                     1);
    legend->SetLookupTable(lut);
    styleLegend(legend);
    legend->VisibilityOff();
    styleText(title, true);
    styleText(subtitle, false);
}

void HallScene::Impl::addStatic() {
    renderer->AddActor(floorActor(twin.hall));
    renderer->AddActor(tileGridActor(twin.hall));
    renderer->AddActor(outlineActor(twin.hall));
    renderer->AddActor(wallsActor(twin.hall));
}

namespace {
// A vent as a thin panel on its surface: supply blue, return red, pressure grey.
Box ventBox(const m::Vent& v, const m::Hall& h) {
    const double t = 0.04, floor = h.raisedFloorM, room = h.heightM - h.raisedFloorM;
    const Rgb c = v.kind == "supply"   ? palette::supplyVent
                  : v.kind == "return" ? palette::returnVent
                                       : palette::obstruction;
    if (v.surface == "ceiling") return {v.xM, v.yM, floor + room - t / 2, v.lengthM, v.widthM, t, 0, c};
    const bool xWall = std::fabs(v.xM) < 1e-6 || std::fabs(v.xM - h.lengthM) < 1e-6;
    const double z = floor + v.zM;
    if (xWall)
        return {v.xM < h.lengthM / 2 ? t / 2 : h.lengthM - t / 2, v.yM, z, t, v.lengthM, v.widthM, 0, c};
    return {v.xM, v.yM < h.widthM / 2 ? t / 2 : h.widthM - t / 2, z, v.lengthM, t, v.widthM, 0, c};
}
} // namespace

void HallScene::Impl::addEquipment() {
    for (const m::Rack& r : twin.racks) {
        const m::Solid s = rackSolid(twin, r);
        rackSolids.push_back(s);
        world.upsert(s);
        racks.add(rackBox(s, floorZ(), coolingColour(r)));
        fronts.add(frontMarkerBox(s, floorZ()));
        doorOfRack.push_back(-1);
        if (const m::RearDoorType* door = m::find(twin.catalog.rearDoorTypes, r.rearDoor))
            doorOfRack.back() = int(rearDoors.size()), rearDoors.add(rearDoorBox(s, floorZ(), door->depthM));
    }
    for (const m::Cdu& c : twin.cooling.cdus)
        if (auto s = m::solidOf(twin, c.id))
            world.upsert(*s), cdus.add(equipmentBox(*s, floorZ(), palette::cdu));
    for (const m::AirHandler& a : twin.cooling.airHandlers)
        if (auto s = m::solidOf(twin, a.id))
            world.upsert(*s), airHandlers.add(equipmentBox(*s, floorZ(), palette::airHandler));
    pipeLines(twin, rackSolids, floorZ(), pipeData, &rackOfPipe);
    // Obstructions: grey boxes from their low corner, z above the room floor.
    for (const m::Obstruction& o : twin.obstructions) {
        obstructions.add({o.xM + o.lengthM / 2, o.yM + o.widthM / 2, floorZ() + o.zM + o.heightM / 2,
                          o.lengthM, o.widthM, o.heightM, 0, palette::obstruction});
        if (auto s = m::solidOf(twin, o.id)) world.upsert(*s); // picked and dragged like equipment
    }
    for (const m::Vent& v : twin.vents)
        vents.add(ventBox(v, twin.hall));
}

void HallScene::Impl::addBusways() {
    std::map<std::string, std::vector<m::Solid>> byRow;
    for (size_t i = 0; i < twin.racks.size(); ++i)
        byRow[twin.racks[i].row].push_back(rackSolids[i]);
    buswayOfBox.clear();
    for (size_t i = 0; i < twin.power.busways.size(); ++i)
        if (auto box = buswayBox(twin.power.busways[i], byRow[twin.power.busways[i].row]))
            busways.add(*box), buswayOfBox.push_back(i);
}

HallScene::HallScene() : impl_(std::make_unique<Impl>()) {
    setTextScale(1);
}
HallScene::~HallScene() = default;

void HallScene::build(const model::Twin& twin) {
    Impl& d = *impl_;
    d.renderer->RemoveAllViewProps();
    d.twin = twin;
    d.rackSolids.clear();
    d.doorOfRack.clear();
    d.world.clear();
    for (BoxSet* s :
         {&d.racks, &d.fronts, &d.rearDoors, &d.cdus, &d.airHandlers, &d.busways, &d.obstructions, &d.vents})
        s->clear();
    d.addStatic();
    d.addEquipment();
    d.addBusways();
    for (BoxSet* s :
         {&d.racks, &d.fronts, &d.rearDoors, &d.cdus, &d.airHandlers, &d.busways, &d.obstructions, &d.vents})
        d.renderer->AddActor(s->actor());
    d.renderer->AddActor(d.pipes);
    d.probes.build(twin.probes, twin.hall.raisedFloorM, d.renderer);
    d.renderer->AddActor(d.highlight);
    d.renderer->AddActor(d.highlightLabel);
    d.renderer->AddActor2D(d.legend);
    d.renderer->AddActor2D(d.pipeLegend);
    d.renderer->AddActor2D(d.buswayCaption);
    d.renderer->AddActor2D(d.sliceLegend);
    d.clearSlices();
    setPipeTemperatures({});
    setBuswayLoads({});
    setHighlight({});
    d.renderer->AddActor2D(d.title);
    d.renderer->AddActor2D(d.subtitle);
    clearRackColours();
    setView(d.view);
}

vtkRenderer* HallScene::renderer() const {
    return impl_->renderer;
}

SceneCounts HallScene::counts() const {
    const Impl& d = *impl_;
    return {d.racks.size(),       d.fronts.size(),   d.cdus.size(),
            d.airHandlers.size(), d.busways.size(),  size_t(d.pipeData->GetNumberOfLines()),
            d.probes.size(),      d.rearDoors.size()};
}

void HallScene::setProbeLabels(const std::vector<std::string>& labels) {
    impl_->probes.setLabels(labels);
}

std::string HallScene::probeLabel(size_t index) const {
    return impl_->probes.label(index);
}

std::array<double, 6> HallScene::bounds() const {
    const Impl& d = *impl_;
    std::array<double, 6> b{INFINITY, -INFINITY, INFINITY, -INFINITY, INFINITY, -INFINITY};
    vtkPropCollection* props = d.renderer->GetViewProps();
    props->InitTraversal();
    while (vtkProp* p = props->GetNextProp()) {
        auto* a = vtkActor::SafeDownCast(p); // 2-D actors have no bounds
        if (!a || !a->GetVisibility() || !a->GetMapper() || a->GetMapper()->IsA("vtkGlyph3DMapper")) continue;
        const double* pb = a->GetBounds(); // boxes are added exactly below
        for (int k = 0; k < 6; ++k)
            b[size_t(k)] = k % 2 ? std::max(b[size_t(k)], pb[k]) : std::min(b[size_t(k)], pb[k]);
    }
    for (const BoxSet* s :
         {&d.racks, &d.fronts, &d.rearDoors, &d.cdus, &d.airHandlers, &d.busways, &d.obstructions, &d.vents})
        s->growBounds(b);
    return b;
}

void HallScene::setRackColours(const RackScalars& scalars, Range range) {
    Impl& d = *impl_;
    const double span = range.max - range.min;
    for (size_t i = 0; i < d.racks.size(); ++i) {
        const double v = i < scalars.values.size() ? scalars.values[i] : NAN;
        d.racks.setColour(i, std::isfinite(v) ? viridis((v - range.min) / span) : palette::noValue);
    }
    d.lut->SetTableRange(range.min, range.max);
    d.legendTitle =
        scalars.units.empty() ? scalars.title : fmt::format("{}\n[{}]", scalars.title, scalars.units);
    d.legend->SetTitle(d.legendTitle.c_str());
    d.legend->SetLabelFormat(span >= 20 ? "%.0f" : span >= 2 ? "%.1f" : "%.2f");
    d.legend->VisibilityOn();
}

void HallScene::clearRackColours() {
    Impl& d = *impl_;
    for (size_t i = 0; i < d.racks.size(); ++i)
        d.racks.setColour(i, d.coolingColour(d.twin.racks[i]));
    d.legendTitle.clear();
    d.legend->VisibilityOff();
}

void HallScene::setPipeTemperatures(const std::vector<double>& rackReturnC) {
    Impl& d = *impl_;
    d.pipeValues->Reset();
    double lo = INFINITY, hi = -INFINITY;
    for (size_t rack : d.rackOfPipe) {
        const double v = rack < rackReturnC.size() ? rackReturnC[rack] : NAN;
        d.pipeValues->InsertNextValue(v);
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
    const bool show = std::isfinite(lo);
    if (!show) {
        d.pipeData->GetCellData()->SetScalars(nullptr);
        d.pipeMapper->ScalarVisibilityOff();
        d.pipeLegend->VisibilityOff();
        return;
    }
    if (hi - lo < 0.5) lo -= 0.25, hi += 0.25; // a span for the map when all pipes agree
    d.pipeData->GetCellData()->SetScalars(d.pipeValues);
    d.coolWarm->RemoveAllPoints();
    d.coolWarm->AddRGBPoint(lo, 59 / 255.0, 76 / 255.0, 192 / 255.0);
    d.coolWarm->AddRGBPoint(hi, 180 / 255.0, 4 / 255.0, 38 / 255.0);
    d.pipeMapper->ScalarVisibilityOn();
    d.pipeLegend->SetTitle("Coolant return\n[°C]");
    d.pipeLegend->SetLabelFormat(hi - lo >= 20 ? "%.0f" : "%.1f");
    d.pipeLegend->SetVisibility(d.sliceActors.empty()); // a slice's legend takes the same place
    d.pipeData->Modified();
}

std::string HallScene::pipeLegendTitle() const {
    return impl_->pipeLegend->GetVisibility() ? impl_->pipeLegend->GetTitle() : std::string();
}

void HallScene::setBuswayLoads(const std::vector<double>& load) {
    Impl& d = *impl_;
    bool any = false;
    for (size_t box = 0; box < d.buswayOfBox.size(); ++box) {
        const double f = d.buswayOfBox[box] < load.size() ? load[d.buswayOfBox[box]] : NAN;
        any = any || std::isfinite(f);
        d.busways.setColour(box, !std::isfinite(f) ? palette::busway
                                 : f < 0.6         ? Rgb{46, 160, 67}
                                 : f <= 0.9        ? Rgb{230, 160, 20}
                                                   : Rgb{200, 30, 30});
    }
    d.buswayCaption->SetVisibility(any);
}

Rgb HallScene::buswayColour(size_t buswayIndex) const {
    const Impl& d = *impl_;
    for (size_t box = 0; box < d.buswayOfBox.size(); ++box)
        if (d.buswayOfBox[box] == buswayIndex) return d.busways.colour(box);
    return palette::noValue;
}

void HallScene::setHighlight(const std::string& id) {
    Impl& d = *impl_;
    const m::Solid* s = id.empty() ? nullptr : d.world.solid(id);
    d.highlight->SetVisibility(s != nullptr);
    d.highlightLabel->SetVisibility(s != nullptr);
    d.highlightId = s ? std::optional(id) : std::nullopt;
    if (!s) return;
    const m::Rect r = m::footprint(*s);
    const double z0 = d.floorZ() + s->baseM, z1 = z0 + s->heightM, pad = 0.03;
    d.highlightBox->SetBounds(r.x0 - pad, r.x1 + pad, r.y0 - pad, r.y1 + pad, z0, z1 + pad);
    d.highlightLabel->SetPosition(s->xM, s->yM, z1 + 0.35);
    d.highlightLabel->SetInput(s->label.c_str());
}

std::optional<std::string> HallScene::highlighted() const {
    return impl_->highlightId;
}

void HallScene::setHorizontalSlice(const ScalarField& f, double zM, Range range,
                                   const VectorField* velocity) {
    Impl& d = *impl_;
    d.clearSlices();
    if (f.values.empty() || f.values.size() != size_t(f.nx) * f.ny * f.nz) return;
    d.pipeLegend->VisibilityOff();
    d.showSlice(horizontalSlice(f, zM, d.sliceLut), f, range);
    if (velocity && velocity->u.size() == f.values.size()) {
        auto arrows = velocityArrows(f, *velocity, zM, std::max(1, int(std::lround(0.6 / f.spacing[0]))));
        d.renderer->AddActor(arrows);
        d.sliceActors.push_back(arrows);
    }
}

void HallScene::setVerticalSlice(const ScalarField& f, double yM, Range range) {
    Impl& d = *impl_;
    d.clearSlices();
    if (f.values.empty() || f.values.size() != size_t(f.nx) * f.ny * f.nz) return;
    d.pipeLegend->VisibilityOff();
    d.showSlice(verticalSlice(f, yM, d.sliceLut), f, range);
}

bool HallScene::hasSlice() const {
    return !impl_->sliceActors.empty();
}

void HallScene::setLegendVisible(bool visible) {
    impl_->legend->SetVisibility(visible && !impl_->legendTitle.empty());
}

void HallScene::setTextScale(double scale) {
    Impl& d = *impl_;
    auto px = [scale](double size) { return std::max(8, int(std::lround(size * scale))); };
    d.title->GetTextProperty()->SetFontSize(px(20));
    d.subtitle->GetTextProperty()->SetFontSize(px(14));
    anchorTopLeft(d.title, px(14), -px(10));
    anchorTopLeft(d.subtitle, px(14), -px(38));
    d.buswayCaption->GetTextProperty()->SetFontSize(px(13));
    anchorTopLeft(d.buswayCaption, px(14), -px(60));
    d.pipeLegend->GetTitleTextProperty()->SetFontSize(px(15));
    d.pipeLegend->GetLabelTextProperty()->SetFontSize(px(13));
    d.legend->GetTitleTextProperty()->SetFontSize(px(15));
    d.legend->GetLabelTextProperty()->SetFontSize(px(13));
}

void HallScene::setTitle(const std::string& title, const std::string& subtitle) {
    Impl& d = *impl_;
    d.title->SetInput(title.c_str());
    d.title->SetVisibility(!title.empty());
    d.subtitle->SetInput(subtitle.c_str());
    d.subtitle->SetVisibility(!subtitle.empty());
}

Rgb HallScene::rackColour(size_t index) const {
    return impl_->racks.colour(index);
}

std::string HallScene::legendTitle() const {
    return impl_->legend->GetVisibility() ? impl_->legendTitle : std::string();
}

void HallScene::moveRack(size_t index, double xM, double yM, double yawDeg) {
    Impl& d = *impl_;
    if (index >= d.racks.size()) return;
    m::Rack& r = d.twin.racks[index];
    r.xM = xM, r.yM = yM, r.yawDeg = yawDeg;
    m::Solid& s = d.rackSolids[index];
    s.xM = xM, s.yM = yM, s.yawDeg = yawDeg;
    d.world.upsert(s);
    d.racks.set(index, rackBox(s, d.floorZ(), d.racks.colour(index)));
    d.fronts.set(index, frontMarkerBox(s, d.floorZ()));
    if (const m::RearDoorType* door = m::find(d.twin.catalog.rearDoorTypes, r.rearDoor);
        door && d.doorOfRack[index] >= 0)
        d.rearDoors.set(size_t(d.doorOfRack[index]), rearDoorBox(s, d.floorZ(), door->depthM));
    pipeLines(d.twin, d.rackSolids, d.floorZ(), d.pipeData, &d.rackOfPipe);
    if (d.pipeData->GetCellData()->GetScalars()) d.pipeData->GetCellData()->SetScalars(d.pipeValues);
    d.pipeData->Modified();
    if (d.highlightId) setHighlight(*d.highlightId);
}

std::array<double, 3> HallScene::rackInstanceCentre(size_t index) const {
    return impl_->racks.centre(index);
}

namespace {
// The layout world stands on the room's floor (z = 0); the scene draws it on the raised floor.
model::Vec3 toLayout(model::Vec3 p, double floorZ) {
    p[2] -= floorZ;
    return p;
}
} // namespace

std::optional<std::string> HallScene::pick(double displayX, double displayY) const {
    vtkRenderer* r = impl_->renderer;
    auto world = [&](double z) {
        r->SetDisplayPoint(displayX, displayY, z);
        r->DisplayToWorld();
        const double* p = r->GetWorldPoint();
        return model::Vec3{p[0] / p[3], p[1] / p[3], p[2] / p[3]};
    };
    // The ray through the pixel, cast against the layout's collision world rather than the GPU
    // instances: one source of truth for what stands where. It runs from the eye (or, for a parallel
    // projection, from far behind the near plane) well past the far plane, so the clipping range of
    // the moment cannot cut it short.
    const model::Vec3 n = world(0), f = world(1);
    vtkCamera* cam = r->GetActiveCamera();
    double dir[3] = {f[0] - n[0], f[1] - n[1], f[2] - n[2]};
    vtkMath::Normalize(dir);
    const double reach = 10 * (cam->GetDistance() + impl_->twin.hall.lengthM + impl_->twin.hall.widthM);
    model::Vec3 from = n;
    if (cam->GetParallelProjection())
        for (int k = 0; k < 3; ++k)
            from[size_t(k)] -= dir[k] * reach;
    else
        from = {cam->GetPosition()[0], cam->GetPosition()[1], cam->GetPosition()[2]};
    const model::Vec3 to{n[0] + dir[0] * reach, n[1] + dir[1] * reach, n[2] + dir[2] * reach};
    auto hit = impl_->world.castRay(toLayout(from, impl_->floorZ()), toLayout(to, impl_->floorZ()));
    if (!hit) return std::nullopt;
    return hit->id;
}

bool HallScene::hidden(const std::array<double, 3>& p) const {
    vtkCamera* cam = impl_->renderer->GetActiveCamera();
    model::Vec3 eye{cam->GetPosition()[0], cam->GetPosition()[1], cam->GetPosition()[2]};
    if (cam->GetParallelProjection()) {
        // Every ray of a parallel projection runs along the view direction: start far behind the point.
        double dir[3];
        cam->GetDirectionOfProjection(dir);
        const double reach = 10 * (cam->GetDistance() + impl_->twin.hall.lengthM + impl_->twin.hall.widthM);
        for (int k = 0; k < 3; ++k)
            eye[size_t(k)] = p[size_t(k)] - dir[k] * reach;
    }
    const double length = std::hypot(p[0] - eye[0], p[1] - eye[1], p[2] - eye[2]);
    const auto hit = impl_->world.castRay(toLayout(eye, impl_->floorZ()), toLayout(p, impl_->floorZ()));
    return hit && hit->distanceM < length - 0.02; // a marker on a solid's face is not behind it
}

std::array<double, 2> HallScene::toDisplay(const std::array<double, 3>& p) const {
    vtkRenderer* r = impl_->renderer;
    r->SetWorldPoint(p[0], p[1], p[2], 1);
    r->WorldToDisplay();
    const double* d = r->GetDisplayPoint();
    return {d[0], d[1]};
}

void HallScene::setView(View view) {
    impl_->view = view;
    // Panels of a comparison keep the legend's margin even where it is hidden, so they frame alike.
    applyView(impl_->renderer, view, impl_->twin, !impl_->legendTitle.empty());
}

void HallScene::fitToHall() {
    fitBounds(impl_->renderer, hallBounds(impl_->twin.hall), !impl_->legendTitle.empty());
}

void HallScene::orbit(double degrees) {
    impl_->renderer->GetActiveCamera()->Azimuth(degrees);
    impl_->renderer->ResetCameraClippingRange();
}

void HallScene::copyCameraTo(vtkRenderer* other) const {
    other->GetActiveCamera()->DeepCopy(impl_->renderer->GetActiveCamera());
    other->ResetCameraClippingRange();
}

} // namespace halltwin::render
