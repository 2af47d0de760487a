// The headless CLI: info, validate and convert on real files, with exit codes scripts can rely on.
#include "support/TestMain.hpp"
#include "support/TestPaths.hpp"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <set>

class TestCli : public QObject {
    Q_OBJECT

    struct Run {
        int code;
        QString out, err;
    };
    static Run run(const QStringList& args, const QStringList& env = {}) {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        for (const QString& kv : env)
            e.insert(kv.section('=', 0, 0), kv.section('=', 1));
        p.setProcessEnvironment(e);
        p.start(HALLTWIN_BINARY, args);
        if (!p.waitForFinished(60000)) return {-1, {}, "timeout"};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }
    static QString asset(const char* rel) {
        return QString::fromStdString((halltwin::test::assets() / rel).string());
    }

  private slots:
    // measured: the probes of a solved twin against a CSV. Measurements set at the model's own readings
    // plus known offsets give back exactly those offsets: RMS, bias and largest difference per group.
    void measuredGivesTheDifferencesPerGroup() {
        QTemporaryDir dir;
        QFile in(asset("twins/legacy-air.json"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject twin = QJsonDocument::fromJson(in.readAll()).object();
        twin["probes"] = QJsonArray{
            QJsonObject{{"id", "a-low"}, {"group", "strip-a"}, {"x_m", 3.0}, {"y_m", 4.0}, {"z_m", 0.4}},
            QJsonObject{{"id", "a-high"}, {"group", "strip-a"}, {"x_m", 3.0}, {"y_m", 4.0}, {"z_m", 2.0}},
            QJsonObject{{"id", "ceiling"}, {"x_m", 6.0}, {"y_m", 6.0}, {"z_m", 3.5}}};
        const QString json = dir.filePath("probed.json"), solved = dir.filePath("solved.h5");
        QFile out(json);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(twin).toJson());
        out.close();
        const Run sim =
            run({"simulate", json, "--hours", "0", "--air", "--cell", "0.4", "--save-to", solved});
        QVERIFY2(sim.code == 0 && sim.out.contains("a-high") && sim.out.contains("strip-a"),
                 qPrintable(sim.out + sim.err));
        auto writeCsv = [&](const QString& name, const QString& text) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(text.toUtf8());
            return dir.filePath(name);
        };
        auto readJson = [](const QString& path) {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return QJsonDocument::fromJson(f.readAll()).object();
        };
        // Zero "measurements": the differences are the model's readings.
        const QString zeros = writeCsv("zeros.csv", "probe,value\na-low,0\na-high,0\nceiling,0\n");
        const Run z = run({"measured", solved, zeros, "--json", dir.filePath("z.json")});
        QVERIFY2(z.code == 0 && z.err.contains("saved in"), qPrintable(z.out + z.err));
        QMap<QString, double> model;
        for (const QJsonValue& v : readJson(dir.filePath("z.json"))["probes"].toArray())
            model[v["id"].toString()] = v["model"].toDouble();
        QCOMPARE(model.size(), 3);
        const QString shifted = writeCsv("m.csv", QString("a-low,%1,0.5\na-high,%2\nceiling,%3\n")
                                                      .arg(model["a-low"] - 1.0, 0, 'g', 17)
                                                      .arg(model["a-high"] + 2.0, 0, 'g', 17)
                                                      .arg(model["ceiling"] - 0.5, 0, 'g', 17));
        const Run m = run({"measured", solved, shifted, "--json", dir.filePath("m.json"), "--out",
                           dir.filePath("m-diff.csv")});
        QVERIFY2(m.code == 0 && m.out.contains("strip-a") && m.out.contains("outside"),
                 qPrintable(m.out + m.err));
        const QJsonObject r = readJson(dir.filePath("m.json"));
        const QJsonObject all = r["all"].toObject();
        QVERIFY(std::abs(all["rms"].toDouble() - std::sqrt((1 + 4 + 0.25) / 3.0)) < 1e-9);
        QVERIFY(std::abs(all["mean"].toDouble() - (1 - 2 + 0.5) / 3.0) < 1e-9);
        QVERIFY(std::abs(all["max_abs"].toDouble() - 2) < 1e-9);
        for (const QJsonValue& g : r["groups"].toArray())
            if (g["group"] == "strip-a") QVERIFY(std::abs(g["rms"].toDouble() - std::sqrt(2.5)) < 1e-9);
        QVERIFY(QFile::exists(dir.filePath("m-diff.csv")));
        // Errors name what is wrong.
        const Run unknown = run({"measured", solved, writeCsv("u.csv", "nowhere,20\n")});
        QVERIFY2(unknown.code == 1 && unknown.err.contains("'nowhere' is not a probe"),
                 qPrintable(unknown.err));
        const Run badLine = run({"measured", solved, writeCsv("b.csv", "a-low,20\nceiling,warm\n")});
        QVERIFY2(badLine.code == 1 && badLine.err.contains("line 2") && badLine.err.contains("'warm'"),
                 qPrintable(badLine.err));
        QCOMPARE(run({"measured", asset("twins/legacy-air.json"), zeros}).code, 1); // no probes
    }

    // A group of an HDF5 file as h5dump prints it, numbers to 17 significant digits (a double's round trip).
    static QString dumpGroup(const QString& file, const char* group) {
        QProcess h;
        h.start("h5dump", {"-m", "%.17g", "-g", group, file});
        h.waitForFinished(30000);
        return QString::fromUtf8(h.readAllStandardOutput()).section('\n', 1); // past the file name
    }

    // The reference study: all 48 variants, the report with its Pareto set, and a run killed after its
    // first saved batch that --resume completes to the same table.
    void studyRunsReportsAndResumesAfterAKill() {
        QTemporaryDir dir;
        const QString full = dir.filePath("full.h5"), cut = dir.filePath("cut.h5");
        const QString study = asset("studies/domestic-40kw-water.json");
        const Run r = run({"study", "run", study, "--out", full});
        QVERIFY2(r.code == 0 && r.out.contains("48 variants (0 failed)"), qPrintable(r.out + r.err));
        QProcess p;
        p.start(HALLTWIN_BINARY, {"study", "run", study, "--out", cut, "--threads", "1"});
        for (int i = 0; i < 3000 && !QFile::exists(cut); ++i)
            QThread::msleep(20);
        p.kill();
        p.waitForFinished();
        QCOMPARE(p.exitStatus(), QProcess::CrashExit); // killed mid-run, with a saved batch behind it
        const Run partial = run({"study", "report", cut});
        QVERIFY2(partial.code == 0 && partial.out.contains("not run"), qPrintable(partial.out));
        const Run resumed = run({"study", "run", study, "--out", cut, "--resume"});
        QVERIFY2(resumed.code == 0 && !resumed.err.contains("48 to run"), qPrintable(resumed.err));
        const Run a = run({"study", "report", full, "--pareto", "pue_annual,cost_per_mtok"});
        const Run b = run({"study", "report", cut, "--pareto", "pue_annual,cost_per_mtok"});
        QCOMPARE(dumpGroup(cut, "/study/fields"), dumpGroup(full, "/study/fields")); // the hourly PUE kept
        QVERIFY(dumpGroup(full, "/study/fields").contains("DATASPACE  SIMPLE { ( 48, 8760 )"));
        QCOMPARE(a.code, 0);
        QVERIFY2(a.out.contains("Pareto set over pue_annual,cost_per_mtok"), qPrintable(a.out));
        QCOMPARE(b.out, a.out);
        QCOMPARE(run({"study", "report", full, "--pareto", "pue_anual"}).code, 2);
        // A chip temperature limit takes the 45 °C-water variants (59.9 °C chips) out of the Pareto set.
        const Run limited = run(
            {"study", "report", full, "--pareto", "pue_annual,cost_per_mtok", "--limit", "max_chip_c<=55"});
        QVERIFY2(limited.code == 0 && limited.out.contains("Outside the limits"),
                 qPrintable(limited.out + limited.err));
        const QString frontLine = limited.out.section("Pareto set over", 1);
        QVERIFY2(!frontLine.isEmpty() && !frontLine.contains(" 37") && !frontLine.contains(" 43"),
                 qPrintable(frontLine));
        QVERIFY(limited.out.contains("\n37! "));
        QCOMPARE(run({"study", "report", full, "--limit", "max_chip_c<55"}).code, 2);
        // The chart: every variant a grey circle, the Pareto set red diamonds.
        const QString png = dir.filePath("pareto.png");
        const Run chart =
            run({"study", "report", full, "--pareto", "pue_annual,cost_per_mtok", "--png", png});
        QVERIFY2(chart.code == 0, qPrintable(chart.err));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 800));
        int red = 0, grey = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                red += c.red() > 170 && c.green() < 70 && c.blue() < 70;
                grey += std::abs(c.red() - 110) < 12 && std::abs(c.green() - 110) < 12 &&
                        std::abs(c.blue() - 110) < 12;
            }
        QVERIFY2(red > 50 && grey > 200, qPrintable(QString("red %1, grey %2").arg(red).arg(grey)));
        QCOMPARE(run({"study", "report", full, "--png", png}).code, 2); // which two KPIs?
        QCOMPARE(run({"study", "run", asset("twins/legacy-air.json"), "--out", cut}).code, 1);
    }

    // The same study over two MPI ranks (oversubscribed on this machine) gives the threaded run's table.
    void studyUnderMpirunMatchesThreads() {
#ifndef HALLTWIN_MPIEXEC
        QSKIP("built without MPI");
#else
        QTemporaryDir dir;
        const QString threads = dir.filePath("threads.h5"), ranks = dir.filePath("ranks.h5");
        const QString study = asset("studies/domestic-40kw-water.json");
        QCOMPARE(run({"study", "run", study, "--out", threads}).code, 0);
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert("OMPI_ALLOW_RUN_AS_ROOT", "1"); // CI runs as root
        e.insert("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        p.setProcessEnvironment(e);
        p.start(HALLTWIN_MPIEXEC,
                {"--oversubscribe", "-np", "2", HALLTWIN_BINARY, "study", "run", study, "--out", ranks});
        QVERIFY(p.waitForFinished(120000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0 && err.contains("on 2 MPI ranks"), qPrintable(err));
        const Run a = run({"study", "report", threads}), b = run({"study", "report", ranks});
        QCOMPARE(a.code, 0);
        QCOMPARE(b.out, a.out);
        // Bit for bit: every KPI with 17 significant digits (a double's round trip), every kept series.
        const QString ka = dumpGroup(threads, "/study/kpis");
        QVERIFY(ka.contains("pue_annual"));
        QCOMPARE(dumpGroup(ranks, "/study/kpis"), ka);
        QCOMPARE(dumpGroup(ranks, "/study/fields"), dumpGroup(threads, "/study/fields"));
#endif
    }

    void infoSummarisesAReferenceTwin() {
        Run r = run({"info", asset("twins/rubin-nvl.json")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("Racks: 10, IT capacity 1800.0 kW"), qPrintable(r.out));
        QVERIFY(r.out.contains("800VDC"));
        QVERIFY(r.out.contains("CDUs:          2"));
    }

    void validateGivesExitCodes() {
        QCOMPARE(run({"validate", asset("twins/legacy-air.json")}).code, 0);
        Run bad = run(
            {"validate", QString::fromStdString((halltwin::test::data() / "bad" / "nan-power.h5").string())});
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.err.contains("rack 'rack-1', field 'power_cap_w': is NaN"));
    }

    void convertWritesALoadableFile() {
        QTemporaryDir dir;
        const QString out = dir.filePath("t.h5");
        QCOMPARE(run({"convert", asset("twins/domestic-40kw.json"), out}).code, 0);
        Run info = run({"info", out});
        QCOMPARE(info.code, 0);
        QVERIFY(info.out.contains("Racks: 40"));
    }

    void helpAndUsage() {
        Run h = run({"--help"});
        QCOMPARE(h.code, 0);
        QVERIFY(h.out.contains("convert"));
        Run ch = run({"convert", "--help"});
        QCOMPARE(ch.code, 0);
        QVERIFY(ch.out.contains("IN") && ch.out.contains("OUT"));
        QCOMPARE(run({"info"}).code, 2);
    }

    void simulatePrintsKpisAndSavesResults() {
        QTemporaryDir dir;
        const QString h5 = dir.filePath("r.h5"), json = dir.filePath("k.json"), csv = dir.filePath("h.csv");
        QCOMPARE(run({"convert", asset("twins/rubin-nvl.json"), h5}).code, 0);
        Run r = run({"simulate", h5, "--hours", "48", "--json", json, "--csv", csv, "--save"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("PUE (annual, ISO/IEC 30134-2)"), qPrintable(r.out));
        QVERIFY(r.out.contains("results saved into"));
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QCOMPARE(c.readAll().count('\n'), 49); // header + 48 hours
        QVERIFY(QFile(json).size() > 500);
        QCOMPARE(run({"info", h5}).code, 0); // the saved file is still a valid twin
        QCOMPARE(run({"simulate", h5, "--hours", "9000"}).code, 1);
        QCOMPARE(run({"simulate", h5, "--site", "atlantis", "--hours", "24"}).code, 1);
    }

    // A coarse, capped air solve of the legacy-air hall with the zero-equation model: the table, the hall's
    // indices and both files.
    void simulateAirPrintsRacksAndSavesTheFields() {
        QTemporaryDir dir;
        const QString h5 = dir.filePath("air.h5"), vti = dir.filePath("air.vti"),
                      json = dir.filePath("air.json");
        Run r = run({"simulate", asset("twins/legacy-air.json"), "--hours", "0", "--air", "--cell", "0.6",
                     "--max-steps", "300", "--turbulence", "zero-equation", "--vti", vti, "--save-to", h5,
                     "--json", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // 14.4 x 22.8 m, 3.9 m above the raised floor
        QVERIFY2(
            r.out.contains("Air at 0.60 m cells (24 x 38 x 7), 112 racks, 12 air handlers, zero-equation "
                           "(Chen & Xu 1998)"),
            qPrintable(r.out));
        QVERIFY(r.out.contains("inlet mean") && r.out.contains("beta"));
        for (const char* line : {"RCI_HI", "RCI_LO", "RTI", "SHI", "RHI", "hot spots (inlet max > 27 °C)",
                                 "air handlers remove", "solve: ", "s wall"})
            QVERIFY2(r.out.contains(line), line);
        QVERIFY2(r.out.contains(", steady"), qPrintable(r.out)); // well inside the 300 steps
        QVERIFY(r.out.contains("results saved into") && r.out.contains("/results/air"));
        QVERIFY(QFile(vti).size() > 1000);
        QCOMPARE(run({"info", h5}).code, 0);
        // The JSON carries everything the text shows.
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonObject air = o.value("air").toObject();
        for (const char* key : {"rci_hi_percent", "rci_lo_percent", "rti_percent", "shi", "rhi", "supply_c",
                                "return_c", "hot_spots", "rack_air_heat_w", "removed_heat_w",
                                "energy_imbalance", "steps", "residual", "converged"})
            QVERIFY2(air.contains(key), key);
        QCOMPARE(air.value("racks").toArray().size(), 112);
        const QJsonObject rack = air.value("racks").toArray().first().toObject();
        for (const char* key : {"id", "inlet_mean_c", "inlet_max_c", "exhaust_c", "flow_m3_s", "beta"})
            QVERIFY2(rack.contains(key), key);
        const QJsonObject made = o.value("provenance").toObject();
        QCOMPARE(made.value("rack_inlets_from").toString(), QString("3-D air solver"));
        QCOMPARE(made.value("cell_m").toDouble(), 0.6);
        QVERIFY(made.value("turbulence_model").toString().startsWith("zero-equation"));
        QVERIFY(made.value("coupling_passes").toInt() >= 1);
        const Run help = run({"simulate", "--help"});
        QVERIFY(help.out.contains("--air") && help.out.contains("--cell <M>") && help.out.contains("--vti"));
    }

    // legacy-air is air-cooled and --hours 0 has no year: those values do not apply, and read as "–"
    // (null in JSON), never 0.000 or nan; units are symbols.
    void valuesThatDoNotApplyAreDashesAndNull() {
        QTemporaryDir dir;
        const QString json = dir.filePath("k.json");
        Run r = run({"simulate", asset("twins/legacy-air.json"), "--hours", "0", "--json", json});
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.contains("nan") && !r.out.contains("degC") && !r.out.contains(" 0.000"));
        for (const QString& line : r.out.split('\n'))
            if (line.contains("Max chip") || line.contains("Coolant flow") || line.contains("PUE (annual"))
                QVERIFY2(line.contains(" – "), qPrintable(line));
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QMap<QString, QJsonValue> values;
        for (const QJsonValue& k : QJsonDocument::fromJson(f.readAll()).object().value("kpis").toArray())
            values[k.toObject().value("key").toString()] = k.toObject().value("value");
        for (const char* key :
             {"max_chip_c", "coolant_flow_lpm", "coolant_supply_c", "pue_annual", "wue", "cost_per_mtok"})
            QVERIFY2(values.value(key).isNull(), key);
        QVERIFY(values.value("pue_design").toDouble() > 1);
    }

    // Value columns line up on a terminal, the 度算力 rows too (each CJK character takes two columns).
    void kpiTableColumnsAlign() {
        Run r = run({"simulate", asset("twins/rubin-nvl.json"), "--hours", "0"});
        QCOMPARE(r.code, 0);
        auto columns = [](const QString& s) {
            int n = 0;
            for (QChar c : s)
                n += c.unicode() >= 0x2E80 && c.unicode() <= 0xA4CF ? 2 : 1;
            return n;
        };
        // The KPI lines sit between the heading and the power chain: indent, label, value, unit symbol.
        const QStringList lines = r.out.section("Power chain", 0, 0).split('\n').mid(1);
        std::set<int> ends;
        int rows = 0, wide = 0;
        for (const QString& line : lines) {
            if (line.trimmed().isEmpty()) continue;
            ends.insert(columns(line.left(line.lastIndexOf(' ')))), ++rows; // up to the value's end
            wide += line.contains("度算力");
        }
        QCOMPARE(wide, 2);
        QVERIFY(rows > 25);
        QCOMPARE(ends.size(), size_t(1));
    }

    void simulateAirErrorsNameTheProblem() {
        const QString twoRacks = QString::fromStdString((halltwin::test::data() / "two-racks.json").string());
        Run none = run({"simulate", twoRacks, "--hours", "0", "--air"});
        QCOMPARE(none.code, 1);
        QVERIFY2(none.err.contains("twin 'two-racks' has no air handlers (cooling.air_handlers is empty)"),
                 qPrintable(none.err));
        Run cell = run({"simulate", asset("twins/legacy-air.json"), "--hours", "0", "--air", "--cell", "0"});
        QCOMPARE(cell.code, 1);
        QVERIFY(cell.err.contains("--cell must be a cell size in metres"));
        Run model = run(
            {"simulate", asset("twins/legacy-air.json"), "--hours", "0", "--air", "--turbulence", "k-omega"});
        QCOMPARE(model.code, 1);
        QVERIFY2(model.err.contains(
                     "--turbulence must be 'constant', 'zero-equation' or 'k-epsilon', not 'k-omega'"),
                 qPrintable(model.err));
        Run fine =
            run({"simulate", asset("twins/legacy-air.json"), "--hours", "0", "--air", "--cell", "0.05"});
        QVERIFY2(fine.err.contains("million cells for hall"), qPrintable(fine.err));
        Run noAir = run({"simulate", asset("twins/legacy-air.json"), "--vti", "x.vti"});
        QCOMPARE(noAir.code, 2);
        QVERIFY(noAir.err.contains("--vti needs --air"));
        Run json = run({"simulate", asset("twins/legacy-air.json"), "--hours", "0", "--save"});
        QCOMPARE(json.code, 2);
        QVERIFY(json.err.contains("use --save-to OUT.h5"));
    }

    void compareTabulatesEveryTwin() {
        QTemporaryDir dir;
        const QString csv = dir.filePath("c.csv");
        Run r = run({"compare", asset("twins/domestic-40kw.json"), asset("twins/rubin-nvl.json"),
                     asset("twins/legacy-air.json"), "--hours", "24", "--csv", csv});
        QCOMPARE(r.code, 0);
        const QString header = r.out.section('\n', 0, 0);
        QVERIFY(header.contains("domestic-40kw") && header.contains("rubin-nvl") &&
                header.contains("legacy-air"));
        for (const char* row :
             {"Racks", "IT power (design)", "Facility power at the meter", "PUE (design point)",
              "pPUE cooling", "Distribution efficiency", "Feeder + busway conductor mass", "Coolant flow",
              "Max chip", "Output tokens/s", "tokens per kWh", "Cost per million output tokens", "度算力",
              "Floor area", "kW/m²", "Annual facility energy", "Annual energy cost"})
            QVERIFY2(r.out.contains(QString::fromUtf8(row)), row);
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QVERIFY(c.readLine().startsWith("kpi,units,domestic-40kw,rubin-nvl,legacy-air"));
        QCOMPARE(run({"compare", asset("twins/rubin-nvl.json")}).code, 2); // needs two twins
    }

    void whatifPrintsTheTimeline() {
        QTemporaryDir dir;
        const QString csv = dir.filePath("w.csv");
        Run trip = run({"whatif", asset("twins/rubin-nvl.json"), "--fail", "cdu:cdu-1", "--duration", "60",
                        "--csv", csv});
        QCOMPARE(trip.code, 0);
        QVERIFY2(trip.out.contains("first chip at throttle limit:") && trip.out.contains("s after the fault"),
                 qPrintable(trip.out));
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QCOMPARE(c.readAll().count('\n'), 62); // header + 61 one-second samples
        Run saved = run({"whatif", asset("twins/rubin-nvl.json"), "--fail", "cdu:cdu-1", "--standby-delay",
                         "1s", "--duration", "60"});
        QVERIFY(saved.out.contains("first chip at throttle limit: not reached"));
        QVERIFY(saved.out.contains("backup prevented throttling: yes"));
        QCOMPARE(run({"whatif", asset("twins/rubin-nvl.json"), "--fail", "cdu:nope"}).code, 1);
        QCOMPARE(run({"whatif", asset("twins/rubin-nvl.json"), "--fail", "meteor"}).code, 2);
    }

    void withoutADisplayTheAppPrintsTheSummary() {
        Run r = run({asset("twins/rubin-nvl.json")}, {"DISPLAY=", "WAYLAND_DISPLAY=", "QT_QPA_PLATFORM="});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.contains("no display found"));
        QVERIFY(r.out.contains("Racks: 10"));
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestCli)
#include "tst_cli.moc"
