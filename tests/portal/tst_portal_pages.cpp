// Pages (ONB-7) through the portal's HTTP API, on both engines: a signed-in contact gets the
// visible pages of their provider, in order, as cmark's safe HTML; hidden pages and another
// provider's pages never; a change shows at once.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "security/Tokens.h"
#include "services/PageService.h"
#include "services/WorkspaceSetup.h"
#include "storage/SqlQuery.h"
#include "text/Markdown.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

// The demo's administrator: only staff whose role allows it may change these (CON-11).
const Actor kAdmin(Actor::Kind::Staff, WorkspaceSetup::demoCredentials().adminEmail,
                   QStringLiteral("Dana Admin"));

} // namespace

namespace {

const QString kXss = QStringLiteral(
    "## Planted\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
    "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=)\n\n"
    "<iframe "
    "src=\"https://evil.example\"></iframe>\n\n<https://e.example/\"onmouseover=\"alert(1)>");

QStringList titlesOf(const QJsonArray &pages)
{
    QStringList titles;
    for (const QJsonValue &page : pages) {
        titles << page[QStringLiteral("title")].toString();
    }
    return titles;
}

} // namespace

class TestPortalPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_portal.stop(); }

    void onlyVisiblePagesInOrderAsSafeHtml();
    void changesShowAtOnce();
    void anotherProvidersPagesNeverShow();
    void aSessionIsRequired();

private:
    QJsonArray pages(PortalClient &browser);

    PortalFixture m_portal;
};

void TestPortalPages::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
}

QJsonArray TestPortalPages::pages(PortalClient &browser)
{
    const HttpReply reply = browser.get(QStringLiteral("/api/v1/pages"));
    if (reply.status != 200) {
        qWarning("%s", reply.describe().constData());
        return {};
    }
    return reply.json()[QStringLiteral("pages")].toArray();
}

void TestPortalPages::onlyVisiblePagesInOrderAsSafeHtml()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));

    // The demo's three pages, in their order, each as its Markdown's safe rendering.
    QJsonArray list = pages(browser);
    QCOMPARE(titlesOf(list),
             (QStringList{QStringLiteral("Welcome"), QStringLiteral("How to reach support"),
                          QStringLiteral("Security FAQ")}));
    for (const QJsonValue &page : list) {
        const QString body = m_portal
                                 .rows(QStringLiteral("SELECT body FROM portal_page WHERE id = %1")
                                           .arg(page[QStringLiteral("id")].toInteger()))
                                 .join(QLatin1Char('\n'));
        QVERIFY(!body.isEmpty());
        QCOMPARE(page[QStringLiteral("html")].toString(), Markdown::toSafeHtml(body));
        QVERIFY(!page[QStringLiteral("updatedAt")].toString().isEmpty());
    }
    QVERIFY(list[1][QStringLiteral("html")].toString().contains(QLatin1String("<ol>")));

    ServiceError error;
    PageService service(m_portal.db(), m_portal.clock());
    const qint64 hidden = service.create(QStringLiteral("Staff draft"), QStringLiteral("secret"),
                                         false, kAdmin, &error);
    const qint64 planted
        = service.create(QStringLiteral("<b>Planted</b>"), kXss, true, kAdmin, &error);
    QVERIFY(hidden > 0 && planted > 0);

    list = pages(browser);
    QCOMPARE(list.size(), 4);
    QVERIFY(!titlesOf(list).contains(QStringLiteral("Staff draft")));
    const QJsonObject xss = list[3].toObject();
    QCOMPARE(xss[QStringLiteral("id")].toInteger(), planted);
    QCOMPARE(xss[QStringLiteral("title")].toString(), QStringLiteral("<b>Planted</b>")); // text
    const QString html = xss[QStringLiteral("html")].toString();
    QCOMPARE(html, Markdown::toSafeHtml(kXss));
    QVERIFY2(html.contains(QLatin1String("<h2>Planted</h2>")), qPrintable(html));
    for (const char *live :
         {"<script", "<img", "<iframe", "onerror", "javascript:", "data:text", "\"onmouseover"}) {
        QVERIFY2(!html.contains(QLatin1String(live), Qt::CaseInsensitive),
                 qPrintable(QLatin1String(live) + QLatin1String(" in ") + html));
    }
    const QByteArray raw = browser.get(QStringLiteral("/api/v1/pages")).body;
    QVERIFY(!raw.contains("secret"));
}

void TestPortalPages::changesShowAtOnce()
{
    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const HttpReply first = browser.get(QStringLiteral("/api/v1/pages"));
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("ETag");
    QVERIFY(!etag.isEmpty());
    // Unchanged: 304 for the tag the client holds.
    QCOMPARE(browser.send("GET", QStringLiteral("/api/v1/pages"), {}, {}, {{"If-None-Match", etag}})
                 .status,
             304);
    // The home view is cached per activity mark; it must not keep pages stale either.
    QCOMPARE(browser.get(QStringLiteral("/api/v1/home")).status, 200);

    const QJsonArray before = first.json()[QStringLiteral("pages")].toArray();
    const qint64 welcome = before[0][QStringLiteral("id")].toInteger();
    const qint64 faq = before[2][QStringLiteral("id")].toInteger();
    ServiceError error;
    PageService service(m_portal.db(), m_portal.clock());
    QVERIFY(service.setVisible(welcome, false, kAdmin, &error));
    QVERIFY(service.move(faq, PageService::Move::Up, kAdmin, &error));
    QVERIFY(service.update(faq, QStringLiteral("Security questions"), QStringLiteral("*New*"), true,
                           kAdmin, &error));

    const HttpReply after
        = browser.send("GET", QStringLiteral("/api/v1/pages"), {}, {}, {{"If-None-Match", etag}});
    QCOMPARE(after.status, 200);
    const QJsonArray list = after.json()[QStringLiteral("pages")].toArray();
    QCOMPARE(titlesOf(list), (QStringList{QStringLiteral("Security questions"),
                                          QStringLiteral("How to reach support")}));
    QCOMPARE(list[0][QStringLiteral("html")].toString(), QStringLiteral("<p><em>New</em></p>\n"));
    QVERIFY(browser.get(QStringLiteral("/api/v1/home")).status == 200);

    QVERIFY(service.remove(faq, kAdmin, &error));
    QCOMPARE(titlesOf(pages(browser)), QStringList{QStringLiteral("How to reach support")});
}

void TestPortalPages::anotherProvidersPagesNeverShow()
{
    // A second workspace on the same database, with a visible page of its own.
    QString error;
    SqlQuery workspace(m_portal.db(), QStringLiteral("INSERT INTO workspace (name, created_at) "
                                                     "VALUES ('Other MSP', 0) RETURNING id"));
    QVERIFY(workspace.exec(&error) && workspace.next());
    const qint64 otherWorkspace = workspace.int64(0);
    workspace.raw().finish();
    SqlQuery page(m_portal.db(),
                  QStringLiteral("INSERT INTO portal_page (workspace_id, title, body, visible, "
                                 "position, created_at, updated_at) "
                                 "VALUES (?, 'Other provider page', 'theirs', 1, 0, 0, 0)"));
    page << otherWorkspace;
    QVERIFY2(page.exec(&error), qPrintable(error));

    PortalClient browser(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(browser, m_portal.contact().id, &why), qPrintable(why));
    const QJsonArray list = pages(browser);
    QCOMPARE(list.size(), 3);
    QVERIFY(!titlesOf(list).contains(QStringLiteral("Other provider page")));
}

void TestPortalPages::aSessionIsRequired()
{
    PortalClient stranger(m_portal.port());
    const HttpReply reply = stranger.get(QStringLiteral("/api/v1/pages"));
    QCOMPARE(reply.status, 401);
    QVERIFY(!reply.body.contains("Welcome"));
    stranger.setCookie("gh_session", "forged-token");
    QCOMPARE(stranger.get(QStringLiteral("/api/v1/pages")).status, 401);
}

QTEST_GUILESS_MAIN(TestPortalPages)
#include "tst_portal_pages.moc"
