#include "support/XScreenCapture.hpp"

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <bit>
#include <memory>

namespace halltwin::test {

namespace {
int channel(unsigned long pixel, unsigned long mask) {
    if (!mask) return 0;
    const int shift = std::countr_zero(mask);
    const unsigned long max = mask >> shift;
    return int(((pixel & mask) >> shift) * 255 / max);
}
} // namespace

QImage captureScreen(QRect r) {
    std::unique_ptr<Display, int (*)(Display*)> d(XOpenDisplay(nullptr), XCloseDisplay);
    if (!d) return {};
    const int screen = DefaultScreen(d.get());
    r &= QRect(0, 0, DisplayWidth(d.get(), screen), DisplayHeight(d.get(), screen));
    if (r.isEmpty()) return {};
    XSync(d.get(), False);
    XImage* img = XGetImage(d.get(), RootWindow(d.get(), screen), r.x(), r.y(), unsigned(r.width()),
                            unsigned(r.height()), AllPlanes, ZPixmap);
    if (!img) return {};
    QImage out(r.size(), QImage::Format_RGB32);
    for (int y = 0; y < r.height(); ++y)
        for (int x = 0; x < r.width(); ++x) {
            const unsigned long p = XGetPixel(img, x, y);
            out.setPixel(
                x, y,
                qRgb(channel(p, img->red_mask), channel(p, img->green_mask), channel(p, img->blue_mask)));
        }
    XDestroyImage(img);
    return out;
}

} // namespace halltwin::test
