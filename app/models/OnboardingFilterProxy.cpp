#include "OnboardingFilterProxy.h"

#include "OnboardingListModel.h"

namespace Gatehouse {

OnboardingFilterProxy::OnboardingFilterProxy(OnboardingListModel *model, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_model(model)
{
    setSourceModel(model);
    setSortRole(OnboardingListModel::SortRole);
}

void OnboardingFilterProxy::setSearchText(const QString &text)
{
    if (text == m_text) {
        return;
    }
    m_text = text;
    m_needle = text.toCaseFolded();
    invalidateFilter();
}

bool OnboardingFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_needle.isEmpty() || sourceParent.isValid()) {
        return true;
    }
    return m_model->searchText(sourceRow).contains(m_needle);
}

} // namespace Gatehouse
