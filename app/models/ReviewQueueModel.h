#pragma once

#include "services/ReviewQueue.h"

#include "RowListModel.h"

namespace Gatehouse {

// What waits for staff (CON-5), oldest first.
class ReviewQueueModel : public RowListModel<ReviewItem>
{
    Q_OBJECT
public:
    enum Column { KindColumn, CompanyColumn, TaskColumn, DetailColumn, SinceColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, SinceRole };

    explicit ReviewQueueModel(QObject *parent = nullptr);

    const ReviewItem *itemAt(const QModelIndex &index) const { return rowFor(index); }
    static QString kindText(ReviewItem::Kind kind);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace Gatehouse
