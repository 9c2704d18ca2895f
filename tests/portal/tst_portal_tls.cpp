// HTTPS straight from the portal: the self-signed pair for a first run, the handshake in the
// front door, TLS 1.2 or newer only, and cookies that are Secure and __Host- bound.
#include "TestDatabase.h"

#include "PortalServer.h"
#include "core/Clock.h"
#include "http/TlsFiles.h"
#include "mail/OutboxRepository.h"
#include "security/Tokens.h"
#include "services/WorkspaceSetup.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestPortalTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void selfSignedPairIsMadeOnceAndKeptPrivate();
    void badFilesAreRefusedClearly_data();
    void badFilesAreRefusedClearly();
    void servesHttpsWithSecureCookies();
    void plainHttpOnTheTlsPortGetsNoAnswer();
    void aClientThatNeverHandshakesIsDropped();

private:
    QNetworkReply *send(const QByteArray &method, const QString &path,
                        const QJsonObject &body = {});
    static QByteArray wait(QNetworkReply *reply);

    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<PortalServer> m_server;
    ManualClock m_clock{1'800'000'000'000};
    QNetworkAccessManager m_nam;
};

void TestPortalTls::initTestCase()
{
    QVERIFY(Tokens::initialise());
    QString error;
    QVERIFY2(TlsFiles::ensureSelfSigned(m_dir.filePath(QStringLiteral("tls")), QString(), &m_cert,
                                        &m_key, &error),
             qPrintable(error));
    m_test = TestDatabase::create(Engine::Sqlite, &error);
    QVERIFY2(m_test, qPrintable(error));
    QVERIFY2(WorkspaceSetup(m_test->db(), m_clock).ensureDemo(nullptr, nullptr, &error),
             qPrintable(error));
    PortalConfig config;
    config.port = 0;
    config.publicUrl = QStringLiteral("https://127.0.0.1"); // port filled in below
    config.tlsCertificateFile = m_cert;
    config.tlsKeyFile = m_key;
    config.limits.headerTimeoutMs = 400;
    // The public URL must name the port the server gets, so start once to learn it.
    m_server = std::make_unique<PortalServer>(m_test->db(), config, m_clock);
    QVERIFY2(m_server->start(&error), qPrintable(error));
    const quint16 port = m_server->port();
    m_server.reset();
    config.port = port;
    config.publicUrl = QStringLiteral("https://127.0.0.1:%1").arg(port);
    m_server = std::make_unique<PortalServer>(m_test->db(), config, m_clock);
    QVERIFY2(m_server->start(&error), qPrintable(error));

    // The client trusts exactly this certificate.
    QSslConfiguration client = QSslConfiguration::defaultConfiguration();
    client.setCaCertificates(QSslCertificate::fromPath(m_cert));
    QSslConfiguration::setDefaultConfiguration(client);
}

void TestPortalTls::cleanupTestCase()
{
    m_server.reset();
    m_test.reset();
}

QNetworkReply *TestPortalTls::send(const QByteArray &method, const QString &path,
                                   const QJsonObject &body)
{
    QNetworkRequest request(
        QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_server->port()).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return m_nam.sendCustomRequest(request, method,
                                   method == "GET" ? QByteArray() : QJsonDocument(body).toJson());
}

QByteArray TestPortalTls::wait(QNetworkReply *reply)
{
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000)) {
        qWarning("no answer within 10 s");
    }
    reply->deleteLater();
    return reply->readAll();
}

void TestPortalTls::selfSignedPairIsMadeOnceAndKeptPrivate()
{
    QFile certificate(m_cert);
    QVERIFY(certificate.open(QIODevice::ReadOnly));
    const QByteArray before = certificate.readAll();
    QString cert;
    QString key;
    QString error;
    QVERIFY(TlsFiles::ensureSelfSigned(m_dir.filePath(QStringLiteral("tls")), QString(), &cert,
                                       &key, &error));
    QFile again(cert);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), before); // reused, not replaced
    QCOMPARE(QFile::permissions(key) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    const QSslCertificate parsed = QSslCertificate::fromPath(cert).value(0);
    QVERIFY(!parsed.isNull());
    QVERIFY(parsed.subjectAlternativeNames()
                .values(QSsl::IpAddressEntry)
                .contains(QStringLiteral("127.0.0.1")));
    QVERIFY(parsed.expiryDate() > QDateTime::currentDateTimeUtc().addDays(300));
}

void TestPortalTls::badFilesAreRefusedClearly_data()
{
    QTest::addColumn<QString>("which");
    QTest::addRow("missing certificate") << "cert";
    QTest::addRow("garbage key") << "key";
}

void TestPortalTls::badFilesAreRefusedClearly()
{
    QFETCH(QString, which);
    const QString garbage = m_dir.filePath(QStringLiteral("garbage.pem"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    file.close();
    QString error;
    const auto configuration
        = which == QLatin1String("cert")
              ? TlsFiles::load(m_dir.filePath(QStringLiteral("none.pem")), m_key, &error)
              : TlsFiles::load(m_cert, garbage, &error);
    QVERIFY(!configuration);
    QVERIFY2(error.contains(which == QLatin1String("cert") ? QStringLiteral("certificate")
                                                           : QStringLiteral("private key")),
             qPrintable(error));
}

void TestPortalTls::servesHttpsWithSecureCookies()
{
    QNetworkReply *branding = send("GET", QStringLiteral("/api/v1/branding"));
    const QByteArray body = wait(branding);
    QVERIFY2(branding->error() == QNetworkReply::NoError, qPrintable(branding->errorString()));
    QVERIFY(body.contains("Northwind IT"));
    QCOMPARE(branding->rawHeader("Strict-Transport-Security"), QByteArray("max-age=31536000"));

    QNetworkReply *login
        = send("POST", QStringLiteral("/api/v1/auth/login"),
               {{QStringLiteral("email"), QStringLiteral("demo.contact@example.com")}});
    const QJsonObject pending = QJsonDocument::fromJson(wait(login)).object();
    QString error;
    const QString mail = OutboxRepository(m_test->db()).recent(1, &error).value(0).text;
    const QString code = QRegularExpression(QStringLiteral("(\\d{6})")).match(mail).captured(1);
    QCOMPARE(code.size(), 6);
    QNetworkReply *signIn
        = send("POST", QStringLiteral("/api/v1/auth/code"),
               {{QStringLiteral("challenge"), pending.value(QStringLiteral("challenge"))},
                {QStringLiteral("code"), code}});
    wait(signIn);
    QCOMPARE(signIn->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QByteArray cookie = signIn->rawHeader("Set-Cookie");
    QVERIFY2(cookie.startsWith("__Host-gh_session="), cookie.constData());
    QVERIFY2(cookie.contains("; Secure") && cookie.contains("HttpOnly")
                 && cookie.contains("Path=/"),
             cookie.constData());
}

void TestPortalTls::plainHttpOnTheTlsPortGetsNoAnswer()
{
    QTcpSocket plain;
    plain.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(plain.waitForConnected(5000));
    plain.write("GET /api/v1/branding HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(plain.state() == QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(!plain.readAll().contains("Northwind"));
}

void TestPortalTls::aClientThatNeverHandshakesIsDropped()
{
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(silent.waitForConnected(5000));
    // The test's handshake deadline is 400 ms.
    QTRY_VERIFY_WITH_TIMEOUT(silent.state() == QAbstractSocket::UnconnectedState, 5000);
}

QTEST_GUILESS_MAIN(TestPortalTls)
#include "tst_portal_tls.moc"
