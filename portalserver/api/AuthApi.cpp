#include "AuthApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "storage/DirectoryRepository.h"

#include <QHttpServer>
#include <QJsonObject>

namespace Gatehouse {

namespace {

QJsonObject workspaceJson(const Workspace &workspace)
{
    return {{QStringLiteral("name"), workspace.name},
            {QStringLiteral("accentColor"), workspace.accentColor},
            {QStringLiteral("welcomeMessage"), workspace.welcomeMessage}};
}

QHttpServerResponse signedIn(const PortalContext &context, const QString &token)
{
    QHttpServerResponse response = Http::json({{QStringLiteral("ok"), true}});
    // The server decides when a session ends (24 h after its last use); the cookie only has to
    // outlive that, so it is not cut off while the session is still sliding forward.
    constexpr qint64 kCookieLifetimeSeconds = 30LL * 24 * 60 * 60;
    response.addHeader(QByteArrayLiteral("Set-Cookie"),
                       context.sessionCookie(token, kCookieLifetimeSeconds));
    return response;
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
                         ServiceError failure;
                         ServiceError::internal(&failure);
                         return Http::fromServiceError(failure);
                     }
                     return Http::json(workspaceJson(*workspace));
                 });

    server.route(QStringLiteral("/api/v1/auth/invite"), Method::Post,
                 [&context](const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::BadRequest);
                     const std::optional<QJsonObject> body
                         = Http::jsonBody(request, context.publicOrigin, &refusal);
                     if (!body) {
                         return refusal;
                     }
                     ServiceError error;
                     PortalAuthService auth(context.db, context.clock, context.publicUrl);
                     const std::optional<PendingLogin> pending = auth.startFromInvite(
                         body->value(QStringLiteral("token")).toString(), &error);
                     if (!pending) {
                         return Http::fromServiceError(error);
                     }
                     return Http::json({{QStringLiteral("challenge"), pending->handle},
                                        {QStringLiteral("email"), pending->maskedEmail}});
                 });

    server.route(QStringLiteral("/api/v1/auth/login"), Method::Post,
                 [&context](const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::BadRequest);
                     const std::optional<QJsonObject> body
                         = Http::jsonBody(request, context.publicOrigin, &refusal);
                     if (!body) {
                         return refusal;
                     }
                     ServiceError error;
                     PortalAuthService auth(context.db, context.clock, context.publicUrl);
                     const std::optional<PendingLogin> pending = auth.startFromEmail(
                         body->value(QStringLiteral("email")).toString(), &error);
                     if (!pending) {
                         return Http::fromServiceError(error);
                     }
                     return Http::json({{QStringLiteral("challenge"), pending->handle},
                                        {QStringLiteral("email"), pending->maskedEmail}});
                 });

    server.route(QStringLiteral("/api/v1/auth/code"), Method::Post,
                 [&context](const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::BadRequest);
                     const std::optional<QJsonObject> body
                         = Http::jsonBody(request, context.publicOrigin, &refusal);
                     if (!body) {
                         return refusal;
                     }
                     ServiceError error;
                     PortalAuthService auth(context.db, context.clock, context.publicUrl);
                     const std::optional<QString> token = auth.verifyCode(
                         body->value(QStringLiteral("challenge")).toString(),
                         body->value(QStringLiteral("code")).toString().trimmed(),
                         Http::clientIp(request), Http::userAgent(request), &error);
                     return token ? signedIn(context, *token) : Http::fromServiceError(error);
                 });

    server.route(QStringLiteral("/api/v1/auth/magic"), Method::Post,
                 [&context](const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::BadRequest);
                     const std::optional<QJsonObject> body
                         = Http::jsonBody(request, context.publicOrigin, &refusal);
                     if (!body) {
                         return refusal;
                     }
                     ServiceError error;
                     PortalAuthService auth(context.db, context.clock, context.publicUrl);
                     const std::optional<QString> token = auth.confirmMagicLink(
                         body->value(QStringLiteral("token")).toString(), Http::clientIp(request),
                         Http::userAgent(request), &error);
                     return token ? signedIn(context, *token) : Http::fromServiceError(error);
                 });

    server.route(QStringLiteral("/api/v1/auth/logout"), Method::Post,
                 [&context](const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::BadRequest);
                     if (!Http::jsonBody(request, context.publicOrigin, &refusal)) {
                         return refusal;
                     }
                     ServiceError error;
                     PortalAuthService auth(context.db, context.clock, context.publicUrl);
                     if (!auth.logout(context.sessionToken(request), &error)) {
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
            const std::optional<PortalSession> session = context.requireSession(request, &refusal);
            if (!session) {
                return refusal;
            }
            DirectoryRepository directory(context.db);
            QString error;
            const std::optional<Workspace> workspace = directory.workspace(&error);
            const std::optional<Contact> contact = directory.contact(session->contactId, &error);
            if (!workspace || !contact) {
                ServiceError failure;
                ServiceError::internal(&failure);
                return Http::fromServiceError(failure);
            }
            return Http::json({{QStringLiteral("contact"),
                                QJsonObject{{QStringLiteral("id"), contact->id},
                                            {QStringLiteral("name"), contact->name},
                                            {QStringLiteral("email"), contact->email}}},
                               {QStringLiteral("company"),
                                QJsonObject{{QStringLiteral("id"), contact->companyId},
                                            {QStringLiteral("name"), contact->companyName}}},
                               {QStringLiteral("workspace"), workspaceJson(*workspace)}});
        });
}

} // namespace Gatehouse
