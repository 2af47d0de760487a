// The twin as a tree: hall → rows → racks; cooling; power. Selection is shared with the 3-D view.
#pragma once

#include "TwinDocument.hpp"

#include <QTreeWidget>

namespace halltwin::app {

class TwinTree : public QTreeWidget {
    Q_OBJECT
  public:
    TwinTree(TwinDocument* doc, QWidget* parent = nullptr);
    void select(const QString& id);

  signals:
    void objectSelected(const QString& id);

  private:
    void rebuild();
    QTreeWidgetItem* item(QTreeWidgetItem* parent, const std::string& id, const std::string& name,
                          const QString& kind, const QString& detail = {});

    TwinDocument* doc_;
    bool updating_ = false;
};

} // namespace halltwin::app
