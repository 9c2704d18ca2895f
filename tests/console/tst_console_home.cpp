// The console's Home (what needs staff now, charts), its global search and the shortcuts
// dialog, on SQLite and PostgreSQL: the services' numbers against data seeded as clients and
// staff would make it, and the window driven from the keyboard to where each item is handled.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "companies/CompaniesView.h"
#include "home/GlobalSearch.h"
#include "home/HomeCharts.h"
#include "home/HomeView.h"
#include "home/ShortcutsDialog.h"
#include "inbox/InboxView.h"
#include "models/HomeItemModel.h"
#include "models/QuestionListModel.h"
#include "models/ReviewQueueModel.h"
#include "models/SearchResultModel.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/OnboardingsView.h"
#include "review/ReviewQueueView.h"
#include "services/DocumentService.h"
#include "services/HomeSummary.h"
#include "services/OnboardingService.h"
#include "services/QuestionService.h"
#include "services/SearchService.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/TemplateRepository.h"

#include <QAbstractItemModelTester>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

} // namespace

class TestConsoleHome : public QObject
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
        QSettings().clear();
    }

    void summaryCountsWhatWaits();
    void chartsCountPhasesAndOpenTasks();
    void searchFindsEachKindLiterally();
    void homeShowsAndOpensWhatWaits();
    void searchOpensEachKind();
    void shortcutsDialogListsTheWindowsKeys();

private:
    qint64 createOnboarding(qint64 companyId, const QString &name, const QDate &start,
                            const Clock &clock);
    Onboarding onboarding(qint64 id);
    qint64 taskOfKind(qint64 onboardingId, EvidenceType kind);
    // Seeds a waiting upload, an unanswered question, overdue tasks and a stalled onboarding.
    void seedWaitingWork();
    QList<Task> expectedOverdue();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_stalledId = 0; // Acme's, made 10 days ago and due long since
    qint64 m_freshId = 0;   // Birch's, made today
    qint64 m_uploadTaskId = 0;
    qint64 m_questionId = 0;
};

void TestConsoleHome::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
}

qint64 TestConsoleHome::createOnboarding(qint64 companyId, const QString &name, const QDate &start,
                                         const Clock &clock)
{
    QString dbError;
    ServiceError error;
    const qint64 templateId
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError).first().id;
    return OnboardingService(m_test->db(), clock)
        .createFromTemplate(companyId, templateId, name, start, m_fixture.context.actor(), &error);
}

Onboarding TestConsoleHome::onboarding(qint64 id)
{
    QString error;
    return OnboardingRepository(m_test->db()).get(id, &error).value_or(Onboarding());
}

qint64 TestConsoleHome::taskOfKind(qint64 onboardingId, EvidenceType kind)
{
    for (const Phase &phase : onboarding(onboardingId).phases) {
        for (const Task &task : phase.tasks) {
            if (task.evidenceType == kind && task.ownerSide == OwnerSide::Client) {
                return task.id;
            }
        }
    }
    return 0;
}

void TestConsoleHome::seedWaitingWork()
{
    const qint64 now = Clock::system().nowMs();
    const ManualClock tenDaysAgo(now - 10 * kDayMs);
    const QDate today = QDate::currentDate();
    m_stalledId = createOnboarding(m_fixture.acmeId, QStringLiteral("Acme move"),
                                   today.addDays(-60), tenDaysAgo);
    m_freshId = createOnboarding(m_fixture.birchId, QStringLiteral("Birch start"), today,
                                 Clock::system());
    QVERIFY(m_stalledId > 0 && m_freshId > 0);

    // The upload waits for review; a contact uploading something 10 days ago stays stalled.
    m_uploadTaskId = taskOfKind(m_stalledId, EvidenceType::Upload);
    QVERIFY(m_uploadTaskId);
    ServiceError error;
    QVERIFY2(DocumentService(m_test->db(), tenDaysAgo)
                 .upload(m_uploadTaskId, m_fixture.acmeContactId, m_fixture.acmeId,
                         QStringLiteral("network.txt"), QByteArray("core switch, two APs\n"),
                         QString(), &error),
             qPrintable(error.message));
    const std::optional<Question> question
        = QuestionService(m_test->db(), Clock::system())
              .askAsContact(m_fixture.birchContactId, m_fixture.birchId, m_freshId,
                            QStringLiteral("Can we keep our printer?"), QString(), &error);
    QVERIFY2(question, qPrintable(error.message));
    m_questionId = question->id;
}

// Acme's tasks all fell due long ago; Birch's are due today or later.
QList<Task> TestConsoleHome::expectedOverdue()
{
    QList<Task> overdue;
    for (const qint64 id : {m_stalledId, m_freshId}) {
        for (const Phase &phase : onboarding(id).phases) {
            for (const Task &task : phase.tasks) {
                if (task.status != TaskStatus::Completed && task.dueDate.isValid()
                    && task.dueDate < QDate::currentDate()) {
                    overdue.append(task);
                }
            }
        }
    }
    return overdue;
}

void TestConsoleHome::summaryCountsWhatWaits()
{
    seedWaitingWork();
    const HomeSummary summary(m_test->db(), Clock::system());
    HomeNeeds needs;
    QString error;
    QVERIFY2(summary.needs(m_fixture.workspaceId, 7, &needs, &error), qPrintable(error));

    QVERIFY(needs.reviewCount >= 1);
    QVERIFY(std::any_of(needs.review.cbegin(), needs.review.cend(), [this](const HomeItem &i) {
        return i.taskId == m_uploadTaskId && i.detail == QLatin1String("network.txt");
    }));
    QCOMPARE(needs.questionCount, 1);
    QCOMPARE(needs.questions.first().id, m_questionId);
    QCOMPARE(needs.questions.first().title, QStringLiteral("Can we keep our printer?"));
    QCOMPARE(needs.questions.first().company, QStringLiteral("Birch Legal"));

    const QList<Task> overdue = expectedOverdue();
    QVERIFY(overdue.size() > HomeSummary::kListLimit);
    QCOMPARE(needs.overdueCount, int(overdue.size()));
    QCOMPARE(needs.overdue.size(), HomeSummary::kListLimit);
    for (const HomeItem &item : std::as_const(needs.overdue)) {
        QCOMPARE(item.onboardingId, m_stalledId);
        QVERIFY(item.detail < QDate::currentDate().toString(Qt::ISODate));
    }

    QCOMPARE(needs.stalledCount, 1);
    QCOMPARE(needs.stalled.first().onboardingId, m_stalledId);
    QCOMPARE(needs.stalled.first().title, QStringLiteral("Acme move"));
    // Nothing has been quiet for 20 days.
    QVERIFY(summary.needs(m_fixture.workspaceId, 20, &needs, &error));
    QCOMPARE(needs.stalledCount, 0);

    // Staff finishing an overdue task: one fewer overdue, and the onboarding moves again.
    ServiceError serviceError;
    QVERIFY(OnboardingService(m_test->db(), Clock::system())
                .setStatusAsStaff(overdue.first().id, TaskStatus::Completed,
                                  m_fixture.context.actor(), &serviceError));
    QVERIFY(summary.needs(m_fixture.workspaceId, 7, &needs, &error));
    QCOMPARE(needs.overdueCount, int(overdue.size()) - 1);
    QCOMPARE(needs.stalledCount, 0);

    // Another workspace's data is never counted.
    QVERIFY(summary.needs(m_fixture.workspaceId + 1000, 7, &needs, &error));
    QCOMPARE(needs.reviewCount + needs.questionCount + needs.overdueCount + needs.stalledCount, 0);
}

void TestConsoleHome::chartsCountPhasesAndOpenTasks()
{
    const qint64 now = Clock::system().nowMs();
    const ManualClock tenDaysAgo(now - 10 * kDayMs);
    const qint64 first
        = createOnboarding(m_fixture.acmeId, QStringLiteral("A"), QDate::currentDate(), tenDaysAgo);
    const qint64 second = createOnboarding(m_fixture.birchId, QStringLiteral("B"),
                                           QDate::currentDate(), Clock::system());
    const Onboarding a = onboarding(first);
    QVERIFY(a.phases.size() >= 2);
    int tasksPerOnboarding = 0;
    for (const Phase &phase : a.phases) {
        tasksPerOnboarding += int(phase.tasks.size());
    }

    const HomeSummary summary(m_test->db(), Clock::system());
    QString error;
    QList<PhaseCount> phases = summary.onboardingsByPhase(m_fixture.workspaceId, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(phases.size(), 1);
    QCOMPARE(phases.first().phase, a.phases.first().name);
    QCOMPARE(phases.first().onboardings, 2);

    // Finishing A's first phase moves it on to the second.
    OnboardingService service(m_test->db(), Clock::system());
    ServiceError serviceError;
    for (const Task &task : a.phases.first().tasks) {
        QVERIFY(service.setStatusAsStaff(task.id, TaskStatus::Completed, m_fixture.context.actor(),
                                         &serviceError));
    }
    const int done = int(a.phases.first().tasks.size());
    phases = summary.onboardingsByPhase(m_fixture.workspaceId, &error);
    QCOMPARE(phases.size(), 2);
    QCOMPARE(phases.at(0).phase, a.phases.at(0).name);
    QCOMPARE(phases.at(0).onboardings, 1);
    QCOMPARE(phases.at(1).phase, a.phases.at(1).name);
    QCOMPARE(phases.at(1).onboardings, 1);

    // Open tasks: none before A was made, A's from then on, B's added and A's first phase
    // taken off today.
    const QList<OpenTasksOnDay> days = summary.openTasksByDay(m_fixture.workspaceId, 30, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(days.size(), 30);
    QCOMPARE(days.last().day, QDate::currentDate());
    const QDate madeA = QDateTime::fromMSecsSinceEpoch(tenDaysAgo.nowMs()).date();
    for (const OpenTasksOnDay &day : days) {
        if (day.day < madeA) {
            QCOMPARE(day.open, 0);
        } else if (day.day < QDate::currentDate()) {
            QCOMPARE(day.open, tasksPerOnboarding);
        }
    }
    QCOMPARE(days.last().open, 2 * tasksPerOnboarding - done);

    // The window's charts hold the same numbers.
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    HomeCharts *charts = m_window->homeView()->charts();
    QCOMPARE(charts->phaseSet()->count(), 2);
    QCOMPARE(charts->phaseSet()->at(0), 1.0);
    QCOMPARE(charts->phaseSet()->at(1), 1.0);
    QCOMPARE(charts->phaseAxis()->categories(),
             QStringList({a.phases.at(0).name, a.phases.at(1).name}));
    const QList<QPointF> points = charts->openTasksSeries()->points();
    QCOMPARE(points.size(), 30);
    QCOMPARE(points.last().y(), qreal(2 * tasksPerOnboarding - done));
    QCOMPARE(qint64(points.last().x()), QDate::currentDate().startOfDay().toMSecsSinceEpoch());
    QCOMPARE(points.first().y(), 0.0);
    Q_UNUSED(second);
}

void TestConsoleHome::searchFindsEachKindLiterally()
{
    seedWaitingWork();
    QString error;
    DirectoryRepository directory(m_test->db());
    const qint64 now = Clock::system().nowMs();
    const qint64 percent = directory.createCompany(m_fixture.workspaceId,
                                                   QStringLiteral("100% Uptime"), now, &error);
    const qint64 plain = directory.createCompany(m_fixture.workspaceId,
                                                 QStringLiteral("1000 Uptime"), now, &error);
    const qint64 underscore = directory.createCompany(m_fixture.workspaceId,
                                                      QStringLiteral("a_b Networks"), now, &error);
    const qint64 axb = directory.createCompany(m_fixture.workspaceId,
                                               QStringLiteral("axb Networks"), now, &error);
    QVERIFY2(percent && plain && underscore && axb, qPrintable(error));

    const SearchService search(m_test->db());
    const auto ids = [&](const QString &text, SearchHit::Kind kind) {
        QList<qint64> found;
        const QList<SearchHit> hits = search.search(m_fixture.workspaceId, text, &error);
        for (const SearchHit &hit : hits) {
            if (hit.kind == kind) {
                found.append(kind == SearchHit::Kind::Company      ? hit.companyId
                             : kind == SearchHit::Kind::Contact    ? hit.contactId
                             : kind == SearchHit::Kind::Onboarding ? hit.onboardingId
                                                                   : hit.taskId);
            }
        }
        return found;
    };
    // Case-insensitive, anywhere in the name.
    QCOMPARE(ids(QStringLiteral("DENTAL"), SearchHit::Kind::Company),
             QList<qint64>({m_fixture.acmeId}));
    QCOMPARE(ids(QStringLiteral("birch.exam"), SearchHit::Kind::Contact),
             QList<qint64>({m_fixture.birchContactId}));
    QCOMPARE(ids(QStringLiteral("alex"), SearchHit::Kind::Contact),
             QList<qint64>({m_fixture.acmeContactId}));
    QCOMPARE(ids(QStringLiteral("acme MOVE"), SearchHit::Kind::Onboarding),
             QList<qint64>({m_stalledId}));
    const Task upload = *OnboardingRepository(m_test->db())
                             .taskForCompany(m_uploadTaskId, m_fixture.acmeId, &error);
    QVERIFY(ids(upload.title.toUpper(), SearchHit::Kind::Task).contains(m_uploadTaskId));
    // Wildcards typed are matched as themselves.
    QCOMPARE(ids(QStringLiteral("0%"), SearchHit::Kind::Company), QList<qint64>({percent}));
    QCOMPARE(ids(QStringLiteral("a_b"), SearchHit::Kind::Company), QList<qint64>({underscore}));
    QCOMPARE(ids(QStringLiteral("%"), SearchHit::Kind::Company), QList<qint64>({percent}));
    QVERIFY(ids(QStringLiteral("!"), SearchHit::Kind::Company).isEmpty());
    // Nothing typed, nothing found; another workspace finds nothing.
    QVERIFY(search.search(m_fixture.workspaceId, QStringLiteral("  "), &error).isEmpty());
    QVERIFY(search.search(m_fixture.workspaceId + 1000, QStringLiteral("a"), &error).isEmpty());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // At most the limit per kind, sorted by name.
    const QList<SearchHit> limited
        = search.search(m_fixture.workspaceId, QStringLiteral("uptime"), &error, 1);
    QCOMPARE(limited.size(), 1);
    QVERIFY(limited.first().companyId == percent || limited.first().companyId == plain);
}

void TestConsoleHome::homeShowsAndOpensWhatWaits()
{
    seedWaitingWork();
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QCOMPARE(m_window->currentPage(), MainWindow::HomePage);
    HomeView *home = m_window->homeView();
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (int list = 0; list < HomeView::ListCount; ++list) {
        testers.push_back(std::make_unique<QAbstractItemModelTester>(
            home->model(HomeView::List(list)),
            QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    QCOMPARE(home->count(HomeView::QuestionList), 1);
    QCOMPARE(home->heading(HomeView::QuestionList)->text(),
             QStringLiteral("Unanswered questions (1)"));
    QCOMPARE(home->count(HomeView::OverdueList), int(expectedOverdue().size()));
    QCOMPARE(home->heading(HomeView::StalledList)->text(),
             QStringLiteral("Stalled onboardings (1)"));
    QVERIFY(home->count(HomeView::ReviewList) >= 1);

    // The stalled days are a setting kept for the next start.
    home->stalledDaysBox()->setValue(20);
    QCOMPARE(QSettings().value(HomeView::kStalledDaysKey).toInt(), 20);
    QTRY_COMPARE(home->count(HomeView::StalledList), 0);
    home->stalledDaysBox()->setValue(7);
    QTRY_COMPARE(home->count(HomeView::StalledList), 1);

    // Live: a client's new question shows without touching anything.
    ServiceError error;
    QVERIFY(QuestionService(m_test->db(), Clock::system())
                .askAsContact(m_fixture.acmeContactId, m_fixture.acmeId, 0,
                              QStringLiteral("Who do we call at night?"), QString(), &error));
    QTRY_COMPARE(home->count(HomeView::QuestionList), 2);

    // Enter on a row opens it where it is handled.
    const auto activate = [&](HomeView::List list, int row) {
        m_window->showPage(MainWindow::HomePage);
        QTableView *view = home->view(list);
        view->setFocus();
        view->setCurrentIndex(view->model()->index(row, 0));
        QTest::keyClick(view, Qt::Key_Return);
    };
    const int uploadRow = [&] {
        for (int row = 0; row < home->model(HomeView::ReviewList)->rowCount(); ++row) {
            if (home->model(HomeView::ReviewList)->rows().at(row).taskId == m_uploadTaskId) {
                return row;
            }
        }
        return -1;
    }();
    QVERIFY(uploadRow >= 0);
    activate(HomeView::ReviewList, uploadRow);
    QCOMPARE(m_window->currentPage(), MainWindow::ReviewPage);
    const QModelIndex reviewCurrent = m_window->reviewView()->view()->currentIndex();
    QCOMPARE(reviewCurrent.data(ReviewQueueModel::IdRole).toLongLong(),
             home->model(HomeView::ReviewList)->rows().at(uploadRow).id);

    const int questionRow = home->model(HomeView::QuestionList)->rowOf(m_questionId);
    QVERIFY(questionRow >= 0);
    activate(HomeView::QuestionList, questionRow);
    QCOMPARE(m_window->currentPage(), MainWindow::InboxPage);
    QCOMPARE(
        m_window->inboxView()->view()->currentIndex().data(QuestionListModel::IdRole).toLongLong(),
        m_questionId);

    activate(HomeView::OverdueList, 1);
    const HomeItem overdue = home->model(HomeView::OverdueList)->rows().at(1);
    QCOMPARE(m_window->currentPage(), MainWindow::OnboardingsPage);
    QCOMPARE(m_window->onboardingsView()->currentOnboardingId(), m_stalledId);
    QVERIFY(m_window->onboardingsView()->detailView()->selectedTask());
    QCOMPARE(m_window->onboardingsView()->detailView()->selectedTask()->id, overdue.taskId);

    m_window->showPage(MainWindow::HomePage);
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier); // away and back
    m_window->onboardingsView()->selectOnboarding(m_freshId);
    activate(HomeView::StalledList, 0);
    QCOMPARE(m_window->currentPage(), MainWindow::OnboardingsPage);
    QCOMPARE(m_window->onboardingsView()->currentOnboardingId(), m_stalledId);
}

void TestConsoleHome::searchOpensEachKind()
{
    seedWaitingWork();
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    GlobalSearch *search = m_window->globalSearch();
    QAbstractItemModelTester tester(search->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    const Task upload = *OnboardingRepository(m_test->db())
                             .taskForCompany(m_uploadTaskId, m_fixture.acmeId, &error);

    // Ctrl+K, type, pick the hit of the kind wanted with the arrow keys, Enter.
    const auto find = [&](const QString &text, SearchHit::Kind kind, qint64 id) {
        // The popup closing can leave no window active (offscreen); a member of staff is back
        // in the window anyway.
        m_window->activateWindow();
        if (!QTest::qWaitForWindowActive(m_window.get())) {
            return false;
        }
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        if (!search->edit()->hasFocus()) {
            qWarning() << "Ctrl+K did not focus the search";
            return false;
        }
        QTest::keyClick(search->edit(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(search->edit(), Qt::Key_Backspace);
        QTest::keyClicks(search->edit(), text);
        const auto row = [&] {
            const QList<SearchHit> &hits = search->model()->rows();
            for (int r = 0; r < hits.size(); ++r) {
                if (hits.at(r).kind == kind && hits.at(r).id % 4 == int(kind)
                    && hits.at(r).id / 4 == id) {
                    return r;
                }
            }
            return -1;
        };
        if (!QTest::qWaitFor([&] { return row() >= 0 && search->popup()->isVisible(); })) {
            qWarning() << "not found or no popup" << text << row() << search->popup()->isVisible();
            return false;
        }
        const int target = row();
        for (int tries = 0; tries <= search->model()->rowCount()
                            && search->popup()->currentIndex().row() != target;
             ++tries) {
            QTest::keyClick(search->popup(), Qt::Key_Down);
        }
        if (search->popup()->currentIndex().row() != target) {
            qWarning() << "not selected" << text << target << search->popup()->currentIndex();
            return false;
        }
        QTest::keyClick(search->popup(), Qt::Key_Return);
        if (search->popup()->isVisible()) {
            qWarning() << "popup still visible" << text;
        }
        return !search->popup()->isVisible();
    };

    QVERIFY(find(QStringLiteral("birch"), SearchHit::Kind::Company, m_fixture.birchId));
    QCOMPARE(m_window->currentPage(), MainWindow::CompaniesPage);
    QCOMPARE(m_window->companiesView()->currentCompanyId(), m_fixture.birchId);

    QVERIFY(find(QStringLiteral("alex@"), SearchHit::Kind::Contact, m_fixture.acmeContactId));
    QCOMPARE(m_window->currentPage(), MainWindow::CompaniesPage);
    QCOMPARE(m_window->companiesView()->currentCompanyId(), m_fixture.acmeId);
    QCOMPARE(m_window->companiesView()->currentContactId(), m_fixture.acmeContactId);

    QVERIFY(find(QStringLiteral("birch st"), SearchHit::Kind::Onboarding, m_freshId));
    QCOMPARE(m_window->currentPage(), MainWindow::OnboardingsPage);
    QCOMPARE(m_window->onboardingsView()->currentOnboardingId(), m_freshId);

    QVERIFY(find(upload.title, SearchHit::Kind::Task, m_uploadTaskId));
    QCOMPARE(m_window->currentPage(), MainWindow::OnboardingsPage);
    QCOMPARE(m_window->onboardingsView()->currentOnboardingId(), m_stalledId);
    QVERIFY(m_window->onboardingsView()->detailView()->selectedTask());
    QCOMPARE(m_window->onboardingsView()->detailView()->selectedTask()->id, m_uploadTaskId);

    // Nothing matches: no popup, nothing opened.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    QVERIFY(search->edit()->hasFocus());
    QTest::keyClicks(search->edit(), QStringLiteral("zzz-nothing"));
    QTRY_COMPARE(search->model()->rowCount(), 0);
    QVERIFY(!search->popup()->isVisible());
    QCOMPARE(search->lastError(), QString());
}

void TestConsoleHome::shortcutsDialogListsTheWindowsKeys()
{
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_F1);
    ShortcutsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ShortcutsDialog *>()));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    const QStringList areas = {QStringLiteral("Home"),
                               QStringLiteral("Onboardings"),
                               QStringLiteral("Review"),
                               QStringLiteral("Inbox"),
                               QStringLiteral("Companies & contacts"),
                               QStringLiteral("Templates"),
                               QStringLiteral("Activity"),
                               QStringLiteral("Mail"),
                               QStringLiteral("Settings")};
    for (int page = 0; page < areas.size(); ++page) {
        QCOMPARE(dialog->actionFor(QStringLiteral("Go"),
                                   QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page))),
                 areas.at(page));
    }
    QCOMPARE(dialog->actionFor(QStringLiteral("Go"), QKeySequence(Qt::CTRL | Qt::Key_K)),
             QStringLiteral("Search"));
    QCOMPARE(dialog->actionFor(QStringLiteral("Help"), QKeySequence(Qt::CTRL | Qt::Key_Slash)),
             QStringLiteral("Keyboard shortcuts"));
    QCOMPARE(dialog->actionFor(QStringLiteral("Review"), QKeySequence(Qt::ALT | Qt::Key_Down)),
             QStringLiteral("Next item"));
    QCOMPARE(dialog->actionFor(QStringLiteral("Templates"), QKeySequence::Save),
             QStringLiteral("Save the template"));
    QCOMPARE(dialog->actionFor(QStringLiteral("File"), QKeySequence::New),
             QStringLiteral("New onboarding"));
    dialog->close();

    // Ctrl+/ opens it too.
    QTRY_VERIFY(!m_window->findChild<ShortcutsDialog *>());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_Slash, Qt::ControlModifier);
    QTRY_VERIFY(m_window->findChild<ShortcutsDialog *>());
}

QTEST_MAIN(TestConsoleHome)
#include "tst_console_home.moc"
