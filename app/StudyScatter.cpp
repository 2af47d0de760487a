#include "StudyScatter.hpp"

#include "render/Colormap.hpp"

#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace halltwin::app {

namespace {

constexpr double kPickRadiusPx = 10;

QColor colourOf(render::Rgb c) {
    return QColor(c[0], c[1], c[2]);
}

QScatterSeries* scatter(QChart* chart, const QString& name, QScatterSeries::MarkerShape shape, double size,
                        const QColor& fill, const QPen& border) {
    auto* s = new QScatterSeries(chart);
    s->setName(name);
    s->setMarkerShape(shape);
    s->setMarkerSize(size);
    s->setColor(fill);
    s->setPen(border);
    chart->addSeries(s);
    return s;
}

} // namespace

StudyScatter::StudyScatter(QWidget* parent) : QChartView(new QChart, parent) {
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::RectangleRubberBand);
    QChart* c = chart();
    c->legend()->setAlignment(Qt::AlignBottom);
    front_ = new QLineSeries(c);
    front_->setName(tr("Pareto front"));
    front_->setPen(QPen(colourOf(render::Rgb{200, 30, 30}), 1.5, Qt::DashLine));
    c->addSeries(front_);
    outside_ = scatter(c, tr("Outside the limits"), QScatterSeries::MarkerShapeCircle, 7,
                       QColor(225, 225, 225), QPen(QColor(180, 180, 180)));
    variants_ = scatter(c, tr("Variants"), QScatterSeries::MarkerShapeCircle, 9, QColor(110, 110, 110),
                        QPen(Qt::white));
    pareto_ = scatter(c, tr("Pareto set"), QScatterSeries::MarkerShapeRotatedRectangle, 15,
                      QColor(200, 30, 30), QPen(QColor(200, 30, 30), 2.5));
    selected_ = scatter(c, tr("Selected"), QScatterSeries::MarkerShapeCircle, 22, Qt::transparent,
                        QPen(Qt::black, 2));
    xAxis_ = new QValueAxis(c);
    yAxis_ = new QValueAxis(c);
    c->addAxis(xAxis_, Qt::AlignBottom);
    c->addAxis(yAxis_, Qt::AlignLeft);
    for (QAbstractSeries* s : c->series())
        s->attachAxis(xAxis_), s->attachAxis(yAxis_);
    setMinimumSize(480, 320);
}

void StudyScatter::setPoints(const ScatterAxes& axes, std::vector<ScatterPoint> points) {
    points_ = std::move(points);
    chart()->setTitle(axes.title);
    xAxis_->setTitleText(axes.x);
    yAxis_->setTitleText(axes.y);
    for (QXYSeries* s : {static_cast<QXYSeries*>(variants_), static_cast<QXYSeries*>(outside_),
                         static_cast<QXYSeries*>(pareto_), static_cast<QXYSeries*>(front_)})
        s->clear();
    std::vector<QPointF> front;
    for (const ScatterPoint& p : points_) {
        QScatterSeries* s = p.outside ? outside_ : p.pareto ? pareto_ : variants_;
        s->append(p.x, p.y);
        if (axes.coloured && !p.outside && std::isfinite(p.colour))
            s->setPointConfiguration(s->count() - 1, QXYSeries::PointConfiguration::Color,
                                     colourOf(render::viridis(p.colour)));
        if (p.pareto) front.emplace_back(p.x, p.y);
    }
    std::sort(front.begin(), front.end(), [](QPointF a, QPointF b) { return a.x() < b.x(); });
    front_->replace(QList<QPointF>(front.begin(), front.end()));
    fitAxes();
    setSelected(std::nullopt);
    showInLegend(outside_, outside_->count() > 0);
    showInLegend(front_, front.size() > 1);
}

void StudyScatter::showInLegend(QAbstractSeries* s, bool on) {
    for (QLegendMarker* m : chart()->legend()->markers(s))
        m->setVisible(on);
}

void StudyScatter::fitAxes() {
    chart()->zoomReset();
    if (points_.empty()) return;
    double x0 = points_[0].x, x1 = x0, y0 = points_[0].y, y1 = y0;
    for (const ScatterPoint& p : points_)
        x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    // A margin of 6 % (or of the value itself when every point agrees) keeps the markers off the frame.
    auto pad = [](double lo, double hi) {
        return hi > lo ? 0.06 * (hi - lo) : std::max(1e-9, 0.05 * std::abs(hi));
    };
    xAxis_->setRange(x0 - pad(x0, x1), x1 + pad(x0, x1));
    yAxis_->setRange(y0 - pad(y0, y1), y1 + pad(y0, y1));
    xAxis_->applyNiceNumbers();
    yAxis_->applyNiceNumbers();
}

void StudyScatter::setSelected(std::optional<size_t> variant) {
    selected_->clear();
    for (const ScatterPoint& p : points_)
        if (variant && p.variant == *variant) selected_->append(p.x, p.y);
    showInLegend(selected_, selected_->count() > 0);
}

QPoint StudyScatter::toWidget(const ScatterPoint& p) const {
    return mapFromScene(chart()->mapToScene(chart()->mapToPosition(QPointF(p.x, p.y), variants_)));
}

std::optional<QPoint> StudyScatter::positionOf(size_t variant) const {
    for (const ScatterPoint& p : points_)
        if (p.variant == variant) return toWidget(p);
    return std::nullopt;
}

std::optional<size_t> StudyScatter::variantAt(const QPoint& at) const {
    std::optional<size_t> best;
    double bestDistance = kPickRadiusPx;
    for (const ScatterPoint& p : points_) {
        const QPoint q = toWidget(p);
        const double d = std::hypot(double(q.x() - at.x()), double(q.y() - at.y()));
        if (d <= bestDistance) bestDistance = d, best = p.variant;
    }
    return best;
}

void StudyScatter::mousePressEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton)
        if (const std::optional<size_t> v = variantAt(e->position().toPoint())) {
            setSelected(*v);
            emit variantClicked(*v);
            return e->accept();
        }
    QChartView::mousePressEvent(e);
}

void StudyScatter::mouseDoubleClickEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton)
        if (const std::optional<size_t> v = variantAt(e->position().toPoint())) {
            emit variantActivated(*v);
            return e->accept();
        }
    QChartView::mouseDoubleClickEvent(e);
}

} // namespace halltwin::app
