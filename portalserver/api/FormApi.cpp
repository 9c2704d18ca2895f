#include "FormApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/FormService.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonObject>

namespace Gatehouse {

namespace {

// Answers of a long form fit comfortably; the front door caps bodies well above this.
constexpr qsizetype kMaxEntryBody = 512 * 1024;

QJsonObject taskStatusJson(const Task &task)
{
    return {{QStringLiteral("id"), task.id},
            {QStringLiteral("status"), toKey(task.status)},
            {QStringLiteral("completedAt"),
             task.completedAtMs ? QJsonValue(Http::isoTime(task.completedAtMs)) : QJsonValue()}};
}

QJsonObject entryJson(const FormEntry &entry)
{
    return {{QStringLiteral("id"), entry.id},
            {QStringLiteral("answers"), entry.answers},
            {QStringLiteral("authorName"), entry.authorName},
            {QStringLiteral("createdAt"), Http::isoTime(entry.createdAtMs)},
            {QStringLiteral("updatedAt"), Http::isoTime(entry.updatedAtMs)}};
}

QJsonObject stateJson(const FormState &state)
{
    QJsonArray entries;
    for (const FormEntry &entry : state.entries) {
        entries.append(entryJson(entry));
    }
    return {{QStringLiteral("task"), taskStatusJson(state.task)},
            {QStringLiteral("definition"), state.definition.toConfig()},
            {QStringLiteral("entries"), entries}};
}

QHttpServerResponse invalidFields(const ServiceError &error, const FieldErrors &fields)
{
    QJsonObject map;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        map.insert(it.key(), it.value());
    }
    return Http::json({{QStringLiteral("error"), error.message},
                       {QStringLiteral("code"), QStringLiteral("invalid_fields")},
                       {QStringLiteral("fields"), map}},
                      Http::Status::BadRequest);
}

// Saves a new entry (entryId 0) or changes one.
QHttpServerResponse saveEntry(const PortalContext &context, qint64 taskId, qint64 entryId,
                              const QHttpServerRequest &request)
{
    QHttpServerResponse refusal(Http::Status::Unauthorized);
    const std::optional<PortalSession> session
        = context.requireTaskAction(request, taskId, PortalPermission::FillForms, &refusal);
    if (!session) {
        return refusal;
    }
    const std::optional<QJsonObject> body
        = Http::jsonBody(request, context.publicOrigin, &refusal, kMaxEntryBody);
    if (!body) {
        return refusal;
    }
    const QJsonValue answers = body->value(QStringLiteral("answers"));
    if (!answers.isObject()) {
        return Http::error(Http::Status::BadRequest, QStringLiteral("bad_field"),
                           QStringLiteral("\"answers\" must be an object of field ids and "
                                          "answers."));
    }
    ServiceError error;
    FieldErrors fields;
    FormService forms(context.db, context.clock);
    const std::optional<FormEntry> entry
        = forms.saveEntry(taskId, entryId, answers.toObject(), session->contactId,
                          session->companyId, context.clientIp(request), &fields, &error);
    if (!entry) {
        return fields.isEmpty() ? Http::fromServiceError(error) : invalidFields(error, fields);
    }
    const std::optional<FormState> state
        = forms.stateForContact(taskId, session->companyId, &error);
    if (!state) {
        return Http::fromServiceError(error);
    }
    QJsonObject result = stateJson(*state);
    result.insert(QStringLiteral("entry"), entryJson(*entry));
    return Http::json(result);
}

} // namespace

void FormApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(QStringLiteral("/api/v1/tasks/<arg>/form/entries"), Method::Get,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session = context.requireTaskAccess(
                         request, taskId, PortalPermission::ViewOnboarding, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     ServiceError error;
                     const std::optional<FormState> state
                         = FormService(context.db, context.clock)
                               .stateForContact(taskId, session->companyId, &error);
                     if (!state) {
                         return Http::fromServiceError(error);
                     }
                     return Http::json(stateJson(*state));
                 });

    server.route(QStringLiteral("/api/v1/tasks/<arg>/form/entries"), Method::Post,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     return saveEntry(context, taskId, 0, request);
                 });

    server.route(QStringLiteral("/api/v1/tasks/<arg>/form/entries/<arg>"), Method::Post,
                 [&context](qint64 taskId, qint64 entryId, const QHttpServerRequest &request) {
                     if (entryId <= 0) {
                         return Http::error(Http::Status::NotFound, QStringLiteral("not_found"),
                                            QStringLiteral("There is no such entry."));
                     }
                     return saveEntry(context, taskId, entryId, request);
                 });

    server.route(QStringLiteral("/api/v1/tasks/<arg>/form/entries/<arg>/delete"), Method::Post,
                 [&context](qint64 taskId, qint64 entryId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session = context.requireTaskAction(
                         request, taskId, PortalPermission::FillForms, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     if (!Http::jsonBody(request, context.publicOrigin, &refusal)) {
                         return refusal;
                     }
                     ServiceError error;
                     FormService forms(context.db, context.clock);
                     if (!forms.removeEntry(taskId, entryId, session->contactId, session->companyId,
                                            context.clientIp(request), &error)) {
                         return Http::fromServiceError(error);
                     }
                     const std::optional<FormState> state
                         = forms.stateForContact(taskId, session->companyId, &error);
                     return state ? Http::json(stateJson(*state)) : Http::fromServiceError(error);
                 });

    server.route(QStringLiteral("/api/v1/tasks/<arg>/form/submit"), Method::Post,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session = context.requireTaskAction(
                         request, taskId, PortalPermission::FillForms, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     if (!Http::jsonBody(request, context.publicOrigin, &refusal)) {
                         return refusal;
                     }
                     ServiceError error;
                     FormService forms(context.db, context.clock);
                     if (!forms.submit(taskId, session->contactId, session->companyId,
                                       context.clientIp(request), &error)) {
                         return Http::fromServiceError(error);
                     }
                     const std::optional<FormState> state
                         = forms.stateForContact(taskId, session->companyId, &error);
                     return state ? Http::json(stateJson(*state)) : Http::fromServiceError(error);
                 });
}

} // namespace Gatehouse
