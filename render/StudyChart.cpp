#include "render/StudyChart.hpp"

#include "render/OffscreenWindow.hpp"

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkPlotPoints.h>
#include <vtkRenderer.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace halltwin::render {

namespace {

// The points of one series (the Pareto set or the others) as a two-column table.
vtkSmartPointer<vtkTable> series(const StudyChartData& d, bool onFront) {
    vtkNew<vtkDoubleArray> x, y;
    x->SetName("x");
    y->SetName("y");
    for (size_t i = 0; i < d.x.size(); ++i)
        if (d.pareto[i] == onFront) x->InsertNextValue(d.x[i]), y->InsertNextValue(d.y[i]);
    auto t = vtkSmartPointer<vtkTable>::New();
    t->AddColumn(x);
    t->AddColumn(y);
    return t;
}

void addSeries(vtkChartXY* chart, vtkTable* t, Rgb colour, float width, int marker) {
    if (t->GetNumberOfRows() == 0) return;
    vtkPlot* plot = chart->AddPlot(vtkChart::POINTS);
    plot->SetInputData(t, 0, 1);
    plot->SetColor(colour[0], colour[1], colour[2], 255);
    plot->SetWidth(width);
    if (auto* points = vtkPlotPoints::SafeDownCast(plot)) points->SetMarkerStyle(marker);
}

// Axis range with 5 % of the span either side, so points on the extremes (often the Pareto set) show whole.
void padRange(vtkAxis* axis, const std::vector<double>& v) {
    if (v.empty()) return;
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    const double pad = std::max(0.05 * (*hi - *lo), 1e-6 * std::max(1.0, std::fabs(*hi)));
    axis->SetBehavior(vtkAxis::FIXED);
    axis->SetRange(*lo - pad, *hi + pad);
}

} // namespace

Image renderStudyChart(const StudyChartData& d, int width, int height) {
    vtkNew<vtkContextView> view;
    view->GetRenderer()->SetBackground(1, 1, 1);
    vtkNew<vtkChartXY> chart;
    view->GetScene()->AddItem(chart);
    chart->SetTitle(d.title);
    chart->GetTitleProperties()->SetFontSize(20);
    chart->GetAxis(vtkAxis::BOTTOM)->SetTitle(d.xLabel);
    chart->GetAxis(vtkAxis::LEFT)->SetTitle(d.yLabel);
    for (int a : {vtkAxis::BOTTOM, vtkAxis::LEFT}) {
        chart->GetAxis(a)->GetTitleProperties()->SetFontSize(16);
        chart->GetAxis(a)->GetLabelProperties()->SetFontSize(14);
    }
    padRange(chart->GetAxis(vtkAxis::BOTTOM), d.x);
    padRange(chart->GetAxis(vtkAxis::LEFT), d.y);
    // Kept alive until the render: the plots hold only references.
    const vtkSmartPointer<vtkTable> others = series(d, false), front = series(d, true);
    addSeries(chart, others, kVariantColour, 7, vtkPlotPoints::CIRCLE);
    addSeries(chart, front, kParetoColour, 12, vtkPlotPoints::DIAMOND);
    OffscreenWindow window(width, height);
    window.add(view->GetRenderer());
    return window.grab();
}

} // namespace halltwin::render
