#include "HomeView.h"

#include "HomeCharts.h"
#include "models/HomeItemModel.h"
#include "widgets/ErrorLabel.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

constexpr int kRefreshDelayMs = 300;

QString headingText(HomeView::List list, int count)
{
    switch (list) {
    case HomeView::ReviewList:
        return HomeView::tr("Waiting for review (%1)").arg(count);
    case HomeView::QuestionList:
        return HomeView::tr("Unanswered questions (%1)").arg(count);
    case HomeView::OverdueList:
        return HomeView::tr("Overdue tasks (%1)").arg(count);
    case HomeView::StalledList:
        return HomeView::tr("Stalled onboardings (%1)").arg(count);
    case HomeView::ListCount:
        break;
    }
    return QString();
}

} // namespace

const QString HomeView::kStalledDaysKey = QStringLiteral("home/stalledDays");

HomeView::HomeView(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_stalledDays(new QSpinBox(this))
    , m_charts(new HomeCharts(this))
    , m_error(new ErrorLabel(this))
{
    setObjectName(QStringLiteral("homeView"));
    auto *title = new QLabel(tr("Needs you now"), this);
    QFont font = title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.3);
    title->setFont(font);

    m_stalledDays->setObjectName(QStringLiteral("stalledDays"));
    m_stalledDays->setRange(1, 365);
    m_stalledDays->setSuffix(tr(" days"));
    m_stalledDays->setValue(
        QSettings().value(kStalledDaysKey, HomeSummary::kDefaultStalledDays).toInt());
    auto *stalledLabel = new QLabel(tr("&Stalled after no activity for"), this);
    stalledLabel->setBuddy(m_stalledDays);

    auto *top = new QHBoxLayout;
    top->addWidget(title, 1);
    top->addWidget(stalledLabel);
    top->addWidget(m_stalledDays);

    auto *grid = new QGridLayout;
    grid->setSpacing(16);
    for (int list = 0; list < ListCount; ++list) {
        grid->addWidget(createList(static_cast<List>(list)), list / 2, list % 2);
    }

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(18, 18, 18, 18);
    contentLayout->setSpacing(12);
    contentLayout->addLayout(top);
    contentLayout->addWidget(m_error);
    contentLayout->addLayout(grid);
    contentLayout->addWidget(m_charts);
    contentLayout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAccessibleName(tr("Home"));
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &HomeView::refresh);
    connect(m_stalledDays, &QSpinBox::valueChanged, this, [this](int days) {
        QSettings().setValue(kStalledDaysKey, days);
        scheduleRefresh();
    });
    refresh();
}

QWidget *HomeView::createList(List list)
{
    auto *box = new QWidget(this);
    m_headings[list] = new QLabel(box);
    QFont font = m_headings[list]->font();
    font.setBold(true);
    m_headings[list]->setFont(font);

    m_models[list] = new HomeItemModel(this);
    auto *view = new QTableView(box);
    m_views[list] = view;
    view->setObjectName(QStringLiteral("homeList%1").arg(int(list)));
    view->setTabKeyNavigation(false);
    view->setModel(m_models[list]);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->setMinimumHeight(150);
    m_headings[list]->setBuddy(view);
    // Enter and double-click both activate.
    connect(view, &QTableView::activated, this, [this, list](const QModelIndex &index) {
        if (const HomeItem *item = m_models[list]->itemAt(index.siblingAtColumn(0))) {
            Q_EMIT openRequested(*item);
        }
    });

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_headings[list]);
    layout->addWidget(view, 1);
    return box;
}

int HomeView::stalledDays() const
{
    return m_stalledDays->value();
}

void HomeView::setStalledDays(int days)
{
    m_stalledDays->setValue(days);
}

void HomeView::scheduleRefresh()
{
    m_refreshTimer.start();
}

void HomeView::refresh()
{
    m_refreshTimer.stop();
    const HomeSummary summary(*m_context.db, *m_context.clock);
    const qint64 workspaceId = m_context.workspace.id;
    HomeNeeds needs;
    QString error;
    if (!summary.needs(workspaceId, stalledDays(), &needs, &error)) {
        m_error->showMessage(tr("What needs you could not be read: %1").arg(error));
        return;
    }
    const QList<PhaseCount> phases = summary.onboardingsByPhase(workspaceId, &error);
    const QList<OpenTasksOnDay> days
        = summary.openTasksByDay(workspaceId, HomeSummary::kBurnDownDays, &error);
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The charts could not be read: %1").arg(error));
    } else {
        m_error->clear();
    }
    showNeeds(needs);
    m_charts->setPhases(phases);
    m_charts->setOpenTasks(days);
}

void HomeView::showNeeds(const HomeNeeds &needs)
{
    const QList<HomeItem> *rows[ListCount]
        = {&needs.review, &needs.questions, &needs.overdue, &needs.stalled};
    const int counts[ListCount]
        = {needs.reviewCount, needs.questionCount, needs.overdueCount, needs.stalledCount};
    for (int list = 0; list < ListCount; ++list) {
        m_counts[list] = counts[list];
        const QString heading = headingText(static_cast<List>(list), counts[list]);
        m_headings[list]->setText(heading);
        // Screen readers take a table's name from the table itself, not from its buddy.
        m_views[list]->setAccessibleName(heading);
        m_models[list]->setRows(*rows[list]);
        m_views[list]->resizeColumnToContents(HomeItemModel::TitleColumn);
    }
}

} // namespace Gatehouse
