#pragma once

#include "domain/StoredFile.h"

#include <QByteArray>
#include <QString>

#include <optional>

class QIODevice;

namespace Gatehouse {

class Database;

// Files kept in the database in chunks, so that both engines hold them, backups carry them,
// and no file is ever read whole into memory on its way out. Writing is left to the caller's
// transaction: a file and the row that refers to it appear together or not at all.
class FileStore
{
public:
    explicit FileStore(const Database &db)
        : m_db(db)
    {}

    static constexpr qint64 kChunkBytes = 256 * 1024;

    std::optional<StoredFile> write(qint64 workspaceId, const QString &name,
                                    const QString &mediaType, QIODevice &source, qint64 nowMs,
                                    QString *error) const;
    std::optional<StoredFile> write(qint64 workspaceId, const QString &name,
                                    const QString &mediaType, const QByteArray &bytes, qint64 nowMs,
                                    QString *error) const;

    std::optional<StoredFile> info(qint64 fileId, QString *error) const;
    // Chunk seq (0, 1, ...) of the file, at most kChunkBytes; empty past the end. For sending a
    // file a chunk at a time, as fast as its reader takes it.
    std::optional<QByteArray> chunk(qint64 fileId, int seq, QString *error) const;
    // The file's bytes, chunk by chunk, into sink.
    [[nodiscard]] bool read(qint64 fileId, QIODevice &sink, QString *error) const;
    std::optional<QByteArray> readAll(qint64 fileId, QString *error) const;
    // Removes the file's bytes and its row; whoever refers to it goes with it (cascade).
    [[nodiscard]] bool remove(qint64 fileId, QString *error) const;

private:
    const Database &m_db;
};

} // namespace Gatehouse
