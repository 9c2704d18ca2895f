#include "CredentialRepository.h"

#include "storage/SqlQuery.h"

namespace Gatehouse {

namespace {

constexpr const char *kColumns
    = "cs.id, cs.task_id, cs.contact_id, COALESCE(c.name, ''), cs.kind, cs.file_name, "
      "cs.file_size, cs.submitted_at, cs.moved_at, cs.moved_by, cs.purged_at";

CredentialSubmission read(const SqlQuery &query)
{
    CredentialSubmission submission;
    submission.id = query.int64(0);
    submission.taskId = query.int64(1);
    submission.contactId = query.int64(2);
    submission.contactName = query.text(3);
    submission.kind = credentialKindFromString(query.text(4)).value_or(CredentialKind::Single);
    submission.fileName = query.text(5);
    submission.fileSize = query.int64(6);
    submission.submittedAtMs = query.int64(7);
    submission.movedAtMs = query.int64(8);
    submission.movedBy = query.text(9);
    submission.purgedAtMs = query.int64(10);
    return submission;
}

} // namespace

qint64 CredentialRepository::insert(const CredentialSubmission &submission,
                                    const QByteArray &sealed, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO credential_submission (task_id, contact_id, "
                                        "kind, sealed, file_name, file_size, submitted_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    query << submission.taskId << nullable(submission.contactId) << toKey(submission.kind) << sealed
          << submission.fileName
          << (submission.kind == CredentialKind::BulkFile ? QVariant(submission.fileSize)
                                                          : QVariant())
          << submission.submittedAtMs;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

QList<CredentialSubmission> CredentialRepository::forTask(qint64 taskId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT %1 FROM credential_submission cs "
                                        "LEFT JOIN contact c ON c.id = cs.contact_id "
                                        "WHERE cs.task_id = ? ORDER BY cs.submitted_at, cs.id")
                             .arg(QLatin1String(kColumns)));
    query << taskId;
    QList<CredentialSubmission> list;
    if (!query.exec(error)) {
        return list;
    }
    while (query.next()) {
        list.append(read(query));
    }
    return list;
}

std::optional<StoredCredential> CredentialRepository::get(qint64 id, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT %1, o.company_id, o.id, t.title, cs.sealed "
                                        "FROM credential_submission cs "
                                        "JOIN task t ON t.id = cs.task_id "
                                        "JOIN onboarding o ON o.id = t.onboarding_id "
                                        "LEFT JOIN contact c ON c.id = cs.contact_id "
                                        "WHERE cs.id = ?")
                             .arg(QLatin1String(kColumns)));
    query << id;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    StoredCredential stored;
    stored.submission = read(query);
    stored.companyId = query.int64(11);
    stored.onboardingId = query.int64(12);
    stored.taskTitle = query.text(13);
    stored.sealed = query.value(14).toByteArray();
    return stored;
}

int CredentialRepository::markMoved(qint64 id, const QString &by, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE credential_submission SET moved_at = ?, "
                                        "moved_by = ? WHERE id = ? AND moved_at IS NULL"));
    query << nowMs << by << id;
    return query.exec(error) ? query.rowsAffected() : -1;
}

int CredentialRepository::purge(qint64 id, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE credential_submission SET sealed = NULL, "
                                        "purged_at = ? WHERE id = ? AND moved_at IS NOT NULL "
                                        "AND purged_at IS NULL"));
    query << nowMs << id;
    return query.exec(error) ? query.rowsAffected() : -1;
}

} // namespace Gatehouse
