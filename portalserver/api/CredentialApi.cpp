#include "CredentialApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "vault/CredentialService.h"

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
    return QCoreApplication::translate("Gatehouse::CredentialApi", text);
}

// Bulk text travels as a JSON string, which escaping can make up to twice as long (a quote or
// backslash per character); the service then holds the text itself to the 10 MB limit.
// The front door lets both credential routes take bodies this large (FrontDoorLimits'
// routeBodyLimits): CredentialService::kMaxBulkBytes for the file route, kMaxJsonBytes here.
constexpr qsizetype kMaxJsonBytes = 2 * CredentialService::kMaxBulkBytes + 64 * 1024;

QJsonObject submissionJson(const CredentialSubmission &submission)
{
    QJsonObject json{{QStringLiteral("id"), submission.id},
                     {QStringLiteral("kind"), toKey(submission.kind)},
                     {QStringLiteral("submittedAt"), Http::isoTime(submission.submittedAtMs)},
                     {QStringLiteral("submittedBy"), submission.contactName}};
    if (submission.kind == CredentialKind::BulkFile) {
        json.insert(QStringLiteral("fileName"), submission.fileName);
        json.insert(QStringLiteral("fileSize"), submission.fileSize);
    }
    return json;
}

QHttpServerResponse badField(const QString &message)
{
    return Http::error(Http::Status::BadRequest, QStringLiteral("bad_field"), message);
}

QHttpServerResponse tooLarge()
{
    return Http::error(Http::Status::PayloadTooLarge, QStringLiteral("too_large"),
                       tr("The file can be at most 10 MB large."));
}

// A text field that may be missing; false when it is there but not text.
bool optionalText(const QJsonObject &body, const char *key, QString *out)
{
    const QJsonValue value = body.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull()) {
        out->clear();
        return true;
    }
    if (!value.isString()) {
        return false;
    }
    *out = value.toString();
    return true;
}

QHttpServerResponse created(const CredentialSubmission &submission)
{
    return Http::json({{QStringLiteral("submission"), submissionJson(submission)}},
                      Http::Status::Created);
}

} // namespace

void CredentialApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(QStringLiteral("/api/v1/tasks/<arg>/credentials"), Method::Get,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session = context.requireTaskAccess(
                         request, taskId, PortalPermission::ViewOnboarding, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     ServiceError error;
                     const QList<CredentialSubmission> list
                         = CredentialService(context.db, context.clock)
                               .listForContact(taskId, session->companyId, &error);
                     if (error.kind != ServiceError::Kind::None) {
                         return Http::fromServiceError(error);
                     }
                     QJsonArray submissions;
                     for (const CredentialSubmission &submission : list) {
                         submissions.append(submissionJson(submission));
                     }
                     return Http::json({{QStringLiteral("submissions"), submissions}});
                 });

    server.route(
        QStringLiteral("/api/v1/tasks/<arg>/credentials"), Method::Post,
        [&context](qint64 taskId, const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const std::optional<PortalSession> session = context.requireTaskAction(
                request, taskId, PortalPermission::ShareCredentials, &refusal);
            if (!session) {
                return refusal;
            }
            const std::optional<QJsonObject> body
                = Http::jsonBody(request, context.publicOrigin, &refusal, kMaxJsonBytes);
            if (!body) {
                return refusal;
            }
            const QString mode = body->value(QStringLiteral("mode")).toString();
            CredentialService credentials(context.db, context.clock);
            ServiceError error;
            std::optional<CredentialSubmission> submission;
            if (mode == QLatin1String("single")) {
                SingleCredential single;
                if (!optionalText(*body, "username", &single.username)
                    || !optionalText(*body, "password", &single.password)
                    || !optionalText(*body, "apiKey", &single.apiKey)
                    || !optionalText(*body, "notes", &single.notes)) {
                    return badField(tr("\"username\", \"password\", \"apiKey\" and \"notes\" "
                                       "must be text."));
                }
                submission
                    = credentials.submitSingle(taskId, session->contactId, session->companyId,
                                               single, context.clientIp(request), &error);
                single.wipe();
            } else if (mode == QLatin1String("bulk_text")) {
                QString text;
                if (!optionalText(*body, "text", &text)) {
                    return badField(tr("\"text\" must be text."));
                }
                submission
                    = credentials.submitBulkText(taskId, session->contactId, session->companyId,
                                                 text, context.clientIp(request), &error);
                SecureBytes::wipe(text);
            } else {
                return badField(tr("\"mode\" must be \"single\" or \"bulk_text\"."));
            }
            if (!submission) {
                return Http::fromServiceError(error);
            }
            return created(*submission);
        });

    server.route(QStringLiteral("/api/v1/tasks/<arg>/credentials/file"), Method::Post,
                 [&context](qint64 taskId, const QHttpServerRequest &request) {
                     QHttpServerResponse refusal(Http::Status::Unauthorized);
                     const std::optional<PortalSession> session = context.requireTaskAction(
                         request, taskId, PortalPermission::ShareCredentials, &refusal);
                     if (!session) {
                         return refusal;
                     }
                     // Origin and type checked; the body comes from the front door's encrypted
                     // spool.
                     const std::unique_ptr<QIODevice> body = context.uploadBody(request, &refusal);
                     if (!body) {
                         return refusal;
                     }
                     const QString name = request.query().queryItemValue(QStringLiteral("name"),
                                                                         QUrl::FullyDecoded);
                     if (name.trimmed().isEmpty()) {
                         return badField(tr("Give the file's name as ?name=."));
                     }
                     if (body->bytesAvailable() > CredentialService::kMaxBulkBytes) {
                         return tooLarge();
                     }
                     // The service seals the file whole (10 MB at most); its plaintext is wiped
                     // after.
                     QByteArray bytes = body->readAll();
                     if (body->bytesAvailable() > 0 || !body->atEnd()) {
                         SecureBytes::wipe(bytes);
                         return Http::internalError();
                     }
                     ServiceError error;
                     const std::optional<CredentialSubmission> submission
                         = CredentialService(context.db, context.clock)
                               .submitBulkFile(taskId, session->contactId, session->companyId, name,
                                               bytes, context.clientIp(request), &error);
                     SecureBytes::wipe(bytes);
                     if (!submission) {
                         return Http::fromServiceError(error);
                     }
                     return created(*submission);
                 });
}

} // namespace Gatehouse
