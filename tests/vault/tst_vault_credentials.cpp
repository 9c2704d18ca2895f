// Credential handoff as a service, on both engines: each kind handed over and revealed byte for
// byte, bad submissions refused without a trace, tampered ciphertext refused, move then purge,
// and no planted secret anywhere in the SQLite file or a PostgreSQL dump.
#include "VaultFixture.h"

#include "security/Tokens.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "vault/CredentialService.h"
#include "vault/VaultCrypto.h"

#include <QFile>
#include <QProcess>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestVaultCredentials : public QObject, protected VaultFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        QString error;
        QVERIFY2(setUp(engine, &error), qPrintable(error));
    }
    void cleanup()
    {
        QString error;
        QVERIFY2(tearDown(&error), qPrintable(error)); // every path keeps the audit chain whole
    }

    void credentialRoundTrip_data();
    void credentialRoundTrip();
    void badSubmissionsChangeNothing_data();
    void badSubmissionsChangeNothing();
    void tamperedCiphertextIsRefused();
    void moveThenPurge();
    void noPlaintextAtRest();
};

void TestVaultCredentials::credentialRoundTrip_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("single") << QStringLiteral("single");
    QTest::addRow("bulk text") << QStringLiteral("bulk_text");
    QTest::addRow("bulk file") << QStringLiteral("bulk_file");
}

void TestVaultCredentials::credentialRoundTrip()
{
    QFETCH(QString, kind);
    const qint64 taskId = credentialTask();
    QVERIFY(taskId > 0);
    CredentialService credentials(db(), m_clock);
    ServiceError error;
    const QByteArray file = QByteArray("licence\0key\xff\x01", 13) + QByteArray(5000, 'L');
    const QString text = QStringLiteral("registrar: dana / p\u00e4ss-1\nfirewall: admin / fw!2");
    std::optional<CredentialSubmission> sent;
    if (kind == QLatin1String("single")) {
        SingleCredential single{QStringLiteral("  dana@example.com "),
                                QStringLiteral(" pa55 word "), QString(),
                                QStringLiteral("The registrar's login")};
        sent = credentials.submitSingle(taskId, m_contact.id, m_contact.companyId, single,
                                        QStringLiteral("203.0.113.9"), &error);
    } else if (kind == QLatin1String("bulk_text")) {
        sent = credentials.submitBulkText(taskId, m_contact.id, m_contact.companyId, text,
                                          QString(), &error);
    } else {
        sent = credentials.submitBulkFile(taskId, m_contact.id, m_contact.companyId,
                                          QStringLiteral("C:\\keys\\licence.key"), file, QString(),
                                          &error);
    }
    QVERIFY2(sent, qPrintable(error.message));
    QCOMPARE(toKey(sent->kind), kind);

    // The task is completed, with a timeline entry and an audit event, and no content.
    QString dbError;
    const std::optional<Task> task
        = OnboardingRepository(db()).taskForCompany(taskId, m_contact.companyId, &dbError);
    QCOMPARE(task->status, TaskStatus::Completed);
    QCOMPARE(rows(QStringLiteral("SELECT kind FROM activity WHERE task_id = %1").arg(taskId)),
             QStringList{QStringLiteral("credential.submitted")});
    QCOMPARE(rows(QStringLiteral("SELECT action, actor_kind FROM audit_event WHERE subject = "
                                 "'credential:%1'")
                      .arg(sent->id)),
             QStringList{QStringLiteral("credential.submitted|contact")});

    const QList<CredentialSubmission> listed
        = credentials.listForContact(taskId, m_contact.companyId, &error);
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().submittedAtMs, kStartMs);
    QCOMPARE(listed.first().fileName,
             kind == QLatin1String("bulk_file") ? QStringLiteral("licence.key") : QString());
    QCOMPARE(listed.first().fileSize, kind == QLatin1String("bulk_file") ? file.size() : 0);

    // Reveal with the unlocked vault: byte for byte, and recorded with its reason.
    const qint64 mark = lastAuditId();
    m_clock.advanceMs(60 * 1000);
    std::optional<RevealedCredential> revealed
        = credentials.reveal(unlockAdmin(), QStringLiteral("Dana Admin"), sent->id,
                             QStringLiteral("  set up   the registrar "), &error);
    QVERIFY2(revealed, qPrintable(error.message));
    if (kind == QLatin1String("single")) {
        const std::optional<SingleCredentialSecret> fields
            = CredentialPayload::decode(revealed->plaintext);
        QVERIFY(fields);
        QCOMPARE(fields->username.toUtf8String(), QStringLiteral("dana@example.com"));
        QCOMPARE(fields->password.toUtf8String(), QStringLiteral(" pa55 word ")); // kept as typed
        QVERIFY(fields->apiKey.isEmpty());
        QCOMPARE(fields->notes.toUtf8String(), QStringLiteral("The registrar's login"));
    } else if (kind == QLatin1String("bulk_text")) {
        QCOMPARE(revealed->plaintext.toUtf8String(), text);
    } else {
        QCOMPARE(toBytes(revealed->plaintext), file);
    }
    QCOMPARE(actionsAfter(mark), QStringList{QStringLiteral("credential.revealed")});
    const QStringList revealRow
        = rows(QStringLiteral("SELECT actor, detail, created_at FROM audit_event WHERE id > %1")
                   .arg(mark));
    QVERIFY2(revealRow.value(0).startsWith(QStringLiteral("Dana Admin|Dana Admin revealed ")),
             qPrintable(revealRow.value(0)));
    QVERIFY2(
        revealRow.value(0).contains(QStringLiteral("giving the reason: set up the registrar|")),
        qPrintable(revealRow.value(0)));
    QVERIFY(revealRow.value(0).endsWith(QString::number(kStartMs + 60 * 1000)));
    QCOMPARE(
        rows(
            QStringLiteral("SELECT kind FROM activity WHERE task_id = %1 ORDER BY id").arg(taskId)),
        (QStringList{QStringLiteral("credential.submitted"),
                     QStringLiteral("credential.revealed")}));

    // The completed task takes no second submission.
    QVERIFY(!credentials.submitBulkText(taskId, m_contact.id, m_contact.companyId,
                                        QStringLiteral("more"), QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
}

void TestVaultCredentials::badSubmissionsChangeNothing_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<int>("kind");
    QTest::addRow("empty single") << QStringLiteral("empty") << int(ServiceError::Kind::Invalid);
    QTest::addRow("blank text") << QStringLiteral("blank") << int(ServiceError::Kind::Invalid);
    QTest::addRow("text over 10 MB")
        << QStringLiteral("big text") << int(ServiceError::Kind::Invalid);
    QTest::addRow("file over 10 MB")
        << QStringLiteral("big file") << int(ServiceError::Kind::Invalid);
    QTest::addRow("empty file") << QStringLiteral("empty file") << int(ServiceError::Kind::Invalid);
    QTest::addRow("file without name")
        << QStringLiteral("no name") << int(ServiceError::Kind::Invalid);
    QTest::addRow("password too long")
        << QStringLiteral("long") << int(ServiceError::Kind::Invalid);
    QTest::addRow("another kind of task")
        << QStringLiteral("kind") << int(ServiceError::Kind::Invalid);
    QTest::addRow("another company")
        << QStringLiteral("company") << int(ServiceError::Kind::NotFound);
    QTest::addRow("no such task") << QStringLiteral("missing") << int(ServiceError::Kind::NotFound);
    QTest::addRow("completed task")
        << QStringLiteral("completed") << int(ServiceError::Kind::Conflict);
    QTest::addRow("no vault") << QStringLiteral("no vault") << int(ServiceError::Kind::Conflict);
}

void TestVaultCredentials::badSubmissionsChangeNothing()
{
    QFETCH(QString, what);
    QFETCH(int, kind);
    qint64 taskId = credentialTask();
    qint64 companyId = m_contact.companyId;
    qint64 contactId = m_contact.id;
    QString dbError;
    if (what == QLatin1String("kind")) {
        taskId = rows(QStringLiteral("SELECT t.id FROM task t JOIN onboarding o ON o.id = "
                                     "t.onboarding_id WHERE o.company_id = %1 AND "
                                     "t.evidence_type = 'standard' AND t.owner_side = 'client'")
                          .arg(companyId))
                     .value(0)
                     .toLongLong();
    } else if (what == QLatin1String("company")) {
        // A contact of another company, with the first company's task id.
        companyId = DirectoryRepository(db()).createCompany(m_workspaceId, QStringLiteral("Other"),
                                                            kStartMs, &dbError);
        contactId = DirectoryRepository(db()).createContact(companyId, QStringLiteral("Olly Other"),
                                                            QStringLiteral("olly@other.example"),
                                                            kStartMs, &dbError);
        QVERIFY2(contactId > 0, qPrintable(dbError));
    } else if (what == QLatin1String("missing")) {
        taskId = 987654;
    } else if (what == QLatin1String("completed")) {
        QVERIFY(OnboardingRepository(db()).setTaskStatus(taskId, companyId, TaskStatus::Completed,
                                                         QStringLiteral("x"), QString(), kStartMs,
                                                         &dbError)
                == 1);
    } else if (what == QLatin1String("no vault")) {
        SqlQuery dropGrants(db(), QStringLiteral("DELETE FROM vault_grant"));
        SqlQuery dropVault(db(), QStringLiteral("DELETE FROM vault"));
        QVERIFY(dropGrants.exec(&dbError) && dropVault.exec(&dbError));
    }
    const auto state = [this] {
        return rows(QStringLiteral("SELECT id, status, completed_at FROM task ORDER BY id"))
               + rows(QStringLiteral("SELECT COUNT(*) FROM activity"))
               + rows(QStringLiteral("SELECT COUNT(*) FROM audit_event"))
               + rows(QStringLiteral("SELECT COUNT(*) FROM credential_submission"));
    };
    const QStringList before = state();
    CredentialService credentials(db(), m_clock);
    ServiceError error;
    std::optional<CredentialSubmission> sent;
    if (what == QLatin1String("empty")) {
        sent = credentials.submitSingle(
            taskId, contactId, companyId,
            {QStringLiteral("  "), QString(), QStringLiteral(" "), QStringLiteral("\n")}, QString(),
            &error);
    } else if (what == QLatin1String("blank")) {
        sent = credentials.submitBulkText(taskId, contactId, companyId, QStringLiteral(" \n\t "),
                                          QString(), &error);
    } else if (what == QLatin1String("big text")) {
        sent = credentials.submitBulkText(
            taskId, contactId, companyId,
            QString(int(CredentialService::kMaxBulkBytes) + 1, QLatin1Char('x')), QString(),
            &error);
    } else if (what == QLatin1String("big file")) {
        sent = credentials.submitBulkFile(taskId, contactId, companyId, QStringLiteral("a.bin"),
                                          QByteArray(CredentialService::kMaxBulkBytes + 1, 'x'),
                                          QString(), &error);
    } else if (what == QLatin1String("empty file")) {
        sent = credentials.submitBulkFile(taskId, contactId, companyId, QStringLiteral("a.bin"),
                                          QByteArray(), QString(), &error);
    } else if (what == QLatin1String("no name")) {
        sent = credentials.submitBulkFile(taskId, contactId, companyId, QStringLiteral("dir/"),
                                          QByteArray("x"), QString(), &error);
    } else if (what == QLatin1String("long")) {
        sent = credentials.submitSingle(
            taskId, contactId, companyId,
            {QStringLiteral("u"), QString(CredentialService::kMaxFieldLength + 1, QLatin1Char('p')),
             QString(), QString()},
            QString(), &error);
    } else {
        sent = credentials.submitSingle(
            taskId, contactId, companyId,
            {QStringLiteral("user"), QStringLiteral("pw"), QString(), QString()}, QString(),
            &error);
    }
    QVERIFY(!sent);
    QCOMPARE(int(error.kind), kind);
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(state(), before);
}

void TestVaultCredentials::tamperedCiphertextIsRefused()
{
    CredentialService credentials(db(), m_clock);
    ServiceError error;
    const std::optional<CredentialSubmission> sent
        = credentials.submitBulkText(credentialTask(), m_contact.id, m_contact.companyId,
                                     QStringLiteral("top secret"), QString(), &error);
    QVERIFY(sent);
    QString dbError;
    SqlQuery read(db(), QStringLiteral("SELECT sealed FROM credential_submission WHERE id = ?"));
    read << sent->id;
    QVERIFY(read.exec(&dbError) && read.next());
    QByteArray sealed = read.value(0).toByteArray();
    sealed[sealed.size() / 2] = char(sealed.at(sealed.size() / 2) ^ 0x20);
    SqlQuery write(db(),
                   QStringLiteral("UPDATE credential_submission SET sealed = ? WHERE id = ?"));
    write << sealed << sent->id;
    QVERIFY(write.exec(&dbError));

    const qint64 mark = lastAuditId();
    const QStringList activity = rows(QStringLiteral("SELECT COUNT(*) FROM activity"));
    QVERIFY(!credentials.reveal(unlockAdmin(), QStringLiteral("Dana Admin"), sent->id, QString(),
                                &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QCOMPARE(error.message,
             QStringLiteral("The stored secret is damaged or was not sealed for this vault."));
    QCOMPARE(actionsAfter(mark), QStringList());
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM activity")), activity);

    // A key that is not the vault's opens nothing either.
    const std::optional<KeyPair> stranger = VaultCrypto::generateKeyPair();
    QVERIFY(!credentials.reveal(stranger->secretKey, QStringLiteral("Mallory"), sent->id, QString(),
                                &error));
}

void TestVaultCredentials::moveThenPurge()
{
    CredentialService credentials(db(), m_clock);
    ServiceError error;
    const std::optional<CredentialSubmission> sent = credentials.submitSingle(
        credentialTask(), m_contact.id, m_contact.companyId,
        {QStringLiteral("root"), QStringLiteral("toor-toor"), QString(), QString()}, QString(),
        &error);
    QVERIFY(sent);
    QVERIFY(!credentials.purge(sent->id, QStringLiteral("Dana Admin"), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QVERIFY2(credentials.markMoved(sent->id, QStringLiteral("Dana Admin"), &error),
             qPrintable(error.message));
    QVERIFY(!credentials.markMoved(sent->id, QStringLiteral("Dana Admin"), &error));
    // Still revealable until purged.
    QVERIFY(credentials.reveal(unlockAdmin(), QStringLiteral("Dana Admin"), sent->id, QString(),
                               &error));
    const qint64 mark = lastAuditId();
    QVERIFY2(credentials.purge(sent->id, QStringLiteral("Dana Admin"), &error),
             qPrintable(error.message));
    QCOMPARE(actionsAfter(mark), QStringList{QStringLiteral("credential.purged")});
    QCOMPARE(rows(QStringLiteral("SELECT sealed, moved_by, purged_at FROM credential_submission")),
             QStringList{QStringLiteral("NULL|Dana Admin|%1").arg(kStartMs)});
    QVERIFY(!credentials.reveal(unlockAdmin(), QStringLiteral("Dana Admin"), sent->id, QString(),
                                &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QVERIFY(!credentials.purge(sent->id, QStringLiteral("Dana Admin"), &error));
    // The history stays.
    QCOMPARE(
        rows(QStringLiteral("SELECT action FROM audit_event WHERE subject = 'credential:%1' "
                            "ORDER BY id")
                 .arg(sent->id)),
        (QStringList{QStringLiteral("credential.submitted"), QStringLiteral("credential.moved"),
                     QStringLiteral("credential.revealed"), QStringLiteral("credential.purged")}));
    QCOMPARE(credentials.listForTask(credentialTask(), &error).first().purgedAtMs, kStartMs);
}

void TestVaultCredentials::noPlaintextAtRest()
{
    // Secrets no other data could contain by chance, one per kind of submission, and a second
    // credential task for the other kinds.
    const QByteArray password = "Pl4nted-Passw0rd-" + QByteArray::number(kStartMs, 36);
    const QByteArray bulk = "Pl4nted-Bulk-Text-Zq8" + QByteArray::number(kStartMs, 36);
    const QByteArray file = "Pl4nted-File-Bytes-Wx3" + QByteArray::number(kStartMs, 36);
    QString dbError;
    const qint64 first = credentialTask();
    CredentialService credentials(db(), m_clock);
    ServiceError error;
    QVERIFY(credentials.submitSingle(
        first, m_contact.id, m_contact.companyId,
        {QStringLiteral("dana"), QString::fromLatin1(password), QString(), QString()}, QString(),
        &error));
    for (int i = 0; i < 2; ++i) {
        QVERIFY(OnboardingRepository(db()).setTaskStatus(first, m_contact.companyId,
                                                         TaskStatus::Pending, QStringLiteral("x"),
                                                         QString(), kStartMs, &dbError)
                == 1);
        const std::optional<CredentialSubmission> sent
            = i == 0
                  ? credentials.submitBulkText(first, m_contact.id, m_contact.companyId,
                                               QString::fromLatin1(bulk), QString(), &error)
                  : credentials.submitBulkFile(first, m_contact.id, m_contact.companyId,
                                               QStringLiteral("keys.txt"), file, QString(), &error);
        QVERIFY2(sent, qPrintable(error.message));
    }
    // Reveal each once, so reveal paths are covered too.
    for (const CredentialSubmission &s : credentials.listForTask(first, &error)) {
        QVERIFY(credentials.reveal(unlockAdmin(), QStringLiteral("Dana Admin"), s.id,
                                   QStringLiteral("check"), &error));
    }

    QByteArray stored;
    if (db().engine() == Engine::Sqlite) {
        // The file and its write-ahead log: what a stolen copy of the data folder holds.
        for (const QString &suffix :
             {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")}) {
            QFile f(db().config().sqliteFile + suffix);
            if (f.open(QIODevice::ReadOnly)) {
                stored += f.readAll();
            }
        }
    } else {
        const QString bin = qEnvironmentVariable("GATEHOUSE_TEST_PG_BINDIR");
        const DatabaseConfig &config = db().config();
        QProcess dump;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSWORD"), config.password);
        dump.setProcessEnvironment(env);
        dump.start(bin.isEmpty() ? QStringLiteral("pg_dump") : bin + QStringLiteral("/pg_dump"),
                   {QStringLiteral("-h"), config.host, QStringLiteral("-p"),
                    QString::number(config.port), QStringLiteral("-U"), config.user,
                    QStringLiteral("-d"), config.databaseName});
        QVERIFY(dump.waitForFinished(60000));
        QVERIFY2(dump.exitCode() == 0, dump.readAllStandardError().constData());
        stored = dump.readAllStandardOutput();
    }
    // The scan can see what is stored: the contact's name and the file's name are there.
    QVERIFY(stored.contains(m_contact.name.toUtf8()));
    QVERIFY(stored.contains("keys.txt"));
    for (const QByteArray &secret : {password, bulk, file}) {
        QVERIFY2(!stored.contains(secret), secret.constData());
        QVERIFY2(!stored.contains(secret.toHex()), secret.constData());
        QVERIFY2(!stored.contains(secret.toBase64()), secret.constData());
    }
}

QTEST_GUILESS_MAIN(TestVaultCredentials)
#include "tst_vault_credentials.moc"
