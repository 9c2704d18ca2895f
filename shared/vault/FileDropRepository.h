#pragma once

#include "FileDrop.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// A drop with what is needed to act on it: its task's place and how to open it.
struct StoredFileDrop
{
    FileDrop drop;
    qint64 companyId = 0;
    qint64 onboardingId = 0;
    QString taskTitle;
    qint64 fileId = 0; // 0 once the ciphertext is gone
    QByteArray streamHeader;
    QByteArray sealedKey; // empty once the ciphertext is gone
};

// file_drop rows, and the encrypted frames of their files. Only ciphertext and sealed keys come
// in or go out.
class FileDropRepository
{
public:
    explicit FileDropRepository(const Database &db)
        : m_db(db)
    {}

    qint64 insert(const FileDrop &drop, qint64 fileId, const QByteArray &streamHeader,
                  const QByteArray &sealedKey, QString *error);
    // Oldest first, deleted ones included (callers decide what to show).
    QList<FileDrop> forTask(qint64 taskId, QString *error) const;
    std::optional<StoredFileDrop> get(qint64 id, QString *error) const;
    // Drops whose ciphertext is still stored although they expired at or before nowMs.
    QList<StoredFileDrop> expired(qint64 nowMs, QString *error) const;

    // Each returns the rows changed (0 or 1), -1 on error; they change only rows in the state
    // they expect, so a race between two changes cannot apply both.
    int markDownloaded(qint64 id, const QString &by, qint64 nowMs, QString *error);
    int markDeleted(qint64 id, qint64 nowMs, QString *error); // only if not downloaded
    int markPurged(qint64 id, qint64 nowMs, QString *error);

    // Count of drops of the task that are neither deleted nor purged.
    int liveCount(qint64 taskId, QString *error) const;

    // The ciphertext's stored_file row, written like FileStore's (chunks of file_chunk, size and
    // SHA-256 of what is stored) but one encrypted frame per chunk, so frames are read back
    // whole. createFile, then writeFrame for each, then finishFile.
    qint64 createFile(qint64 workspaceId, const QString &name, qint64 nowMs, QString *error);
    [[nodiscard]] bool finishFile(qint64 fileId, qint64 size, const QString &sha256,
                                  QString *error);
    // Writes one encrypted frame as chunk seq of the file.
    [[nodiscard]] bool writeFrame(qint64 fileId, int seq, const QByteArray &frame, QString *error);
    // Frame seq of the file; empty (no error) after the last one.
    std::optional<QByteArray> frame(qint64 fileId, int seq, QString *error) const;

private:
    const Database &m_db;
};

} // namespace Gatehouse
