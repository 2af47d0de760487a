// The hall scene against its twin: what is drawn, where, in which colours, and what a click finds.
#include "RenderTestSupport.hpp"
#include "support/ReferenceTwins.hpp"
#include "support/TestMain.hpp"

#include "model/LayoutWorld.hpp"
#include "model/sim/SystemSimulation.hpp"
#include "render/Colormap.hpp"
#include "render/HallScene.hpp"
#include "render/OffscreenWindow.hpp"
#include "render/Snapshot.hpp"

#include <cmath>
#include <set>

using namespace halltwin;

namespace {

size_t expectedBusways(const model::Twin& t) {
    std::set<std::string> rowsWithRacks;
    for (const model::Rack& r : t.racks)
        rowsWithRacks.insert(r.row);
    size_t n = 0;
    for (const model::Busway& b : t.power.busways)
        n += rowsWithRacks.contains(b.row);
    return n;
}

size_t expectedPipes(const model::Twin& t) {
    std::set<std::string> cdus;
    for (const model::Cdu& c : t.cooling.cdus)
        cdus.insert(c.id);
    size_t n = 0;
    for (const model::Rack& r : t.racks)
        n += cdus.contains(r.cdu);
    return n;
}

} // namespace

class TestHallScene : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { test::failOnVtkMessages(); }

    void sceneMatchesTwin_data() {
        QTest::addColumn<QString>("twin");
        for (const char* t : {"domestic-40kw", "rubin-nvl", "legacy-air", "rubin-lpx", "rdhx-retrofit"})
            QTest::newRow(t) << t;
    }

    void sceneMatchesTwin() {
        QFETCH(QString, twin);
        const model::Twin& t = test::referenceTwin(twin.toStdString());
        render::HallScene scene;
        scene.build(t);
        const render::SceneCounts c = scene.counts();
        QCOMPARE(c.racks, t.racks.size());
        QCOMPARE(c.frontMarkers, t.racks.size());
        QCOMPARE(c.cdus, t.cooling.cdus.size());
        QCOMPARE(c.airHandlers, t.cooling.airHandlers.size());
        QCOMPARE(c.busways, expectedBusways(t));
        QCOMPARE(c.pipes, expectedPipes(t));
        QCOMPARE(c.rearDoors, size_t(std::ranges::count_if(
                                  t.racks, [](const model::Rack& r) { return !r.rearDoor.empty(); })));
        QVERIFY(c.racks > 0);
        // The floor and the far walls span the hall; nothing sticks out of it.
        const auto b = scene.bounds();
        const double eps = 0.06; // tube radius and marker thickness
        const std::array<double, 6> hall{0, t.hall.lengthM, 0, t.hall.widthM, 0, t.hall.heightM};
        for (int i = 0; i < 6; ++i)
            QVERIFY2(
                std::abs(b[size_t(i)] - hall[size_t(i)]) <= eps,
                qPrintable(QString("bound %1: %2 vs hall %3").arg(i).arg(b[size_t(i)]).arg(hall[size_t(i)])));
    }

    void racksOfDifferentCoolingLookDifferent() {
        render::HallScene air, liquid;
        air.build(test::referenceTwin("legacy-air"));
        liquid.build(test::referenceTwin("rubin-nvl"));
        QCOMPARE(air.rackColour(0), render::palette::airRack);
        QCOMPARE(liquid.rackColour(0), render::palette::liquidRack);
        QVERIFY(air.legendTitle().empty());
    }

    void overlaysColourPipesAndBusways() {
        const model::Twin& t = test::referenceTwin("domestic-40kw");
        model::sim::SimulationOptions o;
        o.hours = 0;
        const model::sim::SimulationResult r = model::sim::simulate(t, o);
        render::HallScene scene;
        scene.build(t);
        QVERIFY(scene.pipeLegendTitle().empty());
        render::applyOverlays(scene, t, r);
        QCOMPARE(scene.pipeLegendTitle(), std::string("Coolant return\n[°C]"));
        const std::vector<double> loads = render::buswayLoads(t, r);
        QCOMPARE(loads.size(), t.power.busways.size());
        for (size_t i = 0; i < loads.size(); ++i) {
            QVERIFY(loads[i] > 0 && loads[i] < 5);
            const render::Rgb expected = loads[i] < 0.6    ? render::Rgb{46, 160, 67}
                                         : loads[i] <= 0.9 ? render::Rgb{230, 160, 20}
                                                           : render::Rgb{200, 30, 30};
            QCOMPARE(scene.buswayColour(i), expected);
        }
        scene.setPipeTemperatures({});
        QVERIFY(scene.pipeLegendTitle().empty());
    }

    void temperatureSlicesShowTheField() {
        const model::Twin& t = test::referenceTwin("rubin-nvl");
        render::HallScene scene;
        scene.build(t);
        // A field warming linearly along x: the slice's colours must follow it.
        render::ScalarField f{{}, 20, 14, 9, {0, 0, 0}, {0.5, 0.5, 0.5}, "Air temperature", "°C"};
        for (int k = 0; k < f.nz; ++k)
            for (int j = 0; j < f.ny; ++j)
                for (int i = 0; i < f.nx; ++i)
                    f.values.push_back(float(20 + i));
        render::VectorField v{std::vector<float>(f.values.size(), 1.0f),
                              std::vector<float>(f.values.size(), 0.0f),
                              std::vector<float>(f.values.size(), 0.0f)};
        scene.setHorizontalSlice(f, 1.2, {20, 39}, &v);
        QVERIFY(scene.hasSlice());
        render::OffscreenWindow window(400, 250);
        window.add(scene.renderer());
        scene.setView(render::View::Plan);
        const render::Image img = window.grab();
        // Plan view: the hall's left end is darker (inferno starts black) than its right end.
        auto lum = [&](double fx) {
            const render::Rgb c = img.at(int(fx * img.width), img.height / 2 + 40);
            return c[0] + c[1] + c[2];
        };
        QVERIFY2(lum(0.25) < lum(0.62), qPrintable(QString("%1 vs %2").arg(lum(0.25)).arg(lum(0.62))));
        scene.setVerticalSlice(f, 2.0, {20, 39});
        QVERIFY(scene.hasSlice());
        scene.setHorizontalSlice({}, 1.2, {0, 1});
        QVERIFY(!scene.hasSlice());
    }

    void highlightOutlinesTheSelection() {
        const model::Twin& t = test::referenceTwin("rubin-nvl");
        render::HallScene scene;
        scene.build(t);
        QVERIFY(!scene.highlighted());
        scene.setHighlight("row-a-03");
        QCOMPARE(*scene.highlighted(), std::string("row-a-03"));
        scene.setHighlight("no-such-object");
        QVERIFY(!scene.highlighted());
    }

    void movingARackMovesOnlyItsInstance() {
        const model::Twin& t = test::referenceTwin("rubin-nvl");
        render::HallScene scene;
        scene.build(t);
        const auto other = scene.rackInstanceCentre(1);
        const auto before = scene.rackInstanceCentre(0);
        scene.moveRack(0, 1.5, 5.5, 90);
        const auto after = scene.rackInstanceCentre(0);
        QCOMPARE(after[0], 1.5);
        QCOMPARE(after[1], 5.5);
        QCOMPARE(after[2], before[2]);
        QVERIFY(scene.rackInstanceCentre(1) == other);
        QCOMPARE(scene.counts().racks, t.racks.size());
    }

    void colourMappingEndsAndLegend() {
        const model::Twin& t = test::referenceTwin("domestic-40kw");
        render::HallScene scene;
        scene.build(t);
        render::RackScalars s{std::vector<double>(t.racks.size(), 20.0), "Rack power", "kW"};
        s.values[0] = 10, s.values[1] = 40, s.values[2] = NAN, s.values[3] = 99; // 99: beyond the range
        scene.setRackColours(s, {10, 40});
        QCOMPARE(scene.rackColour(0), render::viridisStop(0));
        QCOMPARE(scene.rackColour(1), render::viridisStop(render::viridisStops - 1));
        QCOMPARE(scene.rackColour(2), render::palette::noValue);
        QCOMPARE(scene.rackColour(3), render::viridisStop(render::viridisStops - 1));
        QVERIFY(scene.legendTitle().find("Rack power") != std::string::npos);
        QVERIFY(scene.legendTitle().find("[kW]") != std::string::npos);
        scene.clearRackColours();
        QVERIFY(scene.legendTitle().empty());
        QCOMPARE(scene.rackColour(1), render::rackCoolingColour("liquid"));
    }

    void viridisIsMonotonicInLightness() {
        auto luma = [](render::Rgb c) { return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]; };
        for (int i = 1; i <= 20; ++i)
            QVERIFY(luma(render::viridis(i / 20.0)) > luma(render::viridis((i - 1) / 20.0)));
    }

    void pickFindsTheRackUnderThePixel() {
        const model::Twin& t = test::referenceTwin("rubin-nvl");
        render::HallScene scene;
        scene.build(t);
        render::OffscreenWindow window(400, 250);
        window.add(scene.renderer());
        for (render::View v : {render::View::Plan, render::View::Iso}) {
            scene.setView(v);
            window.render();
            const auto c = scene.rackInstanceCentre(3);
            const auto d = scene.toDisplay({c[0], c[1], 2 * c[2] - 0.01}); // top face centre
            QVERIFY2(scene.pick(d[0], d[1]).value_or("none") == t.racks[3].id,
                     qPrintable(QString("view %1 at %2,%3: %4")
                                    .arg(int(v))
                                    .arg(d[0])
                                    .arg(d[1])
                                    .arg(QString::fromStdString(scene.pick(d[0], d[1]).value_or("none")))));
        }
        scene.setView(render::View::Plan);
        window.render();
        QVERIFY(!scene.pick(2, 2));     // outside the hall
        scene.moveRack(3, 1.0, 6.0, 0); // an empty corner of the floor
        const auto d = scene.toDisplay({1.0, 6.0, 2.0});
        QCOMPARE(scene.pick(d[0], d[1]).value_or("none"), t.racks[3].id);
    }

    void cameraCopiesToAnotherRenderer() {
        const model::Twin& t = test::referenceTwin("legacy-air");
        render::HallScene a, b;
        a.build(t);
        b.build(t);
        render::OffscreenWindow wa(320, 200), wb(320, 200);
        wa.add(a.renderer());
        wb.add(b.renderer());
        a.setView(render::View::Iso);
        a.orbit(25);
        b.setView(render::View::Plan);
        a.copyCameraTo(b.renderer());
        wa.render();
        wb.render();
        const std::array<double, 3> p{3, 4, 1};
        const auto pa = a.toDisplay(p), pb = b.toDisplay(p);
        QVERIFY(std::abs(pa[0] - pb[0]) < 0.5 && std::abs(pa[1] - pb[1]) < 0.5);
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestHallScene)
#include "tst_hall_scene.moc"
