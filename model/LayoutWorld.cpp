#include "LayoutWorld.hpp"

#include <btBulletCollisionCommon.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numbers>

namespace halltwin::model {
namespace {

// Boxes are shrunk by this much per face so that racks bolted side by side touch without overlapping.
constexpr double kTouchToleranceM = 0.005;

// A rack's rear door is part of its collision box: the box reaches rearDoorM further back (+y locally,
// the front facing -y at yaw 0).
btTransform poseOf(const Solid& s) {
    const double a = s.yawDeg * std::numbers::pi / 180, back = s.rearDoorM / 2;
    btTransform t;
    t.setIdentity();
    t.setOrigin(btVector3(btScalar(s.xM - std::sin(a) * back), btScalar(s.yM + std::cos(a) * back),
                          btScalar(s.baseM + s.heightM / 2)));
    t.setRotation(btQuaternion(btVector3(0, 0, 1), btScalar(a)));
    return t;
}

std::unique_ptr<btBoxShape> boxOf(double widthM, double depthM, double heightM) {
    auto half = [](double v) { return btScalar(std::max(v / 2 - kTouchToleranceM, 0.001)); };
    auto box = std::make_unique<btBoxShape>(btVector3(half(widthM), half(depthM), half(heightM)));
    box->setMargin(btScalar(0.001));
    return box;
}

std::unique_ptr<btBoxShape> boxOf(const Solid& s) {
    return boxOf(s.widthM, s.depthM + s.rearDoorM, s.heightM);
}

struct Entry {
    Solid solid;
    std::unique_ptr<btBoxShape> shape;
    std::unique_ptr<btCollisionObject> object;
};

struct Collector : btCollisionWorld::ContactResultCallback {
    const btCollisionObject* self = nullptr;
    std::vector<const btCollisionObject*> hits;
    btScalar addSingleResult(btManifoldPoint& cp, const btCollisionObjectWrapper* a, int, int,
                             const btCollisionObjectWrapper* b, int, int) override {
        const btCollisionObject* other =
            a->getCollisionObject() == self ? b->getCollisionObject() : a->getCollisionObject();
        if (cp.getDistance() < 0 && std::find(hits.begin(), hits.end(), other) == hits.end())
            hits.push_back(other);
        return 0;
    }
};

} // namespace

struct LayoutWorld::Impl {
    btDefaultCollisionConfiguration config;
    btCollisionDispatcher dispatcher{&config};
    btDbvtBroadphase broadphase;
    btCollisionWorld world{&dispatcher, &broadphase, &config};
    std::map<std::string, Entry> entries;
    std::map<const btCollisionObject*, std::string> ids;

    std::vector<std::string> contacts(btCollisionObject& probe, const std::string& skipId) {
        Collector c;
        c.self = &probe;
        world.contactTest(&probe, c);
        std::vector<std::string> out;
        for (const btCollisionObject* o : c.hits)
            if (auto it = ids.find(o); it != ids.end() && it->second != skipId) out.push_back(it->second);
        std::ranges::sort(out);
        return out;
    }
};

LayoutWorld::LayoutWorld() : impl_(std::make_unique<Impl>()) {}

LayoutWorld::~LayoutWorld() {
    clear();
}

void LayoutWorld::clear() {
    for (auto& [id, e] : impl_->entries)
        impl_->world.removeCollisionObject(e.object.get());
    impl_->entries.clear();
    impl_->ids.clear();
}

void LayoutWorld::upsert(const Solid& s) {
    auto it = impl_->entries.find(s.id);
    if (it != impl_->entries.end()) {
        Entry& e = it->second;
        const bool sameSize = e.solid.widthM == s.widthM && e.solid.depthM == s.depthM &&
                              e.solid.heightM == s.heightM && e.solid.rearDoorM == s.rearDoorM;
        if (sameSize) {
            // Moving an object is one transform update, not a rebuild.
            e.solid = s;
            e.object->setWorldTransform(poseOf(s));
            impl_->world.updateSingleAabb(e.object.get());
            return;
        }
        remove(s.id);
    }
    Entry e{s, boxOf(s), std::make_unique<btCollisionObject>()};
    e.object->setCollisionShape(e.shape.get());
    e.object->setWorldTransform(poseOf(s));
    impl_->world.addCollisionObject(e.object.get());
    impl_->ids[e.object.get()] = s.id;
    impl_->entries.emplace(s.id, std::move(e));
}

void LayoutWorld::remove(const std::string& id) {
    auto it = impl_->entries.find(id);
    if (it == impl_->entries.end()) return;
    impl_->world.removeCollisionObject(it->second.object.get());
    impl_->ids.erase(it->second.object.get());
    impl_->entries.erase(it);
}

bool LayoutWorld::contains(const std::string& id) const {
    return impl_->entries.contains(id);
}

size_t LayoutWorld::size() const {
    return impl_->entries.size();
}

const Solid* LayoutWorld::solid(const std::string& id) const {
    auto it = impl_->entries.find(id);
    return it == impl_->entries.end() ? nullptr : &it->second.solid;
}

std::vector<std::string> LayoutWorld::overlaps(const Solid& candidate) const {
    auto shape = boxOf(candidate);
    btCollisionObject probe;
    probe.setCollisionShape(shape.get());
    probe.setWorldTransform(poseOf(candidate));
    return impl_->contacts(probe, candidate.id);
}

std::vector<std::string> LayoutWorld::inBox(const Vec3& lo, const Vec3& hi, const std::string& skipId) const {
    Solid region;
    region.xM = (lo[0] + hi[0]) / 2, region.yM = (lo[1] + hi[1]) / 2;
    region.widthM = hi[0] - lo[0], region.depthM = hi[1] - lo[1], region.heightM = hi[2] - lo[2];
    auto shape = boxOf(region.widthM, region.depthM, region.heightM);
    btCollisionObject probe;
    probe.setCollisionShape(shape.get());
    btTransform t = poseOf(region);
    t.setOrigin(btVector3(btScalar(region.xM), btScalar(region.yM), btScalar((lo[2] + hi[2]) / 2)));
    probe.setWorldTransform(t);
    return impl_->contacts(probe, skipId);
}

std::optional<RayHit> LayoutWorld::castRay(const Vec3& from, const Vec3& to,
                                           const std::string& skipId) const {
    const btVector3 a{btScalar(from[0]), btScalar(from[1]), btScalar(from[2])};
    const btVector3 b{btScalar(to[0]), btScalar(to[1]), btScalar(to[2])};
    btCollisionWorld::AllHitsRayResultCallback all(a, b);
    impl_->world.rayTest(a, b, all);
    std::optional<RayHit> best;
    for (int i = 0; i < all.m_collisionObjects.size(); ++i) {
        auto it = impl_->ids.find(all.m_collisionObjects[i]);
        if (it == impl_->ids.end() || it->second == skipId) continue;
        const double d = double(all.m_hitFractions[i]) * double((b - a).length());
        if (best && best->distanceM <= d) continue;
        const btVector3& p = all.m_hitPointWorld[i];
        best = RayHit{it->second, d, {double(p.x()), double(p.y()), double(p.z())}};
    }
    return best;
}

Rect footprint(const Solid& s) {
    const bool quarter = std::fmod(std::abs(std::round(s.yawDeg / 90)), 2.0) == 1.0;
    const double hx = (quarter ? s.depthM : s.widthM) / 2, hy = (quarter ? s.widthM : s.depthM) / 2;
    return {s.xM - hx, s.yM - hy, s.xM + hx, s.yM + hy};
}

Rect envelope(const Solid& s) {
    Rect r = footprint(s);
    if (s.rearDoorM <= 0) return r;
    // The front faces -y at yaw 0 and turns counter-clockwise with the yaw; the door is on the other side.
    const double a = s.yawDeg * std::numbers::pi / 180;
    const long rx = -std::lround(std::sin(a)), ry = std::lround(std::cos(a));
    (rx > 0 ? r.x1 : rx < 0 ? r.x0 : ry > 0 ? r.y1 : r.y0) += (rx + ry) * s.rearDoorM;
    return r;
}

bool insideHall(const Solid& s, const Hall& hall) {
    const Rect r = footprint(s);
    constexpr double eps = 1e-9;
    return r.x0 >= -eps && r.y0 >= -eps && r.x1 <= hall.lengthM + eps && r.y1 <= hall.widthM + eps &&
           s.baseM + s.heightM <= hall.heightM - hall.raisedFloorM + eps;
}

namespace {

template <class P, class T>
std::optional<Solid> solidFor(const P& p, const Entries<T>& types, std::string_view label, bool serviced) {
    const T* t = find(types, p.type);
    if (!t) return std::nullopt;
    return Solid{
        p.id,    fmt::format("{} '{}'", label, p.id), p.xM, p.yM, p.yawDeg, t->widthM, t->depthM, t->heightM,
        serviced};
}

// An obstruction's box: length along x, width along y, from its low corner.
Solid obstructionSolid(const Obstruction& o) {
    Solid s{o.id,
            fmt::format("obstruction '{}'", o.id),
            o.xM + o.lengthM / 2,
            o.yM + o.widthM / 2,
            0,
            o.lengthM,
            o.widthM,
            o.heightM,
            false};
    s.baseM = o.zM;
    return s;
}

// A rack's box, with the depth of its rear door.
std::optional<Solid> rackSolid(const Twin& twin, const Rack& r) {
    std::optional<Solid> s = solidFor(r, twin.catalog.rackTypes, "rack", true);
    if (const RearDoorType* door = find(twin.catalog.rearDoorTypes, r.rearDoor); s && door)
        s->rearDoorM = door->depthM;
    return s;
}

} // namespace

std::vector<Solid> solidsOf(const Twin& twin) {
    std::vector<Solid> out;
    auto add = [&](std::optional<Solid> s) {
        if (s) out.push_back(std::move(*s));
    };
    for (const Rack& r : twin.racks)
        add(rackSolid(twin, r));
    for (const Cdu& c : twin.cooling.cdus)
        add(solidFor(c, twin.catalog.cduTypes, "CDU", false));
    for (const AirHandler& a : twin.cooling.airHandlers)
        add(solidFor(a, twin.catalog.airHandlerTypes, "air handler", false));
    for (const Obstruction& o : twin.obstructions)
        out.push_back(obstructionSolid(o));
    return out;
}

std::optional<Solid> solidOf(const Twin& twin, const std::string& id) {
    for (const Rack& r : twin.racks)
        if (r.id == id) return rackSolid(twin, r);
    for (const Cdu& c : twin.cooling.cdus)
        if (c.id == id) return solidFor(c, twin.catalog.cduTypes, "CDU", false);
    for (const AirHandler& a : twin.cooling.airHandlers)
        if (a.id == id) return solidFor(a, twin.catalog.airHandlerTypes, "air handler", false);
    for (const Obstruction& o : twin.obstructions)
        if (o.id == id) return obstructionSolid(o);
    return std::nullopt;
}

} // namespace halltwin::model
