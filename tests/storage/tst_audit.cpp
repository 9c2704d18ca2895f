// The audit trail on both engines: the hash chain, what verification catches, appenders that
// race, and the CSV export.
#include "TestDatabase.h"

#include "security/AuditLog.h"
#include "storage/SqlQuery.h"
#include "storage/Transaction.h"

#include <QBuffer>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Gatehouse;
using Gatehouse::Testing::TestDatabase;

class TestAudit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_test = TestDatabase::create(engine);
        QVERIFY(m_test);
        m_nowMs = kStartMs;
    }
    void cleanup() { m_test.reset(); }

    void eventsLinkIntoAChain();
    void canonicalFormIsUnambiguous();
    void eventCommitsWithTheChangeOrNotAtAll();
    void tamperingIsCaught_data();
    void tamperingIsCaught();
    void concurrentAppendersKeepOneChain();
    void csvExportQuotesAndNeutralisesFormulas();

private:
    AuditEvent event(const QString &detail, const QString &action = QStringLiteral("test.event"))
    {
        return AuditEvent::make(1, m_nowMs++,
                                Actor(Actor::Kind::Staff, QStringLiteral("dana@northwind.example"),
                                      QStringLiteral("Dana")),
                                action, QStringLiteral("contact:1"), detail);
    }
    // Every event, oldest first.
    QList<AuditEvent> events()
    {
        QString error;
        QList<AuditEvent> newestFirst = AuditLog(m_test->db()).list({}, 1000000, 0, &error);
        return QList<AuditEvent>(newestFirst.crbegin(), newestFirst.crend());
    }
    // Writes every column but id, as someone with write access to the database could.
    bool overwrite(qint64 id, const AuditEvent &values)
    {
        SqlQuery update(m_test->db(),
                        QStringLiteral("UPDATE audit_event SET workspace_id = ?, created_at = ?, "
                                       "actor = ?, actor_kind = ?, action = ?, subject = ?, "
                                       "detail = ?, ip = ?, prev_hash = ?, hash = ? WHERE id = ?"));
        update << values.workspaceId << values.createdAtMs << values.actor << values.actorKind
               << values.action << values.subject << values.detail << values.ip << values.prevHash
               << values.hash << id;
        QString error;
        return update.exec(&error) && update.rowsAffected() == 1;
    }

    static constexpr qint64 kStartMs = 1'800'000'000'000; // 2027-01-15 08:00 UTC
    std::unique_ptr<TestDatabase> m_test;
    qint64 m_nowMs = kStartMs;
};

void TestAudit::eventsLinkIntoAChain()
{
    AuditLog audit(m_test->db());
    QString error;
    AuditLog::VerifyResult empty = audit.verify(&error);
    QVERIFY2(empty.ok, qPrintable(empty.reason));
    QCOMPARE(empty.checked, 0);

    for (const char *detail : {"first", "second", "third"}) {
        QVERIFY2(audit.append(event(QString::fromLatin1(detail)), &error), qPrintable(error));
    }
    const QList<AuditEvent> chain = events();
    QCOMPARE(chain.size(), 3);
    QCOMPARE(chain.at(0).prevHash, QString());
    QCOMPARE(chain.at(1).prevHash, chain.at(0).hash);
    QCOMPARE(chain.at(2).prevHash, chain.at(1).hash);
    for (const AuditEvent &stored : chain) {
        QCOMPARE(stored.hash.size(), 64);
        QCOMPARE(stored.hash, AuditLog::hashOf(stored));
        QCOMPARE(stored.actorKind, QStringLiteral("staff"));
    }
    QCOMPARE(chain.at(2).detail, QStringLiteral("third"));

    const AuditLog::VerifyResult result = audit.verify(&error);
    QVERIFY2(result.ok, qPrintable(result.reason));
    QCOMPARE(result.checked, 3);
    QCOMPARE(result.firstBrokenId, 0);
    QCOMPARE(result.headHash, chain.at(2).hash);
}

void TestAudit::canonicalFormIsUnambiguous()
{
    AuditEvent a = event(QStringLiteral("bc"));
    a.subject = QStringLiteral("a");
    AuditEvent b = a;
    b.subject = QStringLiteral("ab");
    b.detail = QStringLiteral("c");
    QVERIFY(AuditLog::canonicalForm(a) != AuditLog::canonicalForm(b));
    QVERIFY(AuditLog::hashOf(a) != AuditLog::hashOf(b));
    AuditEvent c = a;
    c.prevHash = QStringLiteral("00");
    QVERIFY(AuditLog::hashOf(a) != AuditLog::hashOf(c)); // the link is part of the hash
    AuditEvent d = a;
    d.id = 99;
    d.hash = QStringLiteral("anything");
    QCOMPARE(AuditLog::hashOf(a), AuditLog::hashOf(d)); // only what is hashed counts
}

void TestAudit::eventCommitsWithTheChangeOrNotAtAll()
{
    AuditLog audit(m_test->db());
    QString error;
    {
        Transaction abandoned(m_test->db());
        QVERIFY(audit.append(event(QStringLiteral("rolled back")), &error));
    }
    {
        Transaction outer(m_test->db());
        QVERIFY(audit.append(event(QStringLiteral("kept")), &error));
        {
            Transaction inner(m_test->db());
            QVERIFY(audit.append(event(QStringLiteral("dropped with its savepoint")), &error));
        }
        QVERIFY2(outer.commit(&error), qPrintable(error));
    }
    const QList<AuditEvent> chain = events();
    QCOMPARE(chain.size(), 1);
    QCOMPARE(chain.first().detail, QStringLiteral("kept"));
    QCOMPARE(chain.first().prevHash, QString());
    QVERIFY(audit.verify(&error).ok);
}

void TestAudit::tamperingIsCaught_data()
{
    QTest::addColumn<QString>("tampering");
    QTest::addColumn<int>("brokenIndex"); // of the first event verification must flag
    QTest::addColumn<int>("intact");      // events found intact before it
    QTest::addRow("detail edited") << "edit" << 2 << 2;
    QTest::addRow("edited and hash recomputed") << "rehash" << 3 << 3;
    QTest::addRow("middle event deleted") << "delete-middle" << 3 << 2;
    QTest::addRow("first event deleted") << "delete-first" << 1 << 0;
    QTest::addRow("two events swapped") << "swap" << 1 << 1;
    QTest::addRow("newest event's link rewritten") << "relink-last" << 4 << 4;
}

void TestAudit::tamperingIsCaught()
{
    QFETCH(QString, tampering);
    QFETCH(int, brokenIndex);
    QFETCH(int, intact);
    AuditLog audit(m_test->db());
    QString error;
    for (int i = 0; i < 5; ++i) {
        QVERIFY(audit.append(event(QStringLiteral("event %1").arg(i)), &error));
    }
    const QList<AuditEvent> chain = events();
    QCOMPARE(chain.size(), 5);
    QVERIFY(audit.verify(&error).ok);

    if (tampering == QLatin1String("edit")) {
        AuditEvent edited = chain.at(2);
        edited.detail = QStringLiteral("nothing happened here");
        QVERIFY(overwrite(edited.id, edited));
    } else if (tampering == QLatin1String("rehash")) {
        AuditEvent edited = chain.at(2);
        edited.detail = QStringLiteral("nothing happened here");
        edited.hash = AuditLog::hashOf(edited); // the next event still names the old hash
        QVERIFY(overwrite(edited.id, edited));
    } else if (tampering.startsWith(QLatin1String("delete"))) {
        const int index = tampering == QLatin1String("delete-first") ? 0 : 2;
        SqlQuery remove(m_test->db(), QStringLiteral("DELETE FROM audit_event WHERE id = ?"));
        remove << chain.at(index).id;
        QVERIFY(remove.exec(&error));
    } else if (tampering == QLatin1String("swap")) {
        // Whole rows, hashes included, so each row is consistent in itself. Through a
        // placeholder, as hashes and links are unique.
        AuditEvent placeholder = chain.at(1);
        placeholder.hash = QStringLiteral("placeholder");
        placeholder.prevHash = QStringLiteral("placeholder");
        QVERIFY(overwrite(chain.at(1).id, placeholder));
        QVERIFY(overwrite(chain.at(3).id, chain.at(1)));
        QVERIFY(overwrite(chain.at(1).id, chain.at(3)));
    } else if (tampering == QLatin1String("relink-last")) {
        AuditEvent relinked = chain.at(4);
        relinked.prevHash = QString(64, QLatin1Char('0'));
        QVERIFY(overwrite(relinked.id, relinked));
    }

    const AuditLog::VerifyResult result = audit.verify(&error);
    QVERIFY(!result.ok);
    QCOMPARE(result.firstBrokenId, chain.at(brokenIndex).id);
    QCOMPARE(result.checked, intact);
    QVERIFY(!result.reason.isEmpty());
    QVERIFY2(error.isEmpty(), qPrintable(error)); // broken is not the same as unreadable
}

void TestAudit::concurrentAppendersKeepOneChain()
{
    constexpr int kPerThread = 40;
    Database &db = m_test->db();
    std::atomic<int> failures{0};
    std::atomic<int> ready{0};
    auto appender = [&db, &failures, &ready](const QString &who) {
        return QThread::create([&db, &failures, &ready, who] {
            // Both start appending at the same moment.
            for (++ready; ready.load() < 2;) {
                QThread::yieldCurrentThread();
            }
            for (int i = 0; i < kPerThread; ++i) {
                QString error;
                // Each in a transaction of its own, with a change beside it, as services do.
                Transaction transaction(db);
                SqlQuery touch(db, QStringLiteral("SELECT COUNT(*) FROM audit_event"));
                const AuditEvent event = AuditEvent::make(
                    1, i, Actor(Actor::Kind::Contact, who, who), QStringLiteral("test.race"),
                    QString(), QStringLiteral("%1 #%2").arg(who).arg(i));
                if (!transaction.isActive() || !touch.exec(&error)
                    || !AuditLog(db).append(event, &error) || !transaction.commit(&error)) {
                    qWarning().noquote() << who << error;
                    ++failures;
                }
            }
        });
    };
    std::unique_ptr<QThread> first(appender(QStringLiteral("first")));
    std::unique_ptr<QThread> second(appender(QStringLiteral("second")));
    first->start();
    second->start();
    QVERIFY(first->wait(120000));
    QVERIFY(second->wait(120000));
    QCOMPARE(failures.load(), 0);

    const QList<AuditEvent> chain = events();
    QCOMPARE(chain.size(), 2 * kPerThread);
    QString error;
    const AuditLog::VerifyResult result = AuditLog(db).verify(&error);
    QVERIFY2(result.ok, qPrintable(result.reason));
    QCOMPARE(result.checked, 2 * kPerThread);
    // Interleaved, not one after the other: the lock was really contended.
    int switches = 0;
    for (int i = 1; i < chain.size(); ++i) {
        switches += chain.at(i).actor != chain.at(i - 1).actor ? 1 : 0;
    }
    qInfo() << "writer switches in the chain:" << switches;
}

void TestAudit::csvExportQuotesAndNeutralisesFormulas()
{
    AuditLog audit(m_test->db());
    QString error;
    AuditEvent tricky = event(QStringLiteral("He said \"hi\", then left\nfor good"));
    tricky.actor = QStringLiteral("=HYPERLINK(\"http://evil.example\")");
    tricky.subject = QStringLiteral("+1");
    tricky.ip = QStringLiteral("@SUM(A1)");
    QVERIFY(audit.append(tricky, &error));
    AuditEvent second = event(QStringLiteral("-2+3"), QStringLiteral("other.action"));
    second.subject = QStringLiteral("'quoted");
    QVERIFY(audit.append(second, &error));

    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QCOMPARE(audit.exportCsv(&buffer, {}, &error), 2);
    const QString csv = QString::fromUtf8(buffer.data());
    const QStringList lines = csv.split(QStringLiteral("\r\n"));
    QCOMPARE(lines.size(), 4); // header, two events (one spanning a raw newline), final CRLF
    QCOMPARE(lines.at(0), QStringLiteral("id,time_utc,workspace_id,actor,actor_kind,action,"
                                         "subject,detail,ip,prev_hash,hash"));
    QVERIFY(lines.at(3).isEmpty());

    const QList<AuditEvent> chain = events();
    const QString first = lines.at(1);
    QVERIFY2(first.startsWith(QString::number(chain.at(0).id)
                              + QStringLiteral(",2027-01-15T08:00:00.000Z,1,")),
             qPrintable(first));
    // A formula with quotes: neutralised, then quoted with its quotes doubled.
    QVERIFY2(first.contains(QStringLiteral(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",staff,")),
             qPrintable(first));
    QVERIFY(first.contains(QStringLiteral(",'+1,")));
    QVERIFY(first.contains(QStringLiteral(",\"He said \"\"hi\"\", then left\nfor good\",")));
    QVERIFY(first.contains(QStringLiteral(",'@SUM(A1),,") + chain.at(0).hash));
    const QString last = lines.at(2);
    QVERIFY(last.contains(QStringLiteral(",''quoted,'-2+3,")));
    QVERIFY(last.endsWith(chain.at(0).hash + QLatin1Char(',') + chain.at(1).hash));

    // The filters apply.
    QBuffer filtered;
    QVERIFY(filtered.open(QIODevice::WriteOnly));
    AuditFilter onlyOther;
    onlyOther.action = QStringLiteral("other.action");
    QCOMPARE(audit.exportCsv(&filtered, onlyOther, &error), 1);
    QVERIFY(!QString::fromUtf8(filtered.data()).contains(QLatin1String("HYPERLINK")));

    QCOMPARE(AuditLog::csvCell(QStringLiteral("plain")), QStringLiteral("plain"));
    QCOMPARE(AuditLog::csvCell(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
    QCOMPARE(AuditLog::csvCell(QStringLiteral("\tcmd")), QStringLiteral("'\tcmd"));
}

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
