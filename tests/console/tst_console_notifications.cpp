// Desktop notifications when a client acts (issue 6), on SQLite and PostgreSQL: what a contact
// does shows one message naming the company, staff's own changes show none, a burst becomes one
// message, a click opens the item, and the setting silences it. Offscreen there is no system
// tray, so the messages are caught at the notifier's show hook.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "core/ClientNotifier.h"
#include "inbox/InboxView.h"
#include "models/QuestionListModel.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/OnboardingsView.h"
#include "services/CommentService.h"
#include "services/DocumentService.h"
#include "services/OnboardingService.h"
#include "services/QuestionService.h"
#include "storage/OnboardingRepository.h"
#include "storage/TemplateRepository.h"

#include <QAction>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

QByteArray pdf(const QByteArray &text)
{
    return "%PDF-1.4\n% " + text + "\n%%EOF\n";
}

constexpr int kBatchMs = 300;

} // namespace

class TestConsoleNotifications : public QObject
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

    void contactUploadShowsOneMessageAndOpensTheTask();
    void contactQuestionOpensTheInbox();
    void staffCommentsShowNothingContactCommentsDo();
    void aBurstBecomesOneMessage();
    void theSettingSilencesIt();

private:
    // Lets the console see the feed now and waits out the batch window.
    void settle()
    {
        m_window->activityWatcher()->poll();
        QTest::qWait(m_window->clientNotifier()->batchMs() * 2);
    }
    bool upload(const QByteArray &name);
    bool commentAsContact(const QString &body);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_onboardingId = 0;
    qint64 m_uploadTask = 0;
    QList<ClientNotification> m_shown;
};

void TestConsoleNotifications::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    QSettings().remove(ClientNotifier::enabledKey());
    m_shown.clear();

    QString dbError;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError);
    QVERIFY(!templates.isEmpty());
    ServiceError error;
    m_onboardingId
        = OnboardingService(m_test->db(), Clock::system())
              .createFromTemplate(m_fixture.acmeId, templates.first().id, QString(),
                                  QDate::currentDate(), m_fixture.context.actor(), &error);
    QVERIFY2(m_onboardingId, qPrintable(error.message));
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(m_test->db()).get(m_onboardingId, &dbError);
    QVERIFY(onboarding);
    m_uploadTask = 0;
    for (const Phase &phase : onboarding->phases) {
        for (const Task &task : phase.tasks) {
            if (task.evidenceType == EvidenceType::Upload && !m_uploadTask) {
                m_uploadTask = task.id;
            }
        }
    }
    QVERIFY(m_uploadTask);

    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    ClientNotifier *notifier = m_window->clientNotifier();
    QVERIFY(notifier);
    QVERIFY(notifier->isEnabled());
    notifier->setBatchMs(kBatchMs);
    notifier->setShowHook(
        [this](const ClientNotification &notification) { m_shown.append(notification); });
}

bool TestConsoleNotifications::upload(const QByteArray &name)
{
    ServiceError error;
    return DocumentService(m_test->db(), Clock::system())
        .upload(m_uploadTask, m_fixture.acmeContactId, m_fixture.acmeId, QString::fromLatin1(name),
                pdf(name), QString(), &error)
        .has_value();
}

bool TestConsoleNotifications::commentAsContact(const QString &body)
{
    ServiceError error;
    return CommentService(m_test->db(), Clock::system())
        .addAsContact(m_uploadTask, m_fixture.acmeContactId, m_fixture.acmeId, body, QString(),
                      &error)
        .has_value();
}

void TestConsoleNotifications::contactUploadShowsOneMessageAndOpensTheTask()
{
    QVERIFY(upload("network.pdf"));
    settle();
    QCOMPARE(m_shown.size(), 1);
    const ClientNotification shown = m_shown.constFirst();
    QCOMPARE(shown.title, QStringLiteral("Acme Dental"));
    QVERIFY2(shown.body.contains(QLatin1String("network.pdf")), qPrintable(shown.body));
    QCOMPARE(shown.count, 1);

    // Staff are elsewhere when they click it.
    m_window->showPage(MainWindow::MailPage);
    m_window->clientNotifier()->click();
    QCOMPARE(m_window->currentPage(), MainWindow::OnboardingsPage);
    QCOMPARE(m_window->onboardingsView()->currentOnboardingId(), m_onboardingId);
    const std::optional<Task> task = m_window->onboardingsView()->detailView()->selectedTask();
    QVERIFY(task);
    QCOMPARE(task->id, m_uploadTask);
}

void TestConsoleNotifications::contactQuestionOpensTheInbox()
{
    ServiceError error;
    const std::optional<Question> question
        = QuestionService(m_test->db(), Clock::system())
              .askAsContact(m_fixture.acmeContactId, m_fixture.acmeId, m_onboardingId,
                            QStringLiteral("Which VPN client do we install?"), QString(), &error);
    QVERIFY2(question, qPrintable(error.message));
    settle();
    QCOMPARE(m_shown.size(), 1);
    QCOMPARE(m_shown.constFirst().title, QStringLiteral("Acme Dental"));
    QVERIFY2(m_shown.constFirst().body.contains(QLatin1String("Which VPN client")),
             qPrintable(m_shown.constFirst().body));
    QCOMPARE(m_shown.constFirst().questionId, question->id);

    m_window->clientNotifier()->click();
    QCOMPARE(m_window->currentPage(), MainWindow::InboxPage);
    InboxView *inbox = m_window->inboxView();
    const Question *selected
        = inbox->model()->questionAt(inbox->view()->currentIndex().siblingAtColumn(0));
    QVERIFY(selected);
    QCOMPARE(selected->id, question->id);
}

void TestConsoleNotifications::staffCommentsShowNothingContactCommentsDo()
{
    ServiceError error;
    CommentService comments(m_test->db(), Clock::system());
    QVERIFY(comments.addAsStaff(m_uploadTask, QStringLiteral("Please use PDF."), false,
                                m_fixture.context.actor(), &error));
    QVERIFY(comments.addAsStaff(m_uploadTask, QStringLiteral("Internal: chase them."), true,
                                m_fixture.context.actor(), &error));
    settle();
    QCOMPARE(m_shown.size(), 0);
    // The watcher did hear of them: it is the notifier that stays quiet.
    QVERIFY(m_window->activityWatcher()->lastSeenId() > 0);

    QVERIFY(commentAsContact(QStringLiteral("Sent it as PDF now.")));
    settle();
    QCOMPARE(m_shown.size(), 1);
    QVERIFY2(m_shown.constFirst().body.startsWith(QLatin1String("Alex Acme commented on")),
             qPrintable(m_shown.constFirst().body));
    QCOMPARE(m_shown.constFirst().taskId, m_uploadTask);
}

void TestConsoleNotifications::aBurstBecomesOneMessage()
{
    // A wider window, so the burst fits in it however slowly the database writes.
    m_window->clientNotifier()->setBatchMs(1500);
    QVERIFY(upload("one.pdf"));
    m_window->activityWatcher()->poll();
    QVERIFY(upload("two.pdf"));
    QVERIFY(commentAsContact(QStringLiteral("Both are there.")));
    m_window->activityWatcher()->poll();
    QCOMPARE(m_shown.size(), 0); // still inside the window
    QTRY_COMPARE_WITH_TIMEOUT(m_shown.size(), 1, 5000);
    QTest::qWait(300);
    QCOMPARE(m_shown.size(), 1);
    QCOMPARE(m_shown.constFirst().count, 3);
    QCOMPARE(m_shown.constFirst().body, QStringLiteral("3 new client actions"));
    QCOMPARE(m_shown.constFirst().title, QStringLiteral("Acme Dental"));
}

void TestConsoleNotifications::theSettingSilencesIt()
{
    QAction *toggle = m_window->clientNotifier()->enabledAction();
    QVERIFY(toggle->isChecked());
    toggle->trigger();
    QVERIFY(!toggle->isChecked());
    QCOMPARE(QSettings().value(ClientNotifier::enabledKey()).toBool(), false);
    QVERIFY(upload("quiet.pdf"));
    QVERIFY(commentAsContact(QStringLiteral("Anyone there?")));
    settle();
    QCOMPARE(m_shown.size(), 0);

    toggle->trigger();
    QVERIFY(m_window->clientNotifier()->isEnabled());
    QVERIFY(commentAsContact(QStringLiteral("Hello again.")));
    settle();
    QCOMPARE(m_shown.size(), 1);
}

QTEST_MAIN(TestConsoleNotifications)
#include "tst_console_notifications.moc"
