#pragma once

#include "services/SearchService.h"

#include "RowListModel.h"

namespace Gatehouse {

// What the console's global search found: companies, contacts, onboardings and tasks.
class SearchResultModel : public RowListModel<SearchHit>
{
    Q_OBJECT
public:
    enum Column { KindColumn, TitleColumn, DetailColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, KindRole };

    explicit SearchResultModel(QObject *parent = nullptr);

    const SearchHit *hitAt(const QModelIndex &index) const { return rowFor(index); }
    static QString kindText(SearchHit::Kind kind);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace Gatehouse
