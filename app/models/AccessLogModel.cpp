#include "AccessLogModel.h"

#include "AuditModel.h"

namespace Gatehouse {

AccessLogModel::AccessLogModel(QObject *parent)
    : RowListModel(parent)
{}

int AccessLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccessLogModel::data(const QModelIndex &index, int role) const
{
    const PortalAccess *row = rowFor(index);
    if (!row) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return AuditModel::timeText(row->atMs);
        case KindColumn:
            return row->kind == PortalAccess::Kind::SignIn ? tr("Signed in")
                                                           : tr("Used the portal");
        case IpColumn:
            return row->ip.isEmpty() ? tr("unknown") : row->ip;
        case UserAgentColumn:
            return row->userAgent.isEmpty() ? tr("unknown") : row->userAgent;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == UserAgentColumn) {
            return row->userAgent;
        }
        break;
    case IdRole:
        return row->id;
    case TimeRole:
        return row->atMs;
    default:
        break;
    }
    return {};
}

QVariant AccessLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Access");
    case IpColumn:
        return tr("IP address");
    case UserAgentColumn:
        return tr("User agent");
    default:
        return {};
    }
}

} // namespace Gatehouse
