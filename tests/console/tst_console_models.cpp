// Every item model of the console under QAbstractItemModelTester, filled from a real database
// on SQLite and PostgreSQL, and the activity watcher that drives live updates.
#include "ConsoleFixture.h"
#include "TestDatabase.h"

#include "core/ActivityWatcher.h"
#include "mail/OutboxRepository.h"
#include "models/CompanyListModel.h"
#include "models/ContactListModel.h"
#include "models/OnboardingFilterProxy.h"
#include "models/OnboardingListModel.h"
#include "models/OnboardingTreeModel.h"
#include "models/OutboxModel.h"
#include "services/InviteService.h"
#include "services/OnboardingService.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/TemplateRepository.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::ConsoleFixture;
using Gatehouse::Testing::TestDatabase;

class TestConsoleModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup() { m_test.reset(); }

    void onboardingListModel();
    void onboardingListProxySearches();
    void onboardingTreeModel();
    void companyAndContactModels();
    void outboxModel();
    void refreshWithTheSameRowsKeepsTheSelection();
    void watcherAnnouncesOnlyNewActivity();

private:
    qint64 createOnboarding(qint64 companyId, const QString &name);
    QList<Onboarding> onboardings();

    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    qint64 m_templateId = 0;
};

void TestConsoleModels::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    QString error;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &error);
    QCOMPARE(templates.size(), 1);
    m_templateId = templates.first().id;
}

qint64 TestConsoleModels::createOnboarding(qint64 companyId, const QString &name)
{
    ServiceError error;
    const qint64 id = OnboardingService(m_test->db(), Clock::system())
                          .createFromTemplate(companyId, m_templateId, name, QDate(2030, 1, 7),
                                              Actor::system(QStringLiteral("Sam")), &error);
    if (id == 0) {
        qWarning().noquote() << error.message;
    }
    return id;
}

QList<Onboarding> TestConsoleModels::onboardings()
{
    QString error;
    return OnboardingRepository(m_test->db()).list(m_fixture.workspaceId, &error);
}

void TestConsoleModels::onboardingListModel()
{
    OnboardingListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);

    QVERIFY(createOnboarding(m_fixture.acmeId, QStringLiteral("Acme rollout")));
    model.setRows(onboardings());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), int(OnboardingListModel::ColumnCount));
    QCOMPARE(model.index(0, OnboardingListModel::CompanyColumn).data().toString(),
             QStringLiteral("Acme Dental"));
    QCOMPARE(model.index(0, OnboardingListModel::NameColumn).data().toString(),
             QStringLiteral("Acme rollout"));
    QCOMPARE(model.index(0, OnboardingListModel::StartDateColumn)
                 .data(OnboardingListModel::SortRole)
                 .toDate(),
             QDate(2030, 1, 7));
    QCOMPARE(model.index(0, OnboardingListModel::ProgressColumn).data().toString(),
             QStringLiteral("0/15 (0%)"));
    QCOMPARE(model.headerData(OnboardingListModel::ProgressColumn, Qt::Horizontal).toString(),
             QStringLiteral("Progress"));

    QVERIFY(createOnboarding(m_fixture.birchId, QString()));
    model.setRows(onboardings()); // a new row: reset
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, OnboardingListModel::NameColumn).data().toString(),
             QStringLiteral("Onboarding Birch Legal")); // newest first
    model.setRows(onboardings());                       // the same rows: changed cells only
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.index(0, 0).isValid());
}

void TestConsoleModels::onboardingListProxySearches()
{
    OnboardingListModel model;
    OnboardingFilterProxy proxy(&model); // what the Onboardings page filters with
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(createOnboarding(m_fixture.acmeId, QStringLiteral("Network refresh")));
    QVERIFY(createOnboarding(m_fixture.birchId, QStringLiteral("Acme-style rollout")));
    model.setRows(onboardings());

    proxy.setSearchText(QStringLiteral("ACME"));
    QCOMPARE(proxy.rowCount(), 2); // one by company, one by name
    proxy.setSearchText(QStringLiteral("birch"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setSearchText(QStringLiteral("2030")); // dates are not searched
    QCOMPARE(proxy.rowCount(), 0);

    // A refresh that renames a row (same rows, changed cells) is searched by its new name.
    proxy.setSearchText(QStringLiteral("server move"));
    QList<Onboarding> rows = onboardings();
    rows.first().name = QStringLiteral("Server Move");
    model.setRows(rows);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, OnboardingListModel::NameColumn).data().toString(),
             QStringLiteral("Server Move"));
    model.setRows(onboardings());
    QCOMPARE(proxy.rowCount(), 0);

    proxy.setSearchText(QString());
    QCOMPARE(proxy.rowCount(), 2);
    proxy.sort(OnboardingListModel::CompanyColumn);
    QCOMPARE(proxy.index(0, OnboardingListModel::CompanyColumn).data().toString(),
             QStringLiteral("Acme Dental"));
    proxy.sort(OnboardingListModel::CompanyColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, OnboardingListModel::CompanyColumn).data().toString(),
             QStringLiteral("Birch Legal"));
    model.setRows(onboardings());
}

void TestConsoleModels::onboardingTreeModel()
{
    const qint64 id = createOnboarding(m_fixture.acmeId, QStringLiteral("Acme rollout"));
    QVERIFY(id);
    QString error;
    std::optional<Onboarding> onboarding = OnboardingRepository(m_test->db()).get(id, &error);
    QVERIFY(onboarding);

    OnboardingTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setOnboarding(*onboarding)); // a different onboarding: reset
    QCOMPARE(model.rowCount(), onboarding->phases.size());
    const QModelIndex kickOff = model.index(0, OnboardingTreeModel::TitleColumn);
    QCOMPARE(kickOff.data().toString(), QStringLiteral("Kick-off"));
    QCOMPARE(model.rowCount(kickOff), 3);
    QCOMPARE(model.rowCount(model.index(0, OnboardingTreeModel::StatusColumn)), 0);
    QCOMPARE(kickOff.siblingAtColumn(OnboardingTreeModel::StatusColumn).data().toString(),
             QStringLiteral("0/3"));
    QVERIFY(!model.taskAt(kickOff));

    const QModelIndex contacts = model.index(1, OnboardingTreeModel::TitleColumn, kickOff);
    QCOMPARE(contacts.parent(), kickOff);
    QCOMPARE(model.rowCount(contacts), 0);
    QCOMPARE(contacts.data().toString(), QStringLiteral("Confirm your main contacts"));
    QCOMPARE(contacts.siblingAtColumn(OnboardingTreeModel::OwnerColumn).data().toString(),
             QStringLiteral("Client"));
    QCOMPARE(contacts.siblingAtColumn(OnboardingTreeModel::EvidenceColumn).data().toString(),
             QStringLiteral("Task"));
    QCOMPARE(contacts.siblingAtColumn(OnboardingTreeModel::StatusColumn).data().toString(),
             QStringLiteral("Pending"));
    QCOMPARE(contacts.siblingAtColumn(OnboardingTreeModel::DueColumn).data().toString(),
             QLocale().toString(QDate(2030, 1, 10), QLocale::ShortFormat));
    const std::optional<Task> task = model.taskAt(contacts);
    QVERIFY(task);
    QCOMPARE(model.indexOfTask(task->id), contacts);

    // The same onboarding after a change: cells change in place.
    ServiceError serviceError;
    QVERIFY(OnboardingService(m_test->db(), Clock::system())
                .completeAsContact(task->id, m_fixture.acmeContactId, m_fixture.acmeId,
                                   QStringLiteral("Done"), &serviceError));
    onboarding = OnboardingRepository(m_test->db()).get(id, &error);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(!model.setOnboarding(*onboarding));
    QCOMPARE(resets.count(), 0);
    QVERIFY(changes.count() > 0);
    QVERIFY(contacts.isValid());
    QCOMPARE(contacts.siblingAtColumn(OnboardingTreeModel::StatusColumn).data().toString(),
             QStringLiteral("Completed"));
    QCOMPARE(contacts.siblingAtColumn(OnboardingTreeModel::NoteColumn).data().toString(),
             QStringLiteral("Done"));
    QCOMPARE(kickOff.siblingAtColumn(OnboardingTreeModel::StatusColumn).data().toString(),
             QStringLiteral("1/3"));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.indexOfTask(task->id).isValid());
}

void TestConsoleModels::companyAndContactModels()
{
    QVERIFY(createOnboarding(m_fixture.birchId, QString()));
    QString error;
    DirectoryRepository directory(m_test->db());
    CompanyListModel companies;
    QAbstractItemModelTester companyTester(&companies,
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    companies.setRows(directory.companies(m_fixture.workspaceId, &error));
    QCOMPARE(companies.rowCount(), 2);
    const int birch = companies.rowOf(m_fixture.birchId);
    QCOMPARE(companies.index(birch, CompanyListModel::NameColumn).data().toString(),
             QStringLiteral("Birch Legal"));
    QCOMPARE(companies.index(birch, CompanyListModel::ContactsColumn).data().toInt(), 1);
    QCOMPARE(companies.index(birch, CompanyListModel::OnboardingsColumn).data().toInt(), 1);
    QCOMPARE(companies.rowOf(-5), -1);
    companies.setRows(directory.companies(m_fixture.workspaceId, &error));
    companies.setRows({});

    ContactListModel contacts;
    QAbstractItemModelTester contactTester(&contacts,
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    contacts.setRows(directory.contacts(m_fixture.acmeId, &error));
    QCOMPARE(contacts.rowCount(), 1);
    QCOMPARE(contacts.index(0, ContactListModel::NameColumn).data().toString(),
             QStringLiteral("Alex Acme"));
    QCOMPARE(contacts.index(0, ContactListModel::EmailColumn).data().toString(),
             QStringLiteral("alex@acme.example"));
    QCOMPARE(contacts.index(0, ContactListModel::PortalAccessColumn).data().toString(),
             QStringLiteral("Yes"));
    QVERIFY(directory.createContact(m_fixture.acmeId, QStringLiteral("Aaron Acme"),
                                    QStringLiteral("aaron@acme.example"), 0, &error));
    contacts.setRows(directory.contacts(m_fixture.acmeId, &error));
    QCOMPARE(contacts.rowCount(), 2);
    contacts.setRows(directory.contacts(m_fixture.birchId, &error));
    QCOMPARE(contacts.rowCount(), 1);
}

void TestConsoleModels::outboxModel()
{
    OutboxModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ServiceError serviceError;
    InviteService invites(m_test->db(), Clock::system(), QStringLiteral("http://127.0.0.1:1"));
    QVERIFY(invites.invite(m_fixture.acmeContactId, Actor::system(QStringLiteral("Sam")), true,
                           &serviceError));
    QString error;
    OutboxRepository outbox(m_test->db());
    model.setRows(outbox.recent(200, &error));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, OutboxModel::ToColumn).data().toString(),
             QStringLiteral("alex@acme.example"));
    QCOMPARE(model.index(0, OutboxModel::StatusColumn).data().toString(),
             QStringLiteral("Waiting to be sent"));
    QVERIFY(
        model.index(0, 0).data(OutboxModel::BodyRole).toString().contains(QLatin1String("/i/")));

    const qint64 id = model.index(0, 0).data(OutboxModel::IdRole).toLongLong();
    QVERIFY(outbox.markFailed(id, QStringLiteral("connection refused"), 0, &error));
    model.setRows(outbox.recent(200, &error));
    QCOMPARE(model.index(0, OutboxModel::StatusColumn).data().toString(),
             QStringLiteral("Waiting (attempt 1: connection refused)"));
    QVERIFY(outbox.markSent(id, Clock::system().nowMs(), &error));
    model.setRows(outbox.recent(200, &error));
    QCOMPARE(model.index(0, OutboxModel::StatusColumn).data().toString(), QStringLiteral("Sent"));

    QVERIFY(invites.invite(m_fixture.birchContactId, Actor::system(QStringLiteral("Sam")), true,
                           &serviceError));
    model.setRows(outbox.recent(200, &error));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, OutboxModel::ToColumn).data().toString(),
             QStringLiteral("jordan@birch.example"));
}

void TestConsoleModels::refreshWithTheSameRowsKeepsTheSelection()
{
    QVERIFY(createOnboarding(m_fixture.acmeId, QStringLiteral("First")));
    const qint64 second = createOnboarding(m_fixture.birchId, QStringLiteral("Second"));
    QVERIFY(second);
    OnboardingListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QItemSelectionModel selection(&model);
    model.setRows(onboardings());
    const int row = model.rowOf(second);
    selection.setCurrentIndex(model.index(row, 0),
                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    // A client completes a task: progress changes, the rows stay the same.
    QString error;
    const std::optional<Onboarding> full = OnboardingRepository(m_test->db()).get(second, &error);
    QVERIFY(full);
    const Task task = full->phases.first().tasks.at(1);
    ServiceError serviceError;
    QVERIFY(OnboardingService(m_test->db(), Clock::system())
                .completeAsContact(task.id, m_fixture.birchContactId, m_fixture.birchId, QString(),
                                   &serviceError));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setRows(onboardings());
    QCOMPARE(resets.count(), 0);
    QCOMPARE(selection.currentIndex().row(), row);
    QVERIFY(selection.isRowSelected(row));
    QCOMPARE(model.index(row, OnboardingListModel::ProgressColumn).data().toString(),
             QStringLiteral("1/15 (6%)"));
}

void TestConsoleModels::watcherAnnouncesOnlyNewActivity()
{
    QVERIFY(createOnboarding(m_fixture.acmeId, QStringLiteral("Before")));
    ActivityWatcher watcher(m_test->db());
    QCOMPARE(watcher.intervalMs(), ActivityWatcher::kDefaultIntervalMs);
    QSignalSpy spy(&watcher, &ActivityWatcher::activity);
    watcher.start();
    QVERIFY(watcher.lastSeenId() > 0);
    watcher.poll();
    QCOMPARE(spy.count(), 0); // what happened before the start is not news

    const qint64 id = createOnboarding(m_fixture.birchId, QStringLiteral("After"));
    QVERIFY(id);
    watcher.poll();
    QCOMPARE(spy.count(), 1);
    const auto events = spy.takeFirst().at(0).value<QList<ActivityEvent>>();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, QStringLiteral("onboarding.created"));
    QCOMPARE(events.first().onboardingId, id);
    watcher.poll();
    QCOMPARE(spy.count(), 0);

    // The timer does the polling by itself.
    watcher.setIntervalMs(20);
    ServiceError error;
    InviteService invites(m_test->db(), Clock::system(), QStringLiteral("http://127.0.0.1:1"));
    QVERIFY(invites.invite(m_fixture.acmeContactId, Actor::system(QStringLiteral("Sam")), false,
                           &error));
    QVERIFY(invites.invite(m_fixture.birchContactId, Actor::system(QStringLiteral("Sam")), false,
                           &error));
    auto announced = [&spy] {
        int count = 0;
        for (const QList<QVariant> &signal : std::as_const(spy)) {
            count += int(signal.at(0).value<QList<ActivityEvent>>().size());
        }
        return count;
    };
    QTRY_COMPARE(announced(), 2);
    watcher.stop();
    QVERIFY(!watcher.isActive());
}

QTEST_MAIN(TestConsoleModels)
#include "tst_console_models.moc"
