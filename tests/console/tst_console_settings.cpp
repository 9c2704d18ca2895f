// Settings > Email and Settings > Sign-in (CON-10) on SQLite and PostgreSQL: the SMTP password
// goes to the OS keychain (a real Secret Service) and never to the database, bad settings are
// refused with the reason and change nothing, a test mail shows what a real SMTP server
// answered, and the portal's code and session lifetimes are saved.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "PrivateSecretService.h"
#include "SmtpSink.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "core/EmbeddedPortalSettings.h"
#include "http/TlsFiles.h"
#include "mail/MailPassword.h"
#include "services/ImpersonationService.h"
#include "services/MailConfigService.h"
#include "settings/EmailPanel.h"
#include "settings/PortalPanel.h"
#include "settings/SettingsView.h"
#include "settings/SignInPanel.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
#include "widgets/ErrorLabel.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QString kPassword = QStringLiteral("s3cret-smtp-pass");

} // namespace

class TestConsoleSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QVERIFY(m_keyringDir.isValid());
        prepareGuiTest(m_settingsDir.path());
        ensureSecretService(m_secretService, m_keyringDir.path(), &m_keyringProblem);
        QVERIFY2(m_sink.start(0, &m_sinkProblem), qPrintable(m_sinkProblem));
    }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_test = TestDatabase::create(engine);
        QVERIFY(m_test);
        m_fixture = ConsoleFixture();
        QCOMPARE(m_fixture.create(*m_test), QString());
        m_window = openMainWindow(m_fixture.context);
        m_window->showPage(MainWindow::SettingsPage);
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void emailSettingsKeepThePasswordInTheKeychain();
    void badEmailSettingsChangeNothing();
    void testMailShowsTheServersAnswer();
    void signInLifetimesAreSaved();
    void portalAddressAndTlsFilesAreCheckedThenKept();

private:
    EmailPanel *emailPanel();
    QStringList mailRows();

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_keyringDir;
    std::unique_ptr<PrivateSecretService> m_secretService;
    QString m_keyringProblem;
    SmtpSink m_sink;
    QString m_sinkProblem;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

EmailPanel *TestConsoleSettings::emailPanel()
{
    auto *settings = m_window->findChild<SettingsView *>();
    settings->tabs()->setCurrentWidget(settings->emailPanel());
    return settings->emailPanel();
}

QStringList TestConsoleSettings::mailRows()
{
    QStringList rows;
    SqlQuery query(m_test->db(), QStringLiteral("SELECT smtp_url, smtp_user, from_address, "
                                                "from_name FROM mail_config"));
    QString error;
    if (!query.exec(&error)) {
        return {error};
    }
    while (query.next()) {
        rows << QStringLiteral("%1|%2|%3|%4")
                    .arg(query.text(0), query.text(1), query.text(2), query.text(3));
    }
    return rows;
}

void TestConsoleSettings::emailSettingsKeepThePasswordInTheKeychain()
{
    EmailPanel *panel = emailPanel();
    QVERIFY(panel->isVisible());
    panel->serverEdit()->setText(QStringLiteral("smtps://mail.northwind.example:465"));
    panel->userEdit()->setText(QStringLiteral("portal@northwind.example"));
    panel->passwordEdit()->setText(kPassword);
    panel->fromAddressEdit()->setText(QStringLiteral("portal@northwind.example"));
    panel->fromNameEdit()->setText(QStringLiteral("Northwind IT"));
    QSignalSpy saved(panel, &EmailPanel::saved);
    QVERIFY(panel->save());
    QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty() || panel->errorLabel()->isVisible(), 30000);
    if (saved.isEmpty()) {
        QSKIP(qPrintable(QStringLiteral("no usable Secret Service (%1; %2)")
                             .arg(panel->errorLabel()->text(), m_keyringProblem)));
    }
    const MailSettings applied = saved.first().first().value<MailSettings>();
    QCOMPARE(applied.smtpUrl, QStringLiteral("smtps://mail.northwind.example:465"));
    QCOMPARE(applied.password, kPassword);
    QCOMPARE(applied.fromName, QStringLiteral("Northwind IT"));
    QVERIFY(panel->passwordEdit()->text().isEmpty());
    QTRY_VERIFY(panel->passwordStatus()->text().contains(QStringLiteral("stored in the keychain")));

    // The database has the settings and nothing of the password.
    QCOMPARE(mailRows(), QStringList{QStringLiteral("smtps://mail.northwind.example:465|"
                                                    "portal@northwind.example|"
                                                    "portal@northwind.example|Northwind IT")});
    QVERIFY(!mailRows().join(QString()).contains(kPassword));

    // The keychain has it, filed under this user and server only.
    MailPassword keychain;
    MailConfig config = *MailConfigService(m_test->db(), *m_fixture.context.clock).get(nullptr);
    std::optional<QString> stored;
    keychain.read(config, [&stored](const Keychain::Result &, const QString &password) {
        stored = password;
    });
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 30000);
    QCOMPARE(*stored, kPassword);
    config.smtpUrl = QStringLiteral("smtps://elsewhere.example:465");
    stored.reset();
    keychain.read(config, [&stored](const Keychain::Result &, const QString &password) {
        stored = password;
    });
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 30000);
    QVERIFY(stored->isEmpty());

    // Forgetting it leaves the settings and removes the password.
    const QStringList rows = mailRows();
    QVERIFY(panel->forgetPasswordButton()->isEnabled());
    QTest::mouseClick(panel->forgetPasswordButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->passwordStatus()->text().contains(QStringLiteral("No password")), 30000);
    QCOMPARE(mailRows(), rows);
    config.smtpUrl = QStringLiteral("smtps://mail.northwind.example:465");
    stored.reset();
    keychain.read(config, [&stored](const Keychain::Result &, const QString &password) {
        stored = password;
    });
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 30000);
    QVERIFY(stored->isEmpty());
}

void TestConsoleSettings::badEmailSettingsChangeNothing()
{
    EmailPanel *panel = emailPanel();
    panel->serverEdit()->setText(QStringLiteral("smtp://127.0.0.1:2525"));
    panel->fromAddressEdit()->setText(QStringLiteral("portal@northwind.example"));
    QVERIFY(panel->save());
    const QStringList before = mailRows();
    QCOMPARE(before.size(), 1);

    panel->serverEdit()->setText(QStringLiteral("http://mail.northwind.example"));
    QVERIFY(!panel->save());
    QVERIFY(panel->errorLabel()->isVisible());
    QVERIFY2(panel->errorLabel()->text().contains(QStringLiteral("smtp://host:587")),
             qPrintable(panel->errorLabel()->text()));
    panel->serverEdit()->setText(QStringLiteral("smtp://127.0.0.1:2525"));
    panel->fromNameEdit()->setText(QStringLiteral("Northwind\nBcc: all@example.com"));
    QVERIFY(!panel->save());
    QCOMPARE(mailRows(), before);

    // Reloading drops the unsaved edits.
    panel->reload();
    QCOMPARE(panel->fromNameEdit()->text(), QString());
    QCOMPARE(panel->serverEdit()->text(), QStringLiteral("smtp://127.0.0.1:2525"));
}

void TestConsoleSettings::testMailShowsTheServersAnswer()
{
    EmailPanel *panel = emailPanel();
    QCOMPARE(panel->testAddressEdit()->text(), QString::fromLatin1(ConsoleFixture::kAdminEmail));
    const int before = m_sink.count();
    // Unsaved settings are what the test uses.
    panel->serverEdit()->setText(m_sink.url());
    panel->fromAddressEdit()->setText(QStringLiteral("portal@northwind.example"));
    QSignalSpy finished(panel, &EmailPanel::testFinished);
    QTest::mouseClick(panel->testButton(), Qt::LeftButton);
    QVERIFY(!panel->testButton()->isEnabled()); // while it sends
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(panel->testResult()->text().contains(QStringLiteral("accepted the test mail: 250")),
             qPrintable(panel->testResult()->text()));
    QVERIFY(panel->testButton()->isEnabled());
    QTRY_COMPARE(m_sink.count(), before + 1);
    QVERIFY(m_sink.messages().last().contains("Subject: Test mail from"));
    QVERIFY(mailRows().isEmpty()); // nothing saved by testing

    // A server that is not there: the reason, and the button back.
    finished.clear();
    panel->serverEdit()->setText(QStringLiteral("smtp://127.0.0.1:%1").arg(SmtpSink::freePort()));
    QTest::mouseClick(panel->testButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(panel->testResult()->text().contains(QStringLiteral("failed")),
             qPrintable(panel->testResult()->text()));

    // Nothing to send to: said at once.
    finished.clear();
    panel->testAddressEdit()->setText(QStringLiteral("not an address"));
    QTest::mouseClick(panel->testButton(), Qt::LeftButton);
    QCOMPARE(finished.size(), 1);
    QVERIFY(panel->testResult()->text().contains(QStringLiteral("Enter the address")));
}

void TestConsoleSettings::signInLifetimesAreSaved()
{
    auto *settings = m_window->findChild<SettingsView *>();
    settings->tabs()->setCurrentWidget(settings->signInPanel());
    SignInPanel *panel = settings->signInPanel();
    QCOMPARE(panel->codeMinutesBox()->value(), 30);
    QCOMPARE(panel->sessionHoursBox()->value(), 24);
    QCOMPARE(panel->viewMinutesBox()->value(), 15);
    panel->codeMinutesBox()->setValue(15);
    panel->sessionHoursBox()->setValue(8);
    panel->viewMinutesBox()->setValue(25);
    panel->sessionHoursBox()->setFocus();
    QTRY_VERIFY(panel->sessionHoursBox()->hasFocus());
    QTest::keyClick(panel->sessionHoursBox(), Qt::Key_S, Qt::ControlModifier);
    QString error;
    const std::optional<Workspace> workspace = DirectoryRepository(m_test->db()).workspace(&error);
    QVERIFY(workspace);
    QCOMPARE(workspace->codeLifetimeMinutes, 15);
    QCOMPARE(workspace->sessionLifetimeHours, 8);
    QCOMPARE(ImpersonationService(m_test->db(), *m_fixture.context.clock).lifetimeMinutes(nullptr),
             25);
    // The spin boxes hold the service's bounds.
    panel->sessionHoursBox()->setValue(100000);
    QCOMPARE(panel->sessionHoursBox()->value(), 720);
}

void TestConsoleSettings::portalAddressAndTlsFilesAreCheckedThenKept()
{
    auto *settings = m_window->findChild<SettingsView *>();
    settings->tabs()->setCurrentWidget(settings->portalPanel());
    PortalPanel *panel = settings->portalPanel();
    QVERIFY(panel->isVisible());
    QVERIFY(panel->statusLabel()->text().contains(m_fixture.context.publicUrl));
    const EmbeddedPortalSettings before = EmbeddedPortalSettings::load();

    const auto refused = [&](const QString &address, const QString &certificate, const QString &key,
                             const QString &reason) {
        panel->addressEdit()->setText(address);
        panel->certificateEdit()->setText(certificate);
        panel->keyEdit()->setText(key);
        if (panel->save()) {
            return QStringLiteral("saved");
        }
        const EmbeddedPortalSettings now = EmbeddedPortalSettings::load();
        if (now.publicUrl != before.publicUrl
            || now.tlsCertificateFile != before.tlsCertificateFile) {
            return QStringLiteral("changed");
        }
        return panel->errorLabel()->text().contains(reason) ? QString()
                                                            : panel->errorLabel()->text();
    };
    QCOMPARE(
        refused(QStringLiteral("ftp://portal.example.com"), {}, {}, QStringLiteral("web address")),
        QString());
    QCOMPARE(refused(QStringLiteral("https://user@portal.example.com"), {}, {},
                     QStringLiteral("without a user")),
             QString());
    QTemporaryDir tls;
    QString certificate;
    QString key;
    QString error;
    QVERIFY2(TlsFiles::ensureSelfSigned(tls.path(), QString(), &certificate, &key, &error),
             qPrintable(error));
    QCOMPARE(refused(QStringLiteral("https://portal.example.com"), certificate, {},
                     QStringLiteral("or neither")),
             QString());
    // A certificate with a key that is not its own.
    QTemporaryDir other;
    QString otherCertificate;
    QString otherKey;
    QVERIFY2(
        TlsFiles::ensureSelfSigned(other.path(), QString(), &otherCertificate, &otherKey, &error),
        qPrintable(error));
    QCOMPARE(refused(QStringLiteral("https://portal.example.com"), certificate, otherKey,
                     QStringLiteral("cannot be used")),
             QString());

    panel->addressEdit()->setText(QStringLiteral("https://portal.example.com/"));
    panel->certificateEdit()->setText(certificate);
    panel->keyEdit()->setText(key);
    QVERIFY(panel->save());
    QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("restart")));
    const EmbeddedPortalSettings saved = EmbeddedPortalSettings::load();
    QCOMPARE(saved.publicUrl, QStringLiteral("https://portal.example.com"));
    QCOMPARE(saved.tlsCertificateFile, certificate);
    QCOMPARE(saved.tlsKeyFile, key);
    panel->addressEdit()->clear();
    panel->reload();
    QCOMPARE(panel->addressEdit()->text(), QStringLiteral("https://portal.example.com"));

    // Back to plain HTTP on this computer's address, for the other tests.
    panel->addressEdit()->clear();
    panel->certificateEdit()->clear();
    panel->keyEdit()->clear();
    QVERIFY(panel->save());
}

QTEST_MAIN(TestConsoleSettings)
#include "tst_console_settings.moc"
