#include "SearchResultModel.h"

namespace Gatehouse {

SearchResultModel::SearchResultModel(QObject *parent)
    : RowListModel(parent)
{}

QString SearchResultModel::kindText(SearchHit::Kind kind)
{
    switch (kind) {
    case SearchHit::Kind::Company:
        return tr("Company");
    case SearchHit::Kind::Contact:
        return tr("Contact");
    case SearchHit::Kind::Onboarding:
        return tr("Onboarding");
    case SearchHit::Kind::Task:
        return tr("Task");
    }
    return QString();
}

int SearchResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    const SearchHit *hit = rowFor(index);
    if (!hit) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KindColumn:
            return kindText(hit->kind);
        case TitleColumn:
            return hit->title;
        case DetailColumn:
            return hit->detail;
        }
        break;
    case Qt::ToolTipRole:
        return tr("%1: %2 (%3)").arg(kindText(hit->kind), hit->title, hit->detail);
    case IdRole:
        return hit->id;
    case KindRole:
        return int(hit->kind);
    default:
        break;
    }
    return {};
}

QVariant SearchResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case TitleColumn:
        return tr("Name");
    case DetailColumn:
        return tr("Where");
    }
    return {};
}

} // namespace Gatehouse
