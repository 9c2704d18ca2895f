#pragma once

#include "domain/Onboarding.h"

#include "RowListModel.h"

namespace Gatehouse {

// Onboardings of the workspace: company, name, start date and progress.
class OnboardingListModel : public RowListModel<Onboarding>
{
    Q_OBJECT
public:
    enum Column { CompanyColumn, NameColumn, StartDateColumn, ProgressColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        SortRole,   // comparable values for every column
        SearchRole, // company and name, for the search field
    };

    explicit OnboardingListModel(QObject *parent = nullptr);

    static QString progressText(const Progress &progress);
    // Company and name of a row, case-folded, for the search field; kept until the rows
    // change, so typing a filter does not build 10,000 strings per keystroke.
    const QString &searchText(int row) const;

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    mutable QList<QString> m_searchTexts; // by row; empty until first asked for
};

} // namespace Gatehouse
