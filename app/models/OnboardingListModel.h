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

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace Gatehouse
