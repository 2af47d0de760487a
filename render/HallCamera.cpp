// Camera presets for a hall: the same framing logic for every twin, so side-by-side images compare.
#include "render/SceneParts.hpp"

#include <vtkCamera.h>
#include <vtkMatrix4x4.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace halltwin::render {
namespace {

double aspectOf(vtkRenderer* r) {
    vtkRenderWindow* w = r->GetRenderWindow();
    if (!w || w->GetSize()[0] <= 0) return 1.6;
    const double* vp = r->GetViewport();
    return (vp[2] - vp[0]) * w->GetSize()[0] / std::max(1.0, (vp[3] - vp[1]) * w->GetSize()[1]);
}

// The part of the view the hall may fill, in normalised device coordinates: clear of the title at the
// top and, when racks are coloured, of the legend on the right.
struct Frame {
    double x0, x1, y0, y1;
    double cx() const { return (x0 + x1) / 2; }
    double cy() const { return (y0 + y1) / 2; }
};
Frame frameFor(bool legend) {
    return {-0.95, legend ? 0.62 : 0.95, -0.92, 0.80};
}

// How far the box corners reach out of the frame: 1 = touching its nearest edge.
double ndcExtent(vtkCamera* cam, double aspect, const Bounds& b, const Frame& f) {
    vtkMatrix4x4* m = cam->GetCompositeProjectionTransformMatrix(aspect, -1, 1);
    double worst = 0;
    for (int i = 0; i < 8; ++i) {
        const double p[4] = {b[size_t(i & 1)], b[size_t(2 + ((i >> 1) & 1))], b[size_t(4 + ((i >> 2) & 1))],
                             1};
        double q[4];
        m->MultiplyPoint(p, q);
        if (q[3] > 1e-9)
            worst = std::max({worst, std::abs(q[0] / q[3] - f.cx()) / ((f.x1 - f.x0) / 2),
                              std::abs(q[1] / q[3] - f.cy()) / ((f.y1 - f.y0) / 2)});
    }
    return worst;
}

// A cold aisle for the row view: the widest gap between neighbouring rack rows, else in front of the first.
double aisleY(const model::Twin& twin) {
    std::set<double> ys;
    for (const model::Rack& r : twin.racks)
        ys.insert(std::round(r.yM * 10) / 10);
    if (ys.empty()) return twin.hall.widthM / 2;
    if (ys.size() == 1) return std::max(0.5, *ys.begin() - 1.5);
    double best = 0, y = 0;
    for (auto a = ys.begin(), b = std::next(a); b != ys.end(); ++a, ++b)
        if (*b - *a > best) best = *b - *a, y = (*a + *b) / 2;
    return y;
}

} // namespace

void fitBounds(vtkRenderer* r, const Bounds& b, bool legend) {
    vtkCamera* cam = r->GetActiveCamera();
    const Frame f = frameFor(legend);
    cam->SetWindowCenter(-f.cx(), -f.cy()); // the view axis lands on the frame's centre
    r->ResetCamera(b.data());
    const double aspect = aspectOf(r);
    if (cam->GetParallelProjection()) {
        cam->SetParallelScale(cam->GetParallelScale() * ndcExtent(cam, aspect, b, f));
    } else {
        // The bounding-sphere fit leaves wide margins; close in until the hall fills the frame.
        for (int i = 0; i < 4; ++i)
            cam->Dolly(1 / std::max(1e-3, ndcExtent(cam, aspect, b, f)));
    }
    r->ResetCameraClippingRange(); // everything drawn, not just the framed box, stays unclipped
}

void applyView(vtkRenderer* r, View view, const model::Twin& twin, bool legend) {
    const model::Hall& h = twin.hall;
    vtkCamera* cam = r->GetActiveCamera();
    const double cx = h.lengthM / 2, cy = h.widthM / 2, floorZ = h.raisedFloorM;
    cam->SetViewUp(0, 0, 1);
    cam->SetParallelProjection(view == View::Plan);
    cam->SetViewAngle(30);
    if (view == View::Iso) {
        // From the front-right corner, above: rack fronts (facing -y at yaw 0) and the aisles both show.
        cam->SetFocalPoint(cx, cy, floorZ + 1);
        cam->SetPosition(cx + 0.7 * h.lengthM, cy - 1.2 * h.widthM, floorZ + 0.9 * (h.lengthM + h.widthM));
        Bounds b = hallBounds(h);
        b[5] = std::min(b[5], floorZ + 3.2); // frame the equipment, not the empty volume under the roof
        fitBounds(r, b, legend);
    } else if (view == View::Plan) {
        cam->SetFocalPoint(cx, cy, 0);
        cam->SetPosition(cx, cy, 10 * std::max(h.lengthM, h.widthM));
        cam->SetViewUp(0, 1, 0);
        fitBounds(r, {0, h.lengthM, 0, h.widthM, 0, floorZ}, legend);
    } else {
        cam->SetWindowCenter(0, 0);
        const double y = aisleY(twin);
        // Down the aisle from just outside the cut-away end wall, above head height, so equipment
        // standing at the wall does not fill the view.
        cam->SetViewAngle(60);
        cam->SetPosition(-0.6, y, floorZ + 2.7);
        cam->SetFocalPoint(h.lengthM, y, floorZ + 0.6);
        r->ResetCameraClippingRange();
    }
}

} // namespace halltwin::render
