#pragma once

#include "services/HomeSummary.h"

#include "RowListModel.h"

namespace Gatehouse {

// One of Home's "needs you now" lists (review, questions, overdue tasks, stalled onboardings).
class HomeItemModel : public RowListModel<HomeItem>
{
    Q_OBJECT
public:
    enum Column { TitleColumn, CompanyColumn, DetailColumn, SinceColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, SinceRole };

    explicit HomeItemModel(QObject *parent = nullptr);

    const HomeItem *itemAt(const QModelIndex &index) const { return rowFor(index); }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace Gatehouse
