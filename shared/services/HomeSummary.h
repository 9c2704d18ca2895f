#pragma once

#include "services/ReviewQueue.h"

#include <QDate>
#include <QList>
#include <QString>

namespace Gatehouse {

class Clock;
class Database;

// One row of a "needs you now" list on the console's Home: enough to show it and to open it
// in its area.
struct HomeItem
{
    enum class Kind { Review, Question, OverdueTask, StalledOnboarding };

    qint64 id = 0; // unique within its list: the review queue id, question, task or onboarding
    Kind kind = Kind::Review;
    qint64 companyId = 0;
    qint64 onboardingId = 0;
    qint64 taskId = 0;
    QString company;
    QString title;  // the task, the question's text or the onboarding's name
    QString detail; // the file's name, who asked, the due date, the last activity
    qint64 sinceMs = 0;
};

// What waits for staff now, each with the whole count and its first (oldest) few rows.
struct HomeNeeds
{
    int reviewCount = 0;
    QList<HomeItem> review;
    int questionCount = 0;
    QList<HomeItem> questions;
    int overdueCount = 0;
    QList<HomeItem> overdue;
    int stalledCount = 0;
    QList<HomeItem> stalled;
};

struct PhaseCount
{
    QString phase;
    int onboardings = 0;
};

struct OpenTasksOnDay
{
    QDate day;
    int open = 0;
};

// The console's Home (what needs staff now, onboardings by phase, open tasks over time), read
// with aggregate queries over indexed columns so it stays quick with hundreds of thousands of
// tasks.
class HomeSummary
{
public:
    static constexpr int kListLimit = 5;
    static constexpr int kDefaultStalledDays = 7;
    static constexpr int kBurnDownDays = 30;

    HomeSummary(const Database &db, const Clock &clock);

    // stalledDays: an unfinished onboarding with no activity for this many days is stalled.
    [[nodiscard]] bool needs(qint64 workspaceId, int stalledDays, HomeNeeds *needs,
                             QString *error) const;
    // Unfinished onboardings counted by their current phase (the first with work left), in
    // the order phases come in templates.
    QList<PhaseCount> onboardingsByPhase(qint64 workspaceId, QString *error) const;
    // Open tasks at the end of each of the last `days` days (today last, counted as of now).
    // A task counts from its onboarding's creation until it is completed.
    QList<OpenTasksOnDay> openTasksByDay(qint64 workspaceId, int days, QString *error) const;

private:
    [[nodiscard]] bool readReview(qint64 workspaceId, HomeNeeds *needs, QString *error) const;
    [[nodiscard]] bool readQuestions(qint64 workspaceId, HomeNeeds *needs, QString *error) const;
    [[nodiscard]] bool readOverdue(qint64 workspaceId, HomeNeeds *needs, QString *error) const;
    [[nodiscard]] bool readStalled(qint64 workspaceId, int stalledDays, HomeNeeds *needs,
                                   QString *error) const;

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
