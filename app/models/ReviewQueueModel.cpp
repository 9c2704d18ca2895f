#include "ReviewQueueModel.h"

#include "AuditModel.h"

namespace Gatehouse {

ReviewQueueModel::ReviewQueueModel(QObject *parent)
    : RowListModel(parent)
{}

QString ReviewQueueModel::kindText(ReviewItem::Kind kind)
{
    switch (kind) {
    case ReviewItem::Kind::File:
        return tr("File to review");
    case ReviewItem::Kind::Approval:
        return tr("Changes requested");
    case ReviewItem::Kind::Training:
        return tr("Training to hold");
    }
    return QString();
}

int ReviewQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReviewQueueModel::data(const QModelIndex &index, int role) const
{
    const ReviewItem *item = rowFor(index);
    if (!item) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KindColumn:
            return kindText(item->kind);
        case CompanyColumn:
            return item->company;
        case TaskColumn:
            return item->task;
        case DetailColumn:
            return item->detail.simplified().left(120);
        case SinceColumn:
            return AuditModel::timeText(item->sinceMs);
        }
        break;
    case Qt::ToolTipRole:
        return tr("%1 · %2").arg(item->onboarding, item->detail);
    case IdRole:
        return item->id;
    case SinceRole:
        return item->sinceMs;
    default:
        break;
    }
    return {};
}

QVariant ReviewQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case KindColumn:
        return tr("Waiting for");
    case CompanyColumn:
        return tr("Client");
    case TaskColumn:
        return tr("Task");
    case DetailColumn:
        return tr("Details");
    case SinceColumn:
        return tr("Since");
    }
    return {};
}

} // namespace Gatehouse
