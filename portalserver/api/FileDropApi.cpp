#include "FileDropApi.h"

#include "PortalContext.h"
#include "core/Clock.h"
#include "http/HttpHelpers.h"
#include "services/FileDropService.h"
#include "storage/OnboardingRepository.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::FileDropApi", text);
}

QJsonObject dropJson(const FileDrop &drop, qint64 nowMs)
{
    return {{QStringLiteral("id"), drop.id},
            {QStringLiteral("name"), drop.fileName},
            {QStringLiteral("size"), drop.size},
            {QStringLiteral("droppedAt"), Http::isoTime(drop.createdAtMs)},
            {QStringLiteral("droppedBy"), drop.contactName},
            {QStringLiteral("expiresAt"), Http::isoTime(drop.expiresAtMs)},
            {QStringLiteral("downloaded"), drop.isDownloaded()},
            {QStringLiteral("state"), toKey(drop.stateAt(nowMs))}};
}

} // namespace

void FileDropApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(QStringLiteral("/api/v1/tasks/<arg>/drops"), Method::Get,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session = context.requireTaskAccess(
                         request, taskId, PortalPermission::ViewOnboarding, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     ServiceError error;
                     const std::optional<QList<FileDrop>> list
                         = FileDropService(context.db, context.clock)
                               .listForContact(taskId, session->companyId, &error);
                     QString dbError;
                     const std::optional<Task> task
                         = list ? OnboardingRepository(context.db)
                                      .taskForCompany(taskId, session->companyId, &dbError)
                                : std::nullopt;
                     if (!list || !task) {
                         return Http::fromServiceError(error);
                     }
                     const qint64 now = context.clock.nowMs();
                     QJsonArray drops;
                     for (const FileDrop &drop : *list) {
                         drops.append(dropJson(drop, now));
                     }
                     return Http::json({{QStringLiteral("drops"), drops},
                                        {QStringLiteral("maxBytes"), FileDropService::kMaxBytes},
                                        {QStringLiteral("expiryDays"),
                                         FileDropService::expiryDays(task->config)}});
                 });

    server.route(
        QStringLiteral("/api/v1/tasks/<arg>/drops"), Method::Post,
        [&context](qint64 taskId, const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const std::optional<PortalSession> session
                = context.requireTaskAction(request, taskId, PortalPermission::DropFiles, &refusal);
            if (!session) {
                return refusal;
            }
            // The front door spooled the body; the service reads it from there frame by frame,
            // encrypting each as it goes: the file is never whole in memory.
            const std::unique_ptr<QIODevice> body = context.uploadBody(request, &refusal);
            if (!body) {
                return refusal;
            }
            const QString name = QUrlQuery(request.url())
                                     .queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded);
            if (name.trimmed().isEmpty()) {
                return Http::error(Http::Status::BadRequest, QStringLiteral("bad_field"),
                                   tr("Give the file's name as ?name=."));
            }
            if (body->bytesAvailable() > FileDropService::kMaxBytes) {
                return Http::error(Http::Status::PayloadTooLarge, QStringLiteral("too_large"),
                                   tr("A file can be at most 100 MB large."));
            }
            ServiceError error;
            const std::optional<FileDrop> drop
                = FileDropService(context.db, context.clock)
                      .drop(taskId, session->contactId, session->companyId, name, *body,
                            context.clientIp(request), &error);
            if (!drop) {
                return Http::fromServiceError(error);
            }
            return Http::json({{QStringLiteral("drop"), dropJson(*drop, context.clock.nowMs())}},
                              Http::Status::Created);
        });

    server.route(QStringLiteral("/api/v1/drops/<arg>"), Method::Delete,
                 [&context](qint64 dropId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session = context.requirePermission(
                         request, PortalPermission::DropFiles, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     ServiceError error;
                     if (!FileDropService(context.db, context.clock)
                              .deleteAsContact(dropId, session->contactId, session->companyId,
                                               context.clientIp(request), &error)) {
                         return Http::fromServiceError(error);
                     }
                     return Http::noContent();
                 });
}

} // namespace Gatehouse
