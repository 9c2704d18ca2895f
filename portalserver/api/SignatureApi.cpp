#include "SignatureApi.h"

#include "PortalContext.h"
#include "http/HttpHelpers.h"
#include "services/SignatureService.h"
#include "storage/TaskFileRepository.h"

#include <QCryptographicHash>
#include <QHttpServer>
#include <QJsonObject>

namespace Gatehouse {

namespace {

// The signed certificate's download, if it was made.
QJsonValue certificateUrl(const PortalContext &context, qint64 taskId)
{
    QString error;
    const QList<TaskFile> files = TaskFileRepository(context.db).forTask(taskId, &error);
    for (const TaskFile &file : files) {
        if (file.role == TaskFile::Role::Signed) {
            return QStringLiteral("/api/v1/files/%1").arg(file.id);
        }
    }
    return QJsonValue();
}

QJsonObject signatureJson(const PortalContext &context, const SignatureEvidence &evidence)
{
    return {{QStringLiteral("signerName"), evidence.signerName},
            {QStringLiteral("method"), toKey(evidence.method)},
            {QStringLiteral("signedAt"), Http::isoTime(evidence.signedAtMs)},
            {QStringLiteral("documentName"), evidence.documentName},
            {QStringLiteral("documentSha256"), evidence.documentSha256},
            {QStringLiteral("evidenceSha256"), evidence.evidenceSha256},
            {QStringLiteral("certificateUrl"), certificateUrl(context, evidence.taskId)}};
}

} // namespace

void SignatureApi::registerRoutes(QHttpServer &server, const PortalContext &context)
{
    using Method = QHttpServerRequest::Method;

    server.route(
        QStringLiteral("/api/v1/tasks/<arg>/signature"), Method::Get,
        [&context](qint64 taskId, const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const auto session = context.requireTaskAccess(
                request, taskId, PortalPermission::ViewOnboarding, &refusal);
            if (!session) {
                return refusal;
            }
            SignatureService signatures(context.db, context.clock, context.publicUrl);
            ServiceError error;
            const auto signature = signatures.forTask(taskId, session->companyId, &error);
            if (error.kind != ServiceError::Kind::None) {
                return Http::fromServiceError(error);
            }
            QString dbError;
            const SignatureService::SignedDocument document
                = signatures.documentOf(taskId, &dbError);
            if (document.name.isEmpty()) {
                return Http::internalError();
            }
            QJsonObject documentJson{
                {QStringLiteral("name"), document.name},
                {QStringLiteral("sha256"),
                 QString::fromLatin1(
                     QCryptographicHash::hash(document.bytes, QCryptographicHash::Sha256)
                         .toHex())}};
            if (document.fileId == 0) {
                documentJson.insert(QStringLiteral("text"), QString::fromUtf8(document.bytes));
            }
            return Http::json(
                {{QStringLiteral("document"), documentJson},
                 {QStringLiteral("signature"),
                  signature ? QJsonValue(signatureJson(context, *signature)) : QJsonValue()}});
        });

    server.route(
        QStringLiteral("/api/v1/tasks/<arg>/signature"), Method::Post,
        [&context](qint64 taskId, const QHttpServerRequest &request) {
            QHttpServerResponse refusal(Http::Status::Unauthorized);
            const auto session
                = context.requireTaskAction(request, taskId, PortalPermission::Sign, &refusal);
            if (!session) {
                return refusal;
            }
            // A drawn signature is a PNG of some hundred kilobytes at most, base64 encoded.
            const auto body = Http::jsonBody(request, context.publicOrigin, &refusal, 800 * 1024);
            if (!body) {
                return refusal;
            }
            const QJsonValue name = body->value(QStringLiteral("name"));
            const QJsonValue method = body->value(QStringLiteral("method"));
            const QJsonValue image = body->value(QStringLiteral("image"));
            if (!name.isString() || !image.isString()
                || (method != QJsonValue(QStringLiteral("drawn"))
                    && method != QJsonValue(QStringLiteral("typed")))) {
                return Http::error(Http::Status::BadRequest, QStringLiteral("bad_field"),
                                   QStringLiteral("Send \"name\", \"method\" (drawn or typed) "
                                                  "and \"image\" (a base64 PNG)."));
            }
            const auto png = QByteArray::fromBase64Encoding(
                image.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!png) {
                return Http::error(Http::Status::BadRequest, QStringLiteral("bad_field"),
                                   QStringLiteral("\"image\" is not base64."));
            }
            ServiceError error;
            const auto signed_ = SignatureService(context.db, context.clock, context.publicUrl)
                                     .signAsContact(taskId, session->contactId, session->companyId,
                                                    name.toString(),
                                                    method.toString() == QLatin1String("typed")
                                                        ? SignatureEvidence::Method::Typed
                                                        : SignatureEvidence::Method::Drawn,
                                                    *png, context.clientIp(request),
                                                    Http::userAgent(request), &error);
            if (!signed_) {
                return Http::fromServiceError(error);
            }
            return Http::json({{QStringLiteral("signature"), signatureJson(context, *signed_)}},
                              Http::Status::Created);
        });
}

} // namespace Gatehouse
