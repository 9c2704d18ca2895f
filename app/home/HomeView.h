#pragma once

#include "core/ConsoleContext.h"
#include "services/HomeSummary.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QSpinBox;
class QTableView;

namespace Gatehouse {

class ErrorLabel;
class HomeCharts;
class HomeItemModel;

// The console's first page: what needs staff now (files and approvals waiting for review,
// unanswered questions, overdue tasks, onboardings with no activity for a while), each row
// opening its item where it is handled, and charts of onboardings by phase and of open tasks.
class HomeView : public QWidget
{
    Q_OBJECT
public:
    enum List { ReviewList, QuestionList, OverdueList, StalledList, ListCount };

    static const QString kStalledDaysKey;

    explicit HomeView(const ConsoleContext &context, QWidget *parent = nullptr);

    // Reads everything again now.
    void refresh();
    // Reads everything again shortly, once however often it is called meanwhile (what the
    // activity feed triggers).
    void scheduleRefresh();

    int stalledDays() const;
    void setStalledDays(int days);

    HomeItemModel *model(List list) const { return m_models[list]; }
    QTableView *view(List list) const { return m_views[list]; }
    QLabel *heading(List list) const { return m_headings[list]; }
    int count(List list) const { return m_counts[list]; }
    QSpinBox *stalledDaysBox() const { return m_stalledDays; }
    HomeCharts *charts() const { return m_charts; }

Q_SIGNALS:
    // A row was activated (Enter or double-click): open it in its area.
    void openRequested(const Gatehouse::HomeItem &item);

private:
    QWidget *createList(List list);
    void showNeeds(const HomeNeeds &needs);

    ConsoleContext m_context;
    HomeItemModel *m_models[ListCount] = {};
    QTableView *m_views[ListCount] = {};
    QLabel *m_headings[ListCount] = {};
    int m_counts[ListCount] = {};
    QSpinBox *m_stalledDays;
    HomeCharts *m_charts;
    ErrorLabel *m_error;
    QTimer m_refreshTimer;
};

} // namespace Gatehouse
