#pragma once

#include "domain/Template.h"

#include "RowListModel.h"

namespace Gatehouse {

// The workspace's templates by name; the description is the tooltip.
class TemplateListModel : public RowListModel<OnboardingTemplate>
{
    Q_OBJECT
public:
    enum Column { NameColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };

    explicit TemplateListModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace Gatehouse
