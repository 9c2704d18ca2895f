// What clients send, in the console, on SQLite and PostgreSQL: the files of an upload task
// listed as they arrive, a rejection that needs a reason, an approval that completes the task,
// a copy saved byte for byte; and the thread on a task, with internal notes.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "core/FileDialog.h"
#include "inbox/InboxView.h"
#include "models/OnboardingListModel.h"
#include "models/OnboardingTreeModel.h"
#include "models/QuestionListModel.h"
#include "models/TaskFileModel.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/OnboardingsView.h"
#include "onboardings/TaskFilesPanel.h"
#include "onboardings/TaskThreadPanel.h"
#include "services/CommentService.h"
#include "services/DocumentService.h"
#include "services/OnboardingService.h"
#include "services/QuestionService.h"
#include "services/SignatureService.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

QByteArray pdf(const QByteArray &text)
{
    return "%PDF-1.4\n% " + text + "\n%%EOF\n";
}

} // namespace

class TestConsoleDocuments : public QObject
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

    void staffReviewWhatClientsSend();
    void staffAnswerAndKeepInternalNotes();
    void staffVerifySignatures();
    void staffAnswerQuestionsFromTheInbox();

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleDocuments::staffReviewWhatClientsSend()
{
    QString dbError;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError);
    ServiceError error;
    const qint64 onboardingId
        = OnboardingService(m_test->db(), Clock::system())
              .createFromTemplate(m_fixture.acmeId, templates.first().id, QString(),
                                  QDate::currentDate(), Actor::system(QStringLiteral("Sam")),
                                  &error);
    QVERIFY2(onboardingId != 0, qPrintable(error.message));
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(m_test->db()).get(onboardingId, &dbError);
    QVERIFY(onboarding);
    qint64 uploadTask = 0;
    for (const Phase &phase : onboarding->phases) {
        for (const Task &task : phase.tasks) {
            if (task.evidenceType == EvidenceType::Upload && !uploadTask) {
                uploadTask = task.id;
            }
        }
    }
    QVERIFY(uploadTask);
    DocumentService documents(m_test->db(), Clock::system());
    const auto first
        = documents.upload(uploadTask, m_fixture.acmeContactId, m_fixture.acmeId,
                           QStringLiteral("network.pdf"), pdf("first"), QString(), &error);
    QVERIFY2(first, qPrintable(error.message));

    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    // The console opens on Home; these steps work on the onboardings.
    m_window->showPage(MainWindow::OnboardingsPage);
    OnboardingsView *view = m_window->onboardingsView();
    QTRY_COMPARE(view->model()->rowCount(), 1);
    clickRow(view->tableView(), view->proxy()->index(0, 0));
    OnboardingDetailView *detail = view->detailView();
    QVERIFY(detail->selectTask(uploadTask));
    TaskFilesPanel *panel = detail->filesPanel();
    QVERIFY(panel->isVisible());
    QAbstractItemModelTester tester(panel->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(panel->model()->rowCount(), 1);
    QCOMPARE(panel->model()->index(0, TaskFileModel::NameColumn).data().toString(),
             QStringLiteral("network.pdf"));

    // The client sends a second file while staff look: it arrives on its own.
    const auto second
        = documents.upload(uploadTask, m_fixture.acmeContactId, m_fixture.acmeId,
                           QStringLiteral("racks.pdf"), pdf("second"), QString(), &error);
    QVERIFY2(second, qPrintable(error.message));
    QTRY_COMPARE(panel->model()->rowCount(), 2);

    // A rejection needs a reason the client can act on.
    QVERIFY(panel->selectFile(first->id));
    QVERIFY(!panel->rejectSelected());
    QVERIFY(panel->model()
                ->index(0, TaskFileModel::ReviewColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("Waiting")));
    panel->noteEdit()->setFocus();
    QTest::keyClicks(panel->noteEdit(), QStringLiteral("Page 2 is missing"));
    QTest::keyClick(panel->noteEdit(), Qt::Key_Return);
    QTRY_COMPARE(panel->model()->index(0, TaskFileModel::ReviewColumn).data().toString(),
                 QStringLiteral("Rejected by Dana Admin: Page 2 is missing"));
    QVERIFY(panel->noteEdit()->text().isEmpty());

    // Approving the file still waiting completes the task.
    QVERIFY(panel->selectFile(second->id));
    QVERIFY(panel->approveSelected());
    QTRY_COMPARE(detail->model()
                     ->indexOfTask(uploadTask, OnboardingTreeModel::StatusColumn)
                     .data()
                     .toString(),
                 QStringLiteral("Completed"));
    QVERIFY(!panel->approveSelected()); // reviewed already

    // A copy, byte for byte.
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("copy.pdf"));
    FileDialog::setNextSaveFileName(path);
    QVERIFY(panel->saveSelected());
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), pdf("second"));

    // Other kinds of task show no files.
    const qint64 otherTask = detail->model()
                                 ->index(0, 0, detail->model()->index(0, 0))
                                 .data(OnboardingTreeModel::TaskIdRole)
                                 .toLongLong();
    QVERIFY(otherTask != uploadTask);
    QVERIFY(detail->selectTask(otherTask));
    QVERIFY(!panel->isVisible());

    // Approval tasks take documents from staff for the client to read.
    qint64 approvalTask = 0;
    for (const Phase &phase : onboarding->phases) {
        for (const Task &task : phase.tasks) {
            if (task.evidenceType == EvidenceType::Approval) {
                approvalTask = task.id;
            }
        }
    }
    QVERIFY(detail->selectTask(approvalTask));
    QVERIFY(panel->isVisible());
    QCOMPARE(panel->model()->rowCount(), 0);
    const QString plan = out.filePath(QStringLiteral("Go-live plan.pdf"));
    const QString fake = out.filePath(QStringLiteral("fake.pdf"));
    for (const auto &[name, bytes] :
         {std::pair{plan, pdf("plan")}, std::pair{fake, QByteArray("MZ\x90\x00 not a pdf")}}) {
        QFile write(name);
        QVERIFY(write.open(QIODevice::WriteOnly));
        write.write(bytes);
    }
    FileDialog::setNextOpenFileName(fake);
    QVERIFY(!panel->attachFile()); // its bytes are not a PDF
    QCOMPARE(panel->model()->rowCount(), 0);
    FileDialog::setNextOpenFileName(plan);
    QVERIFY(panel->attachFile());
    QCOMPARE(panel->model()->rowCount(), 1);
    QVERIFY(!panel->approveSelected()); // staff's own documents are not reviewed
    const auto seen = documents.filesForCompany(approvalTask, m_fixture.acmeId, &error);
    QVERIFY(seen);
    QCOMPARE(seen->size(), 1);
    QCOMPARE(seen->first().role, TaskFile::Role::Attachment);
    QCOMPARE(seen->first().file.name, QStringLiteral("Go-live plan.pdf"));
}

void TestConsoleDocuments::staffAnswerAndKeepInternalNotes()
{
    QString dbError;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError);
    ServiceError error;
    const qint64 onboardingId
        = OnboardingService(m_test->db(), Clock::system())
              .createFromTemplate(m_fixture.acmeId, templates.first().id, QString(),
                                  QDate::currentDate(), Actor::system(QStringLiteral("Sam")),
                                  &error);
    QVERIFY(onboardingId);
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(m_test->db()).get(onboardingId, &dbError);
    const qint64 taskId = onboarding->phases.first().tasks.at(1).id;
    CommentService comments(m_test->db(), Clock::system());
    QVERIFY(comments.addAsContact(taskId, m_fixture.acmeContactId, m_fixture.acmeId,
                                  QStringLiteral("Which offices?"), QString(), &error));

    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::OnboardingsPage);
    OnboardingsView *view = m_window->onboardingsView();
    QTRY_COMPARE(view->model()->rowCount(), 1);
    clickRow(view->tableView(), view->proxy()->index(0, 0));
    OnboardingDetailView *detail = view->detailView();
    QVERIFY(detail->selectTask(taskId));
    TaskThreadPanel *thread = detail->threadPanel();
    QVERIFY(thread->isVisible());
    QCOMPARE(thread->list()->count(), 1);
    QVERIFY(thread->list()->item(0)->text().contains(QStringLiteral("Which offices?")));

    // An empty message is refused; Ctrl+Return sends from the editor.
    QVERIFY(!thread->send());
    thread->editor()->setFocus();
    QTest::keyClicks(thread->editor(), QStringLiteral("All three, please."));
    QTest::keyClick(thread->editor(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(thread->list()->count(), 2);
    QVERIFY(thread->editor()->toPlainText().isEmpty());

    thread->internalBox()->setChecked(true);
    thread->editor()->setPlainText(QStringLiteral("Their firewall is end of life."));
    QVERIFY(thread->send());
    QCOMPARE(thread->list()->count(), 3);
    QVERIFY(thread->list()->item(2)->text().contains(QStringLiteral("internal note")));
    QVERIFY(!thread->internalBox()->isChecked()); // each note is chosen to be internal

    // The client's side: the answer, not the note.
    const auto seen = comments.forCompany(taskId, m_fixture.acmeId, &error);
    QVERIFY(seen);
    QCOMPARE(seen->size(), 2);
    QCOMPARE(seen->last().body, QStringLiteral("All three, please."));
    QCOMPARE(seen->last().authorName, QStringLiteral("Dana Admin"));
}

void TestConsoleDocuments::staffVerifySignatures()
{
    QString dbError;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError);
    ServiceError error;
    const qint64 onboardingId
        = OnboardingService(m_test->db(), Clock::system())
              .createFromTemplate(m_fixture.acmeId, templates.first().id, QString(),
                                  QDate::currentDate(), Actor::system(QStringLiteral("Sam")),
                                  &error);
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(m_test->db()).get(onboardingId, &dbError);
    qint64 taskId = 0;
    for (const Phase &phase : onboarding->phases) {
        for (const Task &task : phase.tasks) {
            if (task.evidenceType == EvidenceType::Signature) {
                taskId = task.id;
            }
        }
    }
    QVERIFY(taskId);
    QImage image(400, 150, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setPen(QPen(Qt::black, 4));
        painter.drawLine(20, 120, 380, 30);
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    QVERIFY(SignatureService(m_test->db(), Clock::system())
                .signAsContact(taskId, m_fixture.acmeContactId, m_fixture.acmeId,
                               QStringLiteral("Ada Acme"), SignatureEvidence::Method::Drawn, png,
                               QStringLiteral("203.0.113.7"), QStringLiteral("Firefox"), &error));

    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::OnboardingsPage);
    OnboardingsView *view = m_window->onboardingsView();
    QTRY_COMPARE(view->model()->rowCount(), 1);
    clickRow(view->tableView(), view->proxy()->index(0, 0));
    OnboardingDetailView *detail = view->detailView();
    QVERIFY(detail->selectTask(taskId));
    TaskFilesPanel *panel = detail->filesPanel();
    QVERIFY(panel->isVisible());
    QVERIFY(panel->signatureLabel()->text().contains(QStringLiteral("Signed by Ada Acme")));
    QVERIFY(panel->signatureLabel()->text().contains(QStringLiteral("203.0.113.7")));
    QCOMPARE(panel->model()->rowCount(), 1); // the certificate
    QVERIFY(panel->model()
                ->index(0, TaskFileModel::NameColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("Signature certificate")));
    QVERIFY(panel->verifySignature());
    QVERIFY(panel->signatureLabel()->text().contains(QStringLiteral("Verified")));

    SqlQuery tamper(m_test->db(), QStringLiteral("UPDATE task SET description = 'Changed' "
                                                 "WHERE id = ?"));
    tamper << taskId;
    QVERIFY(tamper.exec(&dbError));
    QVERIFY(!panel->verifySignature());
}

void TestConsoleDocuments::staffAnswerQuestionsFromTheInbox()
{
    ServiceError error;
    QVERIFY(QuestionService(m_test->db(), Clock::system())
                .askAsContact(m_fixture.acmeContactId, m_fixture.acmeId, 0,
                              QStringLiteral("Do you support our old fax server?"), QString(),
                              &error));
    m_window = openMainWindow(m_fixture.context);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), MainWindow::InboxPage);
    InboxView *inbox = m_window->inboxView();
    QAbstractItemModelTester tester(inbox->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(inbox->model()->rowCount(), 1);
    QCOMPARE(inbox->model()->openCount(), 1);
    QVERIFY(inbox->questionLabel()->text().contains(QStringLiteral("old fax server")));

    // An empty answer is refused; Ctrl+Return sends a real one.
    QVERIFY(!inbox->sendAnswer());
    inbox->answerEdit()->setFocus();
    QTest::keyClicks(inbox->answerEdit(), QStringLiteral("Yes, until the rollout."));
    QTest::keyClick(inbox->answerEdit(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(inbox->model()->openCount(), 0);
    QVERIFY(inbox->questionLabel()->text().contains(QStringLiteral("Dana Admin answered")));
    QVERIFY(!inbox->answerEdit()->isEnabled());
    QString dbError;
    const QList<Question> seen
        = QuestionService(m_test->db(), Clock::system()).forCompany(m_fixture.acmeId, &dbError);
    QCOMPARE(seen.first().answer, QStringLiteral("Yes, until the rollout."));
}

QTEST_MAIN(TestConsoleDocuments)
#include "tst_console_documents.moc"
