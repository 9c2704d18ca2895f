#pragma once

#include "core/ServiceError.h"
#include "services/SecondFactor.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;
struct PortalSession;

struct TotpStatus
{
    bool enabled = false;
    bool pending = false;  // an enrolment waits for its first code
    bool required = false; // the workspace requires TOTP
    int recoveryCodesLeft = 0;
};

// What the contact copies into an authenticator app; shown while enrolling, never again.
struct TotpEnrolment
{
    QString secret; // base32
    QString uri;    // otpauth://
};

struct TotpConfirmation
{
    QList<QString> recoveryCodes; // shown once
    // Set when the enrolment finished a sign-in the workspace held back (ACC-10): the new full
    // session's token, replacing the half-session's.
    QString sessionToken;
};

// A contact's optional TOTP second factor (ACC-10), set up in the portal's account view and
// asked for at every sign-in after the emailed code, link or password. Every change is recorded
// in the activity feed and the audit trail; rate limits are the caller's
// (PortalThrottle::allowTotp).
class TotpService
{
public:
    TotpService(const Database &db, const Clock &clock, const QString &publicUrl);

    static constexpr int kRecoveryCodeCount = SecondFactor::kRecoveryCodeCount;
    static constexpr int kMaxSecondStepAttempts = 5;

    std::optional<TotpStatus> status(qint64 contactId, ServiceError *error) const;

    // A new pending secret, replacing an unconfirmed one; Conflict when TOTP is on already.
    std::optional<TotpEnrolment> startEnrolment(const PortalSession &session, const QString &ip,
                                                ServiceError *error);
    // The otpauth:// URI of a pending enrolment, for its QR code; NotFound once confirmed (the
    // secret is never sent again) or when nothing is pending.
    std::optional<QString> pendingUri(const PortalSession &session, ServiceError *error) const;
    // A current code turns the pending secret on; returns the recovery codes, shown only now.
    // A wrong code changes nothing.
    std::optional<TotpConfirmation> confirmEnrolment(const PortalSession &session,
                                                     const QString &code, const QString &ip,
                                                     const QString &userAgent, ServiceError *error);
    // New recovery codes; the old ones stop working.
    std::optional<QList<QString>> regenerateRecoveryCodes(const PortalSession &session,
                                                          const QString &ip, ServiceError *error);
    // Needs a current TOTP or an unused recovery code; refused while the workspace requires TOTP.
    [[nodiscard]] bool disable(const PortalSession &session, const QString &code, const QString &ip,
                               ServiceError *error);

    // The second step of a sign-in: a TOTP or recovery code for a half-session. Returns the
    // token of a new full session. After kMaxSecondStepAttempts wrong codes the half-session
    // ends and the contact must sign in again.
    std::optional<QString> completeSignIn(const PortalSession &halfSession, const QString &code,
                                          const QString &ip, const QString &userAgent,
                                          ServiceError *error);

    // "ABCDE-FGHIJ" for "abcde fghij" and the like; empty when it cannot be a recovery code.
    static QString normalisedRecoveryCode(const QString &code);

private:
    // SecondFactor's, for a contact.
    SecondFactor::Accepted useCode(qint64 contactId, const QString &code, QString *dbError);
    std::optional<QList<QString>> storeNewRecoveryCodes(qint64 contactId, qint64 nowMs,
                                                        QString *dbError);

    const Database &m_db;
    const Clock &m_clock;
    QString m_publicUrl;
};

} // namespace Gatehouse
