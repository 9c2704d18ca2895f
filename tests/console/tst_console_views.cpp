// The console's pages driven as staff use them, on SQLite and PostgreSQL: task status, search,
// companies and contacts, portal invitations and the mail they queue.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "companies/CompaniesView.h"
#include "companies/InviteResultPanel.h"
#include "companies/NewCompanyDialog.h"
#include "companies/NewContactDialog.h"
#include "core/FileDialog.h"
#include "core/MessageBox.h"
#include "mail/MailView.h"
#include "mail/OutboxRepository.h"
#include "models/CompanyListModel.h"
#include "models/ContactListModel.h"
#include "models/OnboardingListModel.h"
#include "models/OnboardingTreeModel.h"
#include "models/OutboxModel.h"
#include "onboardings/NewOnboardingDialog.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/OnboardingsView.h"
#include "onboardings/StaffOwnerButton.h"
#include "services/OnboardingService.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"
#include "widgets/EmptyState.h"

#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleViews : public QObject
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
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void staffSetTheStatusOfTheirOwnTasksOnly();
    void onboardingsAndTasksAreHandedOn();
    void evidencePackIsExported();
    void searchFiltersByCompanyOrName();
    void inviteQueuesOneMailWithTheLink();
    void companiesAndContactsAreAddedThroughDialogs();
    void refusedInviteIsExplainedAndQueuesNothing();

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleViews::staffSetTheStatusOfTheirOwnTasksOnly()
{
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    // The console opens on Home; these steps work on the onboardings.
    m_window->showPage(MainWindow::OnboardingsPage);
    MainWindow &window = *m_window;
    QString dbError;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError);
    QCOMPARE(templates.size(), 1);
    ServiceError error;
    const qint64 onboardingId
        = OnboardingService(m_test->db(), Clock::system())
              .createFromTemplate(m_fixture.acmeId, templates.first().id, QString(),
                                  QDate::currentDate(), Actor::system(QStringLiteral("Sam")),
                                  &error);
    QVERIFY2(onboardingId != 0, qPrintable(error.message));
    OnboardingsView *view = window.onboardingsView();
    QTRY_COMPARE(view->model()->rowCount(), 1); // arrives through the activity feed
    clickRow(view->tableView(), view->proxy()->index(0, 0));
    OnboardingDetailView *detail = view->detailView();
    QCOMPARE(detail->onboardingId(), onboardingId);

    // A client task: staff leave it to the client.
    OnboardingTreeModel *tree = detail->model();
    const QModelIndex kickOff = tree->index(0, 0);
    clickRow(detail->treeView(), tree->index(1, 0, kickOff)); // "Confirm your main contacts"
    QCOMPARE(detail->selectedTask()->ownerSide, OwnerSide::Client);
    QVERIFY(!detail->markCompleteButton()->isEnabled());

    const QModelIndex mspTask = tree->index(0, 0, kickOff); // "Hold the kick-off call"
    clickRow(detail->treeView(), mspTask);
    QCOMPARE(detail->selectedTask()->ownerSide, OwnerSide::Msp);
    QVERIFY(detail->markCompleteButton()->isEnabled());
    QTest::mouseClick(detail->markCompleteButton(), Qt::LeftButton);
    const qint64 taskId = detail->selectedTask()->id;
    QCOMPARE(tree->indexOfTask(taskId, OnboardingTreeModel::StatusColumn).data().toString(),
             QStringLiteral("Completed"));
    QVERIFY(!detail->markCompleteButton()->isEnabled());
    QCOMPARE(tree->index(0, OnboardingTreeModel::StatusColumn).data().toString(),
             QStringLiteral("1/3"));
    QCOMPARE(view->proxy()->index(0, OnboardingListModel::ProgressColumn).data().toString(),
             QStringLiteral("1/15 (6%)"));

    // Stored, with the signed-in member of staff as the one who did it.
    const std::optional<Task> stored
        = OnboardingRepository(m_test->db()).taskForCompany(taskId, m_fixture.acmeId, &dbError);
    QVERIFY(stored);
    QCOMPARE(stored->status, TaskStatus::Completed);
    QCOMPARE(stored->completedBy, QStringLiteral("Dana Admin"));

    QVERIFY(detail->setSelectedTaskStatus(TaskStatus::Blocked));
    QCOMPARE(tree->indexOfTask(taskId, OnboardingTreeModel::StatusColumn).data().toString(),
             QStringLiteral("Blocked"));
    QCOMPARE(view->proxy()->index(0, OnboardingListModel::ProgressColumn).data().toString(),
             QStringLiteral("0/15 (0%)"));
}

namespace {

// Opens the button's menu as a click would and picks the entry that starts with text.
bool pick(StaffOwnerButton *button, const QString &text)
{
    Q_EMIT button->menu()->aboutToShow();
    for (QAction *action : button->menu()->actions()) {
        if (action->text().startsWith(text)) {
            action->trigger();
            return true;
        }
    }
    return false;
}

} // namespace

void TestConsoleViews::onboardingsAndTasksAreHandedOn()
{
    QString dbError;
    DirectoryRepository directory(m_test->db());
    const qint64 sam = directory.createStaff(
        m_fixture.workspaceId, QStringLiteral("sam.tech@northwind.example"),
        QStringLiteral("Sam Tech"), QStringLiteral("a long enough passphrase"),
        QStringLiteral("technician"), 0, &dbError);
    QVERIFY2(sam > 0, qPrintable(dbError));
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::OnboardingsPage);
    ServiceError error;
    const qint64 onboardingId
        = OnboardingService(m_test->db(), Clock::system())
              .createFromTemplate(
                  m_fixture.acmeId,
                  TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError).first().id,
                  QString(), QDate::currentDate(), m_fixture.context.actor(), &error);
    QVERIFY2(onboardingId != 0, qPrintable(error.message));
    OnboardingsView *view = m_window->onboardingsView();
    QTRY_COMPARE(view->model()->rowCount(), 1);
    clickRow(view->tableView(), view->proxy()->index(0, 0));
    OnboardingDetailView *detail = view->detailView();
    QCOMPARE(detail->ownerButton()->text(), QStringLiteral("Owner: Dana Admin"));

    // A task follows the onboarding until it is handed to someone.
    OnboardingTreeModel *tree = detail->model();
    clickRow(detail->treeView(), tree->index(1, 0, tree->index(0, 0)));
    const qint64 taskId = detail->selectedTask()->id;
    QVERIFY(detail->taskOwnerButton()->isVisible());
    QCOMPARE(detail->taskOwnerButton()->text(), QStringLiteral("Owner: Dana Admin (onboarding)"));
    QVERIFY(pick(detail->taskOwnerButton(), QStringLiteral("Sam Tech")));
    QCOMPARE(detail->taskOwnerButton()->text(), QStringLiteral("Owner: Sam Tech"));
    QCOMPARE(
        OnboardingRepository(m_test->db()).taskForStaff(taskId, nullptr, &dbError)->staffOwnerId,
        sam);
    QVERIFY(pick(detail->taskOwnerButton(), QStringLiteral("The onboarding's owner")));
    QCOMPARE(
        OnboardingRepository(m_test->db()).taskForStaff(taskId, nullptr, &dbError)->staffOwnerId,
        0);

    QVERIFY(pick(detail->ownerButton(), QStringLiteral("Sam Tech")));
    QCOMPARE(detail->ownerButton()->text(), QStringLiteral("Owner: Sam Tech"));
    QCOMPARE(OnboardingRepository(m_test->db()).get(onboardingId, &dbError)->ownerStaffId, sam);

    // A colleague who left meanwhile cannot be given the task; the reason is shown.
    Q_EMIT detail->taskOwnerButton()->menu()->aboutToShow();
    SqlQuery remove(m_test->db(), QStringLiteral("DELETE FROM staff WHERE id = ?"));
    remove << sam;
    QVERIFY2(remove.exec(&dbError), qPrintable(dbError));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QVERIFY(!detail->taskOwnerButton()->assign(sam));
    QVERIFY2(MessageBox::lastText().contains(QStringLiteral("no such member")),
             qPrintable(MessageBox::lastText()));
    QCOMPARE(
        OnboardingRepository(m_test->db()).taskForStaff(taskId, nullptr, &dbError)->staffOwnerId,
        0);
}

void TestConsoleViews::evidencePackIsExported()
{
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::OnboardingsPage);
    QString dbError;
    ServiceError error;
    QVERIFY(
        OnboardingService(m_test->db(), Clock::system())
            .createFromTemplate(
                m_fixture.acmeId,
                TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError).first().id,
                QString(), QDate::currentDate(), m_fixture.context.actor(), &error)
        != 0);
    OnboardingsView *view = m_window->onboardingsView();
    QTRY_COMPARE(view->model()->rowCount(), 1);
    clickRow(view->tableView(), view->proxy()->index(0, 0));
    auto *button = view->detailView()->findChild<QToolButton *>(QStringLiteral("exportEvidence"));
    QVERIFY(button);
    const QString path = m_settingsDir.filePath(QStringLiteral("evidence.zip"));
    FileDialog::setNextSaveFileName(path);
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY2(MessageBox::lastText().contains(QStringLiteral("saved to")),
             qPrintable(MessageBox::lastText()));
    QFile zip(path);
    QVERIFY(zip.open(QIODevice::ReadOnly));
    QCOMPARE(zip.read(4), QByteArray("PK\x03\x04"));
}

void TestConsoleViews::searchFiltersByCompanyOrName()
{
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    // The console opens on Home; these steps work on the onboardings.
    m_window->showPage(MainWindow::OnboardingsPage);
    MainWindow &window = *m_window;
    OnboardingsView *view = window.onboardingsView();
    for (const QString &company : {QStringLiteral("Acme"), QStringLiteral("Birch")}) {
        QPointer<NewOnboardingDialog> dialog = openNewOnboardingDialog(window);
        QVERIFY(dialog);
        QTest::keyClicks(dialog->companyCombo(), company);
        if (company == QLatin1String("Birch")) {
            retype(dialog->nameEdit(), QStringLiteral("Quarterly security review"));
        }
        clickOk(dialog->buttons());
        QTRY_VERIFY(dialog.isNull());
    }
    QCOMPARE(view->model()->rowCount(), 2);

    QTest::keyClicks(view->searchEdit(), QStringLiteral("acme"));
    QCOMPARE(view->proxy()->rowCount(), 1);
    QCOMPARE(view->proxy()->index(0, OnboardingListModel::NameColumn).data().toString(),
             QStringLiteral("Onboarding Acme Dental"));
    retype(view->searchEdit(), QStringLiteral("SECURITY"));
    QCOMPARE(view->proxy()->rowCount(), 1);
    QCOMPARE(view->proxy()->index(0, OnboardingListModel::CompanyColumn).data().toString(),
             QStringLiteral("Birch Legal"));
    retype(view->searchEdit(), QStringLiteral("nothing like this"));
    QCOMPARE(view->proxy()->rowCount(), 0);
    QVERIFY(view->emptyState()->isEmpty());
    QCOMPARE(view->emptyState()->message(),
             QStringLiteral("No onboarding matches “nothing like this”."));
    view->searchEdit()->clear();
    QCOMPARE(view->proxy()->rowCount(), 2);
    QVERIFY(!view->emptyState()->isEmpty());
}

void TestConsoleViews::inviteQueuesOneMailWithTheLink()
{
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    // The console opens on Home; these steps work on the onboardings.
    m_window->showPage(MainWindow::OnboardingsPage);
    MainWindow &window = *m_window;
    window.showPage(MainWindow::CompaniesPage);
    CompaniesView *companies = window.companiesView();
    clickRow(companies->companyTable(),
             companies->companyModel()->index(companies->companyModel()->rowOf(m_fixture.birchId),
                                              CompanyListModel::NameColumn));
    QCOMPARE(companies->currentCompanyId(), m_fixture.birchId);
    QCOMPARE(companies->contactModel()->rowCount(), 1);
    QVERIFY(!companies->inviteButton()->isEnabled()); // no contact chosen yet
    const QModelIndex contact = companies->contactModel()->index(0, ContactListModel::NameColumn);
    QCOMPARE(contact.siblingAtColumn(ContactListModel::EmailColumn).data().toString(),
             QStringLiteral("jordan@birch.example"));
    QCOMPARE(contact.siblingAtColumn(ContactListModel::PortalAccessColumn).data().toString(),
             QStringLiteral("Yes"));
    clickRow(companies->contactTable(), contact);
    QVERIFY(companies->inviteButton()->isEnabled());
    QTest::mouseClick(companies->inviteButton(), Qt::LeftButton);

    InviteResultPanel *panel = companies->invitePanel();
    QVERIFY(panel->isVisible());
    QVERIFY2(panel->message().contains(QLatin1String("Jordan Birch <jordan@birch.example>")),
             qPrintable(panel->message()));
    const QString link = panel->link();
    QVERIFY2(link.startsWith(m_fixture.context.publicUrl + QStringLiteral("/i/")),
             qPrintable(link));
    QTest::mouseClick(panel->copyButton(), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), link);

    // Exactly one mail, to the contact, carrying the link.
    QString error;
    const QList<MailMessage> outbox = OutboxRepository(m_test->db()).recent(10, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.first().to, QStringLiteral("jordan@birch.example"));
    QVERIFY(outbox.first().text.contains(link));

    // The Mail page lists it and shows its text.
    window.showPage(MainWindow::MailPage);
    MailView *mail = window.mailView();
    QTRY_COMPARE(mail->model()->rowCount(), 1);
    const QModelIndex message = mail->model()->index(0, OutboxModel::ToColumn);
    QCOMPARE(message.data().toString(), QStringLiteral("jordan@birch.example"));
    QCOMPARE(message.siblingAtColumn(OutboxModel::SubjectColumn).data().toString(),
             outbox.first().subject);
    QCOMPARE(message.siblingAtColumn(OutboxModel::StatusColumn).data().toString(),
             QStringLiteral("Waiting to be sent"));
    clickRow(mail->tableView(), message);
    QCOMPARE(mail->bodyView()->toPlainText(), outbox.first().text);
    QVERIFY(mail->bodyView()->toPlainText().contains(QLatin1String("/i/")));
    QVERIFY(mail->deliveryLabel()->text().startsWith(
        QLatin1String("Without SMTP, mail is delivered to ")));
}

void TestConsoleViews::companiesAndContactsAreAddedThroughDialogs()
{
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    // The console opens on Home; these steps work on the onboardings.
    m_window->showPage(MainWindow::OnboardingsPage);
    MainWindow &window = *m_window;
    window.showPage(MainWindow::CompaniesPage);
    CompaniesView *companies = window.companiesView();
    QCOMPARE(companies->companyModel()->rowCount(), 2);

    QPointer<NewCompanyDialog> companyDialog = companies->newCompany();
    QVERIFY(QTest::qWaitForWindowExposed(companyDialog));
    QTest::keyClicks(companyDialog->nameEdit(), QStringLiteral("Acme Dental"));
    clickOk(companyDialog->buttons());
    QCOMPARE(companyDialog->errorText(),
             QStringLiteral("A company with this name already exists."));
    QCOMPARE(companyDialog->nameEdit()->text(), QStringLiteral("Acme Dental"));
    QCOMPARE(companies->companyModel()->rowCount(), 2);
    retype(companyDialog->nameEdit(), QStringLiteral("Cedar Clinics"));
    clickOk(companyDialog->buttons());
    QTRY_VERIFY(companyDialog.isNull());
    QCOMPARE(companies->companyModel()->rowCount(), 3);
    const qint64 cedar = companies->currentCompanyId();
    QCOMPARE(companies->companyModel()->index(companies->companyModel()->rowOf(cedar), 0).data(),
             QVariant(QStringLiteral("Cedar Clinics")));

    QPointer<NewContactDialog> contactDialog = companies->newContact();
    QVERIFY(contactDialog);
    QVERIFY(QTest::qWaitForWindowExposed(contactDialog));
    QTest::keyClicks(contactDialog->nameEdit(), QStringLiteral("Casey Cedar"));
    QTest::keyClicks(contactDialog->emailEdit(), QStringLiteral("casey at cedar"));
    clickOk(contactDialog->buttons());
    QCOMPARE(contactDialog->errorText(), QStringLiteral("Enter a valid email address."));
    QCOMPARE(contactDialog->nameEdit()->text(), QStringLiteral("Casey Cedar"));
    retype(contactDialog->emailEdit(), QStringLiteral("casey@cedar.example"));
    clickOk(contactDialog->buttons());
    QTRY_VERIFY(contactDialog.isNull());
    QCOMPARE(companies->contactModel()->rowCount(), 1);
    QVERIFY(companies->currentContactId() != 0);
    QVERIFY(companies->inviteButton()->isEnabled());
    QCOMPARE(companies->companyModel()
                 ->index(companies->companyModel()->rowOf(cedar), CompanyListModel::ContactsColumn)
                 .data()
                 .toInt(),
             1);
}

void TestConsoleViews::refusedInviteIsExplainedAndQueuesNothing()
{
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    // The console opens on Home; these steps work on the onboardings.
    m_window->showPage(MainWindow::OnboardingsPage);
    CompaniesView *companies = m_window->companiesView();
    m_window->showPage(MainWindow::CompaniesPage);
    QVERIFY(companies->selectCompany(m_fixture.acmeId));
    clickRow(companies->contactTable(), companies->contactModel()->index(0, 0));
    QVERIFY(companies->inviteButton()->isEnabled());

    // Meanwhile portal access is turned off elsewhere (another console, say).
    SqlQuery off(m_test->db(), QStringLiteral("UPDATE contact SET portal_access = 0 WHERE id = ?"));
    off << m_fixture.acmeContactId;
    QString error;
    QVERIFY2(off.exec(&error), qPrintable(error));

    MessageBox::setNextAnswer(QMessageBox::Ok);
    QTest::mouseClick(companies->inviteButton(), Qt::LeftButton);
    QCOMPARE(MessageBox::lastText(),
             QStringLiteral("Alex Acme could not be invited: Portal access is turned off for "
                            "Alex Acme."));
    QVERIFY(!companies->invitePanel()->isVisible());
    QCOMPARE(OutboxRepository(m_test->db()).pendingCount(&error), 0);
    // The view now shows how things stand.
    QCOMPARE(
        companies->contactModel()->index(0, ContactListModel::PortalAccessColumn).data().toString(),
        QStringLiteral("No"));
    QCOMPARE(companies->currentContactId(), m_fixture.acmeContactId);
    QVERIFY(!companies->inviteButton()->isEnabled());
}

QTEST_MAIN(TestConsoleViews)
#include "tst_console_views.moc"
