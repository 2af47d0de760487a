#include "StudyTableModel.hpp"

#include "KpiFormat.hpp"

#include <QBrush>
#include <QFont>

#include <cmath>

namespace halltwin::app {

namespace {

bool ran(const model::study::VariantResult& v) {
    return v.done && v.error.empty();
}

QString statusText(const model::study::VariantResult& v) {
    if (!v.done) return QObject::tr("not run");
    return v.error.empty() ? QObject::tr("ok")
                           : QObject::tr("error: %1").arg(QString::fromStdString(v.error));
}

} // namespace

QString parameterText(const std::string& json) {
    const QString t = QString::fromStdString(json);
    return t.size() >= 2 && t.startsWith('"') && t.endsWith('"') ? t.mid(1, t.size() - 2) : t;
}

void StudyTableModel::setResults(const model::study::StudyResults* r, std::vector<bool> pareto,
                                 std::vector<bool> outside) {
    beginResetModel();
    r_ = r;
    pareto_ = std::move(pareto);
    outside_ = std::move(outside);
    endResetModel();
}

int StudyTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !r_ ? 0 : int(r_->variants.size());
}

// #, the parameters, the KPIs, the status.
int StudyTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !r_ ? 0 : int(2 + r_->parameterNames.size() + r_->kpis.size());
}

QVariant StudyTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole || !r_) return {};
    const size_t np = r_->parameterNames.size(), nk = r_->kpis.size(), c = size_t(section);
    if (c == 0) return tr("#");
    if (c <= np) return QString::fromStdString(r_->parameterNames[c - 1]);
    if (c <= np + nk) {
        const model::study::KpiColumn& k = r_->kpis[c - 1 - np];
        const QString units = unitText(k.units);
        return QString::fromStdString(k.label) + (units.isEmpty() ? QString() : " (" + units + ")");
    }
    return tr("Status");
}

QVariant StudyTableModel::display(size_t v, int column) const {
    const size_t np = r_->parameterNames.size(), nk = r_->kpis.size(), c = size_t(column);
    if (c == 0) return QString::number(v + 1) + (pareto_[v] ? " ★" : outside_[v] ? " !" : "");
    if (c <= np) return parameterText(r_->valueText(v, c - 1));
    if (c <= np + nk) {
        const double k = r_->variants[v].kpis[c - 1 - np];
        return ran(r_->variants[v]) && std::isfinite(k) ? formatKpi(k) : QString();
    }
    return statusText(r_->variants[v]);
}

QVariant StudyTableModel::sortKey(size_t v, int column) const {
    const size_t np = r_->parameterNames.size(), nk = r_->kpis.size(), c = size_t(column);
    if (c == 0) return qulonglong(v);
    if (c > np && c <= np + nk) { // missing values sort last
        const double k = r_->variants[v].kpis[c - 1 - np];
        return ran(r_->variants[v]) && std::isfinite(k) ? k : HUGE_VAL;
    }
    if (c <= np) return qulonglong(r_->design[v][c - 1]); // the study's order of values, not the text's
    return display(v, column);
}

QVariant StudyTableModel::data(const QModelIndex& index, int role) const {
    if (!r_ || !index.isValid()) return {};
    const size_t v = size_t(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(v, index.column());
    case SortRole:
        return sortKey(v, index.column());
    case VariantRole:
        return qulonglong(v);
    case Qt::FontRole: {
        QFont f;
        f.setBold(pareto_[v]);
        return f;
    }
    case Qt::ForegroundRole:
        if (!r_->variants[v].error.empty()) return QBrush(QColor(180, 30, 30));
        if (outside_[v] || !r_->variants[v].done) return QBrush(QColor(150, 150, 150));
        return {};
    case Qt::TextAlignmentRole: { // numbers right-aligned
        const int np = int(r_->parameterNames.size()), nk = int(r_->kpis.size());
        const bool number = index.column() > np && index.column() <= np + nk;
        return number ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    default:
        return {};
    }
}

} // namespace halltwin::app
