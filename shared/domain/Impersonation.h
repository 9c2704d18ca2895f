#pragma once

#include <QString>

namespace Gatehouse {

// How a view of the portal as a contact (CON-7) ended.
enum class ImpersonationEnd { Closed, Expired, SignedOut };

// A member of staff viewing the portal as a contact (CON-7), through a portal session of its own
// that ends at expiresAtMs and never slides.
struct Impersonation
{
    qint64 id = 0;
    qint64 sessionId = 0; // 0 once the session row is gone
    qint64 contactId = 0;
    qint64 staffId = 0; // 0 once the member's account is gone
    QString staffName;
    QString staffEmail;
    QString reason;
    bool readOnly = true;
    qint64 startedAtMs = 0;
    qint64 expiresAtMs = 0;
    qint64 endedAtMs = 0; // 0 while open
    QString endedHow;     // "closed", "expired", "signed_out"; empty while open

    bool isOpen() const { return endedAtMs == 0; }
};

inline QString toKey(ImpersonationEnd how)
{
    switch (how) {
    case ImpersonationEnd::Closed:
        return QStringLiteral("closed");
    case ImpersonationEnd::Expired:
        return QStringLiteral("expired");
    case ImpersonationEnd::SignedOut:
        return QStringLiteral("signed_out");
    }
    return QString();
}

} // namespace Gatehouse
