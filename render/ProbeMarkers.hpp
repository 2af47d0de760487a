// A twin's probes in the 3-D view: a small sphere at each point (one glyph mapper for them all) and a
// label beside it: the probe's id, and what it reads once the air is solved (or how it compares with a
// measurement). VTK stays behind a pointer.
#pragma once

#include "model/Twin.hpp"

#include <memory>
#include <string>
#include <vector>

class vtkRenderer;

namespace halltwin::render {

class ProbeMarkers {
  public:
    ProbeMarkers();
    ~ProbeMarkers();
    ProbeMarkers(const ProbeMarkers&) = delete;
    ProbeMarkers& operator=(const ProbeMarkers&) = delete;

    // Replaces the markers with these probes' and adds them to `r` (after r lost its props); `floorZ` is
    // the room floor's height (probes' heights are above it).
    void build(const std::vector<model::Probe>& probes, double floorZ, vtkRenderer* r);
    // One text per probe, in the twin's order; an empty text (or a missing one) shows the id alone.
    void setLabels(const std::vector<std::string>& labels);
    size_t size() const;
    std::string label(size_t i) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace halltwin::render
