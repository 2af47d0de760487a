// Air fields out of the model: a .vti that VTK's own reader gives back value for value, clear errors when
// it cannot be written, and the temperature slice of a screenshot.
#include "RenderTestSupport.hpp"
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "render/FieldExport.hpp"
#include "render/Snapshot.hpp"

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkXMLImageDataReader.h>

#include <QTemporaryDir>

using namespace halltwin;
using model::air::AirFields;

namespace {

// A smooth field over a box, with one solid column, so every value is distinct and checkable.
AirFields sampleFields(int nx, int ny, int nz, std::array<double, 3> origin, std::array<double, 3> spacing) {
    AirFields f;
    f.dims = {nx, ny, nz};
    f.origin = origin;
    f.spacing = spacing;
    const size_t n = f.dims.size();
    f.temperature.resize(n), f.velocity.resize(3 * n), f.solid.assign(n, 0);
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const size_t c = f.dims.index(i, j, k);
                f.temperature[c] = 18.0f + 0.5f * float(i) + 0.25f * float(j) + 1.5f * float(k);
                f.velocity[3 * c] = 0.1f * float(i), f.velocity[3 * c + 1] = -0.05f * float(j),
                               f.velocity[3 * c + 2] = 0.01f * float(c);
                f.solid[c] = i == 1 && j == 1;
            }
    return f;
}

template <typename Fn> QString errorOf(Fn&& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestFieldExport : public QObject {
    Q_OBJECT

    QTemporaryDir dir;

  private slots:
    void initTestCase() { test::failOnVtkMessages(); }

    void vtiReadsBackWithTheSameGridAndValues() {
        const AirFields f = sampleFields(4, 3, 2, {0.5, 1.0, 0.6}, {0.2, 0.25, 0.3});
        const std::string path = dir.filePath("f.vti").toStdString();
        render::writeVti(f, path);
        vtkNew<vtkXMLImageDataReader> reader;
        reader->SetFileName(path.c_str());
        reader->Update();
        vtkImageData* image = reader->GetOutput();
        int dims[3];
        image->GetDimensions(dims);
        QCOMPARE(dims[0], 5); // points: one more than cells
        QCOMPARE(dims[1], 4);
        QCOMPARE(dims[2], 3);
        for (int a = 0; a < 3; ++a) {
            QCOMPARE(image->GetOrigin()[a], f.origin[size_t(a)]);
            QCOMPARE(image->GetSpacing()[a], f.spacing[size_t(a)]);
        }
        vtkDataArray* t = image->GetCellData()->GetArray("temperature");
        vtkDataArray* v = image->GetCellData()->GetArray("velocity");
        vtkDataArray* s = image->GetCellData()->GetArray("solid");
        QVERIFY(t && v && s);
        QCOMPARE(t->GetNumberOfTuples(), vtkIdType(f.dims.size()));
        QCOMPARE(v->GetNumberOfComponents(), 3);
        for (size_t c = 0; c < f.dims.size(); ++c) {
            QCOMPARE(float(t->GetComponent(vtkIdType(c), 0)), f.temperature[c]);
            for (int a = 0; a < 3; ++a)
                QCOMPARE(float(v->GetComponent(vtkIdType(c), a)), f.velocity[3 * c + size_t(a)]);
            QCOMPARE(int(s->GetComponent(vtkIdType(c), 0)), int(f.solid[c]));
        }
    }

    void vtiFailuresNameTheFile() {
        const AirFields f = sampleFields(2, 2, 2, {}, {1, 1, 1});
        const QString missing = dir.filePath("nowhere/f.vti");
        const QString e = errorOf([&] { render::writeVti(f, missing.toStdString()); });
        QVERIFY2(e.contains(missing) && e.contains("does not exist"), qPrintable(e));
        AirFields broken = f;
        broken.velocity.pop_back();
        const QString b = errorOf([&] { render::writeVti(broken, dir.filePath("b.vti").toStdString()); });
        QVERIFY2(b.contains("do not fit their 2x2x2 grid"), qPrintable(b));
    }

    // The slice shows up in the image; a height outside the grid is an error, not an empty picture.
    void screenshotDrawsTheSlice() {
        const model::Twin& t = test::referenceTwin("domestic-40kw");
        const AirFields f =
            sampleFields(32, 24, 9, {0, 0, 0}, {t.hall.lengthM / 32, t.hall.widthM / 24, 0.5});
        render::SnapshotOptions o;
        o.view = render::View::Plan;
        o.width = 320, o.height = 200;
        const render::Image plain = render::renderTwin(t, o);
        o.air = &f;
        o.sliceZM = 1.2;
        const render::Image sliced = render::renderTwin(t, o);
        QVERIFY(test::differingFraction(test::toQImage(plain), test::toQImage(sliced)) > 0.2);
        o.sliceZM = 7.0;
        const QString e = errorOf([&] { render::renderTwin(t, o); });
        QVERIFY2(e.contains("misses the air results, which span z = 0.00 to 4.50 m"), qPrintable(e));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestFieldExport)
#include "tst_field_export.moc"
