#pragma once

#include "domain/Directory.h"

#include "RowListModel.h"

namespace Gatehouse {

// The contacts of one company: name, email and whether they may use the portal.
class ContactListModel : public RowListModel<Contact>
{
    Q_OBJECT
public:
    enum Column { NameColumn, EmailColumn, PortalAccessColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, PortalAccessRole };

    explicit ContactListModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace Gatehouse
