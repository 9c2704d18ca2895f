#include "FileStore.h"

#include "SqlQuery.h"

#include <QBuffer>
#include <QCryptographicHash>

namespace Gatehouse {

std::optional<StoredFile> FileStore::write(qint64 workspaceId, const QString &name,
                                           const QString &mediaType, QIODevice &source,
                                           qint64 nowMs, QString *error) const
{
    SqlQuery insert(m_db, QStringLiteral("INSERT INTO stored_file (workspace_id, name, media_type, "
                                         "size, sha256, created_at) VALUES (?, ?, ?, 0, '', ?) "
                                         "RETURNING id"));
    insert << workspaceId << name << mediaType << nowMs;
    if (!insert.exec(error) || !insert.next()) {
        return std::nullopt;
    }
    StoredFile file{insert.int64(0), name, mediaType, 0, QString(), nowMs};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (int seq = 0;; ++seq) {
        const QByteArray chunk = source.read(kChunkBytes);
        if (chunk.isEmpty()) {
            if (!source.atEnd()) {
                if (error) {
                    *error
                        = QStringLiteral("Reading the file failed: %1").arg(source.errorString());
                }
                return std::nullopt;
            }
            break;
        }
        hash.addData(chunk);
        file.size += chunk.size();
        SqlQuery store(m_db, QStringLiteral("INSERT INTO file_chunk (file_id, seq, data) "
                                            "VALUES (?, ?, ?)"));
        store << file.id << seq << chunk;
        if (!store.exec(error)) {
            return std::nullopt;
        }
    }
    file.sha256 = QString::fromLatin1(hash.result().toHex());
    SqlQuery finish(m_db,
                    QStringLiteral("UPDATE stored_file SET size = ?, sha256 = ? WHERE id = ?"));
    finish << file.size << file.sha256 << file.id;
    if (!finish.exec(error)) {
        return std::nullopt;
    }
    return file;
}

std::optional<StoredFile> FileStore::write(qint64 workspaceId, const QString &name,
                                           const QString &mediaType, const QByteArray &bytes,
                                           qint64 nowMs, QString *error) const
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return write(workspaceId, name, mediaType, buffer, nowMs, error);
}

std::optional<StoredFile> FileStore::info(qint64 fileId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT id, name, media_type, size, sha256, created_at "
                                        "FROM stored_file WHERE id = ?"));
    query << fileId;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return StoredFile{query.int64(0), query.text(1), query.text(2),
                      query.int64(3), query.text(4), query.int64(5)};
}

std::optional<QByteArray> FileStore::chunk(qint64 fileId, int seq, QString *error) const
{
    SqlQuery chunk(m_db, QStringLiteral("SELECT data FROM file_chunk "
                                        "WHERE file_id = ? AND seq = ?"));
    chunk << fileId << seq;
    if (!chunk.exec(error)) {
        return std::nullopt;
    }
    return chunk.next() ? chunk.value(0).toByteArray() : QByteArray();
}

bool FileStore::read(qint64 fileId, QIODevice &sink, QString *error) const
{
    // One chunk at a time: a large file never sits whole in memory.
    for (int seq = 0;; ++seq) {
        const std::optional<QByteArray> data = chunk(fileId, seq, error);
        if (!data) {
            return false;
        }
        if (data->isEmpty()) {
            return true;
        }
        if (sink.write(*data) != data->size()) {
            if (error) {
                *error = QStringLiteral("Writing the file failed: %1").arg(sink.errorString());
            }
            return false;
        }
    }
}

std::optional<QByteArray> FileStore::readAll(qint64 fileId, QString *error) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!read(fileId, buffer, error)) {
        return std::nullopt;
    }
    return bytes;
}

bool FileStore::remove(qint64 fileId, QString *error) const
{
    SqlQuery chunks(m_db, QStringLiteral("DELETE FROM file_chunk WHERE file_id = ?"));
    chunks << fileId;
    SqlQuery file(m_db, QStringLiteral("DELETE FROM stored_file WHERE id = ?"));
    file << fileId;
    return chunks.exec(error) && file.exec(error);
}

} // namespace Gatehouse
