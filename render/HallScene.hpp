// The 3-D hall: floor, walls, racks (instanced boxes), CDUs, air handlers, busways and coolant pipes,
// built into a renderer from a twin. VTK stays behind a pointer; only vtkRenderer is named, for the
// app's widget to show it.
#pragma once

#include "model/Twin.hpp"
#include "render/RenderTypes.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string>

class vtkRenderer;

namespace halltwin::render {

// What the scene holds, so tests can check it against the twin.
struct SceneCounts {
    size_t racks = 0, frontMarkers = 0, cdus = 0, airHandlers = 0, busways = 0, pipes = 0, probes = 0;
    size_t rearDoors = 0;
};

class HallScene {
  public:
    HallScene();
    ~HallScene();
    HallScene(const HallScene&) = delete;
    HallScene& operator=(const HallScene&) = delete;

    void build(const model::Twin& twin); // replaces everything; colours racks by cooling kind
    vtkRenderer* renderer() const;
    SceneCounts counts() const;
    std::array<double, 6> bounds() const; // of all visible props: xmin, xmax, ymin, ymax, zmin, zmax

    // Colours racks by a scalar (viridis over `range`; NaN grey) and shows a legend "title [units]".
    void setRackColours(const RackScalars& scalars, Range range);
    void clearRackColours(); // back to the cooling-kind colours, legend hidden
    void setLegendVisible(bool visible);

    // Overlays from results. Pipes coloured by each rack's coolant return temperature (a cool–warm
    // diverging map, its own horizontal legend); busways by load, the share of their rated current
    // (green below 60 %, amber to 90 %, red above, with a caption); NaN or empty clears an overlay.
    void setPipeTemperatures(const std::vector<double>& rackReturnC);
    void setBuswayLoads(const std::vector<double>& loadFractionByBusway); // indexed like twin.power.busways
    std::string pipeLegendTitle() const;                                  // empty when hidden
    Rgb buswayColour(size_t buswayIndex) const;
    // A temperature slice through a field: horizontal at height zM, or vertical across the hall at y = yM
    // (along a row); inferno colours with their own legend. Velocity arrows on the horizontal slice
    // when `velocity` is given. An empty field removes the slice.
    void setHorizontalSlice(const ScalarField& field, double zM, Range range,
                            const VectorField* velocity = nullptr);
    void setVerticalSlice(const ScalarField& field, double yM, Range range);
    bool hasSlice() const;

    // The probes' labels, one per probe in the twin's order (empty: the id alone), e.g. their readings.
    void setProbeLabels(const std::vector<std::string>& labels);
    std::string probeLabel(size_t index) const;
    // Outlines one rack, CDU or air handler and labels it with its name; empty id clears.
    void setHighlight(const std::string& id);
    std::optional<std::string> highlighted() const;
    // A heading in the top-left corner (and a smaller line under it); empty hides it.
    void setTitle(const std::string& title, const std::string& subtitle = {});
    // Text sizes relative to a 1600x1000 image (1 = 20 px title), so small images stay legible.
    void setTextScale(double scale);
    Rgb rackColour(size_t index) const;
    std::string legendTitle() const; // empty when hidden

    // Moves one rack instance (its front marker and pipe follow); no rebuild.
    void moveRack(size_t index, double xM, double yM, double yawDeg);
    std::array<double, 3> rackInstanceCentre(size_t index) const;

    // Id of the rack, CDU or air handler under a display pixel (origin bottom-left, as in VTK). Needs
    // the renderer to sit in a window that has rendered.
    std::optional<std::string> pick(double displayX, double displayY) const;
    // Whether a solid of the layout stands between the camera and a point of the scene (a probe or vent
    // marker behind a rack is not picked through it).
    bool hidden(const std::array<double, 3>& point) const;
    std::array<double, 2> toDisplay(const std::array<double, 3>& worldPoint) const;

    void setView(View view); // camera preset, fitted to the hall
    void fitToHall();        // keeps the direction, frames the hall
    void orbit(double degrees);
    void copyCameraTo(vtkRenderer* other) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace halltwin::render
