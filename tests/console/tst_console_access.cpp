// Portal access in the Companies page, on SQLite and PostgreSQL, driven as staff use it: the
// per-contact toggle (ACC-9), the workspace default for new contacts, and a contact's access log
// (ACC-11), whose model runs under QAbstractItemModelTester.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "companies/AccessLogDialog.h"
#include "companies/CompaniesView.h"
#include "companies/NewContactDialog.h"
#include "core/MessageBox.h"
#include "models/AccessLogModel.h"
#include "models/AuditModel.h"
#include "models/CompanyListModel.h"
#include "models/ContactListModel.h"
#include "security/AuditLog.h"
#include "settings/SignInPanel.h"
#include "storage/AccessRepository.h"
#include "storage/DirectoryRepository.h"
#include "widgets/EmptyState.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        prepareGuiTest(m_settingsDir.path());
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
        QVERIFY(m_window);
        m_window->showPage(MainWindow::CompaniesPage);
        m_view = m_window->companiesView();
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void toggleTurnsAccessOffAndOn();
    void defaultCheckboxDecidesForNewContacts();
    void requireTotpCheckboxIsStoredAndAudited();
    void accessLogListsTimeAddressAndAgent();

private:
    SignInPanel *signInPanel();
    void selectAcmeContact()
    {
        clickRow(m_view->companyTable(),
                 m_view->companyModel()->index(m_view->companyModel()->rowOf(m_fixture.acmeId),
                                               CompanyListModel::NameColumn));
        clickRow(m_view->contactTable(), m_view->contactModel()->index(
                                             m_view->contactModel()->rowOf(m_fixture.acmeContactId),
                                             ContactListModel::NameColumn));
        QCOMPARE(m_view->currentContactId(), m_fixture.acmeContactId);
    }
    QString accessCell()
    {
        return m_view->contactModel()
            ->index(m_view->contactModel()->rowOf(m_fixture.acmeContactId),
                    ContactListModel::PortalAccessColumn)
            .data()
            .toString();
    }
    bool storedAccess()
    {
        QString error;
        return DirectoryRepository(m_test->db())
            .contact(m_fixture.acmeContactId, &error)
            ->portalAccess;
    }
    QString latestAction()
    {
        QString error;
        const QList<AuditEvent> newest = AuditLog(m_test->db()).list({}, 1, 0, &error);
        return newest.isEmpty() ? QString()
                                : newest.first().action + QLatin1Char(' ') + newest.first().actor;
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
    CompaniesView *m_view = nullptr;
};

void TestConsoleAccess::toggleTurnsAccessOffAndOn()
{
    QAbstractItemModelTester tester(m_view->contactModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!m_view->accessButton()->isEnabled()); // no contact chosen yet
    selectAcmeContact();
    QPushButton *toggle = m_view->accessButton();
    QVERIFY(toggle->isEnabled());
    QCOMPARE(toggle->text(), QStringLiteral("Turn portal access off"));
    QCOMPARE(accessCell(), QStringLiteral("Yes"));

    // Turning it off asks first; "No" changes nothing.
    MessageBox::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("Alex Acme")));
    QVERIFY(storedAccess());
    QCOMPARE(accessCell(), QStringLiteral("Yes"));

    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!storedAccess());
    QCOMPARE(accessCell(), QStringLiteral("No"));
    QCOMPARE(m_view->currentContactId(), m_fixture.acmeContactId); // selection kept
    QCOMPARE(toggle->text(), QStringLiteral("Turn portal access on"));
    QVERIFY(!m_view->inviteButton()->isEnabled());
    QCOMPARE(latestAction(),
             QStringLiteral("access.disabled ") + QLatin1String(ConsoleFixture::kAdminEmail));

    // Turning it on needs no question; inviting works again.
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(storedAccess());
    QCOMPARE(accessCell(), QStringLiteral("Yes"));
    QCOMPARE(toggle->text(), QStringLiteral("Turn portal access off"));
    QCOMPARE(latestAction(),
             QStringLiteral("access.enabled ") + QLatin1String(ConsoleFixture::kAdminEmail));
    QVERIFY(m_view->inviteButton()->isEnabled());
    QVERIFY(m_view->inviteSelectedContact());
}

// Reached from the Companies page, where staff look for it, through its "Sign-in defaults…".
SignInPanel *TestConsoleAccess::signInPanel()
{
    m_window->showPage(MainWindow::CompaniesPage);
    auto *button = m_view->findChild<QPushButton *>(QStringLiteral("signInDefaults"));
    if (!button) {
        return nullptr;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    auto *panel = m_window->findChild<SignInPanel *>();
    return panel && panel->isVisible() ? panel : nullptr;
}

void TestConsoleAccess::defaultCheckboxDecidesForNewContacts()
{
    SignInPanel *settings = signInPanel();
    QVERIFY(settings);
    QCheckBox *box = settings->newContactsAccessBox();
    QVERIFY(box->isChecked());
    QTest::mouseClick(box, Qt::LeftButton);
    QVERIFY(!box->isChecked());
    QString error;
    // Stored when the settings are saved, not before.
    QVERIFY(DirectoryRepository(m_test->db()).workspace(&error)->newContactsPortalAccess);
    QVERIFY(settings->save());
    QVERIFY(!DirectoryRepository(m_test->db()).workspace(&error)->newContactsPortalAccess);
    QCOMPARE(latestAction(), QStringLiteral("access.default_changed ")
                                 + QLatin1String(ConsoleFixture::kAdminEmail));

    // A contact added now through the dialog starts without access.
    m_window->showPage(MainWindow::CompaniesPage);
    selectAcmeContact();
    QPointer<NewContactDialog> dialog = m_view->newContact();
    QVERIFY(dialog);
    retype(dialog->nameEdit(), QStringLiteral("Sam Acme"));
    retype(dialog->emailEdit(), QStringLiteral("sam@acme.example"));
    clickOk(dialog->buttons());
    QTRY_VERIFY(!dialog);
    const QModelIndex current = m_view->contactTable()->currentIndex();
    QCOMPARE(current.siblingAtColumn(ContactListModel::NameColumn).data().toString(),
             QStringLiteral("Sam Acme"));
    QCOMPARE(current.siblingAtColumn(ContactListModel::PortalAccessColumn).data().toString(),
             QStringLiteral("No"));
    QVERIFY(!m_view->inviteButton()->isEnabled());
    QCOMPARE(m_view->accessButton()->text(), QStringLiteral("Turn portal access on"));
    QCOMPARE(accessCell(), QStringLiteral("Yes")); // the earlier contact keeps it

    // Unsaved edits are dropped on reload: the box shows what is stored.
    QTest::mouseClick(box, Qt::LeftButton);
    QVERIFY(box->isChecked());
    settings->reload();
    QVERIFY(!box->isChecked());
    QTest::mouseClick(box, Qt::LeftButton);
    QVERIFY(settings->save());
    QVERIFY(DirectoryRepository(m_test->db()).workspace(&error)->newContactsPortalAccess);
}

void TestConsoleAccess::requireTotpCheckboxIsStoredAndAudited()
{
    SignInPanel *settings = signInPanel();
    QVERIFY(settings);
    QCheckBox *box = settings->requireTotpBox();
    QVERIFY(!box->isChecked());
    QString error;
    QVERIFY(!DirectoryRepository(m_test->db()).workspace(&error)->requireContactTotp);
    QTest::mouseClick(box, Qt::LeftButton);
    QVERIFY(box->isChecked());
    QVERIFY(settings->save());
    QVERIFY(DirectoryRepository(m_test->db()).workspace(&error)->requireContactTotp);
    QCOMPARE(latestAction(), QStringLiteral("totp.requirement_changed ")
                                 + QLatin1String(ConsoleFixture::kAdminEmail));

    // After a reload the box shows what is stored; saving it cleared turns it off again.
    settings->reload();
    QVERIFY(box->isChecked());
    QTest::mouseClick(box, Qt::LeftButton);
    QVERIFY(!box->isChecked());
    QVERIFY(settings->save());
    QVERIFY(!DirectoryRepository(m_test->db()).workspace(&error)->requireContactTotp);
}

void TestConsoleAccess::accessLogListsTimeAddressAndAgent()
{
    AccessRepository access(m_test->db());
    QString error;
    const qint64 start = 1'800'000'000'000;
    PortalAccess signIn;
    signIn.contactId = m_fixture.acmeContactId;
    signIn.atMs = start;
    signIn.kind = PortalAccess::Kind::SignIn;
    signIn.ip = QStringLiteral("203.0.113.9");
    signIn.userAgent = QStringLiteral("Mozilla/5.0 Firefox/128.0");
    QVERIFY2(access.recordAccess(signIn, &error), qPrintable(error));
    PortalAccess request = signIn;
    request.atMs = start + 5 * 60'000;
    request.kind = PortalAccess::Kind::Request;
    request.ip = QStringLiteral("198.51.100.4");
    QVERIFY2(access.recordAccess(request, &error), qPrintable(error));

    QVERIFY(!m_view->accessLogButton()->isEnabled());
    selectAcmeContact();
    QVERIFY(m_view->accessLogButton()->isEnabled());
    QTest::mouseClick(m_view->accessLogButton(), Qt::LeftButton);
    QPointer<AccessLogDialog> dialog = m_view->findChild<AccessLogDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->windowTitle().contains(QStringLiteral("Alex Acme")));
    QCOMPARE(dialog->errorText(), QString());
    QVERIFY(!dialog->emptyState()->isEmpty());
    AccessLogModel *model = dialog->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->rowCount(), 2);
    // Newest first: time, what, address, user agent.
    const QModelIndex newest = model->index(0, AccessLogModel::TimeColumn);
    QCOMPARE(newest.data().toString(), AuditModel::timeText(request.atMs));
    QCOMPARE(newest.siblingAtColumn(AccessLogModel::KindColumn).data().toString(),
             QStringLiteral("Used the portal"));
    QCOMPARE(newest.siblingAtColumn(AccessLogModel::IpColumn).data().toString(),
             QStringLiteral("198.51.100.4"));
    QCOMPARE(newest.siblingAtColumn(AccessLogModel::UserAgentColumn).data().toString(),
             QStringLiteral("Mozilla/5.0 Firefox/128.0"));
    const QModelIndex oldest = model->index(1, AccessLogModel::KindColumn);
    QCOMPARE(oldest.data().toString(), QStringLiteral("Signed in"));
    QCOMPARE(oldest.siblingAtColumn(AccessLogModel::IpColumn).data().toString(),
             QStringLiteral("203.0.113.9"));
    QCOMPARE(model->headerData(AccessLogModel::IpColumn, Qt::Horizontal).toString(),
             QStringLiteral("IP address"));

    // The second step of a sign-in (ACC-10) shows how it went.
    PortalAccess wrongCode = signIn;
    wrongCode.atMs = start + 6 * 60'000;
    wrongCode.kind = PortalAccess::Kind::SecondStepFailed;
    wrongCode.method = QLatin1String(PortalAccess::methodTotp);
    PortalAccess recovered = signIn;
    recovered.atMs = start + 7 * 60'000;
    recovered.method = QLatin1String(PortalAccess::methodRecoveryCode);
    QVERIFY2(access.recordAccess(wrongCode, &error), qPrintable(error));
    QVERIFY2(access.recordAccess(recovered, &error), qPrintable(error));
    dialog->reload();
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(model->index(0, AccessLogModel::KindColumn).data().toString(),
             QStringLiteral("Signed in (recovery code)"));
    QCOMPARE(model->index(1, AccessLogModel::KindColumn).data().toString(),
             QStringLiteral("Wrong authenticator code"));

    // A new access appears on reload, at the top.
    request.atMs = start + 10 * 60'000;
    request.ip = QStringLiteral("192.0.2.1");
    QVERIFY2(access.recordAccess(request, &error), qPrintable(error));
    dialog->reload();
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(model->index(0, AccessLogModel::IpColumn).data().toString(),
             QStringLiteral("192.0.2.1"));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Close), Qt::LeftButton);
    QTRY_VERIFY(!dialog);

    // A contact who never signed in gets a sentence instead of an empty table.
    clickRow(m_view->companyTable(),
             m_view->companyModel()->index(m_view->companyModel()->rowOf(m_fixture.birchId),
                                           CompanyListModel::NameColumn));
    clickRow(m_view->contactTable(),
             m_view->contactModel()->index(0, ContactListModel::NameColumn));
    AccessLogDialog *empty = m_view->showAccessLog();
    QVERIFY(empty);
    QVERIFY(empty->emptyState()->isEmpty());
    QCOMPARE(empty->model()->rowCount(), 0);
    empty->close();
}

QTEST_MAIN(TestConsoleAccess)
#include "tst_console_access.moc"
