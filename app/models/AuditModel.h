#pragma once

#include "domain/AuditEvent.h"

#include "RowListModel.h"

namespace Gatehouse {

// Events of the audit trail, newest first: when, who, what, about what, and from where. The
// event where verification found the chain broken is shown in red.
class AuditModel : public RowListModel<AuditEvent>
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ActorColumn,
        ActionColumn,
        SubjectColumn,
        DetailColumn,
        IpColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        ActionKeyRole, // the stored action, e.g. "login.failed"
        HashRole,
        BrokenRole, // whether verification found the chain broken here
    };

    explicit AuditModel(QObject *parent = nullptr);

    // Words for people for a stored action; the action itself when there are none.
    static QString actionLabel(const QString &action);
    static QString timeText(qint64 ms);

    void setBrokenId(qint64 id);
    qint64 brokenId() const { return m_brokenId; }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rowChanged(qint64 id);

    qint64 m_brokenId = 0;
};

} // namespace Gatehouse
