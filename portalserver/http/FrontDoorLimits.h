#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QRegularExpression>

namespace Gatehouse {

// What the front door lets through to the HTTP server, and how long it waits. The defaults
// suit a portal on the internet; a test or a benchmark may tighten or loosen them.
struct FrontDoorLimits
{
    qsizetype maxRequestLineBytes = 8 * 1024; // longer: 414
    qsizetype maxHeaderBytes = 32 * 1024;     // larger head: 431
    int maxHeaderFields = 100;                // more: 431
    qint64 maxBodyBytes = 1024 * 1024;        // larger (announced or while chunked): 413
    // Routes that take files are allowed more than maxBodyBytes (the path, without the query).
    // A spooled route's body never reaches QHttpServer, which would hold it whole in memory: the
    // front door writes it, encrypted, to a spool file as it arrives (UploadSpool) and hands the
    // handler an empty body with a header naming the spool.
    struct RouteBodyLimit
    {
        QRegularExpression path;
        qint64 maxBytes;
        bool spool = false;
    };
    QList<RouteBodyLimit> routeBodyLimits{
        {QRegularExpression(QStringLiteral("^/api/v1/tasks/[0-9]+/files$")), 100 * 1024 * 1024,
         true},
        {QRegularExpression(QStringLiteral("^/api/v1/tasks/[0-9]+/drops$")), 100 * 1024 * 1024,
         true},
        {QRegularExpression(QStringLiteral("^/api/v1/tasks/[0-9]+/credentials/file$")),
         10 * 1024 * 1024 + 64 * 1024, true},
        // Bulk credentials as JSON text: 10 MiB that escaping may double.
        {QRegularExpression(QStringLiteral("^/api/v1/tasks/[0-9]+/credentials$")),
         2 * 10 * 1024 * 1024 + 64 * 1024},
    };
    int headerTimeoutMs = 10 * 1000;     // a started request head must be complete by then
    int idleTimeoutMs = 15 * 1000;       // a kept-alive connection may idle this long
    int bodyRateWindowMs = 10 * 1000;    // a body must advance by
    qint64 minBodyBytesPerWindow = 1024; //   this much in every window
    int writeTimeoutMs = 30 * 1000;      // a client that stops reading is dropped
    // While output waits for a client, the client must take this much of it in every window,
    // or it is dropped: a reader that trickles (a few bytes now and then, slowhttptest -X)
    // never stops reading, yet holds our output and its connection for as long as it likes.
    // 1 KiB/s is far below any real link (GPRS manages 3-5 KiB/s, a phone with one bar of EDGE
    // 10 KiB/s or more), and averaged over 10 s a stall of a few seconds (a cell handover, a
    // lost packet's retransmission) does not count against it.
    int sendRateWindowMs = 10 * 1000;
    qint64 minSendBytesPerWindow = 10 * 1024;
    int maxConnectionsPerAddress = 32; // a trusted reverse proxy is not held to it
    int maxConnections = 1024;
    // Reverse proxies (address, prefix length) whose X-Forwarded-For is believed.
    QList<QPair<QHostAddress, int>> trustedProxies;

    // The limit of the route a request target (path, then maybe a query) goes to; null for
    // every other route, which is held to maxBodyBytes and not spooled.
    const RouteBodyLimit *routeFor(QByteArrayView target) const
    {
        const qsizetype query = target.indexOf('?');
        const QString path = QString::fromLatin1(query < 0 ? target : target.first(query));
        for (const RouteBodyLimit &route : routeBodyLimits) {
            if (route.path.match(path).hasMatch()) {
                return &route;
            }
        }
        return nullptr;
    }

    bool isTrustedProxy(const QHostAddress &address) const
    {
        for (const auto &subnet : trustedProxies) {
            if (address.isInSubnet(subnet)) {
                return true;
            }
        }
        return false;
    }
};

} // namespace Gatehouse
