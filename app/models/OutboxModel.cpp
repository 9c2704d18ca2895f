#include "OutboxModel.h"

#include <QBrush>
#include <QDateTime>
#include <QLocale>

namespace Gatehouse {

namespace {

QString timeText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

} // namespace

OutboxModel::OutboxModel(QObject *parent)
    : RowListModel(parent)
{}

QString OutboxModel::statusText(const MailMessage &message)
{
    if (message.sentAtMs > 0) {
        return tr("Sent");
    }
    if (message.attempts == 0) {
        return tr("Waiting to be sent");
    }
    if (message.lastError.isEmpty()) {
        return tr("Waiting (attempt %1)").arg(message.attempts);
    }
    return tr("Waiting (attempt %1: %2)").arg(message.attempts).arg(message.lastError);
}

int OutboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    const MailMessage *row = rowFor(index);
    if (!row) {
        return {};
    }
    const MailMessage &message = *row;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return timeText(message.createdAtMs);
        case ToColumn:
            return message.to;
        case SubjectColumn:
            return message.subject;
        case StatusColumn:
            return statusText(message);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn) {
            return message.sentAtMs > 0 ? tr("Sent %1").arg(timeText(message.sentAtMs))
                                        : statusText(message);
        }
        if (index.column() == TimeColumn) {
            return tr("Queued %1").arg(timeText(message.createdAtMs));
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && message.sentAtMs == 0 && message.attempts > 0) {
            return QBrush(QColor(0xb0, 0x1e, 0x1e));
        }
        break;
    case IdRole:
        return message.id;
    case BodyRole:
        return message.text;
    case SentRole:
        return message.sentAtMs > 0;
    default:
        break;
    }
    return {};
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Queued");
    case ToColumn:
        return tr("To");
    case SubjectColumn:
        return tr("Subject");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace Gatehouse
