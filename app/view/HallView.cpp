#include "view/HallView.hpp"

#include "commands/MoveObjectCommand.hpp"
#include "render/AirFieldView.hpp"
#include "render/HallScene.hpp"
#include "render/OffscreenWindow.hpp"
#include "render/Snapshot.hpp"

#include <QElapsedTimer>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QRubberBand>
#include <QSurfaceFormat>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkNew.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>

#include <cmath>

namespace halltwin::app {

void useVtkSurfaceFormat() {
    QSurfaceFormat format;
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setSamples(0);
    QSurfaceFormat::setDefaultFormat(format);
}

struct HallView::Impl {
    render::HallScene scene;
    vtkNew<vtkGenericOpenGLRenderWindow> window;
    vtkNew<vtkGenericRenderWindowInteractor> interactor;
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    vtkNew<vtkCallbackCommand> bridge;
    bool painting = false;
};

// vtkGenericOpenGLRenderWindow owns no context: it asks its observers to make the widget's context
// current and whether it is, and skips Render() without a word when nobody answers (as VTK's own Qt
// adapter does, the answers come from the widget's context).
void HallView::bridgeEvent(vtkObject*, unsigned long event, void* client, void* callData) {
    auto* v = static_cast<HallView*>(client);
    switch (event) {
    case vtkCommand::WindowMakeCurrentEvent:
        if (v->context() && QOpenGLContext::currentContext() != v->context()) v->makeCurrent();
        break;
    case vtkCommand::WindowIsCurrentEvent:
        *static_cast<bool*>(callData) = v->context() && QOpenGLContext::currentContext() == v->context();
        break;
    case vtkCommand::WindowIsDirectEvent:
    case vtkCommand::WindowSupportsOpenGLEvent:
        *static_cast<int*>(callData) = 1;
        break;
    case vtkCommand::WindowFrameEvent: // a render outside paintGL (e.g. a picker's) asks for a repaint
        if (!v->impl_->painting) v->update();
        break;
    default:
        break;
    }
}

HallView::HallView(TwinDocument* doc, QWidget* parent)
    : QOpenGLWidget(parent), impl_(std::make_unique<Impl>()), doc_(doc) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    impl_->window->AddRenderer(impl_->scene.renderer());
    impl_->window->SetMultiSamples(0);
    impl_->interactor->SetRenderWindow(impl_->window);
    impl_->interactor->SetInteractorStyle(impl_->style);
    impl_->interactor->EnableRenderOff(); // Qt decides when to paint
    impl_->bridge->SetClientData(this);
    impl_->bridge->SetCallback(&HallView::bridgeEvent);
    for (unsigned long e : {vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent,
                            vtkCommand::WindowIsDirectEvent, vtkCommand::WindowSupportsOpenGLEvent,
                            vtkCommand::WindowFrameEvent})
        impl_->window->AddObserver(e, impl_->bridge);
    connect(doc_, &TwinDocument::twinReplaced, this, &HallView::rebuild);
    connect(doc_, &TwinDocument::twinChanged, this, &HallView::followChanges);
    rebuild();
}

HallView::~HallView() {
    makeCurrent();
    impl_->window->RemoveObserver(impl_->bridge);
    impl_.reset();
    doneCurrent();
}

render::HallScene& HallView::scene() {
    return impl_->scene;
}

void HallView::rebuild() {
    air_.reset(); // of the twin that was open before
    probeLabels_.clear();
    impl_->scene.build(doc_->twin());
    impl_->scene.setView(render::View::Iso);
    update();
}

// Moves follow one transform each; anything structural rebuilds the scene (cheap at hall sizes).
void HallView::followChanges(const QStringList& ids) {
    const model::Twin& t = doc_->twin();
    bool onlyRacks = !ids.isEmpty();
    for (const QString& id : ids) {
        auto it = std::find_if(t.racks.begin(), t.racks.end(),
                               [&](const model::Rack& r) { return r.id == id.toStdString(); });
        if (it == t.racks.end()) {
            onlyRacks = false;
            break;
        }
        impl_->scene.moveRack(size_t(it - t.racks.begin()), it->xM, it->yM, it->yawDeg);
    }
    if (!onlyRacks || impl_->scene.counts().racks != t.racks.size()) {
        vtkNew<vtkCamera> keep;
        keep->DeepCopy(impl_->scene.renderer()->GetActiveCamera());
        impl_->scene.build(t);
        impl_->scene.renderer()->GetActiveCamera()->DeepCopy(keep);
        if (!selected_.isEmpty()) impl_->scene.setHighlight(selected_.toStdString());
        applyAirSlice(impl_->scene); // until newer results replace it
        impl_->scene.setProbeLabels(probeLabelsNow());
    }
    update();
}

void HallView::setView(render::View v) {
    impl_->scene.setView(v);
    update();
    emit cameraChanged();
}

void HallView::setRackColours(const render::RackScalars& s, std::optional<render::Range> range) {
    colours_ = s, range_ = range;
    impl_->scene.setRackColours(s, range ? *range : render::rangeOf(s.values));
    update();
}

void HallView::setOverlays(const model::sim::SimulationResult& r) {
    overlays_ = r;
    render::applyOverlays(impl_->scene, doc_->twin(), r);
    update();
}

bool HallView::setAirSlice(std::shared_ptr<const model::air::AirFields> fields,
                           std::optional<double> heightM) {
    air_ = std::move(fields), sliceHeightM_ = heightM;
    applyAirSlice(impl_->scene);
    update();
    return hasAirSlice() || !air_ || !sliceHeightM_;
}

// `labels` follow the twin's probes as they are now; kept by id, so a later structural change (a probe
// added, deleted or moved) keeps each label on its own probe.
void HallView::setProbeLabels(std::vector<std::string> labels) {
    probeLabels_.clear();
    const auto& probes = doc_->twin().probes;
    for (size_t i = 0; i < labels.size() && i < probes.size(); ++i)
        probeLabels_[probes[i].id] = std::move(labels[i]);
    impl_->scene.setProbeLabels(probeLabelsNow());
    update();
}

std::vector<std::string> HallView::probeLabelsNow() const {
    std::vector<std::string> out;
    for (const model::Probe& p : doc_->twin().probes) {
        auto it = probeLabels_.find(p.id);
        out.push_back(it == probeLabels_.end() ? p.id : it->second);
    }
    return out;
}

bool HallView::hasAirSlice() const {
    return impl_->scene.hasSlice();
}

void HallView::applyAirSlice(render::HallScene& scene) const {
    if (!air_ || !sliceHeightM_ || !render::showAirSlice(scene, *air_, air_->origin[2] + *sliceHeightM_))
        scene.setHorizontalSlice({}, 0, {});
}

void HallView::clearRackColours() {
    colours_.reset();
    impl_->scene.clearRackColours();
    update();
}

void HallView::select(const QString& id) {
    selection_ = id.isEmpty() ? QStringList() : QStringList{id};
    impl_->scene.setHighlight(id.toStdString());
    update();
    if (id == selected_) return;
    selected_ = id;
    emit selectionChanged(id);
}

void HallView::addToSelection(const QString& id) {
    if (!selection_.contains(id)) selection_ << id;
    impl_->scene.setHighlight(id.toStdString());
    update();
    selected_ = id;
    emit selectionChanged(id);
}

void HallView::initializeGL() {
    impl_->window->SetOwnContext(false);
    impl_->window->SetFrameBlitModeToBlitToCurrent();
    impl_->window->OpenGLInitContext();
}

void HallView::resizeGL(int w, int h) {
    const qreal r = devicePixelRatioF();
    impl_->window->SetSize(int(w * r), int(h * r));
    impl_->interactor->SetSize(int(w * r), int(h * r));
}

namespace {
void record(std::vector<double>& v, const QElapsedTimer& t) {
    if (v.size() >= 1000) v.erase(v.begin());
    v.push_back(double(t.nsecsElapsed()) / 1e6);
}
} // namespace

// Qt binds the widget's framebuffer and changes GL state between frames: VTK's state cache is re-read
// first, so that its blit lands in the framebuffer Qt composes onto the screen.
void HallView::paintGL() {
    vtkOpenGLState* state = impl_->window->GetState();
    state->Reset();
    state->Push();
    impl_->painting = true;
    impl_->window->SetReadyForRendering(true);
    impl_->window->Render();
    impl_->window->SetReadyForRendering(false);
    impl_->painting = false;
    state->Pop();
}

void HallView::forward(QMouseEvent* e, int vtkEvent) {
    const qreal r = devicePixelRatioF();
    const QPointF p = e->position();
    impl_->interactor->SetEventInformationFlipY(int(p.x() * r), int(p.y() * r),
                                                e->modifiers() & Qt::ControlModifier,
                                                e->modifiers() & Qt::ShiftModifier);
    impl_->interactor->InvokeEvent(vtkEvent, e);
    update();
    emit cameraChanged();
}

// The floor point under a widget pixel: the view ray intersected with the plane z = 0.
std::optional<std::array<double, 2>> HallView::planePointAt(QPoint p, double z) {
    vtkRenderer* ren = impl_->scene.renderer();
    const qreal r = devicePixelRatioF();
    const double x = p.x() * r, y = (height() - p.y()) * r;
    double nearP[4], farP[4];
    ren->SetDisplayPoint(x, y, 0.0), ren->DisplayToWorld(), ren->GetWorldPoint(nearP);
    ren->SetDisplayPoint(x, y, 1.0), ren->DisplayToWorld(), ren->GetWorldPoint(farP);
    for (double* q : {nearP, farP})
        for (int i = 0; i < 3; ++i)
            q[i] /= q[3];
    const double dz = farP[2] - nearP[2];
    if (std::abs(dz) < 1e-12) return std::nullopt;
    const double t = (z - nearP[2]) / dz;
    if (t < 0) return std::nullopt;
    return std::array<double, 2>{nearP[0] + t * (farP[0] - nearP[0]), nearP[1] + t * (farP[1] - nearP[1])};
}

QPoint HallView::widgetPointOf(double xM, double yM, double zM) {
    const auto d = impl_->scene.toDisplay({xM, yM, zM});
    const qreal r = devicePixelRatioF();
    return QPoint(int(std::lround(d[0] / r)), int(std::lround(height() - d[1] / r)));
}

std::optional<std::array<double, 3>> HallView::markerPosition(const std::string& id) const {
    const model::Twin& t = doc_->twin();
    const double floor = t.hall.raisedFloorM;
    for (const model::Probe& p : t.probes)
        if (p.id == id) return std::array<double, 3>{p.xM, p.yM, floor + p.zM};
    for (const model::Vent& v : t.vents)
        if (v.id == id)
            return std::array<double, 3>{v.xM, v.yM, v.surface == "ceiling" ? t.hall.heightM : floor + v.zM};
    return std::nullopt;
}

std::optional<std::pair<QString, std::array<double, 3>>> HallView::markerAt(QPoint p) {
    constexpr int reachPx = 8;
    std::optional<std::pair<QString, std::array<double, 3>>> best;
    int bestD = reachPx * reachPx + 1;
    auto consider = [&](const std::string& id) {
        const auto at = markerPosition(id);
        const QPoint q = widgetPointOf((*at)[0], (*at)[1], (*at)[2]) - p;
        if (const int d = q.x() * q.x() + q.y() * q.y(); d < bestD && !impl_->scene.hidden(*at))
            bestD = d, best = {QString::fromStdString(id), *at};
    };
    for (const model::Probe& probe : doc_->twin().probes)
        consider(probe.id);
    for (const model::Vent& v : doc_->twin().vents)
        consider(v.id);
    return best;
}

// Probes and vents drag in the horizontal plane at their own height, snapped to 0.1 m.
void HallView::dragMarker(QPoint p) {
    const auto plane = planePointAt(p, markerZ_);
    const auto at = markerPosition(selected_.toStdString());
    if (!plane || !at) return;
    double x = std::round(((*plane)[0] + grabOffset_[0]) * 10) / 10,
           y = std::round(((*plane)[1] + grabOffset_[1]) * 10) / 10;
    // A wall vent slides along its wall: the coordinate that puts it on the wall stays.
    const model::Twin& t = doc_->twin();
    for (const model::Vent& v : t.vents)
        if (v.id == selected_.toStdString() && v.surface == "wall") {
            const bool endWall = v.xM <= 0 || v.xM >= t.hall.lengthM;
            (endWall ? x : y) = endWall ? v.xM : v.yM;
        }
    if (x == (*at)[0] && y == (*at)[1]) return;
    const Pose from{(*at)[0], (*at)[1], 0}, to{x, y, 0};
    const QString refusal = tryPose(doc_, selected_, to);
    if (!refusal.isEmpty()) return emit editRefused(refusal);
    tryPose(doc_, selected_, from); // the command applies it, so that undo knows
    doc_->undoStack()->push(new MoveObjectCommand(doc_, selected_, from, to, dragSerial_));
    dragging_ = true;
}

void HallView::mousePressEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier)) {
        if (!band_) band_ = new QRubberBand(QRubberBand::Rectangle, this);
        bandOrigin_ = e->position().toPoint();
        band_->setGeometry(QRect(bandOrigin_, QSize()));
        band_->show();
        return;
    }
    if (e->button() == Qt::LeftButton && !(e->modifiers() & Qt::ControlModifier)) {
        if (const auto marker = markerAt(e->position().toPoint())) {
            select(marker->first);
            const auto plane = planePointAt(e->position().toPoint(), marker->second[2]);
            pressedOnSelection_ = plane.has_value();
            if (plane) {
                markerZ_ = marker->second[2];
                grabOffset_ = {marker->second[0] - (*plane)[0], marker->second[1] - (*plane)[1]};
                ++dragSerial_;
                dragging_ = false;
            }
            return;
        }
    }
    if (e->button() == Qt::LeftButton) {
        const qreal r = devicePixelRatioF();
        makeCurrent();
        auto hit = impl_->scene.pick(e->position().x() * r, (height() - e->position().y()) * r);
        if (hit && (e->modifiers() & Qt::ControlModifier)) {
            addToSelection(QString::fromStdString(*hit));
            return;
        }
        if (hit) {
            select(QString::fromStdString(*hit));
            const model::Solid* s = doc_->editor().world().solid(*hit);
            auto floor = floorPointAt(e->position().toPoint());
            pressedOnSelection_ = s && floor;
            if (pressedOnSelection_) {
                grabOffset_ = {s->xM - (*floor)[0], s->yM - (*floor)[1]};
                ++dragSerial_;
                dragging_ = false;
                return;
            }
        } else if (!(e->modifiers() & Qt::ControlModifier)) {
            select({});
        }
    }
    forward(e, e->button() == Qt::LeftButton     ? vtkCommand::LeftButtonPressEvent
               : e->button() == Qt::MiddleButton ? vtkCommand::MiddleButtonPressEvent
                                                 : vtkCommand::RightButtonPressEvent);
}

// Drags snap to the tile grid and stop at contact: a refused position leaves the object where it was.
void HallView::drag(QPoint p) {
    auto floor = floorPointAt(p);
    const model::Solid* s = doc_->editor().world().solid(selected_.toStdString());
    if (!floor || !s) return;
    const double x = doc_->editor().snapToTile((*floor)[0] + grabOffset_[0] - s->widthM / 2) + s->widthM / 2;
    const double y = doc_->editor().snapToTile((*floor)[1] + grabOffset_[1] - s->depthM / 2) + s->depthM / 2;
    if (x == s->xM && y == s->yM) return;
    const Pose from{s->xM, s->yM, s->yawDeg}, to{x, y, s->yawDeg};
    const QString refusal = tryPose(doc_, selected_, to);
    if (!refusal.isEmpty()) {
        emit editRefused(refusal);
        return;
    }
    tryPose(doc_, selected_, from); // the command applies it, so that undo knows
    doc_->undoStack()->push(new MoveObjectCommand(doc_, selected_, from, to, dragSerial_));
    dragging_ = true;
    const std::vector<model::Problem> warnings = doc_->editor().warningsFor(selected_.toStdString());
    if (!warnings.empty()) emit editWarning(QString::fromStdString(warnings.front().toString()));
}

void HallView::selectInBand(const QRect& r) {
    const QString keep = selected_;
    select({});
    // Each solid's centre where the scene draws it: on the raised floor, from its base up.
    const double floor = doc_->twin().hall.raisedFloorM;
    for (const model::Solid& s : model::solidsOf(doc_->twin()))
        if (r.contains(widgetPointOf(s.xM, s.yM, floor + s.baseM + s.heightM / 2)))
            addToSelection(QString::fromStdString(s.id));
    if (selection_.isEmpty() && !keep.isEmpty()) emit selectionChanged({});
}

void HallView::mouseMoveEvent(QMouseEvent* e) {
    if (band_ && band_->isVisible())
        return band_->setGeometry(QRect(bandOrigin_, e->position().toPoint()).normalized());
    if (pressedOnSelection_ && (e->buttons() & Qt::LeftButton)) {
        QElapsedTimer t;
        t.start();
        if (markerPosition(selected_.toStdString()))
            dragMarker(e->position().toPoint());
        else
            drag(e->position().toPoint());
        return record(dragStepMs_, t);
    }
    forward(e, vtkCommand::MouseMoveEvent);
}

void HallView::mouseReleaseEvent(QMouseEvent* e) {
    if (band_ && band_->isVisible()) {
        band_->hide();
        return selectInBand(band_->geometry());
    }
    if (pressedOnSelection_ && e->button() == Qt::LeftButton) {
        pressedOnSelection_ = false;
        dragging_ = false;
        return;
    }
    forward(e, e->button() == Qt::LeftButton     ? vtkCommand::LeftButtonReleaseEvent
               : e->button() == Qt::MiddleButton ? vtkCommand::MiddleButtonReleaseEvent
                                                 : vtkCommand::RightButtonReleaseEvent);
}

void HallView::wheelEvent(QWheelEvent* e) {
    vtkCamera* cam = impl_->scene.renderer()->GetActiveCamera();
    cam->Dolly(e->angleDelta().y() > 0 ? 1.1 : 1 / 1.1);
    impl_->scene.renderer()->ResetCameraClippingRange();
    update();
    emit cameraChanged();
}

void HallView::keyPressEvent(QKeyEvent* e) {
    if (e->key() == Qt::Key_F) return impl_->scene.fitToHall(), update();
    QOpenGLWidget::keyPressEvent(e);
}

QImage HallView::exportImage(int width, int height) const {
    render::HallScene copy;
    copy.build(doc_->twin());
    if (colours_) copy.setRackColours(*colours_, range_ ? *range_ : render::rangeOf(colours_->values));
    if (overlays_) render::applyOverlays(copy, doc_->twin(), *overlays_);
    applyAirSlice(copy);
    copy.setProbeLabels(probeLabelsNow());
    impl_->scene.copyCameraTo(copy.renderer());
    render::OffscreenWindow window(width, height);
    window.add(copy.renderer());
    const render::Image img = window.grab();
    return QImage(img.rgb.data(), img.width, img.height, img.width * 3, QImage::Format_RGB888).copy();
}

} // namespace halltwin::app
