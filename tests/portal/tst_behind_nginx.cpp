// The portal behind a real nginx reverse proxy, as the installers' example deploys it: pages
// and headers pass through, and with --trusted-proxy the client's own address is recorded,
// not the proxy's and not one the client wrote into X-Forwarded-For itself.
#include "PortalFixture.h"

#include "security/Tokens.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// One request over a connection from the given loopback address; the whole answer. The event
// loop keeps running meanwhile, since the portal serves from this same thread.
QByteArray request(quint16 port, const QHostAddress &from, const QByteArray &bytes)
{
    QTcpSocket socket;
    QByteArray answer;
    bool closed = false;
    QObject::connect(&socket, &QTcpSocket::connected, [&] { socket.write(bytes); });
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { answer += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { closed = true; });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, [&] { closed = true; });
    socket.bind(from);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return closed; }, 5000)) {
        qWarning("the connection was still open after 5 s");
    }
    return answer;
}

} // namespace

class TestBehindNginx : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pagesAndHeadersPassThrough();
    void theClientsOwnAddressIsRecorded();

private:
    PortalFixture m_portal;
    QTemporaryDir m_dir;
    QProcess m_nginx;
    quint16 m_port = 0;
};

void TestBehindNginx::initTestCase()
{
    QVERIFY(Tokens::initialise());
    const QString nginx = QStandardPaths::findExecutable(
        QStringLiteral("nginx"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    QVERIFY2(!nginx.isEmpty(), "nginx is not installed (test.sh installs nginx-light)");
    FrontDoorLimits limits;
    limits.trustedProxies.append(QHostAddress::parseSubnet(QStringLiteral("127.0.0.1/32")));
    QString error;
    QVERIFY2(m_portal.start(QStringLiteral("sqlite"), &error, limits), qPrintable(error));

    m_port = freePort();
    QDir(m_dir.path()).mkpath(QStringLiteral("logs"));
    const QString config = QStringLiteral(R"(
worker_processes 1;
pid %1/nginx.pid;
error_log %1/logs/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path %1/body;
    proxy_temp_path %1/proxy;
    fastcgi_temp_path %1/fastcgi;
    uwsgi_temp_path %1/uwsgi;
    scgi_temp_path %1/scgi;
    server {
        listen 127.0.0.1:%2;
        location / {
            proxy_pass http://127.0.0.1:%3;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }
    }
}
)")
                               .arg(m_dir.path())
                               .arg(m_port)
                               .arg(m_portal.port());
    QFile file(m_dir.filePath(QStringLiteral("nginx.conf")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(config.toUtf8());
    file.close();
    m_nginx.setProcessChannelMode(QProcess::ForwardedChannels);
    m_nginx.start(nginx, {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-c"), file.fileName(),
                          QStringLiteral("-g"), QStringLiteral("daemon off;")});
    QVERIFY2(m_nginx.waitForStarted(5000), qPrintable(m_nginx.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(
        request(m_port, QHostAddress::LocalHost,
                "GET /api/v1/branding HTTP/1.1\r\nHost: portal.example.test\r\n"
                "Connection: close\r\n\r\n")
            .startsWith("HTTP/1.1 200"),
        5000);
}

void TestBehindNginx::cleanupTestCase()
{
    m_nginx.terminate();
    m_nginx.waitForFinished(5000);
    m_portal.stop();
}

void TestBehindNginx::pagesAndHeadersPassThrough()
{
    const QByteArray page = request(m_port, QHostAddress::LocalHost,
                                    "GET / HTTP/1.1\r\nHost: portal.example.test\r\n"
                                    "Connection: close\r\n\r\n");
    QVERIFY2(page.startsWith("HTTP/1.1 200"), page.left(200).constData());
    QVERIFY(page.contains("Content-Security-Policy: default-src 'self'"));
    QVERIFY(page.contains("frame-ancestors 'none'"));
    QVERIFY(page.contains("/assets/app.js"));
}

void TestBehindNginx::theClientsOwnAddressIsRecorded()
{
    const QByteArray body = "{\"email\":\"demo.contact@example.com\"}";
    const QByteArray answer = request(
        m_port, QHostAddress(QStringLiteral("127.0.0.5")),
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: portal.example.test\r\n"
        "Content-Type: application/json\r\nX-Forwarded-For: 203.0.113.7\r\nConnection: close\r\n"
        "Content-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(300).constData());
    QCOMPARE(m_portal.rows(
                 QStringLiteral("SELECT ip FROM audit_event WHERE action = 'login.code_sent'")),
             QStringList{QStringLiteral("127.0.0.5")});
}

QTEST_GUILESS_MAIN(TestBehindNginx)
#include "tst_behind_nginx.moc"
