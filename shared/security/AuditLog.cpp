#include "AuditLog.h"

#include "storage/CommitOrder.h"
#include "storage/Database.h"
#include "storage/SqlQuery.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QIODevice>

namespace Gatehouse {

namespace {

// Serialises appenders on PostgreSQL. Any number will do that nothing else locks (schema
// migrations take 7262024).
constexpr int kPageSize = 1000;
constexpr char kCanonicalVersion[] = "gatehouse-audit-v1";

const QString kColumns = QStringLiteral("id, workspace_id, created_at, actor, actor_kind, action, "
                                        "subject, detail, ip, prev_hash, hash");

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::AuditLog", text);
}

void setError(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
}

// What is stored must be exactly what was hashed: text goes through UTF-8 once here (so lone
// surrogates cannot come back from the database as something else), loses NUL characters
// (PostgreSQL refuses them) and is cut to a sane length without splitting a character.
QString storable(const QString &text, int maxLength)
{
    QString out = QString::fromUtf8(text.toUtf8());
    out.remove(QChar(0));
    if (out.size() > maxLength) {
        out.truncate(maxLength);
        if (out.back().isHighSurrogate()) {
            out.chop(1);
        }
    }
    return out;
}

AuditEvent readEvent(const SqlQuery &query)
{
    AuditEvent event;
    event.id = query.int64(0);
    event.workspaceId = query.int64(1);
    event.createdAtMs = query.int64(2);
    event.actor = query.text(3);
    event.actorKind = query.text(4);
    event.action = query.text(5);
    event.subject = query.text(6);
    event.detail = query.text(7);
    event.ip = query.text(8);
    event.prevHash = query.text(9);
    event.hash = query.text(10);
    return event;
}

struct Where
{
    QString sql;
    QVariantList values;
};

// The WHERE clause of a filter; afterId > 0 adds "id > afterId" for paging oldest first.
Where whereFor(const AuditFilter &filter, qint64 afterId = 0)
{
    QStringList conditions;
    Where where;
    if (filter.workspaceId != 0) {
        conditions.append(QStringLiteral("workspace_id = ?"));
        where.values.append(filter.workspaceId);
    }
    if (!filter.action.isEmpty()) {
        conditions.append(QStringLiteral("action = ?"));
        where.values.append(filter.action);
    }
    if (filter.minId > 0) {
        conditions.append(QStringLiteral("id >= ?"));
        where.values.append(filter.minId);
    }
    if (afterId > 0) {
        conditions.append(QStringLiteral("id > ?"));
        where.values.append(afterId);
    }
    if (!filter.subjects.isEmpty()) {
        QStringList marks;
        for (const QString &subject : filter.subjects) {
            marks.append(QStringLiteral("?"));
            where.values.append(subject);
        }
        conditions.append(QStringLiteral("subject IN (") + marks.join(QLatin1Char(','))
                          + QLatin1Char(')'));
    }
    QString text = filter.text.trimmed().toLower();
    if (!text.isEmpty()) {
        text.replace(QLatin1Char('!'), QLatin1String("!!"));
        text.replace(QLatin1Char('%'), QLatin1String("!%"));
        text.replace(QLatin1Char('_'), QLatin1String("!_"));
        conditions.append(QStringLiteral("LOWER(actor || ' ' || action || ' ' || subject || ' ' "
                                         "|| detail || ' ' || ip) LIKE ? ESCAPE '!'"));
        where.values.append(QString(QLatin1Char('%') + text + QLatin1Char('%')));
    }
    if (!conditions.isEmpty()) {
        where.sql = QStringLiteral(" WHERE ") + conditions.join(QLatin1String(" AND "));
    }
    return where;
}

void bindAll(SqlQuery &query, const QVariantList &values)
{
    for (const QVariant &value : values) {
        query << value;
    }
}

void appendField(QByteArray &out, const QByteArray &bytes)
{
    out += QByteArray::number(bytes.size());
    out += ':';
    out += bytes;
    out += ',';
}

} // namespace

QByteArray AuditLog::canonicalForm(const AuditEvent &event)
{
    QByteArray out;
    appendField(out, QByteArray(kCanonicalVersion));
    appendField(out, event.prevHash.toUtf8());
    appendField(out, QByteArray::number(event.workspaceId));
    appendField(out, QByteArray::number(event.createdAtMs));
    appendField(out, event.actor.toUtf8());
    appendField(out, event.actorKind.toUtf8());
    appendField(out, event.action.toUtf8());
    appendField(out, event.subject.toUtf8());
    appendField(out, event.detail.toUtf8());
    appendField(out, event.ip.toUtf8());
    return out;
}

QString AuditLog::hashOf(const AuditEvent &event)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalForm(event), QCryptographicHash::Sha256).toHex());
}

bool AuditLog::append(const AuditEvent &event, QString *error)
{
    // A savepoint inside the caller's transaction; a transaction of its own otherwise, so the
    // lock below always lasts until the event is committed.
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        setError(error, transaction.error());
        return false;
    }
    if (!CommitOrder::lock(m_db, error)) {
        return false;
    }
    SqlQuery newest(m_db, QStringLiteral("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1"));
    if (!newest.exec(error)) {
        return false;
    }
    AuditEvent row;
    row.workspaceId = event.workspaceId;
    row.createdAtMs = event.createdAtMs;
    row.actor = storable(event.actor, 320);
    row.actorKind = storable(event.actorKind, 16);
    row.action = storable(event.action, 64);
    row.subject = storable(event.subject, 200);
    row.detail = storable(event.detail, kMaxFieldLength);
    row.ip = storable(event.ip, 64);
    row.prevHash = newest.next() ? newest.text(0) : QString();
    row.hash = hashOf(row);

    SqlQuery insert(m_db, QStringLiteral("INSERT INTO audit_event (workspace_id, created_at, "
                                         "actor, actor_kind, action, subject, detail, ip, "
                                         "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert << row.workspaceId << row.createdAtMs << row.actor << row.actorKind << row.action
           << row.subject << row.detail << row.ip << row.prevHash << row.hash;
    return insert.exec(error) && transaction.commit(error);
}

AuditLog::VerifyResult AuditLog::verify(QString *error) const
{
    VerifyResult result;
    qint64 previousId = 0;
    qint64 afterId = 0;
    for (;;) {
        SqlQuery page(m_db, QStringLiteral("SELECT ") + kColumns
                                + QStringLiteral(" FROM audit_event WHERE id > ? "
                                                 "ORDER BY id LIMIT ?"));
        page << afterId << kPageSize;
        if (!page.exec(error)) {
            result.reason = tr("The audit trail could not be read.");
            return result;
        }
        int rows = 0;
        while (page.next()) {
            ++rows;
            const AuditEvent event = readEvent(page);
            afterId = event.id;
            if (hashOf(event) != event.hash) {
                result.firstBrokenId = event.id;
                result.reason = tr("Its contents were changed after it was written.");
                return result;
            }
            if (event.prevHash != result.headHash) {
                result.firstBrokenId = event.id;
                result.reason
                    = previousId == 0
                          ? tr("It should be the first event, but it follows one that is gone.")
                          : tr("It does not follow event %1: an event between them was removed, "
                               "or events were reordered or rewritten.")
                                .arg(previousId);
                return result;
            }
            ++result.checked;
            result.headHash = event.hash;
            previousId = event.id;
        }
        if (rows < kPageSize) {
            break;
        }
    }
    result.ok = true;
    return result;
}

QList<AuditEvent> AuditLog::list(const AuditFilter &filter, int limit, int offset,
                                 QString *error) const
{
    QList<AuditEvent> events;
    const Where where = whereFor(filter);
    SqlQuery query(m_db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM audit_event")
                             + where.sql + QStringLiteral(" ORDER BY id DESC LIMIT ? OFFSET ?"));
    bindAll(query, where.values);
    query << qMax(0, limit) << qMax(0, offset);
    if (!query.exec(error)) {
        return events;
    }
    while (query.next()) {
        events.append(readEvent(query));
    }
    return events;
}

qint64 AuditLog::count(const AuditFilter &filter, QString *error) const
{
    const Where where = whereFor(filter);
    SqlQuery query(m_db, QStringLiteral("SELECT COUNT(*) FROM audit_event") + where.sql);
    bindAll(query, where.values);
    if (!query.exec(error) || !query.next()) {
        return -1;
    }
    return query.int64(0);
}

QStringList AuditLog::actions(qint64 workspaceId, QString *error) const
{
    QStringList actions;
    AuditFilter filter;
    filter.workspaceId = workspaceId;
    const Where where = whereFor(filter);
    SqlQuery query(m_db, QStringLiteral("SELECT DISTINCT action FROM audit_event") + where.sql
                             + QStringLiteral(" ORDER BY action"));
    bindAll(query, where.values);
    if (!query.exec(error)) {
        return actions;
    }
    while (query.next()) {
        actions.append(query.text(0));
    }
    return actions;
}

QString AuditLog::csvCell(const QString &text)
{
    QString cell = text;
    // A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV
    // injection"); a leading quote makes it text. A leading quote of the event's own is doubled
    // too, so that removing one leading quote always gives back what was recorded.
    static const QString risky = QStringLiteral("=+-@\t\r'");
    if (!cell.isEmpty() && risky.contains(cell.front())) {
        cell.prepend(QLatin1Char('\''));
    }
    if (cell.contains(QLatin1Char(',')) || cell.contains(QLatin1Char('"'))
        || cell.contains(QLatin1Char('\n')) || cell.contains(QLatin1Char('\r'))) {
        cell.replace(QLatin1Char('"'), QLatin1String("\"\""));
        cell = QLatin1Char('"') + cell + QLatin1Char('"');
    }
    return cell;
}

qint64 AuditLog::exportCsv(QIODevice *out, const AuditFilter &filter, QString *error) const
{
    auto write = [out, error](const QStringList &cells) {
        QStringList quoted;
        for (const QString &cell : cells) {
            quoted.append(csvCell(cell));
        }
        const QByteArray line = (quoted.join(QLatin1Char(',')) + QLatin1String("\r\n")).toUtf8();
        if (out->write(line) != line.size()) {
            setError(error, tr("The file could not be written: %1").arg(out->errorString()));
            return false;
        }
        return true;
    };
    if (!out || !out->isWritable()) {
        setError(error, tr("The file is not open for writing."));
        return -1;
    }
    if (!write({QStringLiteral("id"), QStringLiteral("time_utc"), QStringLiteral("workspace_id"),
                QStringLiteral("actor"), QStringLiteral("actor_kind"), QStringLiteral("action"),
                QStringLiteral("subject"), QStringLiteral("detail"), QStringLiteral("ip"),
                QStringLiteral("prev_hash"), QStringLiteral("hash")})) {
        return -1;
    }
    qint64 written = 0;
    qint64 afterId = 0;
    for (;;) {
        const Where where = whereFor(filter, afterId);
        SqlQuery page(m_db, QStringLiteral("SELECT ") + kColumns
                                + QStringLiteral(" FROM audit_event") + where.sql
                                + QStringLiteral(" ORDER BY id LIMIT ?"));
        bindAll(page, where.values);
        page << kPageSize;
        if (!page.exec(error)) {
            return -1;
        }
        int rows = 0;
        while (page.next()) {
            ++rows;
            const AuditEvent event = readEvent(page);
            afterId = event.id;
            const QString time = QDateTime::fromMSecsSinceEpoch(event.createdAtMs, Qt::UTC)
                                     .toString(Qt::ISODateWithMs);
            if (!write({QString::number(event.id), time, QString::number(event.workspaceId),
                        event.actor, event.actorKind, event.action, event.subject, event.detail,
                        event.ip, event.prevHash, event.hash})) {
                return -1;
            }
            ++written;
        }
        if (rows < kPageSize) {
            break;
        }
    }
    return written;
}

} // namespace Gatehouse
