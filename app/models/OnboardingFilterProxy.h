#pragma once

#include <QSortFilterProxyModel>

namespace Gatehouse {

class OnboardingListModel;

// The Onboardings list as filtered by the search field: rows whose company or name contain the
// text, ignoring case. Each keystroke tests every onboarding, so it compares against the
// model's case-folded text per row instead of asking data() for a fresh string each time.
class OnboardingFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit OnboardingFilterProxy(OnboardingListModel *model, QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    OnboardingListModel *m_model;
    QString m_text;
    QString m_needle; // m_text case-folded
};

} // namespace Gatehouse
