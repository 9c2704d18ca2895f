// The console when its database goes away and comes back: a banner says so (as an alert for
// screen readers), nothing polls the dead connection, the console reconnects by itself (or at
// Retry now), the banner goes and the lists show what changed meanwhile. SQLite: the file is
// moved away and back. PostgreSQL: a private server of the test's own is stopped and started.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "PrivatePostgres.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "core/DatabaseBanner.h"
#include "core/DatabaseHealth.h"
#include "models/OnboardingListModel.h"
#include "models/TemplateListModel.h"
#include "onboardings/OnboardingsView.h"
#include "services/OnboardingService.h"
#include "settings/BrandingPanel.h"
#include "settings/PagesPanel.h"
#include "storage/DirectoryRepository.h"
#include "storage/TemplateRepository.h"
#include "templates/TemplateEditor.h"
#include "templates/TemplatesView.h"
#include "widgets/ErrorLabel.h"

#include <QAccessible>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleDatabaseLost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        prepareGuiTest(m_settingsDir.path());
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
        QSettings().clear();
    }

    void sqliteFileGoneAndBack();
    void postgresServerStoppedAndStarted();
    void editsSurviveSavesWhileTheDatabaseIsGone();

private:
    // What a client's action in the portal (another process) leaves in the database.
    qint64 createOnboardingElsewhere(const Database &db, const QString &name);
    int onboardingRows() const { return m_window->onboardingsView()->model()->rowCount(); }
    void verifyBannerShown();
    // Moves the SQLite file and its WAL companions from `from` to `to`.
    static bool moveDatabaseFile(const QString &from, const QString &to);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

qint64 TestConsoleDatabaseLost::createOnboardingElsewhere(const Database &db, const QString &name)
{
    QString dbError;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(db).list(m_fixture.workspaceId, &dbError);
    if (templates.isEmpty()) {
        qWarning().noquote() << "no template:" << dbError;
        return 0;
    }
    ServiceError error;
    const qint64 id
        = OnboardingService(db, Clock::system())
              .createFromTemplate(m_fixture.acmeId, templates.first().id, name, QDate(2030, 1, 7),
                                  Actor::system(QStringLiteral("Sam")), &error);
    if (id == 0) {
        qWarning().noquote() << error.message;
    }
    return id;
}

void TestConsoleDatabaseLost::verifyBannerShown()
{
    DatabaseBanner *banner = m_window->databaseBanner();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
    const QString text = banner->textLabel()->text();
    QVERIFY2(text.startsWith(QStringLiteral("The database cannot be reached: ")), qPrintable(text));
    QVERIFY2(text.endsWith(QStringLiteral(". Retrying…")), qPrintable(text));
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(banner);
    QVERIFY(accessible);
    QCOMPARE(accessible->role(), QAccessible::AlertMessage);
    QVERIFY(banner->retryButton()->isVisible());
    QVERIFY(!m_window->databaseHealth()->isReachable());
    // Nothing but the reconnect attempts touches the database meanwhile.
    QVERIFY(!m_window->activityWatcher()->isActive());
    QVERIFY(!m_window->activityWatcher()->isListening());
}

bool TestConsoleDatabaseLost::moveDatabaseFile(const QString &from, const QString &to)
{
    const QStringList suffixes = {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")};
    for (const QString &suffix : suffixes) {
        if (QFile::exists(from + suffix) && !QFile::rename(from + suffix, to + suffix)) {
            return false;
        }
    }
    return true;
}

void TestConsoleDatabaseLost::sqliteFileGoneAndBack()
{
    QString error;
    m_test = TestDatabase::create(Engine::Sqlite, &error);
    QVERIFY2(m_test, qPrintable(error));
    QCOMPARE(m_fixture.create(*m_test), QString());
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    DatabaseHealth *health = m_window->databaseHealth();
    health->setHeartbeatMs(100);
    health->setRetryDelays(100, 800);
    QVERIFY(m_window->databaseBanner()->isHidden());
    QVERIFY(m_window->activityWatcher()->isActive());
    const int before = onboardingRows();

    // The file goes away (moved, or its share unmounted) with its WAL companions.
    const QString file = m_test->config().sqliteFile;
    const QString away = file + QStringLiteral(".away");
    QVERIFY(moveDatabaseFile(file, away));
    verifyBannerShown();
    QVERIFY2(m_window->databaseBanner()->textLabel()->text().contains(QStringLiteral("missing")),
             qPrintable(m_window->databaseBanner()->textLabel()->text()));
    // It keeps trying, less and less often, and never makes an empty database in its place.
    QTRY_VERIFY_WITH_TIMEOUT(health->retryDelayMs() >= 400, 5000);
    QVERIFY(!QFile::exists(file));

    // Meanwhile the portal (another process, on the file where it now is) records a change.
    {
        Database portal(DatabaseConfig::sqlite(away));
        QVERIFY2(portal.open(&error), qPrintable(error));
        QVERIFY(createOnboardingElsewhere(portal, QStringLiteral("While away")));
    }
    QCOMPARE(onboardingRows(), before);

    QVERIFY(moveDatabaseFile(away, file));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->databaseBanner()->isHidden(), 5000);
    QVERIFY(health->isReachable());
    QVERIFY(m_window->activityWatcher()->isActive());
    QTRY_COMPARE(onboardingRows(), before + 1);

    // And it follows the feed again.
    QVERIFY(createOnboardingElsewhere(m_test->db(), QStringLiteral("After")));
    QTRY_COMPARE_WITH_TIMEOUT(onboardingRows(), before + 2, 5000);
}

void TestConsoleDatabaseLost::postgresServerStoppedAndStarted()
{
    if (!PrivatePostgres::isAvailable()) {
        QSKIP("GATEHOUSE_TEST_PG_BINDIR does not name a PostgreSQL installation");
    }
    PrivatePostgres server;
    QString error;
    QVERIFY2(server.create(&error), qPrintable(error));
    // TestDatabase makes its database on whichever server this names.
    const QByteArray shared = qgetenv("GATEHOUSE_TEST_PG_URL");
    qputenv("GATEHOUSE_TEST_PG_URL", server.adminUrl().toUtf8());
    m_test = TestDatabase::create(Engine::Postgres, &error);
    qputenv("GATEHOUSE_TEST_PG_URL", shared);
    QVERIFY2(m_test, qPrintable(error));
    QCOMPARE(m_fixture.create(*m_test), QString());
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    DatabaseHealth *health = m_window->databaseHealth();
    health->setHeartbeatMs(100);
    // Only Retry now reconnects within this test; the automatic backoff is the SQLite case's.
    health->setRetryDelays(60 * 1000, 60 * 1000);
    ActivityWatcher *watcher = m_window->activityWatcher();
    QVERIFY(watcher->isListening());
    QCOMPARE(watcher->safetyIntervalMs(), ActivityWatcher::kSafetyIntervalMs);
    const int before = onboardingRows();

    QVERIFY2(server.stop(&error), qPrintable(error));
    verifyBannerShown();
    const QString firstText = m_window->databaseBanner()->textLabel()->text();

    // Retry now while the server is still down: the banner stays.
    QTest::mouseClick(m_window->databaseBanner()->retryButton(), Qt::LeftButton);
    QVERIFY(m_window->databaseBanner()->isVisible());
    QVERIFY(!health->isReachable());

    QVERIFY2(server.start(&error), qPrintable(error));
    // A client acts through the portal (its own connection) before the console is back.
    {
        Database portal(m_test->config());
        QVERIFY2(portal.open(&error), qPrintable(error));
        QVERIFY(createOnboardingElsewhere(portal, QStringLiteral("While stopped")));
    }
    QTest::mouseClick(m_window->databaseBanner()->retryButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->databaseBanner()->isHidden(), 5000);
    QVERIFY2(health->isReachable(), qPrintable(firstText));
    QTRY_COMPARE(onboardingRows(), before + 1);

    // Notifications flow again on a fresh listening connection: the next change shows long
    // before the 30 s safety poll.
    QVERIFY(watcher->isListening());
    {
        Database portal(m_test->config());
        QVERIFY2(portal.open(&error), qPrintable(error));
        QVERIFY(createOnboardingElsewhere(portal, QStringLiteral("After")));
    }
    QTRY_COMPARE_WITH_TIMEOUT(onboardingRows(), before + 2, 3000);

    // The test's database is dropped on the private server while it still runs.
    m_window.reset();
    m_test.reset();
}

// Staff are halfway through edits when the database goes: saving fails with a message and
// keeps every edit; when the database is back (and every list is read again) the edits are
// still there and save.
void TestConsoleDatabaseLost::editsSurviveSavesWhileTheDatabaseIsGone()
{
    QString error;
    m_test = TestDatabase::create(Engine::Sqlite, &error);
    QVERIFY2(m_test, qPrintable(error));
    QCOMPARE(m_fixture.create(*m_test), QString());
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    DatabaseHealth *health = m_window->databaseHealth();
    health->setHeartbeatMs(100);
    health->setRetryDelays(60 * 1000, 60 * 1000); // Retry now decides when it is back

    // A template renamed, a new page typed, the branding's name changed: none saved yet.
    m_window->showPage(MainWindow::TemplatesPage);
    TemplatesView *templates = m_window->templatesView();
    QVERIFY(templates->model()->rowCount() > 0);
    templates->list()->setCurrentIndex(templates->model()->index(0, 0));
    TemplateEditor *editor = templates->editor();
    QTRY_VERIFY(editor->templateId() != 0);
    const qint64 templateId = editor->templateId();
    retype(editor->nameEdit(), QStringLiteral("Renamed while away"));
    QVERIFY(editor->isDirty());

    PagesPanel *pages = m_window->findChild<PagesPanel *>();
    QVERIFY(pages);
    QVERIFY(pages->newPage());
    QTest::keyClicks(pages->titleEdit(), QStringLiteral("Away page"));
    QTest::keyClicks(pages->markdownEdit(), QStringLiteral("Written while the database was gone"));
    QVERIFY(pages->hasUnsavedEdits());

    BrandingPanel *branding = m_window->brandingPanel();
    retype(branding->nameEdit(), QStringLiteral("Away brand"));

    const QString file = m_test->config().sqliteFile;
    const QString away = file + QStringLiteral(".away");
    QVERIFY(moveDatabaseFile(file, away));
    verifyBannerShown();

    // Each save fails, says why, and keeps the edits.
    QVERIFY(!editor->save());
    QVERIFY2(editor->errorText().contains(QStringLiteral("cannot be reached")),
             qPrintable(editor->errorText()));
    QVERIFY(editor->isDirty());
    QCOMPARE(editor->nameEdit()->text(), QStringLiteral("Renamed while away"));

    QVERIFY(!pages->save());
    QVERIFY(!pages->errorLabel()->isHidden());
    QVERIFY2(pages->errorLabel()->text().contains(QStringLiteral("cannot be reached")),
             qPrintable(pages->errorLabel()->text()));
    QVERIFY(pages->hasUnsavedEdits());
    QCOMPARE(pages->titleEdit()->text(), QStringLiteral("Away page"));

    QVERIFY(!branding->save());
    auto *brandingError = branding->findChild<ErrorLabel *>();
    QVERIFY(brandingError);
    QVERIFY2(brandingError->text().contains(QStringLiteral("cannot be reached")),
             qPrintable(brandingError->text()));
    QCOMPARE(branding->nameEdit()->text(), QStringLiteral("Away brand"));

    // Back: the lists are read again, the edits stay, and now they save.
    QVERIFY(moveDatabaseFile(away, file));
    QTest::mouseClick(m_window->databaseBanner()->retryButton(), Qt::LeftButton);
    QTRY_VERIFY(m_window->databaseBanner()->isHidden());
    QCOMPARE(editor->templateId(), templateId);
    QCOMPARE(editor->nameEdit()->text(), QStringLiteral("Renamed while away"));
    QCOMPARE(pages->titleEdit()->text(), QStringLiteral("Away page"));
    QCOMPARE(branding->nameEdit()->text(), QStringLiteral("Away brand"));

    QVERIFY2(editor->save(), qPrintable(editor->errorText()));
    QVERIFY2(pages->save(), qPrintable(pages->errorLabel()->text()));
    QVERIFY2(branding->save(), qPrintable(brandingError->text()));
    const std::optional<OnboardingTemplate> stored
        = TemplateRepository(m_test->db()).get(templateId, &error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->name, QStringLiteral("Renamed while away"));
    const std::optional<Workspace> workspace = DirectoryRepository(m_test->db()).workspace(&error);
    QVERIFY(workspace);
    QCOMPARE(workspace->name, QStringLiteral("Away brand"));
}

QTEST_MAIN(TestConsoleDatabaseLost)
#include "tst_console_database_lost.moc"
