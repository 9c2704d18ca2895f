#pragma once

#include "mail/MailMessage.h"

#include "RowListModel.h"

namespace Gatehouse {

// Recent mail in the outbox, newest first: when, to whom, what, and whether it went out.
class OutboxModel : public RowListModel<MailMessage>
{
    Q_OBJECT
public:
    enum Column { TimeColumn, ToColumn, SubjectColumn, StatusColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, BodyRole, SentRole };

    explicit OutboxModel(QObject *parent = nullptr);

    static QString statusText(const MailMessage &message);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace Gatehouse
