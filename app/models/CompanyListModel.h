#pragma once

#include "domain/Directory.h"

#include "RowListModel.h"

namespace Gatehouse {

// The workspace's client companies with how many contacts and onboardings each has.
class CompanyListModel : public RowListModel<Company>
{
    Q_OBJECT
public:
    enum Column { NameColumn, ContactsColumn, OnboardingsColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };

    explicit CompanyListModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace Gatehouse
