// The review queue (CON-5) driven as staff use it, on SQLite and PostgreSQL: files, approvals
// sent back and in-person trainings listed oldest first, PDFs and images previewed inside the
// console, each item handled from the keyboard, and the queue empty at the end.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "models/ReviewQueueModel.h"
#include "review/DocumentPreview.h"
#include "review/ReviewQueueView.h"
#include "services/ApprovalService.h"
#include "services/DocumentService.h"
#include "services/OnboardingService.h"
#include "storage/OnboardingRepository.h"
#include "storage/TemplateRepository.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

QByteArray realPdf()
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    QPainter painter(&writer);
    painter.drawText(100, 100, QStringLiteral("Network plan"));
    writer.newPage();
    painter.drawText(100, 100, QStringLiteral("Page two"));
    painter.end();
    return bytes;
}

QByteArray png()
{
    QImage image(80, 40, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class TestConsoleReview : public QObject
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

    void everythingWaitingIsHandledFromTheQueue();

private:
    qint64 taskOfKind(const Onboarding &onboarding, EvidenceType kind);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

qint64 TestConsoleReview::taskOfKind(const Onboarding &onboarding, EvidenceType kind)
{
    for (const Phase &phase : onboarding.phases) {
        for (const Task &task : phase.tasks) {
            if (task.evidenceType == kind && task.ownerSide == OwnerSide::Client) {
                return task.id;
            }
        }
    }
    return 0;
}

void TestConsoleReview::everythingWaitingIsHandledFromTheQueue()
{
    QString dbError;
    ServiceError error;
    const qint64 onboardingId
        = OnboardingService(m_test->db(), Clock::system())
              .createFromTemplate(
                  m_fixture.acmeId,
                  TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError).first().id,
                  QString(), QDate::currentDate(), Actor::system(QStringLiteral("Sam")), &error);
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(m_test->db()).get(onboardingId, &dbError);
    QVERIFY(onboarding);
    const qint64 upload = taskOfKind(*onboarding, EvidenceType::Upload);
    DocumentService documents(m_test->db(), Clock::system());
    QVERIFY2(documents.upload(upload, m_fixture.acmeContactId, m_fixture.acmeId,
                              QStringLiteral("plan.pdf"), realPdf(), QString(), &error),
             qPrintable(error.message));
    QVERIFY2(documents.upload(upload, m_fixture.acmeContactId, m_fixture.acmeId,
                              QStringLiteral("rack.png"), png(), QString(), &error),
             qPrintable(error.message));
    QVERIFY(ApprovalService(m_test->db(), Clock::system())
                .decideAsContact(taskOfKind(*onboarding, EvidenceType::Approval),
                                 m_fixture.acmeContactId, m_fixture.acmeId, false,
                                 QStringLiteral("Not on a Friday, please."), QString(), QString(),
                                 &error));

    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), MainWindow::ReviewPage);
    ReviewQueueView *queue = m_window->reviewView();
    QAbstractItemModelTester tester(queue->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Two files, the approval sent back, and the starter template's in-person training.
    QCOMPARE(queue->model()->rowCount(), 4);
    QStringList kinds;
    for (int row = 0; row < 4; ++row) {
        kinds << queue->model()->index(row, ReviewQueueModel::KindColumn).data().toString();
    }
    QCOMPARE(kinds.count(QStringLiteral("File to review")), 2);
    QVERIFY(kinds.contains(QStringLiteral("Changes requested")));
    QVERIFY(kinds.contains(QStringLiteral("Training to hold")));

    // Walk to the PDF with the keyboard: it is shown inside the console.
    const auto rowOf = [&](const QString &detail) {
        for (int row = 0; row < queue->model()->rowCount(); ++row) {
            if (queue->model()->index(row, ReviewQueueModel::DetailColumn).data() == detail) {
                return row;
            }
        }
        return -1;
    };
    queue->view()->setFocus();
    queue->view()->setCurrentIndex(queue->model()->index(0, 0));
    for (int i = 0;
         i < 4 && queue->view()->currentIndex().row() != rowOf(QStringLiteral("plan.pdf")); ++i) {
        QTest::keyClick(queue->view(), Qt::Key_Down, Qt::AltModifier);
    }
    QCOMPARE(queue->view()->currentIndex().row(), rowOf(QStringLiteral("plan.pdf")));
    QTRY_COMPARE(queue->preview()->pdfPageCount(), 2);
    QCOMPARE(queue->preview()->shown(), DocumentPreview::Shown::Pdf);

    queue->view()->setCurrentIndex(queue->model()->index(rowOf(QStringLiteral("rack.png")), 0));
    QCOMPARE(queue->preview()->shown(), DocumentPreview::Shown::Image);
    // Rejecting needs a reason; with one, the file leaves the queue.
    QVERIFY(!queue->rejectButton()->isEnabled());
    QVERIFY(!queue->rejectSelected());
    QCOMPARE(queue->model()->rowCount(), 4);
    QTest::keyClicks(queue->noteEdit(), QStringLiteral("Too dark to read"));
    QVERIFY(queue->rejectButton()->isEnabled());
    QTest::mouseClick(queue->rejectButton(), Qt::LeftButton);
    QCOMPARE(queue->model()->rowCount(), 3);
    QVERIFY(queue->view()->currentIndex().isValid()); // the next item is selected

    // Approve the PDF, reopen the approval, mark the training done.
    queue->view()->setCurrentIndex(queue->model()->index(rowOf(QStringLiteral("plan.pdf")), 0));
    QVERIFY(queue->actOnSelected());
    QCOMPARE(queue->model()->rowCount(), 2);
    queue->view()->setCurrentIndex(
        queue->model()->index(rowOf(QStringLiteral("Not on a Friday, please.")), 0));
    QCOMPARE(queue->primaryButton()->text(), QStringLiteral("&Reopen for the client"));
    QVERIFY(queue->actOnSelected());
    QCOMPARE(queue->model()->rowCount(), 1);
    QCOMPARE(queue->primaryButton()->text(), QStringLiteral("&Mark done"));
    QVERIFY(queue->actOnSelected());
    QCOMPARE(queue->model()->rowCount(), 0);

    // What it did, as the onboarding now stands.
    const std::optional<Onboarding> after
        = OnboardingRepository(m_test->db()).get(onboardingId, &dbError);
    const auto statusOf = [&](EvidenceType kind) {
        for (const Phase &phase : after->phases) {
            for (const Task &task : phase.tasks) {
                if (task.evidenceType == kind && task.ownerSide == OwnerSide::Client) {
                    return task.status;
                }
            }
        }
        return TaskStatus::Blocked;
    };
    QCOMPARE(statusOf(EvidenceType::Upload), TaskStatus::Completed);
    QCOMPARE(statusOf(EvidenceType::Approval), TaskStatus::Pending);
    QCOMPARE(statusOf(EvidenceType::Training), TaskStatus::Completed);
}

QTEST_MAIN(TestConsoleReview)
#include "tst_console_review.moc"
