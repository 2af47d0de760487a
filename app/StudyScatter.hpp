// The Study window's chart: one point per variant that ran, at two KPIs; the Pareto set as diamonds joined
// by the front, variants outside the limits faint, an optional colour by a third KPI (viridis), and the
// selected variant ringed. A click picks the nearest point within a few pixels (Qt Charts' own click
// reports the pressed position, not the point), a double click activates it; a drag zooms, a right
// click zooms out.
#pragma once

#include <QChartView>

#include <optional>
#include <vector>

class QAbstractSeries;
class QScatterSeries;
class QLineSeries;
class QValueAxis;

namespace halltwin::app {

struct ScatterPoint {
    size_t variant = 0;
    double x = 0, y = 0;
    double colour = 0; // in [0, 1] when the chart colours by a KPI
    bool pareto = false, outside = false;
};

struct ScatterAxes {
    QString title, x, y;
    bool coloured = false;
};

class StudyScatter : public QChartView {
    Q_OBJECT
  public:
    explicit StudyScatter(QWidget* parent = nullptr);

    void setPoints(const ScatterAxes& axes, std::vector<ScatterPoint> points);
    void setSelected(std::optional<size_t> variant);
    // Where variant `v` is drawn, in this widget's coordinates; nothing when it is not drawn.
    std::optional<QPoint> positionOf(size_t variant) const;
    const std::vector<ScatterPoint>& points() const { return points_; }

  signals:
    void variantClicked(size_t variant);
    void variantActivated(size_t variant);

  protected:
    void mousePressEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;

  private:
    std::optional<size_t> variantAt(const QPoint& p) const;
    QPoint toWidget(const ScatterPoint& p) const;
    void fitAxes();
    void showInLegend(QAbstractSeries* s, bool on);

    std::vector<ScatterPoint> points_;
    QScatterSeries* variants_;
    QScatterSeries* outside_;
    QScatterSeries* pareto_;
    QScatterSeries* selected_;
    QLineSeries* front_;
    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
};

} // namespace halltwin::app
