#include "LayoutRules.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numbers>

namespace halltwin::model {
namespace {

struct Dir {
    double x, y;
};

// Front (air intake) faces -y at yaw 0; yaw turns counter-clockwise about z.
Dir frontOf(const Solid& s) {
    const double a = s.yawDeg * std::numbers::pi / 180;
    return {std::round(std::sin(a)), std::round(-std::cos(a))};
}

std::string joinLabels(const LayoutWorld& world, const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) {
        const Solid* o = world.solid(id);
        out += (out.empty() ? "" : ", ") + (o ? o->label : id);
    }
    return out;
}

// The zone of depth `depthM` beyond the face of `s` that points along `d`.
std::pair<Vec3, Vec3> zoneBeyond(const Solid& s, Dir d, double depthM) {
    const Rect r = footprint(s);
    constexpr double inset = 0.01; // keep neighbours in the row out of the zone
    Vec3 lo{r.x0 + inset, r.y0 + inset, 0.0}, hi{r.x1 - inset, r.y1 - inset, s.heightM};
    if (d.x > 0) lo[0] = r.x1, hi[0] = r.x1 + depthM;
    if (d.x < 0) lo[0] = r.x0 - depthM, hi[0] = r.x0;
    if (d.y > 0) lo[1] = r.y1, hi[1] = r.y1 + depthM;
    if (d.y < 0) lo[1] = r.y0 - depthM, hi[1] = r.y0;
    return {lo, hi};
}

// `doorM`: a rear door's depth, which the zone starts behind.
// What stands in the zone of depth `depthM` beyond the face of `s` along `d`, the hall wall included:
// labels joined for a message, empty when the zone is free.
std::string blockersBeyond(const LayoutWorld& world, const Hall& hall, const Solid& s, Dir d, double depthM) {
    auto [lo, hi] = zoneBeyond(s, d, depthM);
    std::string by = joinLabels(world, world.inBox(lo, hi, s.id));
    const bool wall =
        lo[0] < -1e-9 || lo[1] < -1e-9 || hi[0] > hall.lengthM + 1e-9 || hi[1] > hall.widthM + 1e-9;
    if (wall) by += by.empty() ? "the hall wall" : ", the hall wall";
    return by;
}

void checkZone(const LayoutWorld& world, const Hall& hall, const Solid& s, Dir d, double depthM,
               std::string_view what, std::vector<Problem>& out, double doorM = 0) {
    if (depthM <= 0) return;
    const std::string by = blockersBeyond(world, hall, s, d, depthM + doorM);
    if (!by.empty())
        out.push_back({s.label, "position",
                       fmt::format("{} service clearance of {} m{} blocked by {}", what, depthM,
                                   doorM > 0 ? fmt::format(" behind its {} m rear door", doorM) : "", by)});
}

void checkAisle(const LayoutWorld& world, const Hall& hall, const Solid& s, std::vector<Problem>& out) {
    const Dir d = frontOf(s);
    const Rect r = footprint(s);
    const Vec3 from{d.x > 0   ? r.x1
                    : d.x < 0 ? r.x0
                              : s.xM,
                    d.y > 0   ? r.y1
                    : d.y < 0 ? r.y0
                              : s.yM,
                    s.heightM / 2};
    const double toWall = d.x > 0   ? hall.lengthM - from[0]
                          : d.x < 0 ? from[0]
                          : d.y > 0 ? hall.widthM - from[1]
                                    : from[1];
    const Vec3 to{from[0] + d.x * toWall, from[1] + d.y * toWall, from[2]};
    auto hit = world.castRay(from, to, s.id);
    const double width = hit ? hit->distanceM : toWall;
    if (width + 0.011 < hall.minAisleM) {
        const Solid* other = hit ? world.solid(hit->id) : nullptr;
        out.push_back({s.label, "position",
                       fmt::format("aisle in front is {:.2f} m wide, below the minimum {} m (facing {})",
                                   width, hall.minAisleM, other ? other->label : "the hall wall")});
    }
}

} // namespace

std::optional<Problem> placementRefusal(const LayoutWorld& world, const Hall& hall, const Solid& s) {
    if (std::fmod(s.yawDeg, 90.0) != 0.0)
        return Problem{s.label, "yaw_deg", fmt::format("{} is not a multiple of 90 degrees", s.yawDeg)};
    if (!insideHall(s, hall)) {
        const Rect r = footprint(s);
        return Problem{
            s.label, "position",
            fmt::format("footprint [{:.2f}, {:.2f}] x [{:.2f}, {:.2f}] m leaves the hall (0..{} x 0..{} m)",
                        r.x0, r.x1, r.y0, r.y1, hall.lengthM, hall.widthM)};
    }
    if (s.rearDoorM > 0) {
        // Checked first, so that what the door runs into is named as the door's.
        const Dir front = frontOf(s);
        const std::string by = blockersBeyond(world, hall, s, {-front.x, -front.y}, s.rearDoorM);
        if (!by.empty())
            return Problem{s.label, "rear_door",
                           fmt::format("its {} m rear door would overlap {}", s.rearDoorM, by)};
    }
    std::vector<std::string> hits = world.overlaps(s);
    if (!hits.empty()) return Problem{s.label, "position", "would overlap " + joinLabels(world, hits)};
    return std::nullopt;
}

std::vector<Problem> clearanceWarnings(const LayoutWorld& world, const Hall& hall, const Solid& s) {
    std::vector<Problem> out;
    if (!s.serviced) return out;
    const Dir front = frontOf(s);
    checkZone(world, hall, s, front, hall.frontClearanceM, "front", out);
    checkZone(world, hall, s, {-front.x, -front.y}, hall.rearClearanceM, "rear", out, s.rearDoorM);
    checkAisle(world, hall, s, out);
    return out;
}

Diagnostics checkLayout(const Twin& twin, LayoutWorld& world) {
    Diagnostics d;
    world.clear();
    std::vector<Solid> solids = solidsOf(twin);
    for (const Solid& s : solids) {
        // Checked before insertion so each overlapping pair is reported once.
        if (auto p = placementRefusal(world, twin.hall, s)) d.error(p->object, p->field, p->message);
        world.upsert(s);
    }
    for (const Solid& s : solids)
        for (Problem& p : clearanceWarnings(world, twin.hall, s))
            d.warning(p.object, p.field, p.message);
    return d;
}

} // namespace halltwin::model
