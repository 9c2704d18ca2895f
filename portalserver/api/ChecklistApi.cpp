#include "ChecklistApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/ChecklistService.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>

namespace Gatehouse {

namespace {

QJsonObject stateJson(const ChecklistState &state)
{
    QJsonArray items;
    for (const ChecklistItemState &item : state.items) {
        items.append(
            QJsonObject{{QStringLiteral("id"), item.item.id},
                        {QStringLiteral("text"), item.item.text},
                        {QStringLiteral("ticked"), item.ticked},
                        {QStringLiteral("byKind"), item.byKind},
                        {QStringLiteral("byName"), item.byName},
                        {QStringLiteral("at"),
                         item.atMs ? QJsonValue(Http::isoTime(item.atMs)) : QJsonValue()}});
    }
    const Task &task = state.task;
    return {{QStringLiteral("task"),
             QJsonObject{{QStringLiteral("id"), task.id},
                         {QStringLiteral("status"), toKey(task.status)},
                         {QStringLiteral("completedAt"),
                          task.completedAtMs ? QJsonValue(Http::isoTime(task.completedAtMs))
                                             : QJsonValue()}}},
            {QStringLiteral("items"), items},
            {QStringLiteral("progress"),
             QJsonObject{{QStringLiteral("ticked"), state.tickedCount()},
                         {QStringLiteral("total"), int(state.items.size())}}}};
}

} // namespace

void ChecklistApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(QStringLiteral("/api/v1/tasks/<arg>/checklist"), Method::Get,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session = context.requireTaskAccess(
                         request, taskId, PortalPermission::ViewOnboarding, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     ServiceError error;
                     const std::optional<ChecklistState> state
                         = ChecklistService(context.db, context.clock)
                               .stateForContact(taskId, session->companyId, &error);
                     return state ? Http::json(stateJson(*state)) : Http::fromServiceError(error);
                 });

    server.route(
        QStringLiteral("/api/v1/tasks/<arg>/checklist"), Method::Post,
        [&context](qint64 taskId, const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const std::optional<PortalSession> session
                = context.requireTaskAction(request, taskId, PortalPermission::FillForms, &refusal);
            if (!session) {
                return refusal;
            }
            const std::optional<QJsonObject> body
                = Http::jsonBody(request, context.publicOrigin, &refusal);
            if (!body) {
                return refusal;
            }
            const QJsonValue item = body->value(QStringLiteral("item"));
            const QJsonValue ticked = body->value(QStringLiteral("ticked"));
            if (!item.isString() || !ticked.isBool()) {
                return Http::error(Http::Status::BadRequest, QStringLiteral("bad_field"),
                                   QStringLiteral("Send \"item\" (an item id) and \"ticked\" "
                                                  "(true or false)."));
            }
            ServiceError error;
            const std::optional<ChecklistState> state
                = ChecklistService(context.db, context.clock)
                      .tickAsContact(taskId, item.toString(), ticked.toBool(), session->contactId,
                                     session->companyId, context.clientIp(request), &error);
            return state ? Http::json(stateJson(*state)) : Http::fromServiceError(error);
        });
}

} // namespace Gatehouse
