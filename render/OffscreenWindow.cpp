#include "render/OffscreenWindow.hpp"

#include "model/AtomicFile.hpp"

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace halltwin::render {

std::optional<std::string> offscreenUnavailableReason() {
    const char* display = std::getenv("DISPLAY");
    if (display && *display) return std::nullopt;
    return "rendering needs an X display (Debian's VTK draws through GLX even offscreen); "
           "run under `xvfb-run -a`";
}

struct OffscreenWindow::Impl {
    vtkNew<vtkRenderWindow> window;
    std::vector<vtkRenderer*> renderers;
};

OffscreenWindow::OffscreenWindow(int width, int height) : impl_(std::make_unique<Impl>()) {
    if (auto why = offscreenUnavailableReason()) throw std::runtime_error(*why);
    impl_->window->SetOffScreenRendering(1);
    impl_->window->SetMultiSamples(0);
    impl_->window->SetSize(width, height);
}

OffscreenWindow::~OffscreenWindow() {
    // The renderers belong to their scenes and may be shown elsewhere later.
    for (vtkRenderer* r : impl_->renderers)
        impl_->window->RemoveRenderer(r);
    impl_->window->Finalize();
}

void OffscreenWindow::add(vtkRenderer* r, std::array<double, 4> viewport) {
    r->SetViewport(viewport.data());
    impl_->window->AddRenderer(r);
    impl_->renderers.push_back(r);
}

void OffscreenWindow::render() {
    impl_->window->Render();
}

Image OffscreenWindow::grab() {
    render();
    vtkNew<vtkWindowToImageFilter> filter;
    filter->SetInput(impl_->window);
    filter->SetInputBufferTypeToRGB();
    filter->ReadFrontBufferOff();
    filter->ShouldRerenderOff();
    filter->Update();
    vtkImageData* data = filter->GetOutput();
    int dims[3];
    data->GetDimensions(dims);
    Image img{dims[0], dims[1], std::vector<std::uint8_t>(size_t(dims[0]) * size_t(dims[1]) * 3)};
    auto* src = static_cast<const std::uint8_t*>(data->GetScalarPointer());
    const size_t row = size_t(dims[0]) * 3;
    for (int y = 0; y < dims[1]; ++y) // VTK's rows run bottom-up
        std::memcpy(&img.rgb[size_t(y) * row], src + size_t(dims[1] - 1 - y) * row, row);
    return img;
}

void writePng(const Image& image, const std::filesystem::path& path) {
    vtkNew<vtkImageData> data;
    data->SetDimensions(image.width, image.height, 1);
    data->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
    auto* dst = static_cast<std::uint8_t*>(data->GetScalarPointer());
    const size_t row = size_t(image.width) * 3;
    for (int y = 0; y < image.height; ++y)
        std::memcpy(dst + size_t(image.height - 1 - y) * row, &image.rgb[size_t(y) * row], row);
    vtkNew<vtkPNGWriter> writer;
    writer->SetInputData(data);
    writer->SetWriteToMemory(true); // then written atomically: an old image survives a failed export
    writer->Write();
    vtkUnsignedCharArray* png = writer->GetResult();
    if (writer->GetErrorCode() != 0 || !png)
        throw std::runtime_error("cannot encode the image for '" + path.string() + "'");
    model::writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(png->GetPointer(0)),
                                                      size_t(png->GetNumberOfValues())));
}

} // namespace halltwin::render
