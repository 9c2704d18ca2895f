// Scale-out: three real gatehouse-portal processes on one database behind a real nginx that
// balances them round robin. A session started on one process works on the others, the
// sign-in limits hold whichever process answers (their counters live in the database), each
// mail goes out once although every process delivers, and a console on its own connection
// hears what a client does at once.
#include "PortalClient.h"
#include "PortalCluster.h"
#include "TestDatabase.h"

#include "core/Clock.h"
#include "security/Tokens.h"
#include "services/WorkspaceSetup.h"
#include "storage/SqlQuery.h"

#ifdef GATEHOUSE_SCALE_OUT_CONSOLE
#include "core/ActivityWatcher.h"
#include <QSignalSpy>
#endif

#include <QDir>
#include <QJsonArray>
#include <QSet>
#include <QSqlRecord>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr int kProcesses = 3;

QSet<quint16> upstreamsOf(const QList<PortalCluster::Served> &served, const QString &request)
{
    QSet<quint16> ports;
    for (const PortalCluster::Served &entry : served) {
        if (entry.request == request) {
            ports.insert(entry.upstream);
        }
    }
    return ports;
}

QByteArray describe(const QList<PortalCluster::Served> &served)
{
    QStringList lines;
    for (const PortalCluster::Served &entry : served) {
        lines.append(
            QStringLiteral("%1 %2 %3").arg(entry.upstream).arg(entry.status).arg(entry.request));
    }
    return lines.join(QLatin1Char('\n')).toUtf8();
}

} // namespace

class TestScaleOut : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void aSessionMovesBetweenProcesses();
    void fiveWrongCodesHoldAcrossProcesses();
    void signInLimitsPerEmailHoldAcrossProcesses();
    void signInLimitsPerAddressHoldAcrossProcesses();
    void eachMailGoesOutOnce();
    void theConsoleHearsClientActionsLive();

private:
    // POST /api/v1/auth/login for the demo contact: the challenge, and the code from the
    // outbox row that request wrote.
    bool requestCode(PortalClient &browser, QString *challenge, QString *code, QString *why);
    bool signIn(PortalClient &browser, QString *why);
    // The first pending client task of the standard kind in the home JSON; 0 when none.
    static qint64 openStandardTask(const QJsonObject &home);
    QStringList rows(const QString &sql);

    std::unique_ptr<TestDatabase> m_test;
    std::unique_ptr<PortalCluster> m_cluster;
    QString m_contactEmail;
};

void TestScaleOut::initTestCase()
{
    QVERIFY(Tokens::initialise());
}

void TestScaleOut::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    QString error;
    QVERIFY2(WorkspaceSetup(m_test->db(), Clock::system()).ensureDemo(nullptr, nullptr, &error),
             qPrintable(error));
    m_contactEmail = WorkspaceSetup::demoCredentials().contactEmail;
    m_cluster = std::make_unique<PortalCluster>();
    QVERIFY2(m_cluster->start(QStringLiteral(GATEHOUSE_PORTAL_BIN), m_test->config(), kProcesses,
                              &error),
             qPrintable(error));
}

void TestScaleOut::cleanup()
{
    m_cluster.reset(); // the processes go before their database does
    m_test.reset();
}

QStringList TestScaleOut::rows(const QString &sql)
{
    QStringList result;
    SqlQuery query(m_test->db(), sql);
    QString error;
    if (!query.exec(&error)) {
        qWarning("%s", qPrintable(error));
        return result;
    }
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < query.raw().record().count(); ++i) {
            fields.append(query.text(i));
        }
        result.append(fields.join(QLatin1Char('|')));
    }
    return result;
}

bool TestScaleOut::requestCode(PortalClient &browser, QString *challenge, QString *code,
                               QString *why)
{
    const QStringList before = rows(QStringLiteral("SELECT MAX(id) FROM outbox"));
    const HttpReply started = browser.post(QStringLiteral("/api/v1/auth/login"),
                                           {{QStringLiteral("email"), m_contactEmail}});
    if (started.status != 200) {
        *why = QStringLiteral("POST /api/v1/auth/login: ") + QString::fromUtf8(started.describe());
        return false;
    }
    *challenge = started.json().value(QStringLiteral("challenge")).toString();
    const QStringList mail = rows(QStringLiteral("SELECT body_text FROM outbox WHERE id > %1 "
                                                 "ORDER BY id DESC")
                                      .arg(before.value(0).toLongLong()));
    *code = signInCodeIn(mail.value(0));
    if (code->size() != 6) {
        *why = QStringLiteral("no sign-in code in the outbox");
        return false;
    }
    return true;
}

bool TestScaleOut::signIn(PortalClient &browser, QString *why)
{
    QString challenge;
    QString code;
    if (!requestCode(browser, &challenge, &code, why)) {
        return false;
    }
    const HttpReply signedIn
        = browser.post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
    if (signedIn.status != 200 || browser.cookie(QStringLiteral("gh_session")).isEmpty()) {
        *why = QStringLiteral("POST /api/v1/auth/code: ") + QString::fromUtf8(signedIn.describe());
        return false;
    }
    if (!browser.learnCsrfToken()) {
        *why = QStringLiteral("GET /api/v1/me gave no csrfToken");
        return false;
    }
    return true;
}

qint64 TestScaleOut::openStandardTask(const QJsonObject &home)
{
    for (const QJsonValue &onboarding : home.value(QStringLiteral("onboardings")).toArray()) {
        for (const QJsonValue &phase :
             onboarding.toObject().value(QStringLiteral("phases")).toArray()) {
            for (const QJsonValue &value :
                 phase.toObject().value(QStringLiteral("tasks")).toArray()) {
                const QJsonObject task = value.toObject();
                if (task.value(QStringLiteral("ownerSide")) == QLatin1String("client")
                    && task.value(QStringLiteral("evidenceType")) == QLatin1String("standard")
                    && task.value(QStringLiteral("status")) == QLatin1String("pending")) {
                    return task.value(QStringLiteral("id")).toInteger();
                }
            }
        }
    }
    return 0;
}

void TestScaleOut::aSessionMovesBetweenProcesses()
{
    PortalClient browser(m_cluster->port());
    QString challenge;
    QString code;
    QString why;
    QVERIFY2(requestCode(browser, &challenge, &code, &why), qPrintable(why));
    const HttpReply signedIn
        = browser.post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
    QVERIFY2(signedIn.status == 200, signedIn.describe().constData());
    QList<PortalCluster::Served> served = m_cluster->takeServed();
    QCOMPARE(served.size(), 2);
    // The code was asked for on one process and entered on another.
    QVERIFY2(served.at(0).upstream != served.at(1).upstream, describe(served).constData());
    QVERIFY(browser.learnCsrfToken());

    // The session serves home, a task and its completion on every process.
    HttpReply home = browser.get(QStringLiteral("/api/v1/home"));
    QVERIFY2(home.status == 200, home.describe().constData());
    const qint64 taskId = openStandardTask(home.json());
    QVERIFY2(taskId > 0, home.body.left(300).constData());
    const QString taskPath = QStringLiteral("/api/v1/tasks/%1").arg(taskId);
    for (int i = 0; i < kProcesses; ++i) {
        home = browser.get(QStringLiteral("/api/v1/home"));
        QVERIFY2(home.status == 200, home.describe().constData());
        const HttpReply task = browser.get(taskPath);
        QVERIFY2(task.status == 200, task.describe().constData());
        QCOMPARE(task.json().value(QStringLiteral("task"))[QStringLiteral("status")],
                 QStringLiteral("pending"));
    }
    const HttpReply completed = browser.post(taskPath + QStringLiteral("/complete"),
                                             {{QStringLiteral("note"), QStringLiteral("Done.")}});
    QVERIFY2(completed.status == 200, completed.describe().constData());

    // Every process sees the change at once: none answers from a home it built before.
    for (int i = 0; i < kProcesses; ++i) {
        home = browser.get(QStringLiteral("/api/v1/home"));
        QVERIFY2(home.status == 200, home.describe().constData());
        QVERIFY2(openStandardTask(home.json()) != taskId, "a process still shows the task open");
        const HttpReply task = browser.get(taskPath);
        QCOMPARE(task.json().value(QStringLiteral("task"))[QStringLiteral("status")],
                 QStringLiteral("completed"));
    }

    served = m_cluster->takeServed();
    const QSet<quint16> all(m_cluster->upstreamPorts().cbegin(), m_cluster->upstreamPorts().cend());
    QCOMPARE(upstreamsOf(served, QStringLiteral("GET /api/v1/home")), all);
    QCOMPARE(upstreamsOf(served, QStringLiteral("GET ") + taskPath), all);
    for (const PortalCluster::Served &entry : std::as_const(served)) {
        QVERIFY2(entry.status == 200, describe(served).constData());
    }
    QCOMPARE(rows(QStringLiteral("SELECT status FROM task WHERE id = %1").arg(taskId)),
             QStringList{QStringLiteral("completed")});
}

void TestScaleOut::fiveWrongCodesHoldAcrossProcesses()
{
    PortalClient browser(m_cluster->port());
    QString challenge;
    QString code;
    QString why;
    QVERIFY2(requestCode(browser, &challenge, &code, &why), qPrintable(why));
    (void)m_cluster->takeServed();
    const QString wrong
        = code == QLatin1String("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
    for (int i = 0; i < 5; ++i) {
        const HttpReply guess = browser.post(
            QStringLiteral("/api/v1/auth/code"),
            {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), wrong}});
        QVERIFY2(guess.status == 401, guess.describe().constData());
    }
    // The right code, now, on whichever process: refused, on every one of them.
    for (int i = 0; i < kProcesses; ++i) {
        const HttpReply late = browser.post(
            QStringLiteral("/api/v1/auth/code"),
            {{QStringLiteral("challenge"), challenge}, {QStringLiteral("code"), code}});
        QVERIFY2(late.status == 429, late.describe().constData());
        QVERIFY(browser.cookie(QStringLiteral("gh_session")).isEmpty());
    }
    const QList<PortalCluster::Served> served = m_cluster->takeServed();
    QCOMPARE(served.size(), 5 + kProcesses);
    QSet<quint16> guessedOn;
    QSet<quint16> refusedOn;
    for (qsizetype i = 0; i < served.size(); ++i) {
        (i < 5 ? guessedOn : refusedOn).insert(served.at(i).upstream);
    }
    QCOMPARE(guessedOn.size(), kProcesses);
    QCOMPARE(refusedOn.size(), kProcesses);
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM portal_session")),
             QStringList{QStringLiteral("0")});
}

void TestScaleOut::signInLimitsPerEmailHoldAcrossProcesses()
{
    PortalClient browser(m_cluster->port());
    // Five sign-in mails per address in 30 minutes, whichever process is asked.
    for (int i = 0; i < 5; ++i) {
        const HttpReply started = browser.post(QStringLiteral("/api/v1/auth/login"),
                                               {{QStringLiteral("email"), m_contactEmail}});
        QVERIFY2(started.status == 200, started.describe().constData());
    }
    for (int i = 0; i < kProcesses; ++i) {
        const HttpReply refused = browser.post(QStringLiteral("/api/v1/auth/login"),
                                               {{QStringLiteral("email"), m_contactEmail}});
        QVERIFY2(refused.status == 429, refused.describe().constData());
        QVERIFY2(refused.header("Retry-After").toInt() > 0, refused.describe().constData());
    }
    const QList<PortalCluster::Served> served = m_cluster->takeServed();
    QCOMPARE(served.size(), 5 + kProcesses);
    QCOMPARE(upstreamsOf(served.mid(0, 5), QStringLiteral("POST /api/v1/auth/login")).size(),
             kProcesses);
    QCOMPARE(upstreamsOf(served.mid(5), QStringLiteral("POST /api/v1/auth/login")).size(),
             kProcesses);
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE recipient = '%1'")
                      .arg(m_contactEmail)),
             QStringList{QStringLiteral("5")});
}

void TestScaleOut::signInLimitsPerAddressHoldAcrossProcesses()
{
    PortalClient browser(m_cluster->port());
    // Twenty sign-ins per client address in 10 minutes, for any email: the address is the one
    // nginx forwards, the same for every process.
    for (int i = 0; i < 20; ++i) {
        const HttpReply started = browser.post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), QStringLiteral("someone%1@example.test").arg(i)}});
        QVERIFY2(started.status == 200, started.describe().constData());
    }
    for (int i = 0; i < kProcesses; ++i) {
        const HttpReply refused = browser.post(
            QStringLiteral("/api/v1/auth/login"),
            {{QStringLiteral("email"), QStringLiteral("another%1@example.test").arg(i)}});
        QVERIFY2(refused.status == 429, refused.describe().constData());
        const int retryAfter = refused.header("Retry-After").toInt();
        QVERIFY2(retryAfter > 0 && retryAfter <= 10 * 60, refused.describe().constData());
    }
    const QList<PortalCluster::Served> served = m_cluster->takeServed();
    QCOMPARE(served.size(), 20 + kProcesses);
    QCOMPARE(upstreamsOf(served.mid(20), QStringLiteral("POST /api/v1/auth/login")).size(),
             kProcesses);
    // The trail records the first refusal once, not once per process.
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                 "'login.rate_limited'")),
             QStringList{QStringLiteral("1")});
}

void TestScaleOut::eachMailGoesOutOnce()
{
    // Every process runs a mail sender on the shared outbox; each message must be delivered by
    // exactly one of them.
    PortalClient browser(m_cluster->port());
    for (int i = 0; i < 5; ++i) {
        const HttpReply started = browser.post(QStringLiteral("/api/v1/auth/login"),
                                               {{QStringLiteral("email"), m_contactEmail}});
        QVERIFY2(started.status == 200, started.describe().constData());
    }
    const QStringList ids = rows(QStringLiteral("SELECT id FROM outbox ORDER BY id"));
    QCOMPARE(ids.size(), 5);
    QTRY_COMPARE_WITH_TIMEOUT(
        rows(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")),
        QStringList{QStringLiteral("0")}, 15000);
    // Give the other processes a round each (they poll every 2 s) to send anything twice.
    QTest::qWait(2500);
    const QStringList files
        = QDir(m_cluster->mailboxPath()).entryList({QStringLiteral("*.eml")}, QDir::Files);
    for (const QString &id : ids) {
        const QString suffix
            = QStringLiteral("-%1.eml").arg(id.toLongLong(), 10, 10, QLatin1Char('0'));
        QVERIFY2(files.filter(suffix).size() == 1,
                 qPrintable(QStringLiteral("mail %1: %2").arg(id, files.join(QLatin1Char(' ')))));
    }
    QCOMPARE(files.size(), 5);
}

void TestScaleOut::theConsoleHearsClientActionsLive()
{
#ifndef GATEHOUSE_SCALE_OUT_CONSOLE
    QSKIP("the console is not built (GATEHOUSE_BUILD_CONSOLE=OFF)");
#else
    QFETCH_GLOBAL(QString, engine);
    PortalClient browser(m_cluster->port());
    QString why;
    QVERIFY2(signIn(browser, &why), qPrintable(why));
    const HttpReply home = browser.get(QStringLiteral("/api/v1/home"));
    const qint64 taskId = openStandardTask(home.json());
    QVERIFY(taskId > 0);

    // The console's own watcher on its own connection. On PostgreSQL it must hear the change
    // through a notification, long before its next poll; SQLite is polled.
    ActivityWatcher watcher(m_test->db());
    const bool postgres = engine == QLatin1String("postgresql");
    watcher.setIntervalMs(postgres ? 60 * 1000 : 200);
    QSignalSpy heard(&watcher, &ActivityWatcher::activity);
    watcher.start();
    QCOMPARE(watcher.isListening(), postgres);

    const HttpReply completed
        = browser.post(QStringLiteral("/api/v1/tasks/%1/complete").arg(taskId), {});
    QVERIFY2(completed.status == 200, completed.describe().constData());
    const QString title
        = completed.json().value(QStringLiteral("task"))[QStringLiteral("title")].toString();
    const auto heardIt = [&] {
        for (const QList<QVariant> &signal : std::as_const(heard)) {
            for (const ActivityEvent &event : signal.at(0).value<QList<ActivityEvent>>()) {
                if (event.kind == QLatin1String("task.completed")
                    && event.summary.contains(title)) {
                    return true;
                }
            }
        }
        return false;
    };
    QVERIFY2(QTest::qWaitFor(heardIt, 5000), "the console did not hear the completion");
#endif
}

QTEST_GUILESS_MAIN(TestScaleOut)
#include "tst_scale_out.moc"
