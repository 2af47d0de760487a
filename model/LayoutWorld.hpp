// The Bullet collision world that mirrors every solid on the hall floor: overlap tests, clearance
// queries and ray picking. Bullet stays behind a pointer so its headers do not spread.
#pragma once

#include "Twin.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace halltwin::model {

// A box on the floor (or raised floor), yawed about z; an obstruction (a beam) may start above it.
struct Solid {
    std::string id, label; // label names it in messages: "rack 'row-a-01'"
    double xM = 0, yM = 0, yawDeg = 0;
    double widthM = 0, depthM = 0, heightM = 0;
    bool serviced = false; // racks need front and rear service clearance
    double baseM = 0;      // its bottom above the floor
    double rearDoorM = 0;  // depth of a rear door hung on a rack's rear face, beyond depthM
};

using Vec3 = std::array<double, 3>;

struct RayHit {
    std::string id;
    double distanceM = 0;
    Vec3 point{};
};

class LayoutWorld {
  public:
    LayoutWorld();
    ~LayoutWorld();
    LayoutWorld(const LayoutWorld&) = delete;
    LayoutWorld& operator=(const LayoutWorld&) = delete;

    void clear();
    void upsert(const Solid& s); // add or move to the new pose
    void remove(const std::string& id);
    bool contains(const std::string& id) const;
    size_t size() const;

    // Ids of solids that the candidate would penetrate (touching faces do not count); its own id is skipped.
    std::vector<std::string> overlaps(const Solid& candidate) const;
    // Ids of solids inside an axis-aligned box region in hall coordinates.
    std::vector<std::string> inBox(const Vec3& minCorner, const Vec3& maxCorner,
                                   const std::string& skipId) const;
    std::optional<RayHit> castRay(const Vec3& from, const Vec3& to, const std::string& skipId = {}) const;
    const Solid* solid(const std::string& id) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Solids of a twin, sized from its catalogue; objects whose type is unknown are left out.
std::vector<Solid> solidsOf(const Twin& twin);
std::optional<Solid> solidOf(const Twin& twin, const std::string& id);

// The solid's footprint as an axis-aligned rectangle (yaw is a multiple of 90 degrees).
struct Rect {
    double x0, y0, x1, y1;
};
Rect footprint(const Solid& s);
// The footprint with a rack's rear door: what the air meets.
Rect envelope(const Solid& s);
bool insideHall(const Solid& s, const Hall& hall);

} // namespace halltwin::model
