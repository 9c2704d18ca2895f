#include "TemplateListModel.h"

namespace Gatehouse {

TemplateListModel::TemplateListModel(QObject *parent)
    : RowListModel(parent)
{}

int TemplateListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TemplateListModel::data(const QModelIndex &index, int role) const
{
    const OnboardingTemplate *row = rowFor(index);
    if (!row) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return row->name;
    case Qt::ToolTipRole:
        return row->description.isEmpty() ? QVariant() : QVariant(row->description);
    case IdRole:
        return row->id;
    default:
        return {};
    }
}

QVariant TemplateListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section == NameColumn) {
        return tr("Template");
    }
    return RowListModel::headerData(section, orientation, role);
}

} // namespace Gatehouse
