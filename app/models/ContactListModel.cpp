#include "ContactListModel.h"

namespace Gatehouse {

ContactListModel::ContactListModel(QObject *parent)
    : RowListModel(parent)
{}

int ContactListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContactListModel::data(const QModelIndex &index, int role) const
{
    const Contact *row = rowFor(index);
    if (!row) {
        return {};
    }
    const Contact &contact = *row;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return contact.name;
        case EmailColumn:
            return contact.email;
        case PortalAccessColumn:
            return contact.portalAccess ? tr("Yes") : tr("No");
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == PortalAccessColumn) {
            return contact.portalAccess
                       ? tr("%1 may sign in to the portal.").arg(contact.name)
                       : tr("Portal access is turned off for %1.").arg(contact.name);
        }
        break;
    case IdRole:
        return contact.id;
    case PortalAccessRole:
        return contact.portalAccess;
    default:
        break;
    }
    return {};
}

QVariant ContactListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("Email");
    case PortalAccessColumn:
        return tr("Portal access");
    default:
        return {};
    }
}

} // namespace Gatehouse
