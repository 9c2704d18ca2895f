#include "TaskFileModel.h"

#include "AuditModel.h"

#include <QLocale>

namespace Gatehouse {

TaskFileModel::TaskFileModel(QObject *parent)
    : RowListModel(parent)
{}

QString TaskFileModel::reviewText(const TaskFile &file)
{
    switch (file.review) {
    case ReviewState::Uploaded:
        return tr("Waiting for review");
    case ReviewState::Approved:
        return tr("Approved by %1").arg(file.reviewedBy);
    case ReviewState::Rejected:
        return tr("Rejected by %1: %2").arg(file.reviewedBy, file.reviewNote);
    }
    return QString();
}

int TaskFileModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskFileModel::data(const QModelIndex &index, int role) const
{
    const TaskFile *row = rowFor(index);
    if (!row) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row->file.name;
        case SizeColumn:
            return QLocale().formattedDataSize(row->file.size);
        case UploadedByColumn:
            return row->uploadedBy;
        case UploadedColumn:
            return AuditModel::timeText(row->createdAtMs);
        case ReviewColumn:
            return reviewText(*row);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            return tr("%1, SHA-256 %2").arg(row->file.mediaType, row->file.sha256);
        }
        if (index.column() == ReviewColumn) {
            return reviewText(*row);
        }
        break;
    case IdRole:
        return row->id;
    case ReviewRole:
        return toKey(row->review);
    default:
        break;
    }
    return {};
}

QVariant TaskFileModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NameColumn:
        return tr("File");
    case SizeColumn:
        return tr("Size");
    case UploadedByColumn:
        return tr("Sent by");
    case UploadedColumn:
        return tr("Sent");
    case ReviewColumn:
        return tr("Review");
    }
    return {};
}

} // namespace Gatehouse
