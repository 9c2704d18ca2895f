#pragma once

#include "domain/TaskFile.h"

#include "RowListModel.h"

namespace Gatehouse {

// The files of one task, oldest first: what the client sent, and what became of it.
class TaskFileModel : public RowListModel<TaskFile>
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        SizeColumn,
        UploadedByColumn,
        UploadedColumn,
        ReviewColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, ReviewRole };

    explicit TaskFileModel(QObject *parent = nullptr);

    const TaskFile *fileAt(const QModelIndex &index) const { return rowFor(index); }
    static QString reviewText(const TaskFile &file);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace Gatehouse
