#include "render/FieldExport.hpp"

#include "model/AtomicFile.hpp"

#include <vtkCellData.h>
#include <vtkErrorCode.h>
#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <vtkUnsignedCharArray.h>
#include <vtkXMLImageDataWriter.h>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace halltwin::render {
namespace {

namespace fs = std::filesystem;

void checkFields(const model::air::AirFields& f, const fs::path& path) {
    const size_t n = f.dims.size();
    const bool ok = n > 0 && f.temperature.size() == n && f.velocity.size() == 3 * n &&
                    (f.solid.empty() || f.solid.size() == n);
    if (!ok)
        throw std::runtime_error(fmt::format("cannot write '{}': the air fields are empty or do not fit "
                                             "their {}x{}x{} grid",
                                             path.string(), f.dims.nx, f.dims.ny, f.dims.nz));
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw std::runtime_error(
            fmt::format("cannot write '{}': folder '{}' does not exist", path.string(), dir.string()));
}

vtkSmartPointer<vtkFloatArray> floatArray(const char* name, int components,
                                          const std::vector<float>& values) {
    auto a = vtkSmartPointer<vtkFloatArray>::New();
    a->SetName(name);
    a->SetNumberOfComponents(components);
    a->SetNumberOfTuples(vtkIdType(values.size() / size_t(components)));
    std::copy(values.begin(), values.end(), a->GetPointer(0));
    return a;
}

} // namespace

void writeVti(const model::air::AirFields& f, const fs::path& path) {
    checkFields(f, path);
    vtkNew<vtkImageData> image;
    image->SetDimensions(f.dims.nx + 1, f.dims.ny + 1, f.dims.nz + 1);
    image->SetOrigin(f.origin.data());
    image->SetSpacing(f.spacing.data());
    auto temperature = floatArray("temperature", 1, f.temperature);
    auto velocity = floatArray("velocity", 3, f.velocity);
    image->GetCellData()->SetScalars(temperature);
    image->GetCellData()->SetVectors(velocity);
    if (!f.solid.empty()) {
        vtkNew<vtkUnsignedCharArray> solid;
        solid->SetName("solid");
        solid->SetNumberOfTuples(vtkIdType(f.solid.size()));
        std::copy(f.solid.begin(), f.solid.end(), solid->GetPointer(0));
        image->GetCellData()->AddArray(solid);
    }
    // Written to a temporary file beside the target, then renamed over it (model/AtomicFile.hpp).
    model::writeAtomically(path, [&](const fs::path& temp) {
        vtkNew<vtkXMLImageDataWriter> writer;
        writer->SetFileName(temp.c_str());
        writer->SetInputData(image);
        writer->SetDataModeToAppended();
        writer->EncodeAppendedDataOff(); // raw compressed bytes, not base64
        writer->SetCompressorTypeToZLib();
        if (writer->Write() != 1 || writer->GetErrorCode() != vtkErrorCode::NoError)
            throw std::runtime_error(vtkErrorCode::GetStringFromErrorCode(writer->GetErrorCode()));
    });
}

} // namespace halltwin::render
