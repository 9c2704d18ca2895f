#include "HttpHelpers.h"

#include "domain/TrainingSpec.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

namespace Gatehouse::Http {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::Http", text);
}

} // namespace

QHttpServerResponse json(const QJsonObject &body, Status status)
{
    QHttpServerResponse response(QByteArrayLiteral("application/json"),
                                 QJsonDocument(body).toJson(QJsonDocument::Compact), status);
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

JsonEntity jsonEntity(const QJsonObject &body)
{
    JsonEntity entity;
    entity.bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    // BLAKE2b is fast on 64-bit machines; 160 bits make an accidental match out of reach.
    entity.etag = '"'
                  + QCryptographicHash::hash(entity.bytes, QCryptographicHash::Blake2b_160)
                        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                  + '"';
    return entity;
}

QHttpServerResponse conditionalJson(const QHttpServerRequest &request, const QJsonObject &body)
{
    return conditional(request, jsonEntity(body));
}

QHttpServerResponse conditional(const QHttpServerRequest &request, const JsonEntity &entity)
{
    if (noneMatchNames(request.value(QByteArrayLiteral("If-None-Match")), entity.etag)) {
        QHttpServerResponse response(Status::NotModified);
        response.addHeader(QByteArrayLiteral("ETag"), entity.etag);
        response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
        return response;
    }
    QHttpServerResponse response(QByteArrayLiteral("application/json"), entity.bytes, Status::Ok);
    response.addHeader(QByteArrayLiteral("ETag"), entity.etag);
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

bool noneMatchNames(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    if (ifNoneMatch.isEmpty()) {
        return false;
    }
    // If-None-Match compares weakly: W/"x" names the same representation as "x".
    for (const QByteArray &item : ifNoneMatch.split(',')) {
        QByteArray tag = item.trimmed();
        if (tag == "*") {
            return true;
        }
        if (tag.startsWith("W/")) {
            tag = tag.mid(2);
        }
        if (tag == etag) {
            return true;
        }
    }
    return false;
}

QHttpServerResponse error(Status status, const QString &code, const QString &message)
{
    return json(QJsonObject{{QStringLiteral("error"), message}, {QStringLiteral("code"), code}},
                status);
}

QHttpServerResponse fromServiceError(const ServiceError &failure)
{
    switch (failure.kind) {
    case ServiceError::Kind::Invalid:
        return error(Status::UnprocessableEntity, QStringLiteral("invalid"), failure.message);
    case ServiceError::Kind::Unauthorized:
        return error(Status::Unauthorized, QStringLiteral("unauthorized"), failure.message);
    case ServiceError::Kind::Forbidden:
        return error(Status::Forbidden, QStringLiteral("forbidden"), failure.message);
    case ServiceError::Kind::NotFound:
        return error(Status::NotFound, QStringLiteral("not_found"), failure.message);
    case ServiceError::Kind::Conflict:
        return error(Status::Conflict, QStringLiteral("conflict"), failure.message);
    case ServiceError::Kind::RateLimited: {
        QHttpServerResponse response
            = error(Status::TooManyRequests, QStringLiteral("rate_limited"), failure.message);
        if (failure.retryAfterSeconds > 0) {
            response.addHeader(QByteArrayLiteral("Retry-After"),
                               QByteArray::number(failure.retryAfterSeconds));
        }
        return response;
    }
    case ServiceError::Kind::None:
    case ServiceError::Kind::Internal:
        break;
    }
    return error(Status::InternalServerError, QStringLiteral("internal"),
                 failure.message.isEmpty() ? tr("Something went wrong on our side.")
                                           : failure.message);
}

QHttpServerResponse internalError()
{
    ServiceError failure;
    ServiceError::internal(&failure);
    return fromServiceError(failure);
}

QHttpServerResponse noContent()
{
    QHttpServerResponse response(Status::NoContent);
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

QString cookie(const QHttpServerRequest &request, const QByteArray &name)
{
    const QList<QByteArray> pairs = request.value(QByteArrayLiteral("Cookie")).split(';');
    for (const QByteArray &pair : pairs) {
        const qsizetype eq = pair.indexOf('=');
        if (eq > 0 && pair.left(eq).trimmed() == name) {
            return QString::fromLatin1(pair.mid(eq + 1).trimmed());
        }
    }
    return QString();
}

QString clientIp(const QHttpServerRequest &request,
                 const QList<QPair<QHostAddress, int>> &trustedProxies)
{
    const auto trusted = [&trustedProxies](const QHostAddress &address) {
        for (const auto &subnet : trustedProxies) {
            if (address.isInSubnet(subnet)) {
                return true;
            }
        }
        return false;
    };
    QHostAddress client = request.remoteAddress();
    if (!trusted(client)) {
        return client.toString();
    }
    // Walk from the nearest hop outwards; anything a client wrote itself sits further left.
    const QList<QByteArray> hops = request.value(QByteArrayLiteral("X-Forwarded-For")).split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress address(QString::fromLatin1(hop->trimmed()));
        if (address.isNull()) {
            break; // malformed: trust nothing beyond it
        }
        client = address;
        if (!trusted(address)) {
            break;
        }
    }
    return client.toString();
}

QString userAgent(const QHttpServerRequest &request)
{
    return QString::fromUtf8(request.value(QByteArrayLiteral("User-Agent"))).left(512);
}

void addSecurityHeaders(QHttpServerResponse &response, bool secureTransport)
{
    // Frames only from the three video hosts a training may embed (TrainingSpec). Built once:
    // this is on every response.
    static const QByteArray policy
        = QByteArrayLiteral("default-src 'self'; script-src 'self'; "
                            "style-src 'self'; img-src 'self' data:; "
                            "connect-src 'self'; frame-src ")
          + TrainingSpec::embedOrigins().join(QLatin1Char(' ')).toLatin1()
          + QByteArrayLiteral("; frame-ancestors 'none'; "
                              "base-uri 'none'; form-action 'self'; "
                              "object-src 'none'");
    // A file served for download runs nothing even where a browser shows it instead.
    static const QByteArray sandboxed = policy + "; sandbox";
    response.setHeader(QByteArrayLiteral("Content-Security-Policy"),
                       response.hasHeader(QByteArrayLiteral("Content-Disposition")) ? sandboxed
                                                                                    : policy);
    response.setHeader(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
    response.setHeader(QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer"));
    response.setHeader(QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY"));
    response.setHeader(QByteArrayLiteral("Cross-Origin-Opener-Policy"),
                       QByteArrayLiteral("same-origin"));
    response.setHeader(QByteArrayLiteral("Permissions-Policy"),
                       QByteArrayLiteral("camera=(), microphone=(), geolocation=()"));
    if (secureTransport) {
        response.setHeader(QByteArrayLiteral("Strict-Transport-Security"),
                           QByteArrayLiteral("max-age=31536000"));
    }
}

namespace {

bool fromOwnOrigin(const QHttpServerRequest &request, const QString &publicOrigin,
                   QHttpServerResponse *refusal)
{
    const QByteArray origin = request.value(QByteArrayLiteral("Origin"));
    if (!origin.isEmpty() && QString::fromLatin1(origin) != publicOrigin) {
        *refusal = error(Status::Forbidden, QStringLiteral("bad_origin"),
                         tr("This request did not come from the portal's own pages."));
        return false;
    }
    return true;
}

} // namespace

std::optional<QJsonObject> jsonBody(const QHttpServerRequest &request, const QString &publicOrigin,
                                    QHttpServerResponse *refusal, qsizetype maxBytes)
{
    if (!fromOwnOrigin(request, publicOrigin, refusal)) {
        return std::nullopt;
    }
    // A JSON content type cannot be sent cross-site without a CORS preflight, which we never
    // grant: together with the Origin check this keeps other sites from posting for a user.
    const QByteArray type = request.value(QByteArrayLiteral("Content-Type"));
    if (!type.toLower().startsWith("application/json")) {
        *refusal = error(Status::UnsupportedMediaType, QStringLiteral("bad_content_type"),
                         tr("Send the request body as application/json."));
        return std::nullopt;
    }
    const QByteArray body = request.body();
    if (body.size() > maxBytes) {
        *refusal = error(Status::PayloadTooLarge, QStringLiteral("too_large"),
                         tr("The request is too large."));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *refusal = error(Status::BadRequest, QStringLiteral("bad_json"),
                         tr("The request body is not a JSON object."));
        return std::nullopt;
    }
    return document.object();
}

bool acceptsOctetUpload(const QHttpServerRequest &request, const QString &publicOrigin,
                        QHttpServerResponse *refusal)
{
    if (!fromOwnOrigin(request, publicOrigin, refusal)) {
        return false;
    }
    // Not a type a plain HTML form can send: another site would need a preflight we never grant.
    const QByteArray type = request.value(QByteArrayLiteral("Content-Type"));
    if (!type.toLower().startsWith("application/octet-stream")) {
        *refusal = error(Status::UnsupportedMediaType, QStringLiteral("bad_content_type"),
                         tr("Send the file as application/octet-stream."));
        return false;
    }
    return true;
}

std::optional<QByteArray> octetBody(const QHttpServerRequest &request, const QString &publicOrigin,
                                    QHttpServerResponse *refusal)
{
    if (!acceptsOctetUpload(request, publicOrigin, refusal)) {
        return std::nullopt;
    }
    return request.body();
}

QHttpServerResponse attachment(const QString &fileName, const QByteArray &mediaType,
                               const QByteArray &bytes)
{
    QHttpServerResponse response(mediaType, bytes);
    QString ascii;
    for (const QChar c : fileName) {
        ascii.append(c.unicode() >= 0x20 && c.unicode() < 0x7f && c != QLatin1Char('"')
                             && c != QLatin1Char('\\')
                         ? c
                         : QLatin1Char('_'));
    }
    response.setHeader(QByteArrayLiteral("Content-Disposition"),
                       "attachment; filename=\"" + ascii.toLatin1() + "\"; filename*=UTF-8''"
                           + QUrl::toPercentEncoding(fileName));
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

QString isoTime(qint64 ms)
{
    if (ms == 0) {
        return QString();
    }
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace Gatehouse::Http
