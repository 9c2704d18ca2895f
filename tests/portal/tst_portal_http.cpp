// What the HTTP layer does for every route: security headers on every kind of response, the
// web client's pages and scripts, and no way out of the embedded files.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "security/Tokens.h"

#include <QJsonObject>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestPortalHttp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() {}
    void cleanupTestCase() { m_portal.stop(); }

    void securityHeadersOnEveryResponse_data();
    void securityHeadersOnEveryResponse();
    void staticRoutesServeThePortal_data();
    void staticRoutesServeThePortal();
    void pathTraversalIsRefused_data();
    void pathTraversalIsRefused();
    void translationsFollowTheBrowserLanguage_data();
    void translationsFollowTheBrowserLanguage();

private:
    PortalFixture m_portal;
    QString m_engine; // none of these requests changes anything: one server per engine
};

void TestPortalHttp::init()
{
    QFETCH_GLOBAL(QString, engine);
    if (m_portal.isRunning() && engine == m_engine) {
        return;
    }
    m_engine.clear();
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    m_engine = engine;
}

void TestPortalHttp::securityHeadersOnEveryResponse_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("signedIn");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addRow("index") << QByteArray("GET") << "/" << false << QByteArray() << 200;
    QTest::addRow("login page") << QByteArray("GET") << "/login" << false << QByteArray() << 200;
    QTest::addRow("invite page") << QByteArray("GET") << "/i/abc" << false << QByteArray() << 200;
    QTest::addRow("magic link page")
        << QByteArray("GET") << "/m/abc" << false << QByteArray() << 200;
    QTest::addRow("script") << QByteArray("GET") << "/assets/app.js" << false << QByteArray()
                            << 200;
    QTest::addRow("nested script")
        << QByteArray("GET") << "/assets/views/home.js" << false << QByteArray() << 200;
    QTest::addRow("task kind's script")
        << QByteArray("GET") << "/assets/views/tasks/credential.js" << false << QByteArray() << 200;
    QTest::addRow("missing asset")
        << QByteArray("GET") << "/assets/nope.js" << false << QByteArray() << 404;
    QTest::addRow("branding") << QByteArray("GET") << "/api/v1/branding" << false << QByteArray()
                              << 200;
    QTest::addRow("translations") << QByteArray("GET") << "/api/v1/i18n" << false << QByteArray()
                                  << 200;
    QTest::addRow("me without session")
        << QByteArray("GET") << "/api/v1/me" << false << QByteArray() << 401;
    QTest::addRow("home") << QByteArray("GET") << "/api/v1/home" << true << QByteArray() << 200;
    QTest::addRow("unknown task") << QByteArray("GET") << "/api/v1/tasks/987654321" << true
                                  << QByteArray() << 404;
    QTest::addRow("no such route")
        << QByteArray("GET") << "/wp-admin/" << false << QByteArray() << 404;
    QTest::addRow("no such method")
        << QByteArray("DELETE") << "/api/v1/me" << true << QByteArray() << 404;
    QTest::addRow("bad json") << QByteArray("POST") << "/api/v1/auth/invite" << false
                              << QByteArray("{") << 400;
    QTest::addRow("logout") << QByteArray("POST") << "/api/v1/auth/logout" << true
                            << QByteArray("{}") << 204;
}

void TestPortalHttp::securityHeadersOnEveryResponse()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(bool, signedIn);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    PortalClient browser(m_portal.port());
    QString why;
    if (signedIn) {
        QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    }
    const HttpReply reply
        = browser.send(method, path, body, body.isEmpty() ? QByteArray() : "application/json");
    QVERIFY2(reply.status == status, reply.describe());
    QCOMPARE(reply.values("Content-Security-Policy").size(), 1);
    const QByteArray csp = reply.header("Content-Security-Policy");
    QVERIFY2(csp.contains("frame-ancestors 'none'"), csp.constData());
    QVERIFY2(csp.contains("default-src 'self'"), csp.constData());
    QVERIFY2(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp.constData());
    QCOMPARE(reply.values("X-Content-Type-Options"), QList<QByteArray>{"nosniff"});
    QCOMPARE(reply.values("Referrer-Policy"), QList<QByteArray>{"no-referrer"});
    QCOMPARE(reply.header("X-Frame-Options"), QByteArray("DENY"));
    // Plain http here: no HSTS, which browsers would ignore and proxies might mis-cache.
    QVERIFY(reply.header("Strict-Transport-Security").isEmpty());
    if (path.startsWith(QLatin1String("/api/"))) {
        QCOMPARE(reply.header("Cache-Control"), QByteArray("no-store"));
    }
}

void TestPortalHttp::staticRoutesServeThePortal_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("content");
    const QByteArray html = "text/html; charset=utf-8";
    const QByteArray js = "text/javascript; charset=utf-8";
    QTest::addRow("index") << "/" << html << QByteArray("<!DOCTYPE html>");
    QTest::addRow("login") << "/login" << html << QByteArray("<!DOCTYPE html>");
    QTest::addRow("invite") << "/i/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" << html
                            << QByteArray("<!DOCTYPE html>");
    QTest::addRow("magic link") << "/m/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" << html
                                << QByteArray("<!DOCTYPE html>");
    QTest::addRow("script") << "/assets/app.js" << js << QByteArray();
    QTest::addRow("view script") << "/assets/views/auth.js" << js << QByteArray();
    QTest::addRow("style") << "/assets/app.css" << QByteArray("text/css; charset=utf-8")
                           << QByteArray();
    QTest::addRow("icon") << "/assets/favicon.svg" << QByteArray("image/svg+xml")
                          << QByteArray("<svg");
}

void TestPortalHttp::staticRoutesServeThePortal()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, content);
    PortalClient browser(m_portal.port());
    const HttpReply reply = browser.get(path);
    QVERIFY2(reply.status == 200, reply.describe());
    QCOMPARE(reply.header("Content-Type"), contentType);
    QVERIFY(reply.body.size() > 100);
    QVERIFY(reply.body.contains(content));
    QCOMPARE(reply.header("Cache-Control"), QByteArray("no-cache"));
    // A token in the address is never written into the page.
    QVERIFY(!reply.body.contains("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));
}

void TestPortalHttp::pathTraversalIsRefused_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addRow("dot dot") << QByteArray("/assets/../x");
    QTest::addRow("dot dot to a resource") << QByteArray("/assets/../portal/index.html");
    QTest::addRow("dot dot file") << QByteArray("/assets/../app.js");
    QTest::addRow("out of a folder") << QByteArray("/assets/views/../../index.html");
    QTest::addRow("to the file system") << QByteArray("/assets/../../../../etc/passwd");
    QTest::addRow("encoded slash") << QByteArray("/assets/..%2Fportal%2Findex.html");
    QTest::addRow("encoded dots") << QByteArray("/assets/%2e%2e/app.js");
    QTest::addRow("encoded everything") << QByteArray("/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd");
    QTest::addRow("backslash") << QByteArray("/assets/..\\app.js");
    QTest::addRow("absolute") << QByteArray("/assets//etc/passwd");
    QTest::addRow("nul byte") << QByteArray("/assets/app.js%00.html");
}

void TestPortalHttp::pathTraversalIsRefused()
{
    QFETCH(QByteArray, target);
    const HttpReply reply = rawRequest(m_portal.port(), "GET " + target
                                                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                              "Connection: close\r\n\r\n");
    QVERIFY2(reply.status == 404 || reply.status == 400, reply.describe());
    QVERIFY(!reply.body.contains("root:"));
    QVERIFY(!reply.body.contains("<!DOCTYPE"));
    QVERIFY(!reply.body.contains("Gatehouse"));
    QVERIFY(reply.header("Content-Type").startsWith("application/json"));
    QVERIFY(reply.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
}

void TestPortalHttp::translationsFollowTheBrowserLanguage_data()
{
    QTest::addColumn<QByteArray>("acceptLanguage");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("openYourPortal");
    QTest::addRow("german") << QByteArray("de-DE,de;q=0.9,en;q=0.8") << "de"
                            << QStringLiteral("Ihr Portal \u00f6ffnen");
    QTest::addRow("swiss german") << QByteArray("de-CH") << "de"
                                  << QStringLiteral("Ihr Portal \u00f6ffnen");
    QTest::addRow("french") << QByteArray("fr-FR,fr;q=0.9") << "fr"
                            << QStringLiteral("Ouvrir votre portail");
    QTest::addRow("english first") << QByteArray("en-GB,de;q=0.5") << "en" << QString();
    QTest::addRow("unknown language") << QByteArray("tlh") << "en" << QString();
    QTest::addRow("no header") << QByteArray() << "en" << QString();
}

void TestPortalHttp::translationsFollowTheBrowserLanguage()
{
    QFETCH(QByteArray, acceptLanguage);
    QFETCH(QString, language);
    QFETCH(QString, openYourPortal);
    PortalClient browser(m_portal.port());
    Headers headers;
    if (!acceptLanguage.isEmpty()) {
        headers.append({QByteArrayLiteral("Accept-Language"), acceptLanguage});
    }
    const HttpReply reply = browser.send("GET", QStringLiteral("/api/v1/i18n"), {}, {}, headers);
    QVERIFY2(reply.status == 200, reply.describe());
    QCOMPARE(reply.json().value(QStringLiteral("lang")).toString(), language);
    const QJsonObject strings = reply.json().value(QStringLiteral("strings")).toObject();
    // The catalogue holds the portal's own strings, read out of its scripts.
    QCOMPARE(strings.value(QStringLiteral("Open your portal")).toString(), openYourPortal);
    QCOMPARE(strings.isEmpty(), openYourPortal.isEmpty());
}

QTEST_GUILESS_MAIN(TestPortalHttp)
#include "tst_portal_http.moc"
