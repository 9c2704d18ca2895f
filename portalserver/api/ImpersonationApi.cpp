#include "ImpersonationApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/ImpersonationService.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>

namespace Gatehouse {

void ImpersonationApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    // The contact's own account, like the password: every role may see who looked at it.
    server.route(QStringLiteral("/api/v1/account/impersonations"), QHttpServerRequest::Method::Get,
                 [&context](const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session
                         = context.requireSession(request, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     ServiceError error;
                     const std::optional<QList<Impersonation>> views
                         = ImpersonationService(context.db, context.clock)
                               .viewsOf(session->contactId, &error);
                     if (!views) {
                         return Http::fromServiceError(error);
                     }
                     // Who and when; the reason is for the staff's own records.
                     QJsonArray list;
                     for (const Impersonation &view : *views) {
                         list.append(QJsonObject{
                             {QStringLiteral("staffName"), view.staffName},
                             {QStringLiteral("startedAt"), Http::isoTime(view.startedAtMs)},
                             {QStringLiteral("endedAt"), Http::isoTime(view.endedAtMs)},
                             {QStringLiteral("readOnly"), view.readOnly}});
                     }
                     return Http::json({{QStringLiteral("views"), list}});
                 });
}

} // namespace Gatehouse
