#pragma once

#include "domain/AuditEvent.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

namespace Gatehouse {

class Database;

// What the console asks of the audit trail; empty fields do not filter.
struct AuditFilter
{
    qint64 workspaceId = 0;
    QString text;         // in actor, action, subject, detail or IP, ignoring case
    QString action;       // exactly this action
    qint64 minId = 0;     // this event and later ones only
    QStringList subjects; // any of exactly these subjects, e.g. "task:5" (an evidence pack)
};

// The tamper-evident audit trail (TRU-2): append-only events, each carrying the SHA-256 of the
// one before it, so an edited, deleted or reordered event breaks the chain where it happened.
//
// append() belongs inside the caller's transaction, so that an event and the change it records
// are committed together. Appenders never fork the chain: SQLite's writer lock (every
// Transaction begins IMMEDIATE) serialises them, on PostgreSQL the CommitOrder lock does.
class AuditLog
{
public:
    explicit AuditLog(const Database &db)
        : m_db(db)
    {}

    struct VerifyResult
    {
        bool ok = false;
        qint64 checked = 0;       // events found intact, in id order
        qint64 firstBrokenId = 0; // 0 when the chain is intact (or could not be read)
        QString reason;           // why that event is broken, or why nothing could be checked
        QString headHash;         // the newest intact event's hash: worth writing down elsewhere
    };

    static constexpr int kMaxFieldLength = 2000;

    [[nodiscard]] bool append(const AuditEvent &event, QString *error);
    // Walks the whole chain in id order, a page at a time.
    VerifyResult verify(QString *error) const;

    // Newest first.
    QList<AuditEvent> list(const AuditFilter &filter, int limit, int offset, QString *error) const;
    qint64 count(const AuditFilter &filter, QString *error) const;
    // Every action that occurs, for the console's action filter.
    QStringList actions(qint64 workspaceId, QString *error) const;
    // RFC 4180 CSV of the events matching the filter, oldest first, with their hashes; cells a
    // spreadsheet would run as formulas are neutralised. Returns the number of events written,
    // or -1 on failure.
    qint64 exportCsv(QIODevice *out, const AuditFilter &filter, QString *error) const;

    // The bytes that are hashed: a version tag and every field but id and hash, each
    // length-prefixed, so no two different events serialise alike.
    static QByteArray canonicalForm(const AuditEvent &event);
    static QString hashOf(const AuditEvent &event);
    static QString csvCell(const QString &text);

private:
    const Database &m_db;
};

} // namespace Gatehouse
