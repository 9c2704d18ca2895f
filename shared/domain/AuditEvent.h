#pragma once

#include "domain/Actor.h"

#include <QString>

namespace Gatehouse {

// One entry of the tamper-evident audit trail (TRU-2), as stored. Every field but id goes into
// the event's hash, so each is kept exactly as written.
struct AuditEvent
{
    qint64 id = 0;
    qint64 workspaceId = 0;
    qint64 createdAtMs = 0;
    QString actor;     // staff or contact email, or the part of the system
    QString actorKind; // "staff", "contact" or "system"
    QString action;    // e.g. "login.succeeded", "invite.sent", "task.status"
    QString subject;   // what it concerns, e.g. "contact:12", "task:5"
    QString detail;    // a short sentence for people
    QString ip;
    QString prevHash; // the hash of the event before it; empty for the first
    QString hash;     // hex SHA-256 of the canonical form, prevHash included

    static AuditEvent make(qint64 workspaceId, qint64 nowMs, const Actor &actor,
                           const QString &action, const QString &subject, const QString &detail)
    {
        AuditEvent event;
        event.workspaceId = workspaceId;
        event.createdAtMs = nowMs;
        event.actor = actor.id;
        event.actorKind = toKey(actor.kind);
        event.action = action;
        event.subject = subject;
        event.detail = detail;
        event.ip = actor.ip;
        return event;
    }

    // "contact:12", "task:5": how subjects name what they concern.
    static QString subjectOf(const char *kind, qint64 id)
    {
        return QLatin1String(kind) + QLatin1Char(':') + QString::number(id);
    }
};

} // namespace Gatehouse
