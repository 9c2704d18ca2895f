#include "DocumentApi.h"

#include "PortalContext.h"
#include "files/FileTypes.h"
#include "files/UploadSpec.h"
#include "http/HttpHelpers.h"
#include "services/DocumentService.h"
#include "storage/OnboardingRepository.h"
#include "storage/TaskFileRepository.h"

#include <QHttpServer>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

namespace Gatehouse {

namespace {

QJsonObject fileJson(const TaskFile &file)
{
    return {{QStringLiteral("id"), file.id},
            {QStringLiteral("role"), toKey(file.role)},
            {QStringLiteral("name"), file.file.name},
            {QStringLiteral("mediaType"), file.file.mediaType},
            {QStringLiteral("size"), file.file.size},
            {QStringLiteral("sha256"), file.file.sha256},
            {QStringLiteral("uploadedAt"), Http::isoTime(file.createdAtMs)},
            {QStringLiteral("uploadedBy"), file.uploadedBy},
            {QStringLiteral("review"), toKey(file.review)},
            {QStringLiteral("reviewNote"), file.reviewNote},
            {QStringLiteral("reviewedAt"), Http::isoTime(file.reviewedAtMs)},
            {QStringLiteral("url"), QStringLiteral("/api/v1/files/%1").arg(file.id)}};
}

QJsonArray filesJson(const QList<TaskFile> &files)
{
    QJsonArray list;
    for (const TaskFile &file : files) {
        list.append(fileJson(file));
    }
    return list;
}

QJsonObject acceptJson(const Task &task)
{
    const UploadSpec spec = UploadSpec::fromConfigOrDefault(task.config);
    QJsonArray labels;
    for (const QString &category : spec.accept) {
        labels.append(FileTypes::categoryLabel(category));
    }
    return {{QStringLiteral("categories"), QJsonArray::fromStringList(spec.accept)},
            {QStringLiteral("labels"), labels},
            {QStringLiteral("extensions"),
             QJsonArray::fromStringList(FileTypes::extensionsOf(spec.accept))},
            {QStringLiteral("maxBytes"), spec.maxBytes()}};
}

// Where a requested document stands, as the Documents section shows it.
QString documentState(const Task &task, const QList<TaskFile> &files)
{
    if (task.status == TaskStatus::Completed) {
        return QStringLiteral("approved");
    }
    bool rejected = false;
    for (const TaskFile &file : files) {
        if (file.role != TaskFile::Role::Upload) {
            continue;
        }
        if (file.review == ReviewState::Uploaded) {
            return QStringLiteral("uploaded");
        }
        rejected = rejected || file.review == ReviewState::Rejected;
    }
    return rejected ? QStringLiteral("rejected") : QStringLiteral("requested");
}

} // namespace

void DocumentApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(QStringLiteral("/api/v1/tasks/<arg>/files"), Method::Get,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const auto session = context.requireTaskAccess(
                         request, taskId, PortalPermission::ViewOnboarding, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     QString dbError;
                     const std::optional<Task> task
                         = OnboardingRepository(context.db)
                               .taskForCompany(taskId, session->companyId, &dbError);
                     ServiceError error;
                     const auto files = DocumentService(context.db, context.clock)
                                            .filesForCompany(taskId, session->companyId, &error);
                     if (!task || !files) {
                         return Http::fromServiceError(error);
                     }
                     return Http::json({{QStringLiteral("files"), filesJson(*files)},
                                        {QStringLiteral("accept"), acceptJson(*task)}});
                 });

    server.route(
        QStringLiteral("/api/v1/tasks/<arg>/files"), Method::Post,
        [&context](qint64 taskId, const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const auto session = context.requireTaskAction(
                request, taskId, PortalPermission::UploadDocuments, &refusal);
            if (!session) {
                return refusal;
            }
            // The front door spooled the body; it is read from there as it is stored.
            const std::unique_ptr<QIODevice> body = context.uploadBody(request, &refusal);
            if (!body) {
                return refusal;
            }
            const QString name = QUrlQuery(request.url())
                                     .queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded);
            ServiceError error;
            const std::optional<TaskFile> file
                = DocumentService(context.db, context.clock)
                      .upload(taskId, session->contactId, session->companyId, name, *body,
                              context.clientIp(request), &error);
            if (!file) {
                return Http::fromServiceError(error);
            }
            return Http::json({{QStringLiteral("file"), fileJson(*file)}}, Http::Status::Created);
        });

    server.route(
        QStringLiteral("/api/v1/files/<arg>"), Method::Get,
        [&context](qint64 taskFileId, const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const auto session
                = context.requirePermission(request, PortalPermission::ViewOnboarding, &refusal);
            if (!session) {
                return refusal;
            }
            QString dbError;
            const std::optional<TaskFile> file
                = TaskFileRepository(context.db).get(taskFileId, session->companyId, &dbError);
            if (!file) {
                return dbError.isEmpty()
                           ? Http::error(Http::Status::NotFound, QStringLiteral("not_found"),
                                         QStringLiteral("There is no such file."))
                           : Http::internalError();
            }
            return context.fileDownload(file->file);
        });

    server.route(QStringLiteral("/api/v1/files/<arg>"), Method::Delete,
                 [&context](qint64 taskFileId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const auto session = context.requirePermission(
                         request, PortalPermission::UploadDocuments, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     ServiceError error;
                     if (!DocumentService(context.db, context.clock)
                              .removeAsContact(taskFileId, session->contactId, session->companyId,
                                               context.clientIp(request), &error)) {
                         return Http::fromServiceError(error);
                     }
                     return Http::noContent();
                 });

    server.route(
        QStringLiteral("/api/v1/documents"), Method::Get,
        [&context](const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const auto session
                = context.requirePermission(request, PortalPermission::ViewOnboarding, &refusal);
            if (!session) {
                return refusal;
            }
            QString dbError;
            const QList<Onboarding> onboardings
                = OnboardingRepository(context.db).forCompany(session->companyId, &dbError);
            QJsonArray documents;
            for (const Onboarding &onboarding : onboardings) {
                for (const Phase &phase : onboarding.phases) {
                    for (const Task &task : phase.tasks) {
                        if (task.evidenceType != EvidenceType::Upload) {
                            continue;
                        }
                        const QList<TaskFile> files
                            = TaskFileRepository(context.db).forTask(task.id, &dbError);
                        documents.append(QJsonObject{
                            {QStringLiteral("taskId"), task.id},
                            {QStringLiteral("title"), task.title},
                            {QStringLiteral("onboarding"), onboarding.name},
                            {QStringLiteral("dueDate"), task.dueDate.toString(Qt::ISODate)},
                            {QStringLiteral("state"), documentState(task, files)},
                            {QStringLiteral("files"), filesJson(files)}});
                    }
                }
            }
            if (!dbError.isEmpty()) {
                return Http::internalError();
            }
            return Http::json({{QStringLiteral("documents"), documents}});
        });
}

} // namespace Gatehouse
