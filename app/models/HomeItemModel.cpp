#include "HomeItemModel.h"

#include "AuditModel.h"

#include <QDate>
#include <QLocale>

namespace Gatehouse {

namespace {

QString detailText(const HomeItem &item)
{
    switch (item.kind) {
    case HomeItem::Kind::Review:
        return item.detail.simplified().left(80);
    case HomeItem::Kind::Question:
        return HomeItemModel::tr("asked by %1").arg(item.detail);
    case HomeItem::Kind::OverdueTask:
        return HomeItemModel::tr("due %1").arg(
            QLocale().toString(QDate::fromString(item.detail, Qt::ISODate), QLocale::ShortFormat));
    case HomeItem::Kind::StalledOnboarding:
        return HomeItemModel::tr("last activity %1").arg(AuditModel::timeText(item.sinceMs));
    }
    return QString();
}

} // namespace

HomeItemModel::HomeItemModel(QObject *parent)
    : RowListModel(parent)
{}

int HomeItemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HomeItemModel::data(const QModelIndex &index, int role) const
{
    const HomeItem *item = rowFor(index);
    if (!item) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return item->title.simplified().left(120);
        case CompanyColumn:
            return item->company;
        case DetailColumn:
            return detailText(*item);
        case SinceColumn:
            return AuditModel::timeText(item->sinceMs);
        }
        break;
    case Qt::ToolTipRole:
        return item->title;
    case IdRole:
        return item->id;
    case SinceRole:
        return item->sinceMs;
    default:
        break;
    }
    return {};
}

QVariant HomeItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TitleColumn:
        return tr("What");
    case CompanyColumn:
        return tr("Client");
    case DetailColumn:
        return tr("Details");
    case SinceColumn:
        return tr("Since");
    }
    return {};
}

} // namespace Gatehouse
