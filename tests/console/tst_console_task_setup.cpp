// Staff set up meeting and training tasks from an onboarding's page, on SQLite and PostgreSQL:
// the "Schedule meeting…" dialog (errors shown next to their field, the invitation queued on
// success) and the "Set up training…" dialog, and staff completing an in-person training.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "domain/MeetingSchedule.h"
#include "mail/OutboxRepository.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/ScheduleMeetingDialog.h"
#include "onboardings/TrainingSetupDialog.h"
#include "services/OnboardingService.h"
#include "storage/OnboardingRepository.h"
#include "storage/TemplateRepository.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTest>
#include <QTimeEdit>
#include <QTimeZone>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleTaskSetup : public QObject
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
        m_detail.reset();
        m_test.reset();
    }

    void meetingIsScheduledThroughTheDialog();
    void trainingIsSetUpAndCompletedByStaff();

private:
    qint64 taskOfKind(EvidenceType type);
    Task task(qint64 id);
    template<typename Dialog>
    Dialog *openDialogFor(qint64 taskId, const QString &buttonText);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<OnboardingDetailView> m_detail;
    qint64 m_onboardingId = 0;
};

void TestConsoleTaskSetup::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    QString dbError;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError);
    QCOMPARE(templates.size(), 1);
    ServiceError error;
    m_onboardingId = OnboardingService(m_test->db(), Clock::system())
                         .createFromTemplate(m_fixture.acmeId, templates.first().id, QString(),
                                             QDate::currentDate(),
                                             Actor::system(QStringLiteral("Sam")), &error);
    QVERIFY2(m_onboardingId != 0, qPrintable(error.message));
    m_detail = std::make_unique<OnboardingDetailView>(m_fixture.context);
    m_detail->resize(900, 600);
    m_detail->show();
    m_detail->showOnboarding(m_onboardingId);
}

qint64 TestConsoleTaskSetup::taskOfKind(EvidenceType type)
{
    QString error;
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(m_test->db()).get(m_onboardingId, &error);
    for (const Phase &phase : onboarding->phases) {
        for (const Task &task : phase.tasks) {
            if (task.evidenceType == type) {
                return task.id;
            }
        }
    }
    return 0;
}

Task TestConsoleTaskSetup::task(qint64 id)
{
    QString error;
    return OnboardingRepository(m_test->db()).taskForCompany(id, m_fixture.acmeId, &error).value();
}

template<typename Dialog>
Dialog *TestConsoleTaskSetup::openDialogFor(qint64 taskId, const QString &buttonText)
{
    if (!m_detail->selectTask(taskId) || !m_detail->setUpButton()->isVisible()
        || m_detail->setUpButton()->text() != buttonText) {
        return nullptr;
    }
    QTest::mouseClick(m_detail->setUpButton(), Qt::LeftButton);
    return m_detail->findChild<Dialog *>();
}

void TestConsoleTaskSetup::meetingIsScheduledThroughTheDialog()
{
    const qint64 meeting = taskOfKind(EvidenceType::Meeting);
    QVERIFY(meeting > 0);
    // Other kinds have nothing to set up.
    QVERIFY(m_detail->selectTask(taskOfKind(EvidenceType::Standard)));
    QVERIFY(!m_detail->setUpButton()->isVisible());

    QPointer<ScheduleMeetingDialog> dialog
        = openDialogFor<ScheduleMeetingDialog>(meeting, QStringLiteral("Schedule meeting…"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->timeZoneBox()->currentText(),
             QString::fromUtf8(QTimeZone::systemTimeZoneId()));
    QVERIFY(dialog->timeZoneBox()->count() > 100);
    QCOMPARE(dialog->durationBox()->minimum(), 5);
    QCOMPARE(dialog->durationBox()->maximum(), 1440);

    // Two mistakes: each explained next to its field; nothing saved, nothing mailed.
    dialog->dateEdit()->setDate(QDate(2027, 3, 10));
    dialog->timeEdit()->setTime(QTime(15, 0));
    dialog->timeZoneBox()->setCurrentText(QStringLiteral("Mars/Olympus_Mons"));
    QTest::keyClicks(dialog->urlEdit(), QStringLiteral("http://meet.example.com/kick-off"));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->errorText(QStringLiteral("url")).contains(QLatin1String("https://")),
             qPrintable(dialog->errorText(QStringLiteral("url"))));
    QVERIFY(dialog->errorText(QStringLiteral("timeZone")).contains(QLatin1String("time zone")));
    QCOMPARE(dialog->errorText(QStringLiteral("date")), QString());
    QCOMPARE(dialog->errorText(QString()), QString());
    QString error;
    QCOMPARE(OutboxRepository(m_test->db()).pendingCount(&error), 0);
    QVERIFY(task(meeting).config.isEmpty());

    // Corrected, it is saved, the client's contact is invited and the dialog closes.
    dialog->timeZoneBox()->setCurrentText(QStringLiteral("Europe/Berlin"));
    dialog->urlEdit()->clear();
    QTest::keyClicks(dialog->urlEdit(), QStringLiteral("https://meet.example.com/kick-off"));
    dialog->durationBox()->setValue(45);
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    const std::optional<MeetingSchedule> saved
        = MeetingSchedule::fromConfig(task(meeting).config, nullptr);
    QVERIFY(saved);
    QCOMPARE(saved->start().toUTC(), QDateTime(QDate(2027, 3, 10), QTime(14, 0), Qt::UTC));
    QCOMPARE(saved->durationMinutes, 45);
    QCOMPARE(saved->url, QStringLiteral("https://meet.example.com/kick-off"));
    const QList<MailMessage> mail
        = OutboxRepository(m_test->db())
              .due(QDateTime::currentMSecsSinceEpoch() + 1000, 10, &error);
    QCOMPARE(mail.size(), 1);
    QCOMPARE(mail.first().to, QStringLiteral("alex@acme.example"));
    QCOMPARE(mail.first().attachments.size(), 1);
    QVERIFY(mail.first().attachments.first().data.contains("DTSTART:20270310T140000Z"));
    const QLabel *info = m_detail->findChild<QLabel *>(QStringLiteral("taskInfo"));
    QVERIFY2(info->text().contains(QLatin1String("Scheduled for 2027-03-10 15:00 (Europe/Berlin)")),
             qPrintable(info->text()));

    // Opened again, it shows what is scheduled.
    dialog = openDialogFor<ScheduleMeetingDialog>(meeting, QStringLiteral("Schedule meeting…"));
    QVERIFY(dialog);
    QCOMPARE(dialog->timeZoneBox()->currentText(), QStringLiteral("Europe/Berlin"));
    QCOMPARE(dialog->durationBox()->value(), 45);
    dialog->reject();
}

void TestConsoleTaskSetup::trainingIsSetUpAndCompletedByStaff()
{
    const qint64 training = taskOfKind(EvidenceType::Training);
    QVERIFY(training > 0);
    // The starter template's training is in person; start from one not set up yet.
    QString dbError;
    QCOMPARE(OnboardingRepository(m_test->db()).setTaskConfig(training, {}, 0, &dbError), 1);
    m_detail->reload();
    QVERIFY(m_detail->selectTask(training));
    QCOMPARE(m_detail->selectedTask()->ownerSide, OwnerSide::Client);
    QVERIFY(!m_detail->markCompleteButton()->isEnabled()); // not in person (yet)

    QPointer<TrainingSetupDialog> dialog
        = openDialogFor<TrainingSetupDialog>(training, QStringLiteral("Set up training…"));
    QVERIFY(dialog);
    QVERIFY(dialog->videoButton()->isChecked());
    QTest::keyClicks(dialog->videoUrlEdit(), QStringLiteral("https://example.com/video.mp4"));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->videoUrlError().contains(QLatin1String("YouTube, Vimeo or Loom")),
             qPrintable(dialog->videoUrlError()));
    QVERIFY(task(training).config.isEmpty());

    // In person, with instructions: saved; staff may now complete it for the client.
    // On its indicator: a radio button takes clicks on the indicator and its text only.
    QTest::mouseClick(dialog->inPersonButton(), Qt::LeftButton, {},
                      QPoint(6, dialog->inPersonButton()->height() / 2));
    QVERIFY(dialog->inPersonButton()->isChecked());
    QVERIFY(!dialog->videoUrlEdit()->isEnabled());
    QTest::keyClicks(dialog->instructionsEdit(), QStringLiteral("Room 4, Tuesday 9:00"));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(task(training).config.value(QStringLiteral("mode")).toString(),
             QStringLiteral("in_person"));
    QCOMPARE(task(training).config.value(QStringLiteral("instructions")).toString(),
             QStringLiteral("Room 4, Tuesday 9:00"));
    QVERIFY(m_detail->selectTask(training));
    QVERIFY(m_detail->markCompleteButton()->isEnabled());
    QTest::mouseClick(m_detail->markCompleteButton(), Qt::LeftButton);
    QCOMPARE(task(training).status, TaskStatus::Completed);
    QCOMPARE(task(training).completedBy, m_fixture.context.staff.name);
    QVERIFY(!m_detail->markCompleteButton()->isEnabled());
}

QTEST_MAIN(TestConsoleTaskSetup)
#include "tst_console_task_setup.moc"
