#pragma once

#include "storage/AccessRepository.h"

#include "RowListModel.h"

namespace Gatehouse {

// One contact's portal accesses (ACC-11), newest first: when, how, from where, with what.
class AccessLogModel : public RowListModel<PortalAccess>
{
    Q_OBJECT
public:
    enum Column { TimeColumn, KindColumn, IpColumn, UserAgentColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, TimeRole };

    explicit AccessLogModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "Signed in (authenticator code)", "Wrong authenticator code", ...
    static QString kindText(const PortalAccess &access);
};

} // namespace Gatehouse
