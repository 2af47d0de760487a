#include "render/Comparison.hpp"

#include "model/KpiText.hpp"
#include "render/Colormap.hpp"
#include "render/HallScene.hpp"
#include "render/OffscreenWindow.hpp"
#include "render/Snapshot.hpp"

#include <vtkNew.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace halltwin::render {
namespace {

namespace s = halltwin::model::sim;

// The review's questions in order: efficiency, power, thermal margin, output, cost, space.
const char* const kpiKeys[] = {
    "pue_design", "pue_annual",   "it_kw",          "facility_kw",   "end_to_end_efficiency",
    "max_chip_c", "tokens_per_s", "tokens_per_kwh", "cost_per_mtok", "floor_area_m2"};

const s::Kpi* findKpi(const std::vector<s::Kpi>& kpis, const std::string& key) {
    for (const s::Kpi& k : kpis)
        if (k.key == key) return &k;
    return nullptr;
}

vtkNew<vtkTextActor> textColumn(const std::string& text, double x, double y, int size, bool right,
                                bool bold) {
    vtkNew<vtkTextActor> a;
    a->SetInput(text.c_str());
    a->SetTextScaleModeToNone();
    a->SetPosition(x, y);
    vtkTextProperty* p = a->GetTextProperty();
    p->SetFontFamilyToArial();
    p->SetFontSize(size);
    p->SetBold(bold);
    p->SetLineSpacing(1.25);
    p->SetColor(palette::text[0] / 255.0, palette::text[1] / 255.0, palette::text[2] / 255.0);
    p->SetVerticalJustificationToTop();
    p->SetJustification(right ? VTK_TEXT_RIGHT : VTK_TEXT_LEFT);
    return a;
}

std::string lowerFirst(std::string s) {
    if (!s.empty()) s[0] = char(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

std::string joinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& l : lines)
        out += (out.empty() ? "" : "\n") + l;
    return out;
}

// The KPI strip as columns of text: labels, units, then one right-aligned column per twin.
void fillKpiStrip(vtkRenderer* strip, const std::vector<CompareEntry>& entries, int width, int height,
                  const std::string& caption) {
    const std::vector<KpiRow> rows = comparisonKpis(entries);
    const int size = std::clamp(height / (int(rows.size()) + 2) * 10 / 16, 10, 20);
    // VTK drops empty lines of multi-line text, so blank cells are a space to keep the rows aligned.
    std::vector<std::string> labels{"KPI"}, units{" "};
    for (const KpiRow& r : rows)
        labels.push_back(r.label), units.push_back(r.units.empty() ? " " : r.units);
    const double top = height - 10;
    strip->AddActor2D(textColumn(joinLines(labels), 24, top, size, false, false));
    strip->AddActor2D(textColumn(joinLines(units), width * 0.34, top, size, false, false));
    const double x0 = width * 0.40, step = (width * 0.97 - x0) / double(entries.size());
    for (size_t c = 0; c < entries.size(); ++c) {
        std::vector<std::string> col{entries[c].twin->name};
        for (const KpiRow& r : rows)
            col.push_back(r.values[c]);
        strip->AddActor2D(textColumn(joinLines(col), x0 + step * double(c + 1), top, size, true, false));
    }
    if (!caption.empty())
        strip->AddActor2D(textColumn(caption, 24, size * 1.6, std::max(9, size * 3 / 4), false, false));
}

} // namespace

std::vector<KpiRow> comparisonKpis(const std::vector<CompareEntry>& entries) {
    std::vector<KpiRow> rows;
    std::vector<std::vector<s::Kpi>> kpis;
    for (const CompareEntry& e : entries)
        kpis.push_back(s::kpisOf(*e.twin, *e.result));
    for (const char* key : kpiKeys) {
        const s::Kpi* first = findKpi(kpis.front(), key);
        if (!first) continue;
        KpiRow row{first->label, model::unitSymbol(first->units), {}};
        for (size_t i = 0; i < entries.size(); ++i) {
            const s::Kpi* k = findKpi(kpis[i], key);
            row.values.push_back(model::formatKpiValue(k ? k->value : std::nullopt));
        }
        rows.push_back(row);
    }
    return rows;
}

Image renderComparison(const std::vector<CompareEntry>& entries, const CompareImageOptions& o) {
    if (entries.empty() || entries.size() > 4) throw std::runtime_error("compare images take 1 to 4 twins");
    OffscreenWindow window(o.width, o.height);
    // One range over all twins, so the same colour means the same value in every panel.
    std::vector<RackScalars> values;
    std::vector<double> all;
    for (const CompareEntry& e : entries) {
        values.push_back(rackScalars(*e.twin, *e.result, o.colour));
        all.insert(all.end(), values.back().values.begin(), values.back().values.end());
    }
    const Range range = rangeOf(all);
    const double stripFraction = 0.33, n = double(entries.size());
    std::vector<std::unique_ptr<HallScene>> scenes;
    for (size_t i = 0; i < entries.size(); ++i) {
        auto scene = std::make_unique<HallScene>();
        scene->build(*entries[i].twin);
        if (o.colour != ColourMode::None) scene->setRackColours(values[i], range);
        scene->setLegendVisible(i + 1 == entries.size()); // one legend serves all panels
        scene->setTitle(entries[i].twin->name, twinSubtitle(*entries[i].twin));
        scene->setTextScale(std::clamp(o.height / 1100.0, 0.6, 2.0));
        window.add(scene->renderer(), {double(i) / n, stripFraction, double(i + 1) / n, 1});
        scene->setView(o.view);
        scenes.push_back(std::move(scene));
    }
    vtkNew<vtkRenderer> strip;
    strip->SetBackground(1, 1, 1);
    const std::string caption =
        o.colour == ColourMode::None
            ? "Racks coloured by cooling: grey-blue air, blue liquid, violet immersion. Orange: CDUs; teal: "
              "air "
              "handlers; copper: busways; light blue: coolant pipes; dark panel: rack front (intake)."
            : fmt::format(
                  "Racks coloured by {} at the design point, one scale for all panels (legend, right). "
                  "Dark panel: rack front (intake). Orange: CDUs; teal: air handlers; copper: busways.",
                  lowerFirst(values.front().title));
    fillKpiStrip(strip, entries, o.width, int(o.height * stripFraction), caption);
    window.add(strip, {0, 0, 1, stripFraction});
    return window.grab();
}

} // namespace halltwin::render
