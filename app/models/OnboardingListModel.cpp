#include "OnboardingListModel.h"

#include <QLocale>

namespace Gatehouse {

namespace {

QString searchTextOf(const Onboarding &onboarding)
{
    return onboarding.companyName + QLatin1Char('\n') + onboarding.name;
}

} // namespace

OnboardingListModel::OnboardingListModel(QObject *parent)
    : RowListModel(parent)
{
    // Connected before any view or proxy is, so the cache is dropped before they ask again.
    connect(this, &QAbstractItemModel::modelReset, this, [this] { m_searchTexts.clear(); });
    connect(this, &QAbstractItemModel::dataChanged, this, [this] { m_searchTexts.clear(); });
}

const QString &OnboardingListModel::searchText(int row) const
{
    if (m_searchTexts.size() != rows().size()) {
        m_searchTexts.clear();
        m_searchTexts.reserve(rows().size());
        for (const Onboarding &onboarding : rows()) {
            m_searchTexts.append(searchTextOf(onboarding).toCaseFolded());
        }
    }
    return m_searchTexts.at(row);
}

QString OnboardingListModel::progressText(const Progress &progress)
{
    return tr("%1/%2 (%3%)").arg(progress.completed).arg(progress.total).arg(progress.percent());
}

int OnboardingListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OnboardingListModel::data(const QModelIndex &index, int role) const
{
    const Onboarding *row = rowFor(index);
    if (!row) {
        return {};
    }
    const Onboarding &onboarding = *row;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CompanyColumn:
            return onboarding.companyName;
        case NameColumn:
            return onboarding.name;
        case StartDateColumn:
            return QLocale().toString(onboarding.startDate, QLocale::ShortFormat);
        case ProgressColumn:
            return progressText(onboarding.progress);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ProgressColumn) {
            return tr("%n of %1 tasks completed", nullptr, onboarding.progress.completed)
                .arg(onboarding.progress.total);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == ProgressColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case IdRole:
        return onboarding.id;
    case SortRole:
        switch (index.column()) {
        case CompanyColumn:
            return onboarding.companyName.toLower();
        case NameColumn:
            return onboarding.name.toLower();
        case StartDateColumn:
            return onboarding.startDate;
        case ProgressColumn:
            return onboarding.progress.total == 0
                       ? 0.0
                       : double(onboarding.progress.completed) / onboarding.progress.total;
        }
        break;
    case SearchRole:
        return searchTextOf(onboarding);
    default:
        break;
    }
    return {};
}

QVariant OnboardingListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return RowListModel::headerData(section, orientation, role);
    }
    switch (section) {
    case CompanyColumn:
        return tr("Company");
    case NameColumn:
        return tr("Onboarding");
    case StartDateColumn:
        return tr("Start date");
    case ProgressColumn:
        return tr("Progress");
    default:
        return {};
    }
}

} // namespace Gatehouse
