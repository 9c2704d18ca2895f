#include "OnboardingRepository.h"

#include "SqlQuery.h"
#include "TaskConfigText.h"

#include <QDateTime>

namespace Gatehouse {

namespace {

const QLatin1String kTaskColumns(
    "t.id, t.onboarding_id, t.phase_id, t.position, t.title, t.description, t.evidence_type, "
    "t.owner_side, t.status, t.due_date, t.completed_at, t.completed_by, t.completion_note, "
    "t.updated_at, t.config, t.owner_staff_id");

Task readTask(const SqlQuery &query, int first)
{
    Task task;
    task.id = query.int64(first + 0);
    task.onboardingId = query.int64(first + 1);
    task.phaseId = query.int64(first + 2);
    task.position = query.value(first + 3).toInt();
    task.title = query.text(first + 4);
    task.description = query.text(first + 5);
    task.evidenceType
        = evidenceTypeFromString(query.text(first + 6)).value_or(EvidenceType::Standard);
    task.ownerSide = ownerSideFromString(query.text(first + 7)).value_or(OwnerSide::Client);
    task.status = taskStatusFromString(query.text(first + 8)).value_or(TaskStatus::Pending);
    task.dueDate = QDate::fromString(query.text(first + 9), Qt::ISODate);
    task.completedAtMs = query.int64(first + 10);
    task.completedBy = query.text(first + 11);
    task.completionNote = query.text(first + 12);
    task.updatedAtMs = query.int64(first + 13);
    task.config = configFromText(query.text(first + 14));
    task.staffOwnerId = query.int64(first + 15);
    return task;
}

// Completed is counted as all minus open: both counts then come from indexes alone (all from
// task_onboarding, open from the partial task_open), where counting completed tasks visited
// every task row, and the list of a workspace with years of onboardings has ~50 per row.
const QLatin1String kSummarySelect(
    "SELECT o.id, o.company_id, c.name, o.template_id, o.name, o.start_date, "
    "(SELECT COUNT(*) FROM task WHERE onboarding_id = o.id) - "
    "(SELECT COUNT(*) FROM task WHERE onboarding_id = o.id AND status <> 'completed'), "
    "(SELECT COUNT(*) FROM task WHERE onboarding_id = o.id), o.owner_staff_id "
    "FROM onboarding o JOIN company c ON c.id = o.company_id ");

Onboarding readSummary(const SqlQuery &query)
{
    Onboarding onboarding;
    onboarding.id = query.int64(0);
    onboarding.companyId = query.int64(1);
    onboarding.companyName = query.text(2);
    onboarding.templateId = query.int64(3);
    onboarding.name = query.text(4);
    onboarding.startDate = QDate::fromString(query.text(5), Qt::ISODate);
    onboarding.progress.completed = query.value(6).toInt();
    onboarding.progress.total = query.value(7).toInt();
    onboarding.ownerStaffId = query.int64(8);
    return onboarding;
}

} // namespace

qint64 OnboardingRepository::create(qint64 companyId, const OnboardingTemplate &tmpl,
                                    const QString &name, const QDate &startDate,
                                    qint64 ownerStaffId, qint64 nowMs, QString *error)
{
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO onboarding (company_id, template_id, name, "
                                         "start_date, created_at, owner_staff_id) "
                                         "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    insert << companyId << nullable(tmpl.id) << name << startDate.toString(Qt::ISODate) << nowMs
           << nullable(ownerStaffId);
    if (!insert.exec(error) || !insert.next()) {
        return 0;
    }
    const qint64 onboardingId = insert.int64(0);
    for (int p = 0; p < tmpl.phases.size(); ++p) {
        const TemplatePhase &phase = tmpl.phases.at(p);
        SqlQuery insertPhase(m_db, QStringLiteral("INSERT INTO phase (onboarding_id, position, "
                                                  "name) VALUES (?, ?, ?) RETURNING id"));
        insertPhase << onboardingId << p << phase.name;
        if (!insertPhase.exec(error) || !insertPhase.next()) {
            return 0;
        }
        const qint64 phaseId = insertPhase.int64(0);
        for (int t = 0; t < phase.tasks.size(); ++t) {
            const TemplateTask &task = phase.tasks.at(t);
            SqlQuery insertTask(
                m_db, QStringLiteral("INSERT INTO task (onboarding_id, phase_id, position, title, "
                                     "description, evidence_type, owner_side, status, due_date, "
                                     "updated_at, config) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)"));
            insertTask << onboardingId << phaseId << t << task.title << task.description
                       << toKey(task.evidenceType) << toKey(task.ownerSide)
                       << startDate.addDays(task.dueOffsetDays).toString(Qt::ISODate) << nowMs
                       << configToText(task.config);
            if (!insertTask.exec(error)) {
                return 0;
            }
        }
    }
    return onboardingId;
}

QList<Onboarding> OnboardingRepository::list(qint64 workspaceId, QString *error) const
{
    QList<Onboarding> result;
    SqlQuery query(m_db,
                   kSummarySelect + QLatin1String("WHERE c.workspace_id = ? ORDER BY o.id DESC"));
    query << workspaceId;
    if (!query.exec(error)) {
        return result;
    }
    while (query.next()) {
        result.append(readSummary(query));
    }
    return result;
}

std::optional<Onboarding> OnboardingRepository::get(qint64 id, QString *error) const
{
    SqlQuery query(m_db, kSummarySelect + QLatin1String("WHERE o.id = ?"));
    query << id;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    Onboarding onboarding = readSummary(query);
    if (!fillPhases(onboarding, error)) {
        return std::nullopt;
    }
    return onboarding;
}

QList<Onboarding> OnboardingRepository::forCompany(qint64 companyId, QString *error) const
{
    QList<Onboarding> result;
    SqlQuery query(m_db, kSummarySelect + QLatin1String("WHERE o.company_id = ? ORDER BY o.id"));
    query << companyId;
    if (!query.exec(error)) {
        return result;
    }
    while (query.next()) {
        result.append(readSummary(query));
    }
    for (Onboarding &onboarding : result) {
        if (!fillPhases(onboarding, error)) {
            return {};
        }
    }
    return result;
}

bool OnboardingRepository::fillPhases(Onboarding &onboarding, QString *error) const
{
    SqlQuery phases(m_db, QStringLiteral("SELECT id, position, name FROM phase "
                                         "WHERE onboarding_id = ? ORDER BY position"));
    phases << onboarding.id;
    if (!phases.exec(error)) {
        return false;
    }
    onboarding.phases.clear();
    while (phases.next()) {
        onboarding.phases.append({phases.int64(0), phases.value(1).toInt(), phases.text(2), {}});
    }
    SqlQuery tasks(m_db, QStringLiteral("SELECT ") + kTaskColumns
                             + QLatin1String(" FROM task t WHERE t.onboarding_id = ? "
                                             "ORDER BY t.phase_id, t.position"));
    tasks << onboarding.id;
    if (!tasks.exec(error)) {
        return false;
    }
    while (tasks.next()) {
        const Task task = readTask(tasks, 0);
        for (Phase &phase : onboarding.phases) {
            if (phase.id == task.phaseId) {
                phase.tasks.append(task);
                break;
            }
        }
    }
    return true;
}

qint64 OnboardingRepository::companyOfTask(qint64 taskId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT o.company_id FROM task t "
                                        "JOIN onboarding o ON o.id = t.onboarding_id "
                                        "WHERE t.id = ?"));
    query << taskId;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

std::optional<Task> OnboardingRepository::taskForCompany(qint64 taskId, qint64 companyId,
                                                         QString *error) const
{
    SqlQuery query(m_db,
                   QStringLiteral("SELECT ") + kTaskColumns
                       + QLatin1String(" FROM task t JOIN onboarding o ON o.id = "
                                       "t.onboarding_id WHERE t.id = ? AND o.company_id = ?"));
    query << taskId << companyId;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return readTask(query, 0);
}

std::optional<Task> OnboardingRepository::taskForStaff(qint64 taskId, qint64 *companyId,
                                                       QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT ") + kTaskColumns
                             + QLatin1String(", o.company_id FROM task t JOIN onboarding o "
                                             "ON o.id = t.onboarding_id WHERE t.id = ?"));
    query << taskId;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    if (companyId) {
        *companyId = query.int64(16);
    }
    return readTask(query, 0);
}

int OnboardingRepository::setTaskConfig(qint64 taskId, const QJsonObject &config, qint64 nowMs,
                                        QString *error)
{
    SqlQuery update(m_db,
                    QStringLiteral("UPDATE task SET config = ?, updated_at = ? WHERE id = ?"));
    update << configToText(config) << nowMs << taskId;
    if (!update.exec(error)) {
        return -1;
    }
    return update.rowsAffected();
}

int OnboardingRepository::mergeTaskConfig(qint64 taskId, const QJsonObject &keys, qint64 nowMs,
                                          QString *error)
{
    SqlQuery read(m_db, QStringLiteral("SELECT config FROM task WHERE id = ?"));
    read << taskId;
    if (!read.exec(error)) {
        return -1;
    }
    if (!read.next()) {
        return 0;
    }
    QJsonObject config = configFromText(read.text(0));
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        config.insert(it.key(), it.value());
    }
    return setTaskConfig(taskId, config, nowMs, error);
}

int OnboardingRepository::setTaskOwner(qint64 taskId, qint64 staffId, qint64 nowMs, QString *error)
{
    SqlQuery update(m_db, QStringLiteral("UPDATE task SET owner_staff_id = ?, updated_at = ? "
                                         "WHERE id = ?"));
    update << nullable(staffId) << nowMs << taskId;
    if (!update.exec(error)) {
        return -1;
    }
    return update.rowsAffected();
}

int OnboardingRepository::setOnboardingOwner(qint64 onboardingId, qint64 staffId, QString *error)
{
    SqlQuery update(m_db, QStringLiteral("UPDATE onboarding SET owner_staff_id = ? WHERE id = ?"));
    update << nullable(staffId) << onboardingId;
    if (!update.exec(error)) {
        return -1;
    }
    return update.rowsAffected();
}

int OnboardingRepository::setTaskStatus(qint64 taskId, qint64 companyId, TaskStatus status,
                                        const QString &actor, const QString &note, qint64 nowMs,
                                        QString *error)
{
    const bool completed = status == TaskStatus::Completed;
    SqlQuery update(
        m_db, QStringLiteral("UPDATE task SET status = ?, completed_at = ?, completed_by = ?, "
                             "completion_note = ?, updated_at = ? "
                             "WHERE id = ? AND status <> ? AND onboarding_id IN "
                             "(SELECT id FROM onboarding WHERE company_id = ?)"));
    update << toKey(status) << (completed ? QVariant(nowMs) : QVariant())
           << (completed ? actor : QStringLiteral("")) << (completed ? note : QStringLiteral(""))
           << nowMs << taskId << toKey(status) << companyId;
    if (!update.exec(error)) {
        return -1;
    }
    return update.rowsAffected();
}

} // namespace Gatehouse
