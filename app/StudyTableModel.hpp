// The Study window's table: one row per variant (its number, parameter values, KPIs and status), sortable
// by any column through a QSortFilterProxyModel (numbers sort as numbers). Pareto rows are marked ★ and
// bold, rows outside the limits grey, failed variants carry their error.
#pragma once

#include "model/study/StudyRun.hpp"

#include <QAbstractTableModel>

#include <vector>

namespace halltwin::app {

// A parameter's value as people read it: JSON text without the quotes of a string ("hot" → hot).
QString parameterText(const std::string& json);

class StudyTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    static constexpr int VariantRole = Qt::UserRole + 1; // the variant a row shows (any column)
    static constexpr int SortRole = Qt::UserRole + 2;

    using QAbstractTableModel::QAbstractTableModel;
    void setResults(const model::study::StudyResults* r, std::vector<bool> pareto, std::vector<bool> outside);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

  private:
    QVariant display(size_t v, int column) const;
    QVariant sortKey(size_t v, int column) const;

    const model::study::StudyResults* r_ = nullptr;
    std::vector<bool> pareto_, outside_;
};

} // namespace halltwin::app
