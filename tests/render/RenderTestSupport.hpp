// Shared by the render tests: VTK warnings fail the test, and images are compared with baselines.
#pragma once

#include "render/RenderTypes.hpp"
#include "render/VtkMessages.hpp"

#include <QImage>
#include <QString>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace halltwin::test {

// Like the Qt message handler in TestMain.hpp: a VTK warning or error aborts the test run.
inline void failOnVtkMessages() {
    render::routeVtkMessages([](const std::string& m) {
        std::fprintf(stderr, "Failing on VTK message: %s\n", m.c_str());
        std::abort();
    });
}

inline QImage toQImage(const render::Image& img) {
    QImage q(img.width, img.height, QImage::Format_RGB888);
    for (int y = 0; y < img.height; ++y)
        std::memcpy(q.scanLine(y), &img.rgb[size_t(y) * size_t(img.width) * 3], size_t(img.width) * 3);
    return q;
}

// The tolerance survives Mesa/llvmpipe versions (edge pixels of lines and text shift by a level or a
// pixel) yet catches a moved cabinet (3.6 % of pixels): at most 1 % of the pixels may differ by more than 24
// levels (of 255) in any channel.
constexpr double maxDifferingFraction = 0.01;
constexpr int levelThreshold = 24;

inline double differingFraction(const QImage& a, const QImage& b) {
    if (a.size() != b.size()) return 1;
    const QImage x = a.convertToFormat(QImage::Format_RGB888), y = b.convertToFormat(QImage::Format_RGB888);
    long differing = 0;
    for (int r = 0; r < x.height(); ++r) {
        const uchar *p = x.constScanLine(r), *q = y.constScanLine(r);
        for (int c = 0; c < x.width(); ++c, p += 3, q += 3)
            if (std::abs(p[0] - q[0]) > levelThreshold || std::abs(p[1] - q[1]) > levelThreshold ||
                std::abs(p[2] - q[2]) > levelThreshold)
                ++differing;
    }
    return double(differing) / double(x.width() * x.height());
}

enum class BaselineResult { Match, Differ, MissingWritten };

struct BaselineCheck {
    BaselineResult result;
    double fraction = 0;
    QString message;
};

// A missing baseline fails, and the image is written under the build folder (`outputDir`, never the
// source tree) for someone to check and copy into tests/baselines; on a difference the actual image is
// saved there too, for inspection.
inline BaselineCheck compareWithBaseline(const render::Image& img, const std::filesystem::path& baseline,
                                         const std::filesystem::path& outputDir) {
    const QImage actual = toQImage(img);
    std::filesystem::create_directories(outputDir);
    const auto out = outputDir / baseline.filename();
    if (!std::filesystem::exists(baseline)) {
        actual.save(QString::fromStdString(out.string()));
        return {BaselineResult::MissingWritten, 1,
                QString("no baseline %1: wrote %2; check it, copy it there and rerun")
                    .arg(QString::fromStdString(baseline.string()), QString::fromStdString(out.string()))};
    }
    const double f = differingFraction(actual, QImage(QString::fromStdString(baseline.string())));
    if (f <= maxDifferingFraction) return {BaselineResult::Match, f, {}};
    actual.save(QString::fromStdString(out.string()));
    return {BaselineResult::Differ, f,
            QString("%1 % of pixels differ from %2 (limit %3 %); actual image: %4")
                .arg(100 * f, 0, 'f', 2)
                .arg(QString::fromStdString(baseline.string()))
                .arg(100 * maxDifferingFraction)
                .arg(QString::fromStdString(out.string()))};
}

// Share of pixels in a rectangle whose colour differs from `bg` by more than 24 levels in sum.
inline double nonUniformFraction(const render::Image& img, int x0, int y0, int x1, int y1, render::Rgb bg) {
    long n = 0, total = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x, ++total) {
            const render::Rgb p = img.at(x, y);
            if (std::abs(p[0] - bg[0]) + std::abs(p[1] - bg[1]) + std::abs(p[2] - bg[2]) > levelThreshold)
                ++n;
        }
    return total ? double(n) / double(total) : 0;
}

} // namespace halltwin::test
