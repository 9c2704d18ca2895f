#include "AccessRepository.h"

#include "SqlQuery.h"

namespace Gatehouse {

namespace {

QString stageName(SessionStage stage)
{
    switch (stage) {
    case SessionStage::Full:
        return QStringLiteral("full");
    case SessionStage::Totp:
        return QStringLiteral("totp");
    case SessionStage::Enrol:
        return QStringLiteral("enrol");
    case SessionStage::Choose:
        return QStringLiteral("choose");
    }
    return QStringLiteral("full");
}

// Anything unknown is a full session, as before the half stages existed.
SessionStage stageFromName(const QString &name)
{
    if (name == QLatin1String("totp")) {
        return SessionStage::Totp;
    }
    if (name == QLatin1String("enrol")) {
        return SessionStage::Enrol;
    }
    if (name == QLatin1String("choose")) {
        return SessionStage::Choose;
    }
    return SessionStage::Full;
}

QString kindName(PortalAccess::Kind kind)
{
    switch (kind) {
    case PortalAccess::Kind::SignIn:
        return QStringLiteral("sign_in");
    case PortalAccess::Kind::Request:
        return QStringLiteral("request");
    case PortalAccess::Kind::SecondStepFailed:
        return QStringLiteral("second_step_failed");
    }
    return QStringLiteral("request");
}

PortalAccess::Kind kindFromName(const QString &name)
{
    if (name == QLatin1String("sign_in")) {
        return PortalAccess::Kind::SignIn;
    }
    if (name == QLatin1String("second_step_failed")) {
        return PortalAccess::Kind::SecondStepFailed;
    }
    return PortalAccess::Kind::Request;
}

} // namespace

bool AccessRepository::createInvite(qint64 contactId, const QString &tokenHash, qint64 nowMs,
                                    qint64 expiresAtMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO invite (contact_id, token_hash, created_at, "
                                        "expires_at) VALUES (?, ?, ?, ?)"));
    query << contactId << tokenHash << nowMs << expiresAtMs;
    return query.exec(error);
}

bool AccessRepository::revokeInvites(qint64 contactId, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE invite SET revoked_at = ? "
                                        "WHERE contact_id = ? AND revoked_at IS NULL"));
    query << nowMs << contactId;
    return query.exec(error);
}

bool AccessRepository::revokeAccess(qint64 contactId, qint64 nowMs, QString *error)
{
    if (!revokeInvites(contactId, nowMs, error)) {
        return false;
    }
    SqlQuery challenges(m_db, QStringLiteral("UPDATE login_challenge SET consumed_at = ? "
                                             "WHERE contact_id = ? AND consumed_at IS NULL"));
    challenges << nowMs << contactId;
    SqlQuery sessions(m_db, QStringLiteral("UPDATE portal_session SET revoked_at = ? "
                                           "WHERE contact_id = ? AND revoked_at IS NULL"));
    sessions << nowMs << contactId;
    SqlQuery contact(m_db, QStringLiteral("UPDATE contact SET access_revoked_at = ? WHERE id = ?"));
    contact << nowMs << contactId;
    return challenges.exec(error) && sessions.exec(error) && contact.exec(error);
}

qint64 AccessRepository::contactForInvite(const QString &tokenHash, qint64 nowMs,
                                          QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT i.contact_id FROM invite i "
                                        "JOIN contact k ON k.id = i.contact_id "
                                        "WHERE i.token_hash = ? AND i.revoked_at IS NULL "
                                        "AND i.expires_at > ? AND k.portal_access = 1"));
    query << tokenHash << nowMs;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

qint64 AccessRepository::createChallenge(qint64 contactId, const QString &handleHash,
                                         const QString &magicHash, const QString &codeHash,
                                         qint64 nowMs, qint64 expiresAtMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO login_challenge (contact_id, handle_hash, "
                                        "magic_hash, code_hash, created_at, expires_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    query << nullable(contactId) << handleHash << magicHash << codeHash << nowMs << expiresAtMs;
    if (!query.exec(error) || !query.next()) {
        return 0;
    }
    return query.int64(0);
}

std::optional<LoginChallenge>
AccessRepository::challengeWhere(const QString &column, const QString &hash, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT id, contact_id, code_hash, sends, "
                                        "failed_attempts, expires_at, consumed_at "
                                        "FROM login_challenge WHERE ")
                             + column + QStringLiteral(" = ?"));
    query << hash;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    return LoginChallenge{query.int64(0),         query.int64(1),         query.text(2),
                          query.value(3).toInt(), query.value(4).toInt(), query.int64(5),
                          !query.isNull(6)};
}

std::optional<LoginChallenge> AccessRepository::challengeByHandle(const QString &handleHash,
                                                                  QString *error) const
{
    return challengeWhere(QStringLiteral("handle_hash"), handleHash, error);
}

std::optional<LoginChallenge> AccessRepository::challengeByMagic(const QString &magicHash,
                                                                 QString *error) const
{
    return challengeWhere(QStringLiteral("magic_hash"), magicHash, error);
}

bool AccessRepository::takeAttempt(qint64 challengeId, int maxAttempts, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE login_challenge SET failed_attempts = "
                                        "failed_attempts + 1 WHERE id = ? AND failed_attempts < ? "
                                        "AND consumed_at IS NULL"));
    query << challengeId << maxAttempts;
    return query.exec(error) && query.rowsAffected() == 1;
}

bool AccessRepository::consumeChallenge(qint64 challengeId, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE login_challenge SET consumed_at = ? "
                                        "WHERE id = ? AND consumed_at IS NULL"));
    query << nowMs << challengeId;
    return query.exec(error) && query.rowsAffected() == 1;
}

bool AccessRepository::createSession(qint64 contactId, const QString &tokenHash, qint64 nowMs,
                                     qint64 expiresAtMs, const QString &ip,
                                     const QString &userAgent, QString *error, qint64 *sessionId,
                                     SessionStage stage, const EmailProof &proof)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO portal_session (contact_id, token_hash, "
                                        "created_at, last_seen_at, expires_at, ip, user_agent, "
                                        "stage, proven_email, proven_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    query << contactId << tokenHash << nowMs << nowMs << expiresAtMs << ip.left(64)
          << userAgent.left(512) << stageName(stage)
          << (proof.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(proof.email))
          << (proof.isEmpty() ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(proof.atMs));
    if (!query.exec(error) || !query.next()) {
        return false;
    }
    if (sessionId) {
        *sessionId = query.int64(0);
    }
    return true;
}

std::optional<SessionRecord> AccessRepository::liveSession(const QString &tokenHash, qint64 nowMs,
                                                           QString *error) const
{
    // The role is read with the session on every request, so a change of role applies to the
    // contact's very next request.
    SqlQuery query(m_db, QStringLiteral("SELECT s.id, s.contact_id, k.company_id, s.last_seen_at, "
                                        "s.expires_at, s.stage, r.id, r.built_in, r.permissions, "
                                        "s.proven_email, s.proven_at, i.id, i.read_only "
                                        "FROM portal_session s "
                                        "JOIN contact k ON k.id = s.contact_id "
                                        "LEFT JOIN portal_role r ON r.id = k.role_id "
                                        "LEFT JOIN impersonation i ON i.session_id = s.id "
                                        "WHERE s.token_hash = ? AND s.revoked_at IS NULL "
                                        "AND s.expires_at > ? AND k.portal_access = 1"));
    query << tokenHash << nowMs;
    if (!query.exec(error) || !query.next()) {
        return std::nullopt;
    }
    const PortalPermissions permissions = PortalRole::resolve(
        query.isNull(7) ? QString() : query.text(7), query.text(8), !query.isNull(6));
    const EmailProof proof = query.isNull(9) || query.isNull(10)
                                 ? EmailProof()
                                 : EmailProof{query.text(9), query.int64(10)};
    SessionRecord record{query.int64(0), query.int64(1), query.int64(2),
                         query.int64(3), query.int64(4), stageFromName(query.text(5)),
                         permissions,    proof};
    record.impersonationId = query.isNull(11) ? 0 : query.int64(11);
    record.readOnly = !query.isNull(12) && query.value(12).toInt() != 0;
    return record;
}

bool AccessRepository::slideSession(qint64 sessionId, qint64 nowMs, qint64 expiresAtMs,
                                    qint64 seenBeforeMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE portal_session SET last_seen_at = ?, "
                                        "expires_at = ? WHERE id = ? AND last_seen_at <= ?"));
    query << nowMs << expiresAtMs << sessionId << seenBeforeMs;
    return query.exec(error) && query.rowsAffected() == 1;
}

bool AccessRepository::recordAccess(const PortalAccess &access, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("INSERT INTO portal_access_log (contact_id, session_id, "
                                        "created_at, kind, method, ip, user_agent) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query << access.contactId
          << (access.sessionId == 0 ? QVariant(QMetaType(QMetaType::LongLong))
                                    : QVariant(access.sessionId))
          << access.atMs << kindName(access.kind) << access.method.left(32) << access.ip.left(64)
          << access.userAgent.left(512);
    return query.exec(error);
}

QList<PortalAccess> AccessRepository::accesses(qint64 contactId, int limit, QString *error) const
{
    QList<PortalAccess> result;
    SqlQuery query(m_db, QStringLiteral("SELECT id, contact_id, session_id, created_at, kind, ip, "
                                        "user_agent, method FROM portal_access_log "
                                        "WHERE contact_id = ? "
                                        "ORDER BY created_at DESC, id DESC LIMIT ?"));
    query << contactId << qMax(0, limit);
    if (!query.exec(error)) {
        return result;
    }
    while (query.next()) {
        result.append({query.int64(0), query.int64(1), query.isNull(2) ? 0 : query.int64(2),
                       query.int64(3), kindFromName(query.text(4)), query.text(5), query.text(6),
                       query.text(7)});
    }
    return result;
}

bool AccessRepository::revokeSession(const QString &tokenHash, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE portal_session SET revoked_at = ? "
                                        "WHERE token_hash = ? AND revoked_at IS NULL"));
    query << nowMs << tokenHash;
    return query.exec(error);
}

bool AccessRepository::revokeSessionById(qint64 sessionId, qint64 nowMs, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE portal_session SET revoked_at = ? "
                                        "WHERE id = ? AND revoked_at IS NULL"));
    query << nowMs << sessionId;
    return query.exec(error) && query.rowsAffected() == 1;
}

bool AccessRepository::revokeOtherSessions(qint64 contactId, qint64 keptSessionId, qint64 nowMs,
                                           QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE portal_session SET revoked_at = ? "
                                        "WHERE contact_id = ? AND id <> ? AND revoked_at IS NULL"));
    query << nowMs << contactId << keptSessionId;
    return query.exec(error);
}

QList<Contact> AccessRepository::accountsOf(const EmailProof &proof, QString *error) const
{
    QList<Contact> result;
    if (proof.isEmpty()) {
        return result;
    }
    SqlQuery query(m_db, QStringLiteral("SELECT k.id, k.company_id, c.name, k.name, k.email "
                                        "FROM contact k JOIN company c ON c.id = k.company_id "
                                        "WHERE k.email = ? AND k.portal_access = 1 "
                                        "AND (k.access_revoked_at IS NULL "
                                        "OR k.access_revoked_at <= ?) "
                                        "ORDER BY c.name, k.id"));
    query << proof.email << proof.atMs;
    if (!query.exec(error)) {
        return result;
    }
    while (query.next()) {
        result.append(
            {query.int64(0), query.int64(1), query.text(2), query.text(3), query.text(4), true});
    }
    return result;
}

bool AccessRepository::takeSessionAttempt(qint64 sessionId, int maxAttempts, int *attemptsUsed,
                                          QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE portal_session "
                                        "SET failed_attempts = failed_attempts + 1 "
                                        "WHERE id = ? AND failed_attempts < ? "
                                        "RETURNING failed_attempts"));
    query << sessionId << maxAttempts;
    if (!query.exec(error) || !query.next()) {
        return false;
    }
    if (attemptsUsed) {
        *attemptsUsed = query.value(0).toInt();
    }
    return true;
}

QString AccessRepository::passwordHash(qint64 contactId, QString *error) const
{
    SqlQuery query(m_db, QStringLiteral("SELECT password_hash FROM contact WHERE id = ?"));
    query << contactId;
    if (!query.exec(error) || !query.next() || query.isNull(0)) {
        return QString();
    }
    return query.text(0);
}

bool AccessRepository::setPasswordHash(qint64 contactId, const QString &hash, QString *error)
{
    SqlQuery query(m_db, QStringLiteral("UPDATE contact SET password_hash = ? WHERE id = ?"));
    query << hash << contactId;
    return query.exec(error);
}

} // namespace Gatehouse
