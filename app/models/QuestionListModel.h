#pragma once

#include "services/QuestionService.h"

#include "RowListModel.h"

namespace Gatehouse {

// The console's inbox: clients' questions, open ones first.
class QuestionListModel : public RowListModel<Question>
{
    Q_OBJECT
public:
    enum Column {
        StateColumn,
        CompanyColumn,
        AskedByColumn,
        QuestionColumn,
        AskedColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, OpenRole };

    explicit QuestionListModel(QObject *parent = nullptr);

    const Question *questionAt(const QModelIndex &index) const { return rowFor(index); }
    int openCount() const;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace Gatehouse
