#include "PortalClient.h"

#include "Loopback.h"

#include <QJsonDocument>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

namespace Gatehouse::Testing {

QList<QByteArray> HttpReply::values(const QByteArray &name) const
{
    QList<QByteArray> found;
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            found.append(value);
        }
    }
    return found;
}

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray HttpReply::describe() const
{
    return QByteArray::number(status) + ' ' + body.left(300);
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

PortalClient::PortalClient(quint16 port)
    : PortalClient(PortalEndpoint{port, Transport::Http, {}})
{}

PortalClient::PortalClient(const PortalEndpoint &endpoint)
    : m_endpoint(endpoint)
    , m_base(endpoint.baseUrl())
{
    m_nam.setCookieJar(new QNetworkCookieJar);
}

QNetworkReply *PortalClient::start(const QByteArray &method, const QString &path,
                                   const QByteArray &body, const QByteArray &contentType,
                                   const Headers &headers)
{
    QNetworkRequest request(QUrl(m_base + path));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (m_endpoint.isTls()) {
        request.setSslConfiguration(m_endpoint.clientTls());
    }
    if (!contentType.isEmpty()) {
        request.setRawHeader("Content-Type", contentType);
    }
    for (const auto &[name, value] : headers) {
        request.setRawHeader(name, value);
    }
    return method == "GET" ? m_nam.get(request) : m_nam.sendCustomRequest(request, method, body);
}

HttpReply PortalClient::finish(QNetworkReply *reply)
{
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished()) {
        finished.wait(15000);
    }
    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

HttpReply PortalClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                             const QByteArray &contentType, const Headers &headers)
{
    Headers all = headers;
    bool hasToken = false;
    for (const auto &header : headers) {
        hasToken = hasToken || header.first.toLower() == "x-csrf-token";
    }
    // Like the portal's pages: a change made in a session carries the session's CSRF token,
    // fetched from /api/v1/me when this session's is not known yet.
    const QString session = this->session();
    if (m_sendsCsrfToken && method != "GET" && !hasToken && !session.isEmpty()) {
        if (m_csrfSession != session) {
            (void)learnCsrfToken();
        }
        if (!m_csrfToken.isEmpty()) {
            all.append({"X-CSRF-Token", m_csrfToken});
        }
    }
    return finish(start(method, path, body, contentType, all));
}

HttpReply PortalClient::post(const QString &path, const QJsonObject &body, const Headers &headers)
{
    return send("POST", path, toJson(body), "application/json", headers);
}

bool PortalClient::learnCsrfToken()
{
    m_csrfSession = session();
    const HttpReply me = get(QStringLiteral("/api/v1/me"));
    m_csrfToken = me.json().value(QStringLiteral("csrfToken")).toString().toLatin1();
    return me.status == 200 && !m_csrfToken.isEmpty();
}

QString PortalClient::cookie(const QString &name) const
{
    const QList<QNetworkCookie> cookies = m_nam.cookieJar()->cookiesForUrl(QUrl(m_base));
    for (const QNetworkCookie &cookie : cookies) {
        if (cookie.name() == name.toLatin1()) {
            return QString::fromLatin1(cookie.value());
        }
    }
    return QString();
}

QString PortalClient::session() const
{
    const QString secure = cookie(QStringLiteral("__Host-gh_session"));
    return secure.isEmpty() ? cookie(QStringLiteral("gh_session")) : secure;
}

void PortalClient::setCookie(const QByteArray &name, const QByteArray &value)
{
    m_nam.cookieJar()->setCookiesFromUrl({QNetworkCookie(name, value)}, QUrl(m_base));
}

// The attributes of a Set-Cookie header: "Path=/", "HttpOnly", ...
QStringList cookieAttributes(const QByteArray &setCookie)
{
    QStringList attributes;
    const QList<QByteArray> parts = setCookie.split(';');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        attributes.append(QString::fromLatin1(parts.at(i).trimmed()));
    }
    return attributes;
}

HttpReply rawRequest(quint16 port, const QByteArray &request)
{
    return rawRequest(PortalEndpoint{port, Transport::Http, {}}, request);
}

HttpReply rawRequest(const PortalEndpoint &endpoint, const QByteArray &request,
                     const QHostAddress &from)
{
    HttpReply reply;
    QSslSocket socket;
    endpoint.connect(socket, from);
    if (!waitFor([&] { return endpoint.isReady(socket); })) {
        return reply;
    }
    socket.write(request);
    QByteArray data;
    qsizetype headerEnd = -1;
    qsizetype length = -1;
    const auto complete = [&] {
        data += socket.readAll();
        headerEnd = data.indexOf("\r\n\r\n");
        if (headerEnd >= 0 && length < 0) {
            static const QRegularExpression contentLength(
                QStringLiteral("\r\ncontent-length:\\s*(\\d+)"),
                QRegularExpression::CaseInsensitiveOption);
            const QRegularExpressionMatch match
                = contentLength.match(QString::fromLatin1(data.left(headerEnd + 2)));
            length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
        }
        return (headerEnd >= 0 && data.size() >= headerEnd + 4 + length)
               || socket.state() == QAbstractSocket::UnconnectedState;
    };
    if (!waitFor(complete, 10000) || headerEnd < 0) {
        return reply;
    }
    const QList<QByteArray> lines = data.left(headerEnd).split('\n');
    reply.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            reply.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
    }
    reply.body = data.mid(headerEnd + 4, length);
    return reply;
}

QString signInCodeIn(const QString &mailText)
{
    static const QRegularExpression pattern(QStringLiteral("Your sign-in code: (\\d{6})"));
    return pattern.match(mailText).captured(1);
}

QString magicTokenIn(const QString &mailText)
{
    static const QRegularExpression pattern(QStringLiteral("/m/([A-Za-z0-9_-]{43})"));
    return pattern.match(mailText).captured(1);
}

} // namespace Gatehouse::Testing
