#include "AuditModel.h"

#include <QBrush>
#include <QDateTime>
#include <QLocale>

namespace Gatehouse {

AuditModel::AuditModel(QObject *parent)
    : RowListModel(parent)
{}

QString AuditModel::actionLabel(const QString &action)
{
    struct Label
    {
        const char *action;
        const char *label;
    };
    static const Label labels[] = {
        {"access.default_changed", QT_TR_NOOP("Portal access default for new contacts")},
        {"access.disabled", QT_TR_NOOP("Portal access turned off")},
        {"access.enabled", QT_TR_NOOP("Portal access turned on")},
        {"access.revoked", QT_TR_NOOP("Portal access revoked")},
        {"company.created", QT_TR_NOOP("Company added")},
        {"contact.created", QT_TR_NOOP("Contact added")},
        {"credential.moved", QT_TR_NOOP("Credential moved to a password manager")},
        {"credential.purged", QT_TR_NOOP("Credential purged")},
        {"credential.revealed", QT_TR_NOOP("Credential revealed")},
        {"credential.submitted", QT_TR_NOOP("Credential handed over")},
        {"invite.sent", QT_TR_NOOP("Invitation")},
        {"login.account_chosen", QT_TR_NOOP("Company chosen at sign-in")},
        {"login.account_switched", QT_TR_NOOP("Switched company in the portal")},
        {"login.code_sent", QT_TR_NOOP("Sign-in code sent")},
        {"login.failed", QT_TR_NOOP("Wrong sign-in code")},
        {"login.locked_out", QT_TR_NOOP("Sign-in locked: too many wrong codes")},
        {"login.succeeded", QT_TR_NOOP("Portal sign-in")},
        {"onboarding.created", QT_TR_NOOP("Onboarding created")},
        {"staff.login", QT_TR_NOOP("Staff sign-in")},
        {"staff.login_failed", QT_TR_NOOP("Staff sign-in refused")},
        {"staff.password_changed", QT_TR_NOOP("Staff password changed")},
        {"task.completed", QT_TR_NOOP("Task completed by client")},
        {"task.status", QT_TR_NOOP("Task status changed")},
        {"vault.created", QT_TR_NOOP("Vault created")},
        {"vault.granted", QT_TR_NOOP("Vault access granted")},
        {"vault.revoked", QT_TR_NOOP("Vault access revoked")},
        {"vault.unlock_failed", QT_TR_NOOP("Vault unlock refused")},
        {"workspace.created", QT_TR_NOOP("Workspace created")},
    };
    for (const Label &entry : labels) {
        if (action == QLatin1String(entry.action)) {
            return tr(entry.label);
        }
    }
    return action;
}

QString AuditModel::timeText(qint64 ms)
{
    // To the second: an audit trail is read for the order and moment of things.
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms),
                              QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void AuditModel::setBrokenId(qint64 id)
{
    const qint64 previous = m_brokenId;
    m_brokenId = id;
    rowChanged(previous);
    rowChanged(id);
}

void AuditModel::rowChanged(qint64 id)
{
    const int row = id == 0 ? -1 : rowOf(id);
    if (row >= 0) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    const AuditEvent *row = rowFor(index);
    if (!row) {
        return {};
    }
    const AuditEvent &event = *row;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return timeText(event.createdAtMs);
        case ActorColumn:
            return event.actor;
        case ActionColumn:
            return actionLabel(event.action);
        case SubjectColumn:
            return event.subject;
        case DetailColumn:
            return event.detail;
        case IpColumn:
            return event.ip;
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return tr("Event %1 at %2 UTC")
                .arg(event.id)
                .arg(QDateTime::fromMSecsSinceEpoch(event.createdAtMs, Qt::UTC)
                         .toString(Qt::ISODateWithMs));
        case ActorColumn:
            return event.actorKind;
        case ActionColumn:
            return event.action;
        case DetailColumn:
            return event.detail;
        default:
            break;
        }
        break;
    case Qt::ForegroundRole:
        if (event.id == m_brokenId) {
            return QBrush(QColor(0xa6, 0x1b, 0x1b));
        }
        break;
    case Qt::BackgroundRole:
        if (event.id == m_brokenId) {
            return QBrush(QColor(0xfd, 0xec, 0xec));
        }
        break;
    case IdRole:
        return event.id;
    case ActionKeyRole:
        return event.action;
    case HashRole:
        return event.hash;
    case BrokenRole:
        return event.id == m_brokenId;
    default:
        break;
    }
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Who");
    case ActionColumn:
        return tr("Action");
    case SubjectColumn:
        return tr("Subject");
    case DetailColumn:
        return tr("Detail");
    case IpColumn:
        return tr("IP address");
    default:
        return {};
    }
}

} // namespace Gatehouse
