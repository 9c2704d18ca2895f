#include "TotpApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "security/QrCodeSvg.h"
#include "services/PortalThrottle.h"
#include "services/TotpService.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>

namespace Gatehouse {

namespace {

QJsonArray codesJson(const QList<QString> &codes)
{
    QJsonArray array;
    for (const QString &code : codes) {
        array.append(code);
    }
    return array;
}

// Who may set up TOTP: a full session, or the half-session of a contact the workspace holds
// back until it is set up. Not a chooser (ACC-8): it is nobody's yet.
const QList<SessionStage> kEnrolling = {SessionStage::Full, SessionStage::Enrol};
const QList<SessionStage> kFull = {SessionStage::Full};
// The second step itself answers every other stage with why it does not apply.
const QList<SessionStage> kAnyStage
    = {SessionStage::Full, SessionStage::Totp, SessionStage::Enrol, SessionStage::Choose};

// A POST route of a session at the given stages with the CSRF token and a JSON object body sent
// from the portal's own pages.
template<typename Handler>
void postSession(QHttpServer &server, const char *path, const PortalContext &context,
                 const QList<SessionStage> &stages, Handler handler)
{
    server.route(QString::fromLatin1(path), QHttpServerRequest::Method::Post,
                 [&context, stages, handler](const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session
                         = context.requireSessionAt(request, stages, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     const std::optional<QJsonObject> body
                         = Http::jsonBody(request, context.publicOrigin, &refusal);
                     if (!body) {
                         return refusal;
                     }
                     return handler(*session, *body, request);
                 });
}

} // namespace

void TotpApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    // The second step of a sign-in: an authenticator or recovery code for a half-session.
    postSession(server, "/api/v1/auth/totp", context, kAnyStage,
                [&context](const PortalSession &session, const QJsonObject &body,
                           const QHttpServerRequest &request) {
                    ServiceError error;
                    const QString ip = context.clientIp(request);
                    if (!PortalThrottle(context.db, context.clock)
                             .allowTotp(session.contactId, ip, &error)) {
                        return Http::fromServiceError(error);
                    }
                    const std::optional<QString> token
                        = TotpService(context.db, context.clock, context.publicUrl)
                              .completeSignIn(session,
                                              body.value(QStringLiteral("code")).toString(), ip,
                                              Http::userAgent(request), &error);
                    if (!token) {
                        QHttpServerResponse response = Http::fromServiceError(error);
                        // Locked out: the half-session is over, so is its cookie.
                        if (error.kind == ServiceError::Kind::RateLimited) {
                            response.addHeader(QByteArrayLiteral("Set-Cookie"),
                                               context.sessionCookie(QString(), 0));
                        }
                        return response;
                    }
                    return context.signedIn(*token, {{QStringLiteral("ok"), true}});
                });

    // Allowed for the half-session of a contact the workspace holds back until TOTP is set up.
    postSession(server, "/api/v1/account/totp/start", context, kEnrolling,
                [&context](const PortalSession &session, const QJsonObject &,
                           const QHttpServerRequest &request) {
                    ServiceError error;
                    const std::optional<TotpEnrolment> enrolment
                        = TotpService(context.db, context.clock, context.publicUrl)
                              .startEnrolment(session, context.clientIp(request), &error);
                    if (!enrolment) {
                        return Http::fromServiceError(error);
                    }
                    return Http::json({{QStringLiteral("secret"), enrolment->secret},
                                       {QStringLiteral("uri"), enrolment->uri}});
                });

    // The pending secret as a QR code, for the phone's camera. Served only while the enrolment
    // waits for its first code, like the secret itself.
    server.route(QStringLiteral("/api/v1/account/totp/qr.svg"), QHttpServerRequest::Method::Get,
                 [&context](const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session
                         = context.requireSessionAt(request, kEnrolling, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     ServiceError error;
                     const std::optional<QString> uri
                         = TotpService(context.db, context.clock, context.publicUrl)
                               .pendingUri(*session, &error);
                     if (!uri) {
                         return Http::fromServiceError(error);
                     }
                     const std::optional<QByteArray> svg = QrCodeSvg::render(*uri);
                     if (!svg) {
                         return Http::internalError();
                     }
                     QHttpServerResponse response(QByteArrayLiteral("image/svg+xml"), *svg);
                     response.setHeader(QByteArrayLiteral("Cache-Control"),
                                        QByteArrayLiteral("no-store"));
                     return response;
                 });

    postSession(server, "/api/v1/account/totp/confirm", context, kEnrolling,
                [&context](const PortalSession &session, const QJsonObject &body,
                           const QHttpServerRequest &request) {
                    ServiceError error;
                    const QString ip = context.clientIp(request);
                    if (!PortalThrottle(context.db, context.clock)
                             .allowTotp(session.contactId, ip, &error)) {
                        return Http::fromServiceError(error);
                    }
                    const std::optional<TotpConfirmation> confirmation
                        = TotpService(context.db, context.clock, context.publicUrl)
                              .confirmEnrolment(session,
                                                body.value(QStringLiteral("code")).toString(), ip,
                                                Http::userAgent(request), &error);
                    if (!confirmation) {
                        return Http::fromServiceError(error);
                    }
                    const QJsonObject answer{
                        {QStringLiteral("recoveryCodes"), codesJson(confirmation->recoveryCodes)},
                        {QStringLiteral("signedIn"), !confirmation->sessionToken.isEmpty()}};
                    // A held-back sign-in is finished: a new token replaces the half-session's.
                    return confirmation->sessionToken.isEmpty()
                               ? Http::json(answer)
                               : context.signedIn(confirmation->sessionToken, answer);
                });

    postSession(server, "/api/v1/account/totp/recovery-codes", context, kFull,
                [&context](const PortalSession &session, const QJsonObject &,
                           const QHttpServerRequest &request) {
                    ServiceError error;
                    const std::optional<QList<QString>> codes
                        = TotpService(context.db, context.clock, context.publicUrl)
                              .regenerateRecoveryCodes(session, context.clientIp(request), &error);
                    if (!codes) {
                        return Http::fromServiceError(error);
                    }
                    return Http::json({{QStringLiteral("recoveryCodes"), codesJson(*codes)}});
                });

    postSession(
        server, "/api/v1/account/totp/disable", context, kFull,
        [&context](const PortalSession &session, const QJsonObject &body,
                   const QHttpServerRequest &request) {
            ServiceError error;
            const QString ip = context.clientIp(request);
            if (!PortalThrottle(context.db, context.clock).allowTotp(session.contactId, ip, &error)
                || !TotpService(context.db, context.clock, context.publicUrl)
                        .disable(session, body.value(QStringLiteral("code")).toString(), ip,
                                 &error)) {
                return Http::fromServiceError(error);
            }
            return Http::noContent();
        });
}

} // namespace Gatehouse
