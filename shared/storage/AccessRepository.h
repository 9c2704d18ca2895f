#pragma once

#include "domain/Directory.h"
#include "domain/PortalRole.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

struct LoginChallenge
{
    qint64 id = 0;
    qint64 contactId = 0;
    QString codeHash; // "salt$sha256"
    int sends = 0;
    int failedAttempts = 0;
    qint64 expiresAtMs = 0;
    bool consumed = false;
};

// A full session, or a half-session that may only finish signing in: enter a TOTP code, or set
// TOTP up when the workspace requires it (ACC-10), or choose which of several contacts with the
// proved email address to be (ACC-8).
enum class SessionStage { Full, Totp, Enrol, Choose };

// What a session proved about its email address (ACC-8): the address, by an emailed code or
// link, and when. Empty for a session opened by a password, which proves only its contact.
struct EmailProof
{
    QString email;
    qint64 atMs = 0;

    bool isEmpty() const { return email.isEmpty(); }
};

struct SessionRecord
{
    qint64 id = 0;
    qint64 contactId = 0;
    qint64 companyId = 0;
    qint64 lastSeenAtMs = 0;
    qint64 expiresAtMs = 0;
    SessionStage stage = SessionStage::Full;
    PortalPermissions permissions; // of the contact's role, as it is now
    EmailProof proof;
    // A member of staff viewing the portal as the contact (CON-7); 0 for the contact's own.
    qint64 impersonationId = 0;
    bool readOnly = false; // an impersonation that may not change anything
};

// One use of the portal (ACC-11): a sign-in, a request of a session at most once a minute, or a
// wrong code at the second step of a sign-in (ACC-10).
struct PortalAccess
{
    enum class Kind { SignIn, Request, SecondStepFailed };

    qint64 id = 0;
    qint64 contactId = 0;
    qint64 sessionId = 0; // 0 once the session is gone
    qint64 atMs = 0;
    Kind kind = Kind::Request;
    QString ip;
    QString userAgent;
    // How a sign-in was made, as a key (PortalAccess::method* below); empty for a request.
    QString method;

    static constexpr const char *methodCode = "code";
    static constexpr const char *methodLink = "link";
    static constexpr const char *methodPassword = "password";
    static constexpr const char *methodTotp = "totp";
    static constexpr const char *methodRecoveryCode = "recovery_code";
    static constexpr const char *methodTotpEnrolment = "totp_enrolment";
    static constexpr const char *methodAccountChoice = "account_choice";
    static constexpr const char *methodAccountSwitch = "account_switch";
};

// Invites, pending logins and sessions. Only SHA-256 hashes of tokens are stored; every
// method takes the hash, never the token.
class AccessRepository
{
public:
    explicit AccessRepository(const Database &db)
        : m_db(db)
    {}

    [[nodiscard]] bool createInvite(qint64 contactId, const QString &tokenHash, qint64 nowMs,
                                    qint64 expiresAtMs, QString *error);
    // Ends every invite, pending login and session of the contact at once, and keeps the time:
    // an address proved before it no longer reaches the contact (accountsOf).
    [[nodiscard]] bool revokeAccess(qint64 contactId, qint64 nowMs, QString *error);
    [[nodiscard]] bool revokeInvites(qint64 contactId, qint64 nowMs, QString *error);
    // The contact of a live invite whose contact still has portal access; 0 when none.
    qint64 contactForInvite(const QString &tokenHash, qint64 nowMs, QString *error) const;

    // contactId 0 makes a decoy: a pending login for an unknown address, which counts guesses
    // like a real one and can never succeed.
    qint64 createChallenge(qint64 contactId, const QString &handleHash, const QString &magicHash,
                           const QString &codeHash, qint64 nowMs, qint64 expiresAtMs,
                           QString *error);
    std::optional<LoginChallenge> challengeByHandle(const QString &handleHash,
                                                    QString *error) const;
    std::optional<LoginChallenge> challengeByMagic(const QString &magicHash, QString *error) const;
    // Takes one guess from the challenge's allowance; false when none is left (race-safe: the
    // check and the count are one UPDATE).
    bool takeAttempt(qint64 challengeId, int maxAttempts, QString *error);
    // Marks it used; false if someone else used it first.
    bool consumeChallenge(qint64 challengeId, qint64 nowMs, QString *error);

    // sessionId, when given, receives the new session's id.
    [[nodiscard]] bool createSession(qint64 contactId, const QString &tokenHash, qint64 nowMs,
                                     qint64 expiresAtMs, const QString &ip,
                                     const QString &userAgent, QString *error,
                                     qint64 *sessionId = nullptr,
                                     SessionStage stage = SessionStage::Full,
                                     const EmailProof &proof = {});
    std::optional<SessionRecord> liveSession(const QString &tokenHash, qint64 nowMs,
                                             QString *error) const;
    // Slides the expiry only if the session was last seen at or before seenBeforeMs; false when
    // another request slid it first (so parallel requests record one access, not several).
    bool slideSession(qint64 sessionId, qint64 nowMs, qint64 expiresAtMs, qint64 seenBeforeMs,
                      QString *error);
    [[nodiscard]] bool revokeSession(const QString &tokenHash, qint64 nowMs, QString *error);
    // Ends one live session; false when it had ended already (someone else finished it first).
    bool revokeSessionById(qint64 sessionId, qint64 nowMs, QString *error);
    // Ends every live session of the contact but one (keptSessionId; 0 keeps none).
    [[nodiscard]] bool revokeOtherSessions(qint64 contactId, qint64 keptSessionId, qint64 nowMs,
                                           QString *error);
    // Takes one guess from a half-session's allowance of second-step codes; false when none is
    // left (race-safe like takeAttempt). *attemptsUsed receives the count after this guess.
    bool takeSessionAttempt(qint64 sessionId, int maxAttempts, int *attemptsUsed, QString *error);

    // The accounts (ACC-8) an address proved at proof.atMs reaches: its contacts with portal
    // access whose access was not revoked after the proof, ordered by company name.
    QList<Contact> accountsOf(const EmailProof &proof, QString *error) const;

    // The contact's password hash (ACC-7); empty when none is set.
    QString passwordHash(qint64 contactId, QString *error) const;
    [[nodiscard]] bool setPasswordHash(qint64 contactId, const QString &hash, QString *error);

    [[nodiscard]] bool recordAccess(const PortalAccess &access, QString *error);
    // One contact's accesses, newest first.
    QList<PortalAccess> accesses(qint64 contactId, int limit, QString *error) const;

private:
    std::optional<LoginChallenge> challengeWhere(const QString &column, const QString &hash,
                                                 QString *error) const;

    const Database &m_db;
};

} // namespace Gatehouse
