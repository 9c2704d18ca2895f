#include "CommentApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/CommentService.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>

namespace Gatehouse {

namespace {

QJsonObject commentJson(const TaskComment &comment)
{
    return {{QStringLiteral("id"), comment.id},
            {QStringLiteral("author"), comment.authorName},
            {QStringLiteral("fromProvider"), comment.author == TaskComment::Author::Staff},
            {QStringLiteral("body"), comment.body},
            {QStringLiteral("createdAt"), Http::isoTime(comment.createdAtMs)}};
}

} // namespace

void CommentApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(QStringLiteral("/api/v1/tasks/<arg>/comments"), Method::Get,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const auto session = context.requireTaskAccess(
                         request, taskId, PortalPermission::ReadComments, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     ServiceError error;
                     const auto comments = CommentService(context.db, context.clock)
                                               .forCompany(taskId, session->companyId, &error);
                     if (!comments) {
                         return Http::fromServiceError(error);
                     }
                     QJsonArray list;
                     for (const TaskComment &comment : *comments) {
                         list.append(commentJson(comment));
                     }
                     return Http::json({{QStringLiteral("comments"), list}});
                 });

    server.route(QStringLiteral("/api/v1/tasks/<arg>/comments"), Method::Post,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const auto session = context.requireTaskAccess(
                         request, taskId, PortalPermission::WriteComments, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     const auto body = Http::jsonBody(request, context.publicOrigin, &refusal);
                     if (!body) {
                         return refusal;
                     }
                     const QJsonValue text = body->value(QStringLiteral("body"));
                     if (!text.isString()) {
                         return Http::error(Http::Status::BadRequest, QStringLiteral("bad_field"),
                                            QStringLiteral("\"body\" must be text."));
                     }
                     ServiceError error;
                     const auto comment
                         = CommentService(context.db, context.clock)
                               .addAsContact(taskId, session->contactId, session->companyId,
                                             text.toString(), context.clientIp(request), &error);
                     if (!comment) {
                         return Http::fromServiceError(error);
                     }
                     return Http::json({{QStringLiteral("comment"), commentJson(*comment)}},
                                       Http::Status::Created);
                 });
}

} // namespace Gatehouse
