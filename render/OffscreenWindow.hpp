// A render window that never appears on screen: renderers in viewports, grabbed to an Image.
// Debian's VTK draws through GLX, so an X display (Xvfb is fine) must be present.
#pragma once

#include "render/RenderTypes.hpp"

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

class vtkRenderer;

namespace halltwin::render {

// Why offscreen rendering cannot work here, or nothing when it can.
std::optional<std::string> offscreenUnavailableReason();

class OffscreenWindow {
  public:
    OffscreenWindow(int width, int height); // MSAA off, so images are stable across runs
    ~OffscreenWindow();
    OffscreenWindow(const OffscreenWindow&) = delete;
    OffscreenWindow& operator=(const OffscreenWindow&) = delete;

    // viewport: xmin, ymin, xmax, ymax as fractions, origin bottom-left.
    void add(vtkRenderer* r, std::array<double, 4> viewport = {0, 0, 1, 1});
    void render();
    Image grab(); // renders, then reads the back buffer

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Throws std::runtime_error when the file cannot be written.
void writePng(const Image& image, const std::filesystem::path& path);

} // namespace halltwin::render
