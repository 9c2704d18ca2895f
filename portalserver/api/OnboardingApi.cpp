#include "OnboardingApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/OnboardingService.h"
#include "storage/OnboardingRepository.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>

namespace Gatehouse {

namespace {

QJsonObject taskJson(const Task &task)
{
    return {{QStringLiteral("id"), task.id},
            {QStringLiteral("phaseId"), task.phaseId},
            {QStringLiteral("title"), task.title},
            {QStringLiteral("description"), task.description},
            {QStringLiteral("evidenceType"), toKey(task.evidenceType)},
            {QStringLiteral("ownerSide"), toKey(task.ownerSide)},
            {QStringLiteral("status"), toKey(task.status)},
            {QStringLiteral("dueDate"), task.dueDate.toString(Qt::ISODate)},
            {QStringLiteral("completedAt"),
             task.completedAtMs ? QJsonValue(Http::isoTime(task.completedAtMs)) : QJsonValue()},
            {QStringLiteral("completionNote"), task.completionNote},
            {QStringLiteral("config"), task.config}};
}

QJsonObject onboardingJson(const Onboarding &onboarding)
{
    const int current = onboarding.currentPhaseIndex();
    QJsonArray phases;
    for (int i = 0; i < onboarding.phases.size(); ++i) {
        const Phase &phase = onboarding.phases.at(i);
        QJsonArray tasks;
        for (const Task &task : phase.tasks) {
            tasks.append(taskJson(task));
        }
        const QString state = phase.isComplete() ? QStringLiteral("completed")
                              : i == current     ? QStringLiteral("current")
                                                 : QStringLiteral("upcoming");
        phases.append(QJsonObject{{QStringLiteral("id"), phase.id},
                                  {QStringLiteral("name"), phase.name},
                                  {QStringLiteral("position"), phase.position},
                                  {QStringLiteral("state"), state},
                                  {QStringLiteral("tasks"), tasks}});
    }
    const Progress &progress = onboarding.progress;
    return {
        {QStringLiteral("id"), onboarding.id},
        {QStringLiteral("name"), onboarding.name},
        {QStringLiteral("startDate"), onboarding.startDate.toString(Qt::ISODate)},
        {QStringLiteral("progress"), QJsonObject{{QStringLiteral("completed"), progress.completed},
                                                 {QStringLiteral("total"), progress.total},
                                                 {QStringLiteral("percent"), progress.percent()}}},
        {QStringLiteral("phases"), phases}};
}

} // namespace

void OnboardingApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(
        QStringLiteral("/api/v1/home"), Method::Get, [&context](const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const std::optional<PortalSession> session
                = context.requirePermission(request, PortalPermission::ViewOnboarding, &refusal);
            if (!session) {
                return refusal;
            }
            QString error;
            // Whether the body built last time is still true: one cheap query at most, none
            // while the database is unchanged.
            const qint64 mark
                = context.homeCache->activityMark(context.db, session->checkedAt, &error);
            if (const auto cached = context.homeCache->find(session->companyId, mark)) {
                return Http::conditional(request, *cached);
            }
            const QList<Onboarding> onboardings
                = OnboardingRepository(context.db).forCompany(session->companyId, &error);
            if (!error.isEmpty()) {
                return Http::internalError();
            }
            QJsonArray list;
            for (const Onboarding &onboarding : onboardings) {
                list.append(onboardingJson(onboarding));
            }
            const Http::JsonEntity entity
                = Http::jsonEntity({{QStringLiteral("onboardings"), list}});
            context.homeCache->store(session->companyId, mark, entity);
            return Http::conditional(request, entity);
        });

    server.route(
        QStringLiteral("/api/v1/tasks/<arg>"), Method::Get,
        [&context](qint64 taskId, const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const std::optional<PortalSession> session = context.requireTaskAccess(
                request, taskId, PortalPermission::ViewOnboarding, &refusal);
            if (!session) {
                return refusal;
            }
            QString error;
            const std::optional<Task> task = context.companyTask(*session, taskId, &error);
            if (!error.isEmpty()) {
                return Http::internalError();
            }
            if (!task) {
                return Http::error(Http::Status::NotFound, QStringLiteral("not_found"),
                                   QStringLiteral("There is no such task."));
            }
            return Http::conditionalJson(request, {{QStringLiteral("task"), taskJson(*task)}});
        });

    server.route(QStringLiteral("/api/v1/tasks/<arg>/complete"), Method::Post,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session = context.requireTaskAction(
                         request, taskId, PortalPermission::CompleteTasks, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     const std::optional<QJsonObject> body
                         = Http::jsonBody(request, context.publicOrigin, &refusal);
                     if (!body) {
                         return refusal;
                     }
                     const QJsonValue note = body->value(QStringLiteral("note"));
                     if (!note.isUndefined() && !note.isNull() && !note.isString()) {
                         return Http::error(Http::Status::BadRequest, QStringLiteral("bad_field"),
                                            QStringLiteral("\"note\" must be text."));
                     }
                     ServiceError error;
                     const std::optional<Task> task
                         = OnboardingService(context.db, context.clock)
                               .completeAsContact(taskId, session->contactId, session->companyId,
                                                  note.toString(), context.clientIp(request),
                                                  &error);
                     if (!task) {
                         return Http::fromServiceError(error);
                     }
                     return Http::json({{QStringLiteral("task"), taskJson(*task)}});
                 });
}

} // namespace Gatehouse
