#include "PortalContext.h"

#include "http/HttpHelpers.h"
#include "http/TransferRegistry.h"
#include "http/UploadSpool.h"
#include "security/Tokens.h"
#include "services/ImpersonationService.h"
#include "storage/FileStore.h"
#include "storage/OnboardingRepository.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcPortal)

namespace Gatehouse {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    default:
        break;
    }
    return QStringLiteral("OTHER");
}

} // namespace

QByteArray PortalContext::sessionCookieName() const
{
    // __Host- binds the cookie to this exact origin, but browsers accept it only over TLS.
    return secure ? QByteArrayLiteral("__Host-gh_session") : QByteArrayLiteral("gh_session");
}

QByteArray PortalContext::sessionCookie(const QString &token, qint64 maxAgeSeconds) const
{
    QByteArray cookie
        = sessionCookieName() + '=' + token.toLatin1()
          + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + QByteArray::number(maxAgeSeconds);
    if (secure) {
        cookie += "; Secure";
    }
    return cookie;
}

QString PortalContext::clientIp(const QHttpServerRequest &request) const
{
    return Http::clientIp(request, trustedProxies);
}

QString PortalContext::sessionToken(const QHttpServerRequest &request) const
{
    return Http::cookie(request, sessionCookieName());
}

std::optional<PortalSession> PortalContext::requireSession(const QHttpServerRequest &request,
                                                           QHttpServerResponse *refusal) const
{
    return requireSessionAt(request, {SessionStage::Full}, refusal);
}

std::optional<PortalSession> PortalContext::requireSessionAt(const QHttpServerRequest &request,
                                                             const QList<SessionStage> &stages,
                                                             QHttpServerResponse *refusal) const
{
    std::optional<PortalSession> session = requireAnySession(request, refusal);
    if (session && !stages.contains(session->stage)) {
        *refusal = Http::error(
            Http::Status::Unauthorized, QStringLiteral("second_step_required"),
            QCoreApplication::translate("Gatehouse::PortalContext", "Finish signing in first."));
        return std::nullopt;
    }
    return session;
}

QHttpServerResponse PortalContext::signedIn(const QString &token, const QJsonObject &body) const
{
    QHttpServerResponse response = Http::json(body);
    // The server decides when a session ends (24 h after its last use); the cookie only has to
    // outlive that, so it is not cut off while the session is still sliding forward.
    constexpr qint64 kCookieLifetimeSeconds = 30LL * 24 * 60 * 60;
    response.addHeader(QByteArrayLiteral("Set-Cookie"),
                       sessionCookie(token, kCookieLifetimeSeconds));
    return response;
}

std::optional<PortalSession> PortalContext::requireAnySession(const QHttpServerRequest &request,
                                                              QHttpServerResponse *refusal) const
{
    return lookUpSession(request, false, refusal);
}

std::optional<PortalSession> PortalContext::requireSessionToEnd(const QHttpServerRequest &request,
                                                                QHttpServerResponse *refusal) const
{
    return lookUpSession(request, true, refusal);
}

std::optional<PortalSession> PortalContext::lookUpSession(const QHttpServerRequest &request,
                                                          bool ending,
                                                          QHttpServerResponse *refusal) const
{
    ServiceError error;
    PortalAuthService auth(db, clock, publicUrl);
    auth.useSessionCache(sessionCache.get());
    std::optional<PortalSession> session
        = auth.session(sessionToken(request), clientIp(request), Http::userAgent(request), &error);
    if (!session) {
        *refusal = Http::fromServiceError(error);
        return std::nullopt;
    }
    const QHttpServerRequest::Method method = request.method();
    const bool changes
        = method != QHttpServerRequest::Method::Get && method != QHttpServerRequest::Method::Head;
    if (changes && !checkCsrf(request, refusal)) {
        return std::nullopt;
    }
    if (session->impersonationId == 0) {
        return session;
    }
    // A member of staff viewing the portal as the contact (CON-7): every request is recorded,
    // a refused one too, and a read-only view changes nothing.
    const bool refused = changes && session->readOnly && !ending;
    if (!ImpersonationService(db, clock).recordRequest(*session, methodName(method),
                                                       request.url().path(), clientIp(request),
                                                       refused, &error)) {
        *refusal = Http::fromServiceError(error);
        return std::nullopt;
    }
    if (refused) {
        *refusal = Http::error(
            Http::Status::Forbidden, QStringLiteral("read_only_view"),
            QCoreApplication::translate("Gatehouse::PortalContext",
                                        "This is a read-only view of the portal for staff: "
                                        "nothing can be changed in it."));
        return std::nullopt;
    }
    return session;
}

namespace {

QHttpServerResponse notAllowed()
{
    return Http::error(Http::Status::Forbidden, QStringLiteral("not_permitted"),
                       QCoreApplication::translate(
                           "Gatehouse::PortalContext",
                           "Your role in this portal does not allow this. Ask your company's "
                           "primary contact or your IT provider if you need it."));
}

} // namespace

std::optional<PortalSession> PortalContext::requirePermission(const QHttpServerRequest &request,
                                                              PortalPermission permission,
                                                              QHttpServerResponse *refusal) const
{
    std::optional<PortalSession> session = requireSession(request, refusal);
    if (!session) {
        return std::nullopt;
    }
    if (!session->permissions.testFlag(permission)) {
        *refusal = notAllowed();
        return std::nullopt;
    }
    return session;
}

std::optional<PortalSession> PortalContext::requireTaskAccess(const QHttpServerRequest &request,
                                                              qint64 taskId,
                                                              PortalPermission permission,
                                                              QHttpServerResponse *refusal) const
{
    return requireTask(request, taskId, permission, false, refusal);
}

std::optional<PortalSession> PortalContext::requireTaskAction(const QHttpServerRequest &request,
                                                              qint64 taskId,
                                                              PortalPermission permission,
                                                              QHttpServerResponse *refusal) const
{
    return requireTask(request, taskId, permission, true, refusal);
}

std::optional<PortalSession> PortalContext::requireTask(const QHttpServerRequest &request,
                                                        qint64 taskId, PortalPermission permission,
                                                        bool actingOnKind,
                                                        QHttpServerResponse *refusal) const
{
    std::optional<PortalSession> session = requirePermission(request, permission, refusal);
    if (!session) {
        return std::nullopt;
    }
    QString error;
    const std::optional<Task> task = companyTask(*session, taskId, &error);
    if (!error.isEmpty()) {
        *refusal = Http::internalError();
        return std::nullopt;
    }
    if (!task) {
        *refusal = Http::error(
            Http::Status::NotFound, QStringLiteral("not_found"),
            QCoreApplication::translate("Gatehouse::PortalContext", "There is no such task."));
        return std::nullopt;
    }
    if (actingOnKind
        && !session->permissions.testFlag(PortalRole::permissionToActOn(task->evidenceType))) {
        *refusal = notAllowed();
        return std::nullopt;
    }
    return session;
}

std::optional<Task> PortalContext::companyTask(const PortalSession &session, qint64 taskId,
                                               QString *error) const
{
    const QPair<qint64, qint64> key{taskId, session.companyId};
    taskCache->sync(session.checkedAt);
    if (const Task *cached = taskCache->find(key)) {
        return *cached;
    }
    std::optional<Task> task
        = OnboardingRepository(db).taskForCompany(taskId, session.companyId, error);
    if (task) {
        taskCache->insert(key, *task);
    }
    return task;
}

bool PortalContext::checkCsrf(const QHttpServerRequest &request, QHttpServerResponse *refusal) const
{
    const QString sent = QString::fromLatin1(request.value(QByteArrayLiteral("X-CSRF-Token")));
    const QString token = sessionToken(request);
    if (!token.isEmpty() && !sent.isEmpty()
        && Tokens::equalConstantTime(sent, PortalAuthService::csrfToken(token))) {
        return true;
    }
    *refusal = Http::error(
        Http::Status::Forbidden, QStringLiteral("bad_csrf_token"),
        QCoreApplication::translate("Gatehouse::PortalContext",
                                    "This request did not come from the portal's own pages. "
                                    "Reload the page and try again."));
    return false;
}

std::unique_ptr<QIODevice> PortalContext::uploadBody(const QHttpServerRequest &request,
                                                     QHttpServerResponse *refusal) const
{
    if (!Http::acceptsOctetUpload(request, publicOrigin, refusal)) {
        return nullptr;
    }
    const QByteArray spoolId = request.value(TransferRegistry::kSpoolHeader);
    if (spoolId.isEmpty()) {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(request.body());
        buffer->open(QIODevice::ReadOnly);
        return buffer;
    }
    const std::shared_ptr<UploadSpool> spool = transfers ? transfers->spool(spoolId) : nullptr;
    QString error;
    std::unique_ptr<QIODevice> reader = spool ? spool->open(&error) : nullptr;
    if (!reader) {
        if (!error.isEmpty()) {
            qCWarning(lcPortal).noquote() << "cannot read an upload spool:" << error;
        }
        *refusal = Http::error(Http::Status::BadRequest, QStringLiteral("upload_incomplete"),
                               QCoreApplication::translate("Gatehouse::PortalContext",
                                                           "The file did not arrive whole. "
                                                           "Please send it again."));
    }
    return reader;
}

QHttpServerResponse PortalContext::fileDownload(const StoredFile &file) const
{
    if (!transfers) {
        QString error;
        const std::optional<QByteArray> bytes = FileStore(db).readAll(file.id, &error);
        return bytes ? Http::attachment(file.name, file.mediaType.toLatin1(), *bytes)
                     : Http::internalError();
    }
    FileDownload download;
    download.size = file.size;
    const Database &database = db;
    const qint64 fileId = file.id;
    download.chunk = [&database, fileId](int seq, QString *error) {
        return FileStore(database).chunk(fileId, seq, error);
    };
    // An empty body here; the front door puts the file in its place.
    QHttpServerResponse response
        = Http::attachment(file.name, file.mediaType.toLatin1(), QByteArray());
    response.setHeader(TransferRegistry::kFileHeader,
                       transfers->offerDownload(std::move(download)));
    return response;
}

} // namespace Gatehouse
