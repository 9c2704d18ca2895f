#include "MeetingApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/TaskSetupService.h"

#include <QHttpServer>

namespace Gatehouse {

void MeetingApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    server.route(
        QStringLiteral("/api/v1/tasks/<arg>/meeting.ics"), QHttpServerRequest::Method::Get,
        [&context](qint64 taskId, const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const std::optional<PortalSession> session = context.requireTaskAccess(
                request, taskId, PortalPermission::ViewOnboarding, &refusal);
            if (!session) {
                return refusal;
            }
            ServiceError error;
            const std::optional<QByteArray> ics
                = TaskSetupService(context.db, context.clock, context.publicUrl)
                      .meetingCalendar(taskId, session->companyId, &error);
            if (!ics) {
                return Http::fromServiceError(error);
            }
            // Always a download: the file is for the contact's calendar app, not the browser.
            QHttpServerResponse response(QByteArrayLiteral("text/calendar; charset=utf-8"), *ics);
            response.addHeader(QByteArrayLiteral("Content-Disposition"),
                               QByteArrayLiteral("attachment; filename=\"meeting-")
                                   + QByteArray::number(taskId) + QByteArrayLiteral(".ics\""));
            response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
            return response;
        });
}

} // namespace Gatehouse
