#include "CompanyListModel.h"

namespace Gatehouse {

CompanyListModel::CompanyListModel(QObject *parent)
    : RowListModel(parent)
{}

int CompanyListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CompanyListModel::data(const QModelIndex &index, int role) const
{
    const Company *row = rowFor(index);
    if (!row) {
        return {};
    }
    const Company &company = *row;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return company.name;
        case ContactsColumn:
            return company.contactCount;
        case OnboardingsColumn:
            return company.onboardingCount;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case IdRole:
        return company.id;
    default:
        break;
    }
    return {};
}

QVariant CompanyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NameColumn:
        return tr("Company");
    case ContactsColumn:
        return tr("Contacts");
    case OnboardingsColumn:
        return tr("Onboardings");
    default:
        return {};
    }
}

} // namespace Gatehouse
