#include "AuthApi.h"

#include "AccountApi.h"
#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "security/PasswordHasher.h"
#include "services/ContactPasswordService.h"
#include "services/ImpersonationService.h"
#include "services/PortalAccountService.h"
#include "services/PortalThrottle.h"
#include "services/TotpService.h"
#include "storage/DirectoryRepository.h"
#include "storage/FileStore.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>

namespace Gatehouse {

namespace {

QJsonObject workspaceJson(const Workspace &workspace)
{
    // The logo's address changes with the logo, so browsers may keep it for long.
    return {{QStringLiteral("name"), workspace.name},
            {QStringLiteral("accentColor"), workspace.accentColor},
            {QStringLiteral("welcomeMessage"), workspace.welcomeMessage},
            {QStringLiteral("logoUrl"),
             workspace.logoFileId ? QJsonValue(
                 QStringLiteral("/api/v1/branding/logo?v=%1").arg(workspace.logoFileId))
                                  : QJsonValue()}};
}

QHttpServerResponse signedIn(const PortalContext &context, const QString &token)
{
    return context.signedIn(token, {{QStringLiteral("ok"), true}});
}

QString requiredStep(SessionStage stage)
{
    switch (stage) {
    case SessionStage::Full:
        break;
    case SessionStage::Totp:
        return QStringLiteral("totp");
    case SessionStage::Enrol:
        return QStringLiteral("totp_enrolment");
    case SessionStage::Choose:
        return QStringLiteral("account_choice");
    }
    return QString();
}

QHttpServerResponse pendingLogin(const std::optional<PendingLogin> &pending,
                                 const ServiceError &error)
{
    if (!pending) {
        return Http::fromServiceError(error);
    }
    return Http::json({{QStringLiteral("challenge"), pending->handle},
                       {QStringLiteral("email"), pending->maskedEmail}});
}

// A POST route whose body must be a JSON object sent from the portal's own pages.
template<typename Handler>
void postJson(QHttpServer &server, const char *path, const PortalContext &context, Handler handler)
{
    server.route(QString::fromLatin1(path), QHttpServerRequest::Method::Post,
                 [&context, handler](const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::BadRequest);
                     const std::optional<QJsonObject> body
                         = Http::jsonBody(request, context.publicOrigin, &refusal);
                     if (!body) {
                         return refusal;
                     }
                     return handler(*body, request);
                 });
}

} // namespace

void AuthApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(QStringLiteral("/api/v1/branding"), Method::Get,
                 [&context](const QHttpServerRequest &) {
                     QString error;
                     const std::optional<Workspace> workspace
                         = DirectoryRepository(context.db).workspace(&error);
                     if (!workspace) {
                         return Http::internalError();
                     }
                     return Http::json(workspaceJson(*workspace));
                 });

    server.route(QStringLiteral("/api/v1/branding/logo"), Method::Get,
                 [&context](const QHttpServerRequest &) {
                     QString error;
                     const std::optional<Workspace> workspace
                         = DirectoryRepository(context.db).workspace(&error);
                     if (!workspace || !workspace->logoFileId) {
                         return workspace ? Http::error(Http::Status::NotFound,
                                                        QStringLiteral("not_found"),
                                                        QStringLiteral("There is no logo."))
                                          : Http::internalError();
                     }
                     const std::optional<QByteArray> png
                         = FileStore(context.db).readAll(workspace->logoFileId, &error);
                     if (!png) {
                         return Http::internalError();
                     }
                     // Always a PNG Gatehouse drew itself (BrandingRules::sanitisedLogo).
                     QHttpServerResponse response(QByteArrayLiteral("image/png"), *png);
                     response.setHeader(QByteArrayLiteral("Cache-Control"),
                                        QByteArrayLiteral("public, max-age=86400"));
                     return response;
                 });

    postJson(server, "/api/v1/auth/invite", context,
             [&context](const QJsonObject &body, const QHttpServerRequest &request) {
                 ServiceError error;
                 const QString token = body.value(QStringLiteral("token")).toString();
                 const QString ip = context.clientIp(request);
                 if (!PortalThrottle(context.db, context.clock).allowInvite(token, ip, &error)) {
                     return Http::fromServiceError(error);
                 }
                 return pendingLogin(PortalAuthService(context.db, context.clock, context.publicUrl)
                                         .startFromInvite(token, ip, &error),
                                     error);
             });

    postJson(server, "/api/v1/auth/login", context,
             [&context](const QJsonObject &body, const QHttpServerRequest &request) {
                 ServiceError error;
                 const QString email = body.value(QStringLiteral("email")).toString();
                 const QString ip = context.clientIp(request);
                 if (!PortalThrottle(context.db, context.clock).allowLogin(email, ip, &error)) {
                     return Http::fromServiceError(error);
                 }
                 return pendingLogin(PortalAuthService(context.db, context.clock, context.publicUrl)
                                         .startFromEmail(email, ip, &error),
                                     error);
             });

    postJson(server, "/api/v1/auth/code", context,
             [&context](const QJsonObject &body, const QHttpServerRequest &request) {
                 ServiceError error;
                 if (!PortalThrottle(context.db, context.clock)
                          .allowVerify(context.clientIp(request), &error)) {
                     return Http::fromServiceError(error);
                 }
                 const std::optional<QString> token
                     = PortalAuthService(context.db, context.clock, context.publicUrl)
                           .verifyCode(body.value(QStringLiteral("challenge")).toString(),
                                       body.value(QStringLiteral("code")).toString().trimmed(),
                                       context.clientIp(request), Http::userAgent(request), &error);
                 return token ? signedIn(context, *token) : Http::fromServiceError(error);
             });

    postJson(server, "/api/v1/auth/password", context,
             [&context](const QJsonObject &body, const QHttpServerRequest &request) {
                 ServiceError error;
                 const QString email = body.value(QStringLiteral("email")).toString();
                 const QString ip = context.clientIp(request);
                 if (!PortalThrottle(context.db, context.clock).allowPassword(email, ip, &error)) {
                     return Http::fromServiceError(error);
                 }
                 const std::optional<QString> token
                     = ContactPasswordService(context.db, context.clock, context.publicUrl)
                           .signIn(email, body.value(QStringLiteral("password")).toString(), ip,
                                   Http::userAgent(request), &error);
                 return token ? signedIn(context, *token) : Http::fromServiceError(error);
             });

    postJson(server, "/api/v1/account/password", context,
             [&context](const QJsonObject &body, const QHttpServerRequest &request) {
                 QHttpServerResponse refusal(Http::Status::Unauthorized);
                 const std::optional<PortalSession> session
                     = context.requireSession(request, &refusal);
                 if (!session) {
                     return refusal;
                 }
                 ServiceError error;
                 if (!ContactPasswordService(context.db, context.clock, context.publicUrl)
                          .setPassword(*session, body.value(QStringLiteral("password")).toString(),
                                       context.clientIp(request), &error)) {
                     return Http::fromServiceError(error);
                 }
                 return Http::noContent();
             });

    postJson(server, "/api/v1/auth/magic", context,
             [&context](const QJsonObject &body, const QHttpServerRequest &request) {
                 ServiceError error;
                 if (!PortalThrottle(context.db, context.clock)
                          .allowVerify(context.clientIp(request), &error)) {
                     return Http::fromServiceError(error);
                 }
                 const std::optional<QString> token
                     = PortalAuthService(context.db, context.clock, context.publicUrl)
                           .confirmMagicLink(body.value(QStringLiteral("token")).toString(),
                                             context.clientIp(request), Http::userAgent(request),
                                             &error);
                 return token ? signedIn(context, *token) : Http::fromServiceError(error);
             });

    postJson(server, "/api/v1/auth/logout", context,
             [&context](const QJsonObject &, const QHttpServerRequest &request) {
                 // A live session is ended only with its CSRF token; a dead one has nothing left
                 // to end, and its cookie is cleared all the same.
                 QHttpServerResponse refusal(Http::Status::Unauthorized);
                 const std::optional<PortalSession> session
                     = context.requireSessionToEnd(request, &refusal);
                 if (!session && refusal.statusCode() == Http::Status::Forbidden) {
                     return refusal;
                 }
                 ServiceError error;
                 // Signing out of a staff member's view of the portal ends the view (CON-7).
                 if (session && session->impersonationId != 0
                     && !ImpersonationService(context.db, context.clock)
                             .end(session->impersonationId, ImpersonationEnd::SignedOut, &error)) {
                     return Http::fromServiceError(error);
                 }
                 if (!PortalAuthService(context.db, context.clock, context.publicUrl)
                          .logout(context.sessionToken(request), &error)) {
                     return Http::fromServiceError(error);
                 }
                 QHttpServerResponse response = Http::noContent();
                 response.addHeader(QByteArrayLiteral("Set-Cookie"),
                                    context.sessionCookie(QString(), 0));
                 return response;
             });

    server.route(
        QStringLiteral("/api/v1/me"), Method::Get, [&context](const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const std::optional<PortalSession> session
                = context.requireAnySession(request, &refusal);
            if (!session) {
                return refusal;
            }
            DirectoryRepository directory(context.db);
            QString error;
            const std::optional<Workspace> workspace = directory.workspace(&error);
            const std::optional<Contact> contact = directory.contact(session->contactId, &error);
            ServiceError failure;
            const std::optional<TotpStatus> totp
                = TotpService(context.db, context.clock, context.publicUrl)
                      .status(session->contactId, &failure);
            const std::optional<PortalAccounts> accounts
                = PortalAccountService(context.db, context.clock, context.publicUrl)
                      .accounts(*session, &failure);
            if (!workspace || !contact || !totp || !accounts) {
                return Http::internalError();
            }
            const QString csrf = PortalAuthService::csrfToken(context.sessionToken(request));
            // A half-session learns only what its next step needs (ACC-8, ACC-10): a chooser the
            // companies to choose from.
            if (session->stage != SessionStage::Full) {
                QJsonObject half{
                    {QStringLiteral("required"), requiredStep(session->stage)},
                    {QStringLiteral("email"), PortalAuthService::maskEmail(contact->email)},
                    {QStringLiteral("workspace"), workspaceJson(*workspace)},
                    {QStringLiteral("csrfToken"), csrf}};
                if (session->stage == SessionStage::Choose) {
                    half.insert(QStringLiteral("accounts"),
                                AccountApi::accountsJson(*accounts, true));
                }
                return Http::json(half);
            }
            QJsonObject body{
                {QStringLiteral("contact"), QJsonObject{{QStringLiteral("id"), contact->id},
                                                        {QStringLiteral("name"), contact->name},
                                                        {QStringLiteral("email"), contact->email}}},
                {QStringLiteral("company"),
                 QJsonObject{{QStringLiteral("id"), contact->companyId},
                             {QStringLiteral("name"), contact->companyName}}},
                {QStringLiteral("workspace"), workspaceJson(*workspace)},
                // What the contact's role allows, so the pages offer only that; the server
                // checks every request all the same.
                {QStringLiteral("permissions"),
                 QJsonArray::fromStringList(PortalRole::keys(session->permissions))},
                {QStringLiteral("passwordMinimumLength"), PasswordHasher::kMinimumLength},
                {QStringLiteral("totp"),
                 QJsonObject{{QStringLiteral("enabled"), totp->enabled},
                             {QStringLiteral("required"), totp->required},
                             {QStringLiteral("recoveryCodesLeft"), totp->recoveryCodesLeft}}},
                // The other companies this person may switch to (ACC-8).
                {QStringLiteral("otherAccounts"), AccountApi::accountsJson(*accounts, false)},
                {QStringLiteral("switchNeedsEmail"), accounts->switchNeedsEmail},
                {QStringLiteral("csrfToken"), csrf}};
            // A member of staff viewing the portal as the contact (CON-7): the pages say so.
            if (session->impersonationId != 0) {
                const std::optional<Impersonation> view
                    = ImpersonationService(context.db, context.clock)
                          .find(session->impersonationId, &failure);
                if (!view) {
                    return Http::internalError();
                }
                body.insert(
                    QStringLiteral("impersonation"),
                    QJsonObject{{QStringLiteral("staffName"), view->staffName},
                                {QStringLiteral("readOnly"), view->readOnly},
                                {QStringLiteral("startedAt"), Http::isoTime(view->startedAtMs)},
                                {QStringLiteral("expiresAt"), Http::isoTime(view->expiresAtMs)}});
            }
            return Http::json(body);
        });
}

} // namespace Gatehouse
