#include "HomeSummary.h"

#include "core/Clock.h"
#include "storage/SqlQuery.h"

#include <QDateTime>
#include <QHash>

namespace Gatehouse {

namespace {

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;
// Completions are summed per quarter hour in SQL and put on local days here: every time zone's
// midnight falls on a quarter hour, so no bucket straddles two days.
constexpr qint64 kBucketMs = 15 * 60 * 1000;

// The workspace's onboardings, for "t.onboarding_id IN (...)": the database then counts a
// workspace's tasks from the partial index of open tasks instead of joining every task row.
const QLatin1String
    kWorkspaceOnboardings("(SELECT o.id FROM onboarding o JOIN company c ON c.id = o.company_id "
                          "WHERE c.workspace_id = ?)");

qint64 startOfDayMs(const QDate &day)
{
    return day.startOfDay().toMSecsSinceEpoch();
}

} // namespace

HomeSummary::HomeSummary(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

bool HomeSummary::needs(qint64 workspaceId, int stalledDays, HomeNeeds *needs, QString *error) const
{
    *needs = HomeNeeds();
    return readReview(workspaceId, needs, error) && readQuestions(workspaceId, needs, error)
           && readOverdue(workspaceId, needs, error)
           && readStalled(workspaceId, stalledDays, needs, error);
}

bool HomeSummary::readReview(qint64 workspaceId, HomeNeeds *needs, QString *error) const
{
    QString queueError;
    const QList<ReviewItem> items = ReviewQueue(m_db).items(workspaceId, &queueError);
    if (!queueError.isEmpty()) {
        *error = queueError;
        return false;
    }
    needs->reviewCount = int(items.size());
    for (const ReviewItem &item : items.mid(0, kListLimit)) {
        HomeItem row;
        row.id = item.id;
        row.kind = HomeItem::Kind::Review;
        row.companyId = item.companyId;
        row.taskId = item.taskId;
        row.company = item.company;
        row.title = item.task;
        row.detail = item.detail;
        row.sinceMs = item.sinceMs;
        needs->review.append(row);
    }
    return true;
}

bool HomeSummary::readQuestions(qint64 workspaceId, HomeNeeds *needs, QString *error) const
{
    // Open questions are few (they are answered), so all are read and counted here.
    SqlQuery query(m_db, QStringLiteral("SELECT q.id, c.id, c.name, q.onboarding_id, q.body, "
                                        "q.asked_by, q.created_at FROM question q "
                                        "JOIN company c ON c.id = q.company_id "
                                        "WHERE c.workspace_id = ? AND q.answered_at IS NULL "
                                        "ORDER BY q.created_at, q.id"));
    query << workspaceId;
    if (!query.exec(error)) {
        return false;
    }
    while (query.next()) {
        ++needs->questionCount;
        if (needs->questions.size() < kListLimit) {
            needs->questions.append({query.int64(0), HomeItem::Kind::Question, query.int64(1),
                                     query.int64(3), 0, query.text(2), query.text(4), query.text(5),
                                     query.int64(6)});
        }
    }
    return true;
}

bool HomeSummary::readOverdue(qint64 workspaceId, HomeNeeds *needs, QString *error) const
{
    const QString today
        = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs()).date().toString(Qt::ISODate);
    const QLatin1String overdue(" FROM task t WHERE t.status <> 'completed' AND "
                                "t.due_date <> '' AND t.due_date < ? AND t.onboarding_id IN ");
    SqlQuery count(m_db, QLatin1String("SELECT COUNT(*)") + overdue + kWorkspaceOnboardings);
    count << today << workspaceId;
    if (!count.exec(error)) {
        return false;
    }
    needs->overdueCount = count.next() ? int(count.int64(0)) : 0;

    // Walks the open tasks by due date and stops at the first few of this workspace.
    SqlQuery list(m_db, QLatin1String("SELECT t.id, o.id, c.id, c.name, t.title, t.due_date, "
                                      "t.updated_at FROM task t "
                                      "JOIN onboarding o ON o.id = t.onboarding_id "
                                      "JOIN company c ON c.id = o.company_id "
                                      "WHERE t.status <> 'completed' AND t.due_date <> '' "
                                      "AND t.due_date < ? AND t.onboarding_id IN ")
                            + kWorkspaceOnboardings
                            + QLatin1String(" ORDER BY t.due_date, t.id LIMIT ?"));
    list << today << workspaceId << kListLimit;
    if (!list.exec(error)) {
        return false;
    }
    while (list.next()) {
        needs->overdue.append({list.int64(0), HomeItem::Kind::OverdueTask, list.int64(2),
                               list.int64(1), list.int64(0), list.text(3), list.text(4),
                               list.text(5), list.int64(6)});
    }
    return true;
}

bool HomeSummary::readStalled(qint64 workspaceId, int stalledDays, HomeNeeds *needs,
                              QString *error) const
{
    // The last activity of an onboarding (its creation when nothing happened since); only
    // onboardings with work left can stall.
    SqlQuery query(m_db,
                   QStringLiteral("SELECT s.id, s.company_id, s.company, s.name, s.last_at FROM ("
                                  "SELECT o.id, c.id AS company_id, c.name AS company, o.name, "
                                  "COALESCE((SELECT MAX(a.created_at) FROM activity a "
                                  "WHERE a.onboarding_id = o.id), o.created_at) AS last_at "
                                  "FROM onboarding o JOIN company c ON c.id = o.company_id "
                                  "WHERE c.workspace_id = ? AND EXISTS (SELECT 1 FROM task t "
                                  "WHERE t.onboarding_id = o.id AND t.status <> 'completed')) s "
                                  "WHERE s.last_at < ? ORDER BY s.last_at, s.id"));
    query << workspaceId << m_clock.nowMs() - qint64(stalledDays) * kDayMs;
    if (!query.exec(error)) {
        return false;
    }
    while (query.next()) {
        ++needs->stalledCount;
        if (needs->stalled.size() < kListLimit) {
            needs->stalled.append({query.int64(0), HomeItem::Kind::StalledOnboarding,
                                   query.int64(1), query.int64(0), 0, query.text(2), query.text(3),
                                   QString(), query.int64(4)});
        }
    }
    return true;
}

QList<PhaseCount> HomeSummary::onboardingsByPhase(qint64 workspaceId, QString *error) const
{
    // The current phase is the first with an open task; each phase's check is one probe of
    // the partial index of open tasks.
    SqlQuery query(
        m_db, QStringLiteral("SELECT p.name, MIN(p.position), COUNT(*) FROM phase p JOIN ("
                             "SELECT ph.onboarding_id, MIN(ph.position) AS position FROM phase ph "
                             "WHERE ph.onboarding_id IN ")
                  + kWorkspaceOnboardings
                  + QLatin1String(" AND EXISTS (SELECT 1 FROM task t WHERE "
                                  "t.onboarding_id = ph.onboarding_id AND "
                                  "t.phase_id = ph.id AND t.status <> 'completed') "
                                  "GROUP BY ph.onboarding_id) cur "
                                  "ON cur.onboarding_id = p.onboarding_id AND "
                                  "cur.position = p.position "
                                  "GROUP BY p.name ORDER BY MIN(p.position), p.name"));
    query << workspaceId;
    if (!query.exec(error)) {
        return {};
    }
    QList<PhaseCount> counts;
    while (query.next()) {
        counts.append({query.text(0), int(query.int64(2))});
    }
    return counts;
}

QList<OpenTasksOnDay> HomeSummary::openTasksByDay(qint64 workspaceId, int days,
                                                  QString *error) const
{
    // Walks back from the open tasks now: at the end of a day, the tasks open were those open
    // now, plus those completed since, minus those created since.
    const qint64 nowMs = m_clock.nowMs();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs).date();
    const QDate first = today.addDays(1 - days);
    const qint64 windowStartMs = startOfDayMs(first);

    SqlQuery open(m_db, QLatin1String("SELECT COUNT(*) FROM task t WHERE t.status <> "
                                      "'completed' AND t.onboarding_id IN ")
                            + kWorkspaceOnboardings);
    open << workspaceId;
    if (!open.exec(error)) {
        return {};
    }
    const int openNow = open.next() ? int(open.int64(0)) : 0;

    QHash<QDate, int> completedOn;
    // "+t.onboarding_id" (a no-op on both engines) steers SQLite to the recent completions in
    // the completed_at index instead of walking every onboarding's tasks.
    SqlQuery completed(m_db, QLatin1String("SELECT (t.completed_at - ?) / ?, COUNT(*) FROM task t "
                                           "WHERE t.completed_at >= ? AND +t.onboarding_id IN ")
                                 + kWorkspaceOnboardings + QLatin1String(" GROUP BY 1"));
    completed << windowStartMs << kBucketMs << windowStartMs << workspaceId;
    if (!completed.exec(error)) {
        return {};
    }
    while (completed.next()) {
        const QDate day
            = QDateTime::fromMSecsSinceEpoch(windowStartMs + completed.int64(0) * kBucketMs).date();
        completedOn[day] += int(completed.int64(1));
    }

    QHash<QDate, int> createdOn;
    SqlQuery created(m_db, QStringLiteral("SELECT o.created_at, (SELECT COUNT(*) FROM task t "
                                          "WHERE t.onboarding_id = o.id) FROM onboarding o "
                                          "JOIN company c ON c.id = o.company_id "
                                          "WHERE c.workspace_id = ? AND o.created_at >= ?"));
    created << workspaceId << windowStartMs;
    if (!created.exec(error)) {
        return {};
    }
    while (created.next()) {
        createdOn[QDateTime::fromMSecsSinceEpoch(created.int64(0)).date()] += int(created.int64(1));
    }

    QList<OpenTasksOnDay> points(days);
    int openAtEnd = openNow;
    for (int i = days - 1; i >= 0; --i) {
        const QDate day = first.addDays(i);
        points[i] = {day, openAtEnd};
        // Undo the day: what was completed on it was open before, what was created was not.
        openAtEnd += completedOn.value(day) - createdOn.value(day);
    }
    return points;
}

} // namespace Gatehouse
