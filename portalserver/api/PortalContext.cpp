#include "PortalContext.h"

#include "http/HttpHelpers.h"
#include "security/Tokens.h"

#include <QCoreApplication>

namespace Gatehouse {

QByteArray PortalContext::sessionCookieName() const
{
    // __Host- binds the cookie to this exact origin, but browsers accept it only over TLS.
    return secure ? QByteArrayLiteral("__Host-gh_session") : QByteArrayLiteral("gh_session");
}

QByteArray PortalContext::sessionCookie(const QString &token, qint64 maxAgeSeconds) const
{
    QByteArray cookie
        = sessionCookieName() + '=' + token.toLatin1()
          + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + QByteArray::number(maxAgeSeconds);
    if (secure) {
        cookie += "; Secure";
    }
    return cookie;
}

QString PortalContext::clientIp(const QHttpServerRequest &request) const
{
    return Http::clientIp(request, trustedProxies);
}

QString PortalContext::sessionToken(const QHttpServerRequest &request) const
{
    return Http::cookie(request, sessionCookieName());
}

std::optional<PortalSession> PortalContext::requireSession(const QHttpServerRequest &request,
                                                           QHttpServerResponse *refusal) const
{
    std::optional<PortalSession> session = requireAnySession(request, refusal);
    if (session && session->stage != SessionStage::Full) {
        *refusal = Http::error(
            Http::Status::Unauthorized, QStringLiteral("second_step_required"),
            QCoreApplication::translate("Gatehouse::PortalContext", "Finish signing in first."));
        return std::nullopt;
    }
    return session;
}

QHttpServerResponse PortalContext::signedIn(const QString &token, const QJsonObject &body) const
{
    QHttpServerResponse response = Http::json(body);
    // The server decides when a session ends (24 h after its last use); the cookie only has to
    // outlive that, so it is not cut off while the session is still sliding forward.
    constexpr qint64 kCookieLifetimeSeconds = 30LL * 24 * 60 * 60;
    response.addHeader(QByteArrayLiteral("Set-Cookie"),
                       sessionCookie(token, kCookieLifetimeSeconds));
    return response;
}

std::optional<PortalSession> PortalContext::requireAnySession(const QHttpServerRequest &request,
                                                              QHttpServerResponse *refusal) const
{
    ServiceError error;
    PortalAuthService auth(db, clock, publicUrl);
    std::optional<PortalSession> session
        = auth.session(sessionToken(request), clientIp(request), Http::userAgent(request), &error);
    if (!session) {
        *refusal = Http::fromServiceError(error);
        return std::nullopt;
    }
    const QHttpServerRequest::Method method = request.method();
    if (method != QHttpServerRequest::Method::Get && method != QHttpServerRequest::Method::Head
        && !checkCsrf(request, refusal)) {
        return std::nullopt;
    }
    return session;
}

bool PortalContext::checkCsrf(const QHttpServerRequest &request, QHttpServerResponse *refusal) const
{
    const QString sent = QString::fromLatin1(request.value(QByteArrayLiteral("X-CSRF-Token")));
    const QString token = sessionToken(request);
    if (!token.isEmpty() && !sent.isEmpty()
        && Tokens::equalConstantTime(sent, PortalAuthService::csrfToken(token))) {
        return true;
    }
    *refusal = Http::error(
        Http::Status::Forbidden, QStringLiteral("bad_csrf_token"),
        QCoreApplication::translate("Gatehouse::PortalContext",
                                    "This request did not come from the portal's own pages. "
                                    "Reload the page and try again."));
    return false;
}

} // namespace Gatehouse
