#include "AccessLogModel.h"

#include "AuditModel.h"

namespace Gatehouse {

AccessLogModel::AccessLogModel(QObject *parent)
    : RowListModel(parent)
{}

int AccessLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AccessLogModel::kindText(const PortalAccess &access)
{
    const QString method = access.method;
    switch (access.kind) {
    case PortalAccess::Kind::Request:
        return tr("Used the portal");
    case PortalAccess::Kind::SecondStepFailed:
        return method == QLatin1String(PortalAccess::methodRecoveryCode)
                   ? tr("Wrong recovery code")
                   : tr("Wrong authenticator code");
    case PortalAccess::Kind::SignIn:
        break;
    }
    // How the sign-in was made; rows from before this was recorded say only that it was one.
    static const struct
    {
        const char *method;
        const char *text;
    } ways[] = {
        {PortalAccess::methodCode, QT_TR_NOOP("Signed in (emailed code)")},
        {PortalAccess::methodLink, QT_TR_NOOP("Signed in (emailed link)")},
        {PortalAccess::methodPassword, QT_TR_NOOP("Signed in (password)")},
        {PortalAccess::methodTotp, QT_TR_NOOP("Signed in (authenticator code)")},
        {PortalAccess::methodRecoveryCode, QT_TR_NOOP("Signed in (recovery code)")},
        {PortalAccess::methodTotpEnrolment, QT_TR_NOOP("Signed in (set up authenticator app)")},
        {PortalAccess::methodAccountChoice, QT_TR_NOOP("Signed in (chose this company)")},
        {PortalAccess::methodAccountSwitch,
         QT_TR_NOOP("Signed in (switched from another company)")},
    };
    for (const auto &way : ways) {
        if (method == QLatin1String(way.method)) {
            return tr(way.text);
        }
    }
    return tr("Signed in");
}

QVariant AccessLogModel::data(const QModelIndex &index, int role) const
{
    const PortalAccess *row = rowFor(index);
    if (!row) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return AuditModel::timeText(row->atMs);
        case KindColumn:
            return kindText(*row);
        case IpColumn:
            return row->ip.isEmpty() ? tr("unknown") : row->ip;
        case UserAgentColumn:
            return row->userAgent.isEmpty() ? tr("unknown") : row->userAgent;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == UserAgentColumn) {
            return row->userAgent;
        }
        break;
    case IdRole:
        return row->id;
    case TimeRole:
        return row->atMs;
    default:
        break;
    }
    return {};
}

QVariant AccessLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Access");
    case IpColumn:
        return tr("IP address");
    case UserAgentColumn:
        return tr("User agent");
    default:
        return {};
    }
}

} // namespace Gatehouse
