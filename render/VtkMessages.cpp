#include "render/VtkMessages.hpp"

#include <vtkObjectFactory.h>
#include <vtkOutputWindow.h>
#include <vtkSmartPointer.h>

namespace halltwin::render {
namespace {

class RoutedOutputWindow : public vtkOutputWindow {
  public:
    static RoutedOutputWindow* New();
    vtkTypeMacro(RoutedOutputWindow, vtkOutputWindow) std::function<void(const std::string&)> handler;

    void DisplayErrorText(const char* t) override { handler(t ? t : ""); }
    void DisplayWarningText(const char* t) override { handler(t ? t : ""); }
    void DisplayGenericWarningText(const char* t) override { handler(t ? t : ""); }
};
vtkStandardNewMacro(RoutedOutputWindow);

} // namespace

void routeVtkMessages(std::function<void(const std::string&)> handler) {
    if (!handler) {
        vtkOutputWindow::SetInstance(nullptr);
        return;
    }
    auto w = vtkSmartPointer<RoutedOutputWindow>::New();
    w->handler = std::move(handler);
    vtkOutputWindow::SetInstance(w);
}

} // namespace halltwin::render
