// The live preview in Settings > Branding on SQLite and PostgreSQL: the portal's own sign-in page
// in a real QWebEngineView, served from the console by the preview's scheme handler, shows the
// name, accent colour and welcome message as they are typed, before anything is saved, and the
// logo once chosen. Every other API path answers 404 there; no session is ever made.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "core/FileDialog.h"
#include "core/WebEngineAvailability.h"
#include "settings/BrandingPanel.h"
#include "settings/PortalPreview.h"
#include "settings/PortalPreviewSchemeHandler.h"
#include "storage/SqlQuery.h"

#include <QApplication>
#include <QCheckBox>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEngineProfile>
#include <QWebEngineView>

#include <algorithm>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr int kPageTimeoutMs = 60000; // the first start of Chromium is slow

} // namespace

class TestConsoleBrandingPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        prepareGuiTest(m_settingsDir.path());
    }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void typedBrandingShowsBeforeSaving();
    void chosenLogoShows();
    void otherApiPathsAnswer404();
    void previewCanBeSwitchedOff();
    void withoutWebEngineThePanelStillWorks();
    void webEngineProblems_data();
    void webEngineProblems();

private:
    // The value of `script` in the preview's page; asks again on every call and answers what
    // the last call learnt (empty until the page has answered).
    QString page(const QString &script);
    QStringList state();
    QString one(const QString &sql);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
    BrandingPanel *m_panel = nullptr;
    QString m_pageValue;
};

void TestConsoleBrandingPreview::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    QSettings().remove(QStringLiteral("branding/showPreview"));
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::SettingsPage);
    m_panel = m_window->brandingPanel();
    QVERIFY(m_panel->isVisible());
    m_pageValue.clear();
}

void TestConsoleBrandingPreview::cleanup()
{
    WebEngineAvailability::setProblemForTesting(QString());
    m_window.reset();
    m_test.reset();
}

QString TestConsoleBrandingPreview::page(const QString &script)
{
    QWebEngineView *view = m_panel ? m_panel->preview()->view() : nullptr;
    if (view) {
        view->page()->runJavaScript(
            script, [this](const QVariant &value) { m_pageValue = value.toString(); });
    }
    return m_pageValue;
}

QStringList TestConsoleBrandingPreview::state()
{
    return {one(QStringLiteral("SELECT name || '|' || accent_color || '|' || welcome_message || "
                               "'|' || COALESCE(logo_file_id, 0) FROM workspace")),
            one(QStringLiteral("SELECT COUNT(*) FROM audit_event")),
            one(QStringLiteral("SELECT COUNT(*) FROM portal_session"))};
}

QString TestConsoleBrandingPreview::one(const QString &sql)
{
    SqlQuery query(m_test->db(), sql);
    QString error;
    if (!query.exec(&error) || !query.next()) {
        return QStringLiteral("(none) ") + error;
    }
    return query.value(0).toString();
}

void TestConsoleBrandingPreview::typedBrandingShowsBeforeSaving()
{
    const QStringList before = state();
    PortalPreview *preview = m_panel->preview();
    QVERIFY(preview->isVisible());
    QVERIFY(m_panel->showPreviewBox()->isChecked());
    QVERIFY(preview->profile()->isOffTheRecord());
    // Beside the form, and the window still fits a small screen.
    QVERIFY2(m_window->minimumSizeHint().width() <= 1111,
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
    // The saved name first, as the portal would show it.
    const QString brandName
        = QStringLiteral("(function () { var e = document.querySelector('#topbar .brand__name'); "
                         "return e ? e.textContent : ''; })()");
    QTRY_COMPARE_WITH_TIMEOUT(page(brandName), m_fixture.context.workspace.name, kPageTimeoutMs);

    retype(m_panel->nameEdit(), QStringLiteral("Northwind IT"));
    retype(m_panel->accentEdit(), QStringLiteral("#1f6f5c"));
    m_panel->welcomeEdit()->setFocus();
    m_panel->welcomeEdit()->selectAll();
    QTest::keyClicks(m_panel->welcomeEdit(), QStringLiteral("Glad to have you."));

    QTRY_COMPARE_WITH_TIMEOUT(page(brandName), QStringLiteral("Northwind IT"), kPageTimeoutMs);
    // The accent as the page computes it, and on the page's own primary button.
    QTRY_COMPARE(page(QStringLiteral("getComputedStyle(document.documentElement)"
                                     ".getPropertyValue('--accent').trim()")),
                 QStringLiteral("#1f6f5c"));
    QTRY_COMPARE(page(QStringLiteral("getComputedStyle(document.querySelector("
                                     "'[data-testid=invite-send]')).backgroundColor")),
                 QStringLiteral("rgb(31, 111, 92)"));
    QTRY_COMPARE(page(QStringLiteral("(function () { var e = document.querySelector('.welcome'); "
                                     "return e ? e.textContent : ''; })()")),
                 QStringLiteral("Glad to have you."));
    QTRY_COMPARE(page(QStringLiteral("document.title")), QStringLiteral("Welcome · Northwind IT"));
    // Nothing saved, nothing audited, no session.
    QCOMPARE(state(), before);
    QCOMPARE(state().at(2), QStringLiteral("0"));
}

void TestConsoleBrandingPreview::chosenLogoShows()
{
    const QString logoImage = QStringLiteral(
        "(function () { var i = document.querySelector('#topbar img.brand__logo'); "
        "return i && i.complete ? String(i.naturalWidth) : ''; })()");
    const QString markShown
        = QStringLiteral("document.querySelector('#topbar .brand__mark') ? 'mark' : ''");
    QTRY_COMPARE_WITH_TIMEOUT(page(markShown), QStringLiteral("mark"), kPageTimeoutMs);

    QTemporaryDir dir;
    QImage image(240, 80, QImage::Format_RGB32);
    image.fill(QColor(QStringLiteral("#0b5394")));
    const QString path = dir.filePath(QStringLiteral("logo.png"));
    QVERIFY(image.save(path, "PNG"));
    FileDialog::setNextOpenFileName(path);
    QVERIFY(m_panel->chooseLogo());
    QTRY_VERIFY_WITH_TIMEOUT(page(logoImage).toInt() > 0, kPageTimeoutMs);

    QVERIFY(m_panel->removeLogo());
    QTRY_COMPARE_WITH_TIMEOUT(page(markShown), QStringLiteral("mark"), kPageTimeoutMs);
}

void TestConsoleBrandingPreview::otherApiPathsAnswer404()
{
    PortalPreviewSchemeHandler *handler = m_panel->preview()->schemeHandler();
    const auto url = [](const QString &path) {
        return QUrl(QString::fromLatin1(PortalPreviewSchemeHandler::schemeName())
                    + QStringLiteral("://portal") + path);
    };
    // What the signed-out page asks for is answered, from the form.
    const PortalPreviewSchemeHandler::Answer branding
        = handler->answer("GET", url(QStringLiteral("/api/v1/branding")));
    QCOMPARE(branding.status, 200);
    QCOMPARE(QJsonDocument::fromJson(branding.body).object().value(QStringLiteral("name")),
             m_panel->nameEdit()->text());
    QCOMPARE(handler->answer("GET", url(QStringLiteral("/assets/app.js"))).status, 200);
    QCOMPARE(handler->answer("GET", url(QStringLiteral("/api/v1/i18n"))).status, 200);
    // Nothing else is.
    const QList<QPair<QByteArray, QString>> others{
        {"GET", QStringLiteral("/api/v1/me")},
        {"GET", QStringLiteral("/api/v1/home")},
        {"GET", QStringLiteral("/api/v1/tasks/1")},
        {"POST", QStringLiteral("/api/v1/auth/login")},
        {"POST", QStringLiteral("/api/v1/auth/invite")},
        {"POST", QStringLiteral("/api/v1/branding")},
        {"GET", QStringLiteral("/api/v1/branding/logo")}, // there is none
        {"GET", QStringLiteral("/assets/../index.html")},
    };
    for (const auto &[method, path] : others) {
        const PortalPreviewSchemeHandler::Answer answer = handler->answer(method, url(path));
        QVERIFY2(answer.status == 404, qPrintable(path));
        QCOMPARE(answer.contentType, QByteArrayLiteral("application/json"));
        QCOMPARE(QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("code")),
                 QStringLiteral("not_found"));
    }

    // From the page itself: a request for the session is answered 404 by the handler, and the
    // page gets no answer it could use.
    QTRY_COMPARE_WITH_TIMEOUT(page(QStringLiteral("document.querySelector('#topbar .brand') "
                                                  "? 'ready' : ''")),
                              QStringLiteral("ready"), kPageTimeoutMs);
    QSignalSpy answered(handler, &PortalPreviewSchemeHandler::answered);
    // Started again if the page reloads meanwhile; empty or "pending" until it has an answer.
    const QString fetchMe = QStringLiteral(
        "(function () { if (!window.previewFetch) { window.previewFetch = 'pending'; "
        "fetch('/api/v1/me', {credentials: 'same-origin'}).then("
        "function (r) { window.previewFetch = 'status ' + r.status; }, "
        "function () { window.previewFetch = 'refused'; }); } "
        "return 'fetch: ' + window.previewFetch; })()");
    QTRY_VERIFY(page(fetchMe).startsWith(QLatin1String("fetch: "))
                && m_pageValue != QLatin1String("fetch: pending"));
    QVERIFY2(m_pageValue == QLatin1String("fetch: refused")
                 || m_pageValue == QLatin1String("fetch: status 404"),
             qPrintable(m_pageValue));
    QTRY_VERIFY(!answered.isEmpty());
    const auto me = std::find_if(answered.cbegin(), answered.cend(), [](const QList<QVariant> &a) {
        return a.at(1).toString() == QLatin1String("/api/v1/me");
    });
    QVERIFY(me != answered.cend());
    QCOMPARE(me->at(2).toInt(), 404);
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM portal_session")), QStringLiteral("0"));
}

void TestConsoleBrandingPreview::previewCanBeSwitchedOff()
{
    PortalPreview *preview = m_panel->preview();
    QVERIFY(preview->view());
    // Reached by Tab from the switch before it, and named for screen readers.
    m_panel->showPreviewBox()->setFocus(Qt::TabFocusReason);
    QTest::keyClick(m_panel->showPreviewBox(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), preview);
    QTest::keyClick(preview, Qt::Key_Tab, Qt::ShiftModifier);
    QCOMPARE(QApplication::focusWidget(), m_panel->showPreviewBox());
    QCOMPARE(preview->accessibleName(), QStringLiteral("Portal preview"));

    QTest::keyClick(m_panel->showPreviewBox(), Qt::Key_Space);
    QVERIFY(!m_panel->showPreviewBox()->isChecked());
    QVERIFY(!preview->isVisible());
    QVERIFY(!preview->view());
    QCOMPARE(QSettings().value(QStringLiteral("branding/showPreview")).toBool(), false);

    // Remembered: the next console starts without it.
    m_window.reset();
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::SettingsPage);
    m_panel = m_window->brandingPanel();
    QVERIFY(!m_panel->showPreviewBox()->isChecked());
    QVERIFY(!m_panel->preview()->isVisible());
    QVERIFY(!m_panel->preview()->view());
    // And back on: the page loads again.
    m_panel->showPreviewBox()->setFocus();
    QTest::keyClick(m_panel->showPreviewBox(), Qt::Key_Space);
    QVERIFY(m_panel->preview()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(page(QStringLiteral("document.querySelector('#topbar .brand') "
                                                  "? 'ready' : ''")),
                              QStringLiteral("ready"), kPageTimeoutMs);
}

void TestConsoleBrandingPreview::withoutWebEngineThePanelStillWorks()
{
    m_window.reset();
    WebEngineAvailability::setProblemForTesting(QStringLiteral("Chromium is not here."));
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::SettingsPage); // the preview starts when first shown
    WebEngineAvailability::setProblemForTesting(QString());
    m_panel = m_window->brandingPanel();
    PortalPreview *preview = m_panel->preview();
    QVERIFY(preview->isVisible());
    QVERIFY(!preview->view());
    QVERIFY(preview->messageLabel()->isVisible());
    QVERIFY2(preview->messageLabel()->text().contains(QLatin1String("Chromium is not here.")),
             qPrintable(preview->messageLabel()->text()));
    retype(m_panel->nameEdit(), QStringLiteral("Northwind IT"));
    QTest::keyClick(m_panel->nameEdit(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(one(QStringLiteral("SELECT name FROM workspace")) == QLatin1String("Northwind IT"));
}

void TestConsoleBrandingPreview::webEngineProblems_data()
{
    QTest::addColumn<bool>("root");
    QTest::addColumn<bool>("sandboxDisabled");
    QTest::addColumn<bool>("helperFound");
    QTest::addColumn<QString>("says");
    QTest::addRow("a user") << false << false << true << QString();
    QTest::addRow("root, sandbox off") << true << true << true << QString();
    QTest::addRow("root, sandbox on") << true << false << true << QStringLiteral("root");
    QTest::addRow("no helper") << false << false << false << QStringLiteral("QtWebEngineProcess");
}

void TestConsoleBrandingPreview::webEngineProblems()
{
    QFETCH(bool, root);
    QFETCH(bool, sandboxDisabled);
    QFETCH(bool, helperFound);
    QFETCH(QString, says);
    const QString problem = WebEngineAvailability::problemFor(root, sandboxDisabled, helperFound);
    QCOMPARE(problem.isEmpty(), says.isEmpty());
    QVERIFY2(problem.contains(says), qPrintable(problem));
    // Here the preview did start (the tests run Chromium without its sandbox).
    QCOMPARE(WebEngineAvailability::problem(), QString());
}

int main(int argc, char **argv)
{
    // As the console does, before the application object.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    PortalPreviewSchemeHandler::registerScheme();
    QApplication app(argc, argv);
    TestConsoleBrandingPreview test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_console_branding_preview.moc"
