#include "FormEntryRepository.h"

#include "SqlQuery.h"
#include "TaskConfigText.h"

namespace Gatehouse {

QList<FormEntry> FormEntryRepository::read(const QString &where, const QVariantList &values,
                                           QString *error) const
{
    QList<FormEntry> entries;
    SqlQuery query(m_db, QStringLiteral("SELECT e.id, e.task_id, e.contact_id, e.author_name, "
                                        "e.answers, e.created_at, e.updated_at FROM form_entry e "
                                        "JOIN task t ON t.id = e.task_id "
                                        "JOIN onboarding o ON o.id = t.onboarding_id WHERE ")
                             + where + QStringLiteral(" ORDER BY e.id"));
    for (const QVariant &value : values) {
        query << value;
    }
    if (!query.exec(error)) {
        return entries;
    }
    while (query.next()) {
        FormEntry entry;
        entry.id = query.int64(0);
        entry.taskId = query.int64(1);
        entry.contactId = query.int64(2);
        entry.authorName = query.text(3);
        entry.answers = configFromText(query.text(4));
        entry.createdAtMs = query.int64(5);
        entry.updatedAtMs = query.int64(6);
        entries.append(entry);
    }
    return entries;
}

QList<FormEntry> FormEntryRepository::forTask(qint64 taskId, QString *error) const
{
    return read(QStringLiteral("e.task_id = ?"), {taskId}, error);
}

QList<FormEntry> FormEntryRepository::forTaskOfCompany(qint64 taskId, qint64 companyId,
                                                       QString *error) const
{
    return read(QStringLiteral("e.task_id = ? AND o.company_id = ?"), {taskId, companyId}, error);
}

std::optional<FormEntry> FormEntryRepository::get(qint64 entryId, qint64 taskId, qint64 companyId,
                                                  QString *error) const
{
    const QList<FormEntry> found
        = read(QStringLiteral("e.id = ? AND e.task_id = ? AND o.company_id = ?"),
               {entryId, taskId, companyId}, error);
    if (found.isEmpty()) {
        return std::nullopt;
    }
    return found.first();
}

qint64 FormEntryRepository::insert(qint64 taskId, qint64 contactId, const QString &authorName,
                                   const QJsonObject &answers, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO form_entry (task_id, contact_id, "
                                        "author_name, answers, created_at, updated_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    query << taskId << nullable(contactId) << authorName << configToText(answers) << nowMs << nowMs;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

int FormEntryRepository::update(qint64 entryId, qint64 taskId, qint64 contactId,
                                const QString &authorName, const QJsonObject &answers, qint64 nowMs,
                                QString *error)
{
    SqlQuery query(m_db,
                   QStringLiteral("UPDATE form_entry SET contact_id = ?, author_name = ?, "
                                  "answers = ?, updated_at = ? WHERE id = ? AND task_id = ?"));
    query << nullable(contactId) << authorName << configToText(answers) << nowMs << entryId
          << taskId;
    if (!query.exec(error)) {
        return -1;
    }
    return query.rowsAffected();
}

int FormEntryRepository::remove(qint64 entryId, qint64 taskId, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("DELETE FROM form_entry WHERE id = ? AND task_id = ?"));
    query << entryId << taskId;
    if (!query.exec(error)) {
        return -1;
    }
    return query.rowsAffected();
}

} // namespace Gatehouse
