#include "AccountApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/PortalAccountService.h"

#include <QHttpServer>
#include <QJsonObject>

namespace Gatehouse {

QJsonArray AccountApi::accountsJson(const PortalAccounts &accounts, bool withCurrent)
{
    QJsonArray array;
    for (const PortalAccount &account : accounts.accounts) {
        if (withCurrent || !account.current) {
            array.append(QJsonObject{{QStringLiteral("id"), account.id},
                                     {QStringLiteral("company"), account.companyName}});
        }
    }
    return array;
}

void AccountApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    // The chooser's one way on: the session it opens replaces the chooser (a new cookie).
    server.route(QStringLiteral("/api/v1/auth/choose"), QHttpServerRequest::Method::Post,
                 [&context](const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session
                         = context.requireSessionAt(request, {SessionStage::Choose}, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     const std::optional<QJsonObject> body
                         = Http::jsonBody(request, context.publicOrigin, &refusal);
                     if (!body) {
                         return refusal;
                     }
                     ServiceError error;
                     const std::optional<QString> token
                         = PortalAccountService(context.db, context.clock, context.publicUrl)
                               .choose(*session, body->value(QStringLiteral("account")).toString(),
                                       context.clientIp(request), Http::userAgent(request), &error);
                     return token ? context.signedIn(*token, {{QStringLiteral("ok"), true}})
                                  : Http::fromServiceError(error);
                 });

    server.route(
        QStringLiteral("/api/v1/account/switch"), QHttpServerRequest::Method::Post,
        [&context](const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const std::optional<PortalSession> session = context.requireSession(request, &refusal);
            if (!session) {
                return refusal;
            }
            const std::optional<QJsonObject> body
                = Http::jsonBody(request, context.publicOrigin, &refusal);
            if (!body) {
                return refusal;
            }
            ServiceError error;
            const std::optional<QString> token
                = PortalAccountService(context.db, context.clock, context.publicUrl)
                      .switchTo(*session, body->value(QStringLiteral("account")).toString(),
                                context.clientIp(request), Http::userAgent(request), &error);
            return token ? context.signedIn(*token, {{QStringLiteral("ok"), true}})
                         : Http::fromServiceError(error);
        });
}

} // namespace Gatehouse
