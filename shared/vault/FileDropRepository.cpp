#include "FileDropRepository.h"

#include "storage/SqlQuery.h"

namespace Gatehouse {

namespace {

constexpr const char *kColumns
    = "d.id, d.task_id, d.contact_id, COALESCE(c.name, ''), d.file_name, d.file_size, "
      "d.created_at, d.expires_at, d.downloaded_at, d.downloaded_by, d.deleted_at, d.purged_at";
constexpr const char *kStoredColumns = ", o.company_id, t.onboarding_id, t.title, d.file_id, "
                                       "d.stream_header, d.sealed_key";
constexpr const char *kStoredJoins = " LEFT JOIN contact c ON c.id = d.contact_id "
                                     "JOIN task t ON t.id = d.task_id "
                                     "JOIN onboarding o ON o.id = t.onboarding_id";

FileDrop read(const SqlQuery &query)
{
    FileDrop drop;
    drop.id = query.int64(0);
    drop.taskId = query.int64(1);
    drop.contactId = query.int64(2);
    drop.contactName = query.text(3);
    drop.fileName = query.text(4);
    drop.size = query.int64(5);
    drop.createdAtMs = query.int64(6);
    drop.expiresAtMs = query.int64(7);
    drop.downloadedAtMs = query.int64(8);
    drop.downloadedBy = query.text(9);
    drop.deletedAtMs = query.int64(10);
    drop.purgedAtMs = query.int64(11);
    return drop;
}

StoredFileDrop readStored(const SqlQuery &query)
{
    StoredFileDrop stored;
    stored.drop = read(query);
    stored.companyId = query.int64(12);
    stored.onboardingId = query.int64(13);
    stored.taskTitle = query.text(14);
    stored.fileId = query.int64(15);
    stored.streamHeader = query.value(16).toByteArray();
    stored.sealedKey = query.value(17).toByteArray();
    return stored;
}

int changed(SqlQuery &query, QString *error)
{
    return query.exec(error) ? query.rowsAffected() : -1;
}

} // namespace

qint64 FileDropRepository::insert(const FileDrop &drop, qint64 fileId,
                                  const QByteArray &streamHeader, const QByteArray &sealedKey,
                                  QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO file_drop (task_id, contact_id, file_name, "
                                        "file_size, file_id, stream_header, sealed_key, "
                                        "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                        "?) RETURNING id"));
    query << drop.taskId << nullable(drop.contactId) << drop.fileName << drop.size << fileId
          << streamHeader << sealedKey << drop.createdAtMs << drop.expiresAtMs;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

QList<FileDrop> FileDropRepository::forTask(qint64 taskId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT %1 FROM file_drop d LEFT JOIN contact c "
                                        "ON c.id = d.contact_id WHERE d.task_id = ? "
                                        "ORDER BY d.created_at, d.id")
                             .arg(QLatin1String(kColumns)));
    query << taskId;
    QList<FileDrop> list;
    if (!query.exec(error)) {
        return list;
    }
    while (query.next()) {
        list.append(read(query));
    }
    return list;
}

std::optional<StoredFileDrop> FileDropRepository::get(qint64 id, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT %1%2 FROM file_drop d%3 WHERE d.id = ?")
                             .arg(QLatin1String(kColumns), QLatin1String(kStoredColumns),
                                  QLatin1String(kStoredJoins)));
    query << id;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return readStored(query);
}

QList<StoredFileDrop> FileDropRepository::expired(qint64 nowMs, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT %1%2 FROM file_drop d%3 WHERE d.expires_at <= ? "
                                        "AND d.deleted_at IS NULL AND d.purged_at IS NULL "
                                        "ORDER BY d.expires_at, d.id")
                             .arg(QLatin1String(kColumns), QLatin1String(kStoredColumns),
                                  QLatin1String(kStoredJoins)));
    query << nowMs;
    QList<StoredFileDrop> list;
    if (!query.exec(error)) {
        return list;
    }
    while (query.next()) {
        list.append(readStored(query));
    }
    return list;
}

int FileDropRepository::markDownloaded(qint64 id, const QString &by, qint64 nowMs, QString *error)
{
    // The first download is the one that counts: it ends the contact's right to delete.
    SqlQuery query(m_db, QStringLiteral("UPDATE file_drop SET downloaded_at = ?, downloaded_by = ? "
                                        "WHERE id = ? AND downloaded_at IS NULL "
                                        "AND deleted_at IS NULL AND purged_at IS NULL"));
    query << nowMs << by << id;
    return changed(query, error);
}

int FileDropRepository::markDeleted(qint64 id, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE file_drop SET deleted_at = ?, sealed_key = NULL, "
                                        "file_id = NULL WHERE id = ? AND downloaded_at IS NULL "
                                        "AND deleted_at IS NULL AND purged_at IS NULL"));
    query << nowMs << id;
    return changed(query, error);
}

int FileDropRepository::markPurged(qint64 id, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE file_drop SET purged_at = ?, sealed_key = NULL, "
                                        "file_id = NULL WHERE id = ? AND deleted_at IS NULL "
                                        "AND purged_at IS NULL"));
    query << nowMs << id;
    return changed(query, error);
}

int FileDropRepository::liveCount(qint64 taskId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT COUNT(*) FROM file_drop WHERE task_id = ? "
                                        "AND deleted_at IS NULL AND purged_at IS NULL"));
    query << taskId;
    if (!query.exec(error) || !query.next()) {
        return -1;
    }
    return int(query.int64(0));
}

qint64 FileDropRepository::createFile(qint64 workspaceId, const QString &name, qint64 nowMs,
                                      QString *error)
{
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO stored_file (workspace_id, name, media_type, "
                                         "size, sha256, created_at) VALUES (?, ?, ?, 0, '', ?) "
                                         "RETURNING id"));
    insert << workspaceId << name << QStringLiteral("application/octet-stream") << nowMs;
    if (!insert.exec(error) || !insert.next()) {
        return 0;
    }
    return insert.int64(0);
}

bool FileDropRepository::finishFile(qint64 fileId, qint64 size, const QString &sha256,
                                    QString *error)
{
    SqlQuery query(m_db,
                   QStringLiteral("UPDATE stored_file SET size = ?, sha256 = ? WHERE id = ?"));
    query << size << sha256 << fileId;
    return query.exec(error);
}

bool FileDropRepository::writeFrame(qint64 fileId, int seq, const QByteArray &frame, QString *error)
{
    SqlQuery query(m_db,
                   QStringLiteral("INSERT INTO file_chunk (file_id, seq, data) VALUES (?, ?, ?)"));
    query << fileId << seq << frame;
    return query.exec(error);
}

std::optional<QByteArray> FileDropRepository::frame(qint64 fileId, int seq, QString *error) const
{
    SqlQuery query(m_db,
                   QStringLiteral("SELECT data FROM file_chunk WHERE file_id = ? AND seq = ?"));
    query << fileId << seq;
    if (!query.exec(error)) {
        return std::nullopt;
    }
    return query.next() ? query.value(0).toByteArray() : QByteArray();
}

} // namespace Gatehouse
