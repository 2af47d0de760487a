// The 3-D view: a QOpenGLWidget driving a vtkGenericOpenGLRenderWindow (Debian's VTK Qt module is
// built for Qt 5, so the bridge is ours). Orbit, pan and zoom go to VTK's trackball camera; a press on
// a rack, CDU or air handler selects it and dragging moves it on the floor, snapped to the tile grid,
// through the document's undo stack.
#pragma once

#include "TwinDocument.hpp"

#include "model/air/AirResultsFile.hpp"
#include "model/sim/SystemSimulation.hpp"
#include "render/RenderTypes.hpp"

#include <QOpenGLWidget>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace halltwin::render {
class HallScene;
}

class QRubberBand;
class vtkObject;

namespace halltwin::app {

// VTK's OpenGL needs a core-profile context with a depth buffer; no multisampling, so images are stable.
// Call before the QApplication exists.
void useVtkSurfaceFormat();

class HallView : public QOpenGLWidget {
    Q_OBJECT
  public:
    explicit HallView(TwinDocument* doc, QWidget* parent = nullptr);
    ~HallView() override;

    render::HallScene& scene();
    void setView(render::View v);
    void setRackColours(const render::RackScalars& s, std::optional<render::Range> range = {});
    void clearRackColours();
    // Pipes by coolant return temperature, busways by load, from the latest results.
    void setOverlays(const model::sim::SimulationResult& r);
    // The air temperature and velocity on a horizontal slice heightM above the room floor; no fields or
    // no height removes it. False when the height misses the fields' grid.
    bool setAirSlice(std::shared_ptr<const model::air::AirFields> fields, std::optional<double> heightM);
    bool hasAirSlice() const;
    // What the probes' labels say (one per probe; empty: the ids), kept across rebuilds of the scene.
    void setProbeLabels(std::vector<std::string> labels);
    QString selected() const { return selected_; }       // the current object (the last one clicked)
    QStringList selection() const { return selection_; } // Ctrl-click adds to it
    void select(const QString& id);
    void addToSelection(const QString& id);
    // Display position (Qt widget coordinates, origin top-left) of a point on the floor, for tests.
    QPoint widgetPointOf(double xM, double yM, double zM = 1.0);
    // This view (camera, colours) rendered offscreen at any size, for export.
    QImage exportImage(int width, int height) const;
    // GUI-thread time of each drag step (model, collision, undo command, docks, design-point
    // re-simulation) in ms, the last 1,000: what the edit budget is about.
    const std::vector<double>& dragStepMs() const { return dragStepMs_; }

  signals:
    void selectionChanged(const QString& id);
    void editRefused(const QString& message);
    void editWarning(const QString& message); // clearances after a move, shown while dragging
    void cameraChanged();

  protected:
    void initializeGL() override;
    void paintGL() override;
    void resizeGL(int w, int h) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

  private:
    static void bridgeEvent(vtkObject* caller, unsigned long event, void* client, void* callData);
    void rebuild();
    void applyAirSlice(render::HallScene& scene) const;
    void followChanges(const QStringList& ids);
    std::optional<std::array<double, 2>> floorPointAt(QPoint p) { return planePointAt(p, 0); }
    // Where the ray under p meets the horizontal plane at scene height z.
    std::optional<std::array<double, 2>> planePointAt(QPoint p, double z);
    // The probe or ceiling/wall vent drawn within a few pixels of p and not hidden behind a solid: its id
    // and where it is (scene metres).
    std::optional<std::pair<QString, std::array<double, 3>>> markerAt(QPoint p);
    std::optional<std::array<double, 3>> markerPosition(const std::string& id) const;
    void dragMarker(QPoint p);
    void forward(QMouseEvent* e, int vtkEvent);
    void drag(QPoint p);

    struct Impl;
    std::unique_ptr<Impl> impl_;
    TwinDocument* doc_;
    QString selected_;
    QStringList selection_;
    bool dragging_ = false, pressedOnSelection_ = false;
    std::vector<double> dragStepMs_;
    std::array<double, 2> grabOffset_{};
    double markerZ_ = 0;          // scene height of the marker being dragged
    QRubberBand* band_ = nullptr; // Shift-drag on the floor selects every object whose centre it covers
    QPoint bandOrigin_;
    void selectInBand(const QRect& r);
    int dragSerial_ = 0; // moves within one press merge into one undo step
    std::optional<render::RackScalars> colours_;
    std::optional<render::Range> range_;
    std::optional<model::sim::SimulationResult> overlays_;
    std::shared_ptr<const model::air::AirFields> air_;
    std::optional<double> sliceHeightM_;
    std::map<std::string, std::string> probeLabels_; // by probe id: they follow adds, deletes and moves
    std::vector<std::string> probeLabelsNow() const;
};

} // namespace halltwin::app
