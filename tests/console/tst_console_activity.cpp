// The Activity page (CON-9, TRU-2) as staff use it, on SQLite and PostgreSQL: the audit trail
// listed and filtered, exported, verified, and tampering pointed out; its model under
// QAbstractItemModelTester; staff sign-in through the login dialog recorded.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "activity/ActivityView.h"
#include "core/FileDialog.h"
#include "models/AuditModel.h"
#include "security/AuditLog.h"
#include "services/InviteService.h"
#include "services/OnboardingService.h"
#include "setup/LoginDialog.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"
#include "widgets/EmptyState.h"
#include "widgets/ErrorLabel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleActivity : public QObject
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
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void activityPageListsAndFiltersTheTrail();
    void verifyFindsTheTamperedEvent();
    void exportWritesTheFilteredEvents();
    void auditModel();
    void loginDialogRecordsEverySignIn();

private:
    QList<AuditEvent> allEvents()
    {
        QString error;
        return AuditLog(m_test->db()).list({}, 1000, 0, &error);
    }
    ActivityView *openActivityPage();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleActivity::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    // Staff at work: two invitations and an onboarding.
    ServiceError error;
    InviteService invites(m_test->db(), Clock::system(), QStringLiteral("http://127.0.0.1:1"));
    QVERIFY(invites.invite(m_fixture.acmeContactId, m_fixture.context.actor(), true, &error));
    QVERIFY(invites.invite(m_fixture.birchContactId, m_fixture.context.actor(), true, &error));
    QString dbError;
    const qint64 templateId
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError).first().id;
    QVERIFY(OnboardingService(m_test->db(), Clock::system())
                .createFromTemplate(m_fixture.acmeId, templateId, QStringLiteral("Acme rollout"),
                                    QDate(2030, 1, 7), m_fixture.context.actor(), &error));
}

ActivityView *TestConsoleActivity::openActivityPage()
{
    m_window = openMainWindow(m_fixture.context);
    if (!m_window) {
        return nullptr;
    }
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get())) {
        return nullptr;
    }
    QTest::keyClick(m_window.get(), Qt::Key_7, Qt::ControlModifier);
    return m_window->currentPage() == MainWindow::ActivityPage ? m_window->activityView() : nullptr;
}

void TestConsoleActivity::activityPageListsAndFiltersTheTrail()
{
    ActivityView *view = openActivityPage();
    QVERIFY(view);
    AuditModel *model = view->model();
    // workspace.created, vault.created, two invitations, the onboarding; newest first.
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(view->countLabel()->text(), QStringLiteral("5 events"));
    QCOMPARE(model->index(0, AuditModel::ActionColumn).data().toString(),
             QStringLiteral("Onboarding created"));
    QCOMPARE(model->index(0, AuditModel::ActorColumn).data().toString(),
             QString::fromLatin1(ConsoleFixture::kAdminEmail));
    QCOMPARE(model->index(3, AuditModel::ActionColumn).data().toString(),
             QStringLiteral("Vault created"));
    QCOMPARE(model->index(4, AuditModel::ActionColumn).data(AuditModel::ActionKeyRole).toString(),
             QStringLiteral("workspace.created"));

    QTest::keyClicks(view->filterEdit(), QStringLiteral("BIRCH.example"));
    QTRY_COMPARE(model->rowCount(), 1);
    QVERIFY(model->index(0, AuditModel::DetailColumn)
                .data()
                .toString()
                .contains(QLatin1String("jordan@birch.example")));
    retype(view->filterEdit(), QStringLiteral("100%_no_match"));
    QTRY_COMPARE(model->rowCount(), 0); // % and _ are taken literally
    QVERIFY(view->emptyState()->isEmpty());
    view->filterEdit()->clear();
    QTRY_COMPARE(model->rowCount(), 5);

    QComboBox *actions = view->actionCombo();
    QCOMPARE(actions->itemText(0), QStringLiteral("All actions"));
    const int invitations = actions->findData(QStringLiteral("invite.sent"));
    QVERIFY(invitations > 0);
    QCOMPARE(actions->itemText(invitations), QStringLiteral("Invitation"));
    actions->setCurrentIndex(invitations);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(view->countLabel()->text(), QStringLiteral("2 events"));

    // A client signs in on the portal: the page follows the activity feed by itself.
    ServiceError error;
    QVERIFY(InviteService(m_test->db(), Clock::system(), QStringLiteral("http://127.0.0.1:1"))
                .invite(m_fixture.acmeContactId, m_fixture.context.actor(), false, &error));
    QTRY_COMPARE(model->rowCount(), 3);
    actions->setCurrentIndex(0);
    QCOMPARE(model->rowCount(), 6);
}

void TestConsoleActivity::verifyFindsTheTamperedEvent()
{
    ActivityView *view = openActivityPage();
    QVERIFY(view);
    QTest::mouseClick(view->verifyButton(), Qt::LeftButton);
    QVERIFY(view->noticeLabel()->isVisible());
    QCOMPARE(view->noticeLabel()->text(), QStringLiteral("Chain intact: 5 events checked"));
    QVERIFY(!view->errorLabel()->isVisible());

    // Someone with access to the database rewrites what an invitation said.
    const QList<AuditEvent> events = allEvents();
    const AuditEvent target = events.at(2); // the first invitation
    QCOMPARE(target.action, QStringLiteral("invite.sent"));
    SqlQuery tamper(m_test->db(), QStringLiteral("UPDATE audit_event SET detail = ? WHERE id = ?"));
    tamper << QStringLiteral("Nothing happened") << target.id;
    QString dbError;
    QVERIFY2(tamper.exec(&dbError), qPrintable(dbError));
    // A filter that hides the event: the page shows everything again to point at it.
    QTest::keyClicks(view->filterEdit(), QStringLiteral("onboarding"));
    QTRY_COMPARE(view->model()->rowCount(), 1);

    QTest::mouseClick(view->verifyButton(), Qt::LeftButton);
    QVERIFY(!view->noticeLabel()->isVisible());
    QVERIFY(view->errorLabel()->isVisible());
    const QString message = view->errorLabel()->text();
    QVERIFY2(message.startsWith(QStringLiteral("The audit trail was tampered with: the chain "
                                               "breaks at event %1 (")
                                    .arg(target.id)),
             qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("Its contents were changed after it was written.")),
             qPrintable(message));
    QVERIFY2(message.endsWith(QLatin1String("The 2 events before it are intact.")),
             qPrintable(message));
    QVERIFY(view->filterEdit()->text().isEmpty());
    QCOMPARE(view->model()->rowCount(), 5);
    QCOMPARE(view->currentEventId(), target.id);
    const QModelIndex current = view->tableView()->currentIndex();
    QVERIFY(current.data(AuditModel::BrokenRole).toBool());
    QCOMPARE(current.siblingAtColumn(AuditModel::DetailColumn).data().toString(),
             QStringLiteral("Nothing happened"));
    QVERIFY(current.data(Qt::ForegroundRole).isValid()); // shown in red
}

void TestConsoleActivity::exportWritesTheFilteredEvents()
{
    ActivityView *view = openActivityPage();
    QVERIFY(view);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    FileDialog::setNextSaveFileName(QString()); // cancelled
    QVERIFY(!view->exportCsv());
    QVERIFY(!view->noticeLabel()->isVisible());

    view->actionCombo()->setCurrentIndex(
        view->actionCombo()->findData(QStringLiteral("invite.sent")));
    const QString path = dir.filePath(QStringLiteral("audit.csv"));
    FileDialog::setNextSaveFileName(path);
    QTest::mouseClick(view->exportButton(), Qt::LeftButton);
    QTRY_VERIFY(view->noticeLabel()->isVisible());
    QVERIFY2(view->noticeLabel()->text().startsWith(QLatin1String("Exported 2 events to")),
             qPrintable(view->noticeLabel()->text()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 4); // header, two invitations, the final line break
    QVERIFY(lines.at(0).startsWith("id,time_utc,"));
    QVERIFY(lines.at(1).contains(",invite.sent,contact:"));
    QVERIFY(lines.at(2).contains("jordan@birch.example"));

    FileDialog::setNextSaveFileName(dir.filePath(QStringLiteral("missing/folder/audit.csv")));
    QVERIFY(!view->exportCsv());
    QVERIFY(view->errorLabel()->isVisible());
    QVERIFY(view->errorLabel()->text().startsWith(QLatin1String("The audit trail could not be "
                                                                "exported to")));
}

void TestConsoleActivity::auditModel()
{
    AuditModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QList<AuditEvent> events = allEvents();
    model.setRows(events);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(AuditModel::ColumnCount));
    QCOMPARE(model.headerData(AuditModel::IpColumn, Qt::Horizontal).toString(),
             QStringLiteral("IP address"));
    QCOMPARE(model.index(1, 0).data(AuditModel::IdRole).toLongLong(), events.at(1).id);
    QCOMPARE(model.index(1, 0).data(AuditModel::HashRole).toString(), events.at(1).hash);
    QCOMPARE(AuditModel::actionLabel(QStringLiteral("login.locked_out")),
             QStringLiteral("Sign-in locked: too many wrong codes"));
    QCOMPARE(AuditModel::actionLabel(QStringLiteral("future.action")),
             QStringLiteral("future.action"));

    model.setBrokenId(events.at(1).id);
    QVERIFY(model.index(1, AuditModel::DetailColumn).data(AuditModel::BrokenRole).toBool());
    QVERIFY(!model.index(0, AuditModel::DetailColumn).data(AuditModel::BrokenRole).toBool());
    model.setRows(events); // the same rows: changed cells only
    events.removeFirst();
    model.setRows(events);
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(model.index(0, 0).data(AuditModel::BrokenRole).toBool());
    model.setBrokenId(0);
    model.setRows({});
    QVERIFY(!model.index(0, 0).isValid());
}

void TestConsoleActivity::loginDialogRecordsEverySignIn()
{
    LoginDialog login(m_test->db(), QStringLiteral("Northwind IT"));
    login.show();
    QVERIFY(QTest::qWaitForWindowExposed(&login));
    QTest::keyClicks(login.emailEdit(), QString::fromLatin1(ConsoleFixture::kAdminEmail));
    QTest::keyClicks(login.passwordEdit(), QStringLiteral("not the password"));
    QTest::mouseClick(login.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(login.errorText(), QStringLiteral("The email or password is not correct."));
    QCOMPARE(allEvents().first().action, QStringLiteral("staff.login_failed"));

    QTest::keyClicks(login.passwordEdit(), QString::fromLatin1(ConsoleFixture::kAdminPassword));
    QTest::keyClick(login.passwordEdit(), Qt::Key_Return);
    QTRY_VERIFY(!login.isVisible());
    QVERIFY(login.staff());
    const AuditEvent event = allEvents().first();
    QCOMPARE(event.action, QStringLiteral("staff.login"));
    QCOMPARE(event.actor, QString::fromLatin1(ConsoleFixture::kAdminEmail));
}

QTEST_MAIN(TestConsoleActivity)
#include "tst_console_activity.moc"
