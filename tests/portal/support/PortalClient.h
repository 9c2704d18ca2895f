#pragma once

#include "PortalEndpoint.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QStringList>

class QNetworkReply;

namespace Gatehouse::Testing {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpReply
{
    int status = 0; // 0: no answer in time
    QByteArray body;
    Headers headers;

    // Every value of a header, case-insensitive.
    QList<QByteArray> values(const QByteArray &name) const;
    QByteArray header(const QByteArray &name) const { return values(name).value(0); }
    QJsonObject json() const;
    // What a failing check prints: status and the start of the body.
    QByteArray describe() const;
};

QByteArray toJson(const QJsonObject &object);

// One person's browser against a portal on a loopback port, with a cookie jar of its own.
class PortalClient
{
public:
    explicit PortalClient(quint16 port);
    // Over HTTPS this client trusts the endpoint's certificate and nothing else.
    explicit PortalClient(const PortalEndpoint &endpoint);

    // Starts a request; finish() waits for it, so several can be in flight at once.
    QNetworkReply *start(const QByteArray &method, const QString &path, const QByteArray &body,
                         const QByteArray &contentType, const Headers &headers = {});
    static HttpReply finish(QNetworkReply *reply);

    HttpReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                   const QByteArray &contentType = "application/json", const Headers &headers = {});
    HttpReply get(const QString &path) { return send("GET", path, {}, {}); }
    HttpReply post(const QString &path, const QJsonObject &body, const Headers &headers = {});

    // Like the portal's pages, a request other than GET made with a session cookie carries the
    // session's CSRF token (from /api/v1/me) unless the headers carry one of their own, or this
    // is switched off.
    [[nodiscard]] bool learnCsrfToken();
    QByteArray csrfToken() const { return m_csrfToken; }
    void setSendsCsrfToken(bool sends) { m_sendsCsrfToken = sends; }

    QString cookie(const QString &name) const;
    // The session cookie's value, whichever name the portal gave it (__Host- over HTTPS).
    QString session() const;
    void setCookie(const QByteArray &name, const QByteArray &value);

private:
    PortalEndpoint m_endpoint;
    QString m_base;
    QNetworkAccessManager m_nam;
    QByteArray m_csrfToken;
    QString m_csrfSession; // the session cookie m_csrfToken belongs to
    bool m_sendsCsrfToken = true;
};

// The attributes of a Set-Cookie header: "Path=/", "HttpOnly", ...
QStringList cookieAttributes(const QByteArray &setCookie);

// A request written byte for byte, for what QNetworkAccessManager would tidy up (dot segments
// in paths, the Host header). Waits for the whole answer.
HttpReply rawRequest(quint16 port, const QByteArray &request);
// The same over the endpoint's transport, from the given loopback address when one is set.
HttpReply rawRequest(const PortalEndpoint &endpoint, const QByteArray &request,
                     const QHostAddress &from = {});

// What the portal's mails carry.
QString signInCodeIn(const QString &mailText);
QString magicTokenIn(const QString &mailText);

} // namespace Gatehouse::Testing
