// "Invite all" in the Companies page, on SQLite and PostgreSQL, driven as
// staff use it: the question, the progress dialog queuing in batches while the event loop keeps
// running, and the count of sent mails as the outbox delivers them.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "companies/BulkInviteDialog.h"
#include "companies/CompaniesView.h"
#include "core/MessageBox.h"
#include "mail/MailTransport.h"
#include "mail/OutboxDelivery.h"
#include "models/CompanyListModel.h"
#include "services/InviteService.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleBulkInvite : public QObject
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

    void invitesEveryoneInBatchesAndCountsWhatIsSent();
    void answeringNoQueuesNothing();

private:
    void selectAcme()
    {
        clickRow(m_view->companyTable(),
                 m_view->companyModel()->index(m_view->companyModel()->rowOf(m_fixture.acmeId),
                                               CompanyListModel::NameColumn));
        QCOMPARE(m_view->currentCompanyId(), m_fixture.acmeId);
    }
    int count(const QString &sql)
    {
        SqlQuery query(m_test->db(), sql);
        QString error;
        return query.exec(&error) && query.next() ? query.value(0).toInt() : -1;
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
    CompaniesView *m_view = nullptr;
};

void TestConsoleBulkInvite::invitesEveryoneInBatchesAndCountsWhatIsSent()
{
    DirectoryRepository directory(m_test->db());
    QString error;
    for (int i = 0; i < 2 * InviteService::kBatchSize + 30; ++i) {
        QVERIFY2(directory.createContact(m_fixture.acmeId, QStringLiteral("Person %1").arg(i),
                                         QStringLiteral("person%1@acme.example").arg(i), 0, &error),
                 qPrintable(error));
    }
    ServiceError serviceError;
    const int expected = int(InviteService(m_test->db(), Clock::system(), QString())
                                 .uninvitedContacts(m_fixture.acmeId, &serviceError)
                                 ->size());
    QVERIFY(expected >= 2 * InviteService::kBatchSize + 30);
    const int outboxBefore = count(QStringLiteral("SELECT COUNT(*) FROM outbox"));
    selectAcme();
    QVERIFY(m_view->inviteEveryoneButton()->isEnabled());

    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(m_view->inviteEveryoneButton(), Qt::LeftButton);
    QVERIFY(MessageBox::lastText().contains(QString::number(expected)));
    QPointer<BulkInviteDialog> dialog = m_view->findChild<BulkInviteDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QSignalSpy batches(dialog.data(), &BulkInviteDialog::batchQueued);
    // The event loop keeps turning between batches: a timer started after the first batch fires
    // while the dialog is still queuing.
    bool tickedWhileQueuing = false;
    bool ticked = false;
    connect(dialog.data(), &BulkInviteDialog::batchQueued, this, [&] {
        if (!ticked) {
            ticked = true;
            QTimer::singleShot(0, this, [&] { tickedWhileQueuing = dialog->isQueuing(); });
        }
    });
    QVERIFY(QTest::qWaitFor([&] { return !dialog->isQueuing(); }, 20000));
    QVERIFY(ticked);
    QVERIFY(tickedWhileQueuing);
    QCOMPARE(batches.count(),
             (expected + InviteService::kBatchSize - 1) / InviteService::kBatchSize);
    QCOMPARE(dialog->queued(), expected);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), outboxBefore + expected);
    QCOMPARE(dialog->sent(), 0);
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("0 of %1 sent").arg(expected)),
             qPrintable(dialog->statusLabel()->text()));

    // The outbox delivers (here by hand into a mailbox folder); the dialog's count follows.
    QTemporaryDir mailbox;
    MailSettings settings;
    settings.mailboxPath = mailbox.path();
    OutboxDelivery delivery(m_test->db(), MailTransport::create(settings), Clock::system());
    QVERIFY(delivery.deliverDue(&error) == OutboxDelivery::kRoundSize);
    QVERIFY(QTest::qWaitFor([&] { return dialog->sent() == OutboxDelivery::kRoundSize; }, 5000));
    QVERIFY2(dialog->statusLabel()->text().contains(
                 QStringLiteral("%1 of %2 sent").arg(OutboxDelivery::kRoundSize).arg(expected)),
             qPrintable(dialog->statusLabel()->text()));
    QCOMPARE(dialog->progressBar()->value(), OutboxDelivery::kRoundSize);
    bool more = true;
    while (more) {
        QVERIFY(delivery.deliverDue(&error, &more) >= 0);
    }
    dialog->refreshSent();
    QCOMPARE(dialog->sent(), expected);
    QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("%1 of %1 sent").arg(expected)));

    // Nobody is left; the button says so instead of opening another dialog.
    dialog->close();
    QVERIFY(QTest::qWaitFor([&] { return dialog.isNull(); }, 5000));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QVERIFY(!m_view->inviteEveryone());
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("has been invited or has signed in")));
}

void TestConsoleBulkInvite::answeringNoQueuesNothing()
{
    selectAcme();
    // Answering No queues nothing.
    const int outboxBefore = count(QStringLiteral("SELECT COUNT(*) FROM outbox"));
    MessageBox::setNextAnswer(QMessageBox::No);
    QVERIFY(!m_view->inviteEveryone());
    QVERIFY2(MessageBox::lastText().startsWith(QStringLiteral("Email a portal invitation to")),
             qPrintable(MessageBox::lastText()));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM outbox")), outboxBefore);
    QVERIFY(!m_view->findChild<BulkInviteDialog *>());
}

QTEST_MAIN(TestConsoleBulkInvite)
#include "tst_console_bulk_invite.moc"
