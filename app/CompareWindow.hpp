// Two or three twins side by side: each its own 3-D view with linked cameras and one colour range, a
// KPI difference table against the first twin (absolute and %, better or worse highlighted), the
// review image (the render layer's composite) and the table as CSV on the clipboard.
#pragma once

#include "TwinDocument.hpp"

#include "model/sim/SystemSimulation.hpp"

#include <QWidget>

class QTableWidget;
class QHBoxLayout;

namespace halltwin::app {

class HallView;

class CompareWindow : public QWidget {
    Q_OBJECT
  public:
    explicit CompareWindow(QWidget* parent = nullptr);

    // Adds a twin (up to three); false with the error message when it cannot be loaded.
    bool addTwin(const QString& path, QString* error);
    bool exportReviewImage(const QString& path, int width, int height, QString* error);
    QString tableCsv() const;
    QTableWidget* table() const { return table_; }
    int twinCount() const { return int(docs_.size()); }

  private:
    void refresh();
    void linkCameras(HallView* source);

    std::vector<TwinDocument*> docs_;
    std::vector<HallView*> views_;
    std::vector<model::sim::SimulationResult> results_;
    QHBoxLayout* viewRow_;
    QTableWidget* table_;
    bool linking_ = false;
};

} // namespace halltwin::app
