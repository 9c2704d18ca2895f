#pragma once

#include "core/ServiceError.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Gatehouse::Http {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse json(const QJsonObject &body, Status status = Status::Ok);
// {"error": message, "code": code}: a message a person can act on, a code a program can.
QHttpServerResponse error(Status status, const QString &code, const QString &message);
QHttpServerResponse fromServiceError(const ServiceError &error);
QHttpServerResponse noContent();
QHttpServerResponse internalError();
// json(), made revalidatable: carries an ETag (a hash of the body) and, when the request's
// If-None-Match names that tag, answers 304 with no body instead. Still "no-store": a client
// keeps the last body itself (in memory) and sends its tag, so personal data never lands in
// a browser's disk cache.
// A JSON body with its entity tag, built once and possibly served many times.
struct JsonEntity
{
    QByteArray bytes;
    QByteArray etag;
};
JsonEntity jsonEntity(const QJsonObject &body);
// 200 with the body and its ETag, or 304 when If-None-Match names the tag.
QHttpServerResponse conditional(const QHttpServerRequest &request, const JsonEntity &entity);
QHttpServerResponse conditionalJson(const QHttpServerRequest &request, const QJsonObject &body);
// Whether an If-None-Match value ("*", or a list of tags, weak or strong) names this tag.
bool noneMatchNames(const QByteArray &ifNoneMatch, const QByteArray &etag);

QString cookie(const QHttpServerRequest &request, const QByteArray &name);
// The client's address: the peer, or, when the peer is a trusted reverse proxy, the nearest
// address in X-Forwarded-For that is not one of the trusted proxies.
QString clientIp(const QHttpServerRequest &request,
                 const QList<QPair<QHostAddress, int>> &trustedProxies);
QString userAgent(const QHttpServerRequest &request);

// Headers every response carries: CSP without inline script, no framing, no referrer, nosniff.
void addSecurityHeaders(QHttpServerResponse &response, bool secureTransport);

// The body of a state-changing request as a JSON object. Refuses (and fills *refusal) a body
// that is not JSON, too large, or sent from a foreign Origin (CSRF).
std::optional<QJsonObject> jsonBody(const QHttpServerRequest &request, const QString &publicOrigin,
                                    QHttpServerResponse *refusal, qsizetype maxBytes = 64 * 1024);

// Whether an upload may be read: Content-Type application/octet-stream, and the same Origin
// check as jsonBody. Fills *refusal when not.
bool acceptsOctetUpload(const QHttpServerRequest &request, const QString &publicOrigin,
                        QHttpServerResponse *refusal);
// The raw body of an upload, after acceptsOctetUpload. The size limit is the front door's, per
// route.
std::optional<QByteArray> octetBody(const QHttpServerRequest &request, const QString &publicOrigin,
                                    QHttpServerResponse *refusal);

// A file to save, never to show: Content-Disposition attachment with the name (RFC 6266 and
// RFC 5987), and a sandbox CSP, so even a browser that renders it runs nothing on our origin.
QHttpServerResponse attachment(const QString &fileName, const QByteArray &mediaType,
                               const QByteArray &bytes);

QString isoTime(qint64 ms); // "" for 0

} // namespace Gatehouse::Http
