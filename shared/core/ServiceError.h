#pragma once

#include <QString>

namespace Gatehouse {

// Why a service refused or failed; the portal maps the kind to an HTTP status, the console
// shows the message. Internal details stay in the log, never in the message.
struct ServiceError
{
    // Forbidden: the caller is known but may not do this (not a role's permission: those are
    // refused by the portal's route door).
    enum class Kind {
        None,
        Invalid,
        Unauthorized,
        Forbidden,
        NotFound,
        Conflict,
        RateLimited,
        Internal
    };

    Kind kind = Kind::None;
    QString message;
    int retryAfterSeconds = 0; // RateLimited: when to try again (a Retry-After header); 0: unsaid

    static void set(ServiceError *error, Kind kind, const QString &message)
    {
        if (error) {
            error->kind = kind;
            error->message = message;
        }
    }
    static void rateLimited(ServiceError *error, const QString &message, int retryAfterSeconds)
    {
        set(error, Kind::RateLimited, message);
        if (error) {
            error->retryAfterSeconds = retryAfterSeconds;
        }
    }
    // A storage failure: the technical text is logged by SqlQuery; people get a plain sentence.
    static void internal(ServiceError *error);
    // The plain sentence internal() gives (translated).
    static QString internalMessage();
};

} // namespace Gatehouse
