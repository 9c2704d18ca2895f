// The staff console as staff use it, on SQLite and PostgreSQL: first run, sign-in, and the
// onboarding slice end to end, with a client's work showing up live.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "models/OnboardingListModel.h"
#include "models/OnboardingTreeModel.h"
#include "onboardings/NewOnboardingDialog.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/OnboardingsView.h"
#include "services/OnboardingService.h"
#include "services/WorkspaceSetup.h"
#include "setup/LoginDialog.h"
#include "setup/SetupAdminPage.h"
#include "setup/SetupWizard.h"
#include "setup/SetupWorkspacePage.h"
#include "storage/DirectoryRepository.h"
#include "storage/TemplateRepository.h"
#include "widgets/EmptyState.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsole : public QObject
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
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void firstRunWizardRefusesBadInputThenCreatesTheWorkspace();
    void loginRefusesAWrongPasswordAndKeepsTheEmail();
    void onboardingSliceEndToEnd();
    void shortcutsSwitchPagesAndGeometryIsSaved();

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsole::firstRunWizardRefusesBadInputThenCreatesTheWorkspace()
{
    WorkspaceSetup setup(m_test->db(), Clock::system());
    QString error;
    QVERIFY(!setup.hasWorkspace(&error));

    SetupWizard wizard(m_test->db(), Clock::system());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // a name is required
    QTest::keyClicks(wizard.workspacePage()->nameEdit(), QStringLiteral("Northwind IT"));
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    SetupAdminPage *page = wizard.adminPage();
    QCOMPARE(wizard.currentPage(), page);

    QTest::keyClicks(page->nameEdit(), QStringLiteral("Dana Admin"));
    QTest::keyClicks(page->emailEdit(), QStringLiteral("dana@northwind.example"));
    QTest::keyClicks(page->passwordEdit(), QStringLiteral("short"));
    QTest::keyClicks(page->confirmationEdit(), QStringLiteral("short"));
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);
    QCOMPARE(page->errorText(),
             QStringLiteral("The password must be at least 10 characters long."));
    QVERIFY(wizard.isVisible());
    QVERIFY(!setup.hasWorkspace(&error));

    retype(page->passwordEdit(), QStringLiteral("correct horse battery"));
    retype(page->confirmationEdit(), QStringLiteral("correct horse batteyr"));
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);
    QCOMPARE(page->errorText(),
             QStringLiteral("The passwords do not match. Type the same password twice."));
    QVERIFY(wizard.isVisible());
    QVERIFY(!setup.hasWorkspace(&error));

    // Refused by the repository: shown on the page, the transaction leaves nothing behind.
    retype(page->confirmationEdit(), QStringLiteral("correct horse battery"));
    retype(page->emailEdit(), QStringLiteral("dana at northwind"));
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);
    QVERIFY2(page->errorText().contains(QLatin1String("Enter a valid email address.")),
             qPrintable(page->errorText()));
    QVERIFY(wizard.isVisible());
    QVERIFY(!setup.hasWorkspace(&error));
    // Nothing typed was lost.
    QCOMPARE(wizard.field(QStringLiteral("workspaceName")).toString(),
             QStringLiteral("Northwind IT"));
    QCOMPARE(page->nameEdit()->text(), QStringLiteral("Dana Admin"));
    QCOMPARE(page->passwordEdit()->text(), QStringLiteral("correct horse battery"));

    retype(page->emailEdit(), QStringLiteral("dana@northwind.example"));
    QTest::mouseClick(wizard.button(QWizard::FinishButton), Qt::LeftButton);
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
    QTRY_VERIFY(!wizard.isVisible());
    QCOMPARE(wizard.result(), int(QDialog::Accepted));
    QVERIFY(wizard.workspaceId() != 0);
    QCOMPARE(wizard.adminEmail(), QStringLiteral("dana@northwind.example"));

    DirectoryRepository directory(m_test->db());
    const std::optional<Workspace> workspace = directory.workspace(&error);
    QVERIFY(workspace);
    QCOMPARE(workspace->name, QStringLiteral("Northwind IT"));
    const std::optional<StaffMember> admin = directory.authenticateStaff(
        QStringLiteral("dana@northwind.example"), QStringLiteral("correct horse battery"), &error);
    QVERIFY2(admin, qPrintable(error));
    QCOMPARE(admin->name, QStringLiteral("Dana Admin"));
    QCOMPARE(admin->role, QStringLiteral("admin"));
    QCOMPARE(TemplateRepository(m_test->db()).list(workspace->id, &error).size(), 1);
}

void TestConsole::loginRefusesAWrongPasswordAndKeepsTheEmail()
{
    QCOMPARE(m_fixture.create(*m_test), QString());
    LoginDialog login(m_test->db(), QStringLiteral("Northwind IT"));
    login.show();
    QVERIFY(QTest::qWaitForWindowExposed(&login));
    QPushButton *signIn = login.buttons()->button(QDialogButtonBox::Ok);
    QVERIFY(!signIn->isEnabled());

    QTest::keyClicks(login.emailEdit(), QStringLiteral("Dana@Northwind.example"));
    QTest::keyClicks(login.passwordEdit(), QStringLiteral("not the password"));
    QTest::mouseClick(signIn, Qt::LeftButton);
    QCOMPARE(login.errorText(), QStringLiteral("The email or password is not correct."));
    QVERIFY(login.isVisible());
    QVERIFY(!login.staff());
    QCOMPARE(login.emailEdit()->text(), QStringLiteral("Dana@Northwind.example"));
    QVERIFY(login.passwordEdit()->text().isEmpty());
    QVERIFY(login.passwordEdit()->hasFocus());

    QTest::keyClicks(login.passwordEdit(), QString::fromLatin1(ConsoleFixture::kAdminPassword));
    QTest::keyClick(login.passwordEdit(), Qt::Key_Return);
    QTRY_VERIFY(!login.isVisible());
    QCOMPARE(login.result(), int(QDialog::Accepted));
    QVERIFY(login.staff());
    QCOMPARE(login.staff()->name, QStringLiteral("Dana Admin"));
}

void TestConsole::onboardingSliceEndToEnd()
{
    QCOMPARE(m_fixture.create(*m_test), QString());
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    MainWindow &window = *m_window;
    OnboardingsView *view = window.onboardingsView();
    QVERIFY(view->emptyState()->isEmpty());
    QCOMPARE(view->emptyState()->message(),
             QStringLiteral("No onboardings yet — create one with New onboarding."));

    QPointer<NewOnboardingDialog> dialog = openNewOnboardingDialog(window);
    QVERIFY(dialog);
    QCOMPARE(dialog->companyCombo()->currentText(), QStringLiteral("Acme Dental"));
    QTest::keyClicks(dialog->companyCombo(), QStringLiteral("Birch"));
    QCOMPARE(dialog->companyCombo()->currentText(), QStringLiteral("Birch Legal"));
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Onboarding Birch Legal"));
    QCOMPARE(dialog->templateCombo()->currentText(), QStringLiteral("Managed services onboarding"));
    QCOMPARE(dialog->startDateEdit()->date(), QDate::currentDate());

    // Refused: the dialog says why, stays open, and keeps the name as typed.
    const QString tooLong(201, QLatin1Char('x'));
    retype(dialog->nameEdit(), tooLong);
    clickOk(dialog->buttons());
    QCOMPARE(dialog->errorText(), QStringLiteral("The name can be at most 200 characters long."));
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->nameEdit()->text(), tooLong);
    QCOMPARE(view->model()->rowCount(), 0);

    retype(dialog->nameEdit(), QStringLiteral("Birch go-live"));
    clickOk(dialog->buttons());
    QTRY_VERIFY(dialog.isNull()); // accepted and deleted

    QCOMPARE(view->model()->rowCount(), 1);
    QVERIFY(!view->emptyState()->isEmpty());
    const QModelIndex row = view->proxy()->index(0, 0);
    QCOMPARE(row.siblingAtColumn(OnboardingListModel::CompanyColumn).data().toString(),
             QStringLiteral("Birch Legal"));
    QCOMPARE(row.siblingAtColumn(OnboardingListModel::NameColumn).data().toString(),
             QStringLiteral("Birch go-live"));
    QCOMPARE(row.siblingAtColumn(OnboardingListModel::ProgressColumn).data().toString(),
             QStringLiteral("0/15 (0%)"));
    const qint64 onboardingId = row.data(OnboardingListModel::IdRole).toLongLong();
    QCOMPARE(view->currentOnboardingId(), onboardingId);

    // The new onboarding is open: its phases and tasks, nothing done yet.
    OnboardingDetailView *detail = view->detailView();
    QCOMPARE(detail->onboardingId(), onboardingId);
    OnboardingTreeModel *tree = detail->model();
    QCOMPARE(tree->rowCount(), 4);
    QCOMPARE(tree->index(0, OnboardingTreeModel::TitleColumn).data().toString(),
             QStringLiteral("Kick-off"));
    QCOMPARE(tree->index(0, OnboardingTreeModel::StatusColumn).data().toString(),
             QStringLiteral("0/3"));
    QCOMPARE(detail->progressBar()->value(), 0);

    // The contact completes a client task the way the portal does: through the service on a
    // thread and connection of its own.
    std::optional<Task> clientTask;
    for (const Phase &phase : tree->onboarding().phases) {
        for (const Task &task : phase.tasks) {
            if (!clientTask && task.ownerSide == OwnerSide::Client
                && task.evidenceType == EvidenceType::Standard) {
                clientTask = task;
            }
        }
    }
    QVERIFY(clientTask);
    QVERIFY(detail->selectTask(clientTask->id));
    const QModelIndex statusBefore
        = tree->indexOfTask(clientTask->id, OnboardingTreeModel::StatusColumn);
    QCOMPARE(statusBefore.data().toString(), QStringLiteral("Pending"));

    ServiceError serviceError;
    std::optional<Task> completed;
    Database &db = m_test->db();
    const qint64 contactId = m_fixture.birchContactId;
    const qint64 companyId = m_fixture.birchId;
    std::unique_ptr<QThread> portal(QThread::create([&] {
        completed = OnboardingService(db, Clock::system())
                        .completeAsContact(clientTask->id, contactId, companyId,
                                           QStringLiteral("Dana and Sam decide"), &serviceError);
    }));
    portal->start();
    QVERIFY(portal->wait(30000));
    QVERIFY2(completed, qPrintable(serviceError.message));

    // No refresh by hand: the activity feed brings it in.
    auto statusText = [tree, &clientTask] {
        return tree->indexOfTask(clientTask->id, OnboardingTreeModel::StatusColumn)
            .data()
            .toString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(statusText(), QStringLiteral("Completed"), 2000);
    QCOMPARE(tree->indexOfTask(clientTask->id, OnboardingTreeModel::NoteColumn).data().toString(),
             QStringLiteral("Dana and Sam decide"));
    QCOMPARE(detail->progressBar()->value(), 1);
    QCOMPARE(view->proxy()->index(0, OnboardingListModel::ProgressColumn).data().toString(),
             QStringLiteral("1/15 (6%)"));
    // The selection stayed where the member of staff left it.
    QCOMPARE(view->currentOnboardingId(), onboardingId);
    QVERIFY(detail->selectedTask());
    QCOMPARE(detail->selectedTask()->id, clientTask->id);
}

void TestConsole::shortcutsSwitchPagesAndGeometryIsSaved()
{
    QCOMPARE(m_fixture.create(*m_test), QString());
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    MainWindow &window = *m_window;
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    // Home is where the console opens.
    QCOMPARE(window.currentPage(), MainWindow::HomePage);
    // Every page has its named place in the sidebar.
    const auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("sidebar"));
    QVERIFY(sidebar);
    QCOMPARE(sidebar->count(), int(MainWindow::PageCount));
    for (int page = 0; page < sidebar->count(); ++page) {
        QVERIFY2(!sidebar->item(page)->text().isEmpty(), qPrintable(QString::number(page)));
    }
    QCOMPARE(sidebar->item(MainWindow::HomePage)->text(), QStringLiteral("Home"));
    QCOMPARE(sidebar->item(MainWindow::OnboardingsPage)->text(), QStringLiteral("Onboardings"));
    QCOMPARE(sidebar->item(MainWindow::MailPage)->text(), QStringLiteral("Mail"));
    // Ctrl+N shows the Nth page of the sidebar.
    const MainWindow::Page pages[]
        = {MainWindow::OnboardingsPage, MainWindow::ReviewPage,    MainWindow::InboxPage,
           MainWindow::CompaniesPage,   MainWindow::TemplatesPage, MainWindow::ActivityPage,
           MainWindow::MailPage,        MainWindow::SettingsPage,  MainWindow::HomePage};
    const Qt::Key keys[] = {Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5, Qt::Key_6,
                            Qt::Key_7, Qt::Key_8, Qt::Key_9, Qt::Key_1};
    for (int i = 0; i < 9; ++i) {
        QTest::keyClick(&window, keys[i], Qt::ControlModifier);
        QCOMPARE(window.currentPage(), pages[i]);
        QVERIFY(sidebar->item(pages[i])->toolTip().contains(
            QStringLiteral("Ctrl+%1").arg(int(keys[i]) - int(Qt::Key_0))));
    }
    QVERIFY(window.portalLabel()->text().contains(QLatin1String("not running")));

    window.resize(1111, 777);
    QVERIFY(window.close());
    QVERIFY(!QSettings().value(QStringLiteral("mainWindow/geometry")).toByteArray().isEmpty());
    MainWindow again(m_fixture.context);
    QCOMPARE(again.size(), QSize(1111, 777));
}

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
