// The vault as a service, on both engines: created with the workspace, unlocked with a
// password, granted and revoked by an administrator, re-wrapped on a password change, and key
// pairs made at sign-in.
#include "VaultFixture.h"

#include "security/Tokens.h"
#include "storage/SqlQuery.h"
#include "vault/VaultCrypto.h"

#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestVault : public QObject, protected VaultFixture
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

    void createdWithTheWorkspace();
    void wrongPasswordIsRefusedAndAudited();
    void grantAndRevoke();
    void passwordChangeRewrapsOnlyThatMember();
    void signInCreatesMissingKeys();
    void rememberedStaffKeyOpensTheVault();
};

void TestVault::createdWithTheWorkspace()
{
    QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM vault")), QStringList{QStringLiteral("1")});
    ServiceError error;
    const QByteArray publicKey = vault().publicKey(m_workspaceId, &error);
    QCOMPARE(publicKey.size(), VaultCrypto::kPublicKeyBytes);
    QCOMPARE(rows(QStringLiteral("SELECT staff_id, revoked_at FROM vault_grant")),
             QStringList{QStringLiteral("%1|NULL").arg(m_adminId)});
    QCOMPARE(rows(QStringLiteral("SELECT action FROM audit_event WHERE action LIKE 'vault.%'")),
             QStringList{QStringLiteral("vault.created")});
    // The admin's key pair is wrapped with the settings it was made with.
    QCOMPARE(rows(QStringLiteral("SELECT kdf_opslimit, kdf_memlimit FROM staff_key "
                                 "WHERE staff_id = %1")
                      .arg(m_adminId)),
             QStringList{QStringLiteral("%1|%2")
                             .arg(KdfParams::minimum().opsLimit)
                             .arg(KdfParams::minimum().memLimit)});

    const SecureBytes key = unlockAdmin();
    QCOMPARE(int(key.size()), VaultCrypto::kSecretKeyBytes);
    QCOMPARE(VaultCrypto::publicKeyOf(key), publicKey);

    // A second vault for the same workspace is refused.
    QVERIFY(!vault().create(m_workspaceId, m_adminId, m_demo.adminPassword, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
}

void TestVault::wrongPasswordIsRefusedAndAudited()
{
    const QStringList keys = rows(QStringLiteral("SELECT * FROM staff_key ORDER BY staff_id"))
                             + rows(QStringLiteral("SELECT * FROM vault_grant ORDER BY id"));
    const qint64 mark = lastAuditId();
    ServiceError error;
    QVERIFY(!vault().unlock(m_adminId, QStringLiteral("not-the-password"), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    QCOMPARE(error.message, QStringLiteral("The password is not correct."));
    QCOMPARE(actionsAfter(mark), QStringList{QStringLiteral("vault.unlock_failed")});
    QCOMPARE(rows(QStringLiteral("SELECT * FROM staff_key ORDER BY staff_id"))
                 + rows(QStringLiteral("SELECT * FROM vault_grant ORDER BY id")),
             keys);
    QCOMPARE(unlockAdmin().size(), std::size_t(VaultCrypto::kSecretKeyBytes));
}

void TestVault::grantAndRevoke()
{
    const qint64 colleague
        = addStaff(QStringLiteral("casey@northwind.example"), QStringLiteral("technician"));
    const SecureBytes adminKey = unlockAdmin();
    QVERIFY(!adminKey.isNull());
    ServiceError error;

    // No key pair yet: nothing to seal to.
    QVERIFY(!vault().grant(adminKey, m_adminId, colleague, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QVERIFY(vault().ensureStaffKey(colleague, kColleaguePassword, &error));
    QVERIFY(!vault().unlock(colleague, kColleaguePassword, &error));
    QCOMPARE(error.message,
             QStringLiteral("You have no access to the vault. Ask an administrator to grant it."));

    // Only an admin grants, and only with the real vault key.
    QVERIFY(!vault().grant(adminKey, colleague, colleague, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    const std::optional<KeyPair> stranger = VaultCrypto::generateKeyPair();
    QVERIFY(stranger);
    QVERIFY(!vault().grant(stranger->secretKey, m_adminId, colleague, &error));
    QCOMPARE(error.message, QStringLiteral("Unlock the vault before granting access to it."));

    const qint64 mark = lastAuditId();
    QVERIFY2(vault().grant(adminKey, m_adminId, colleague, &error), qPrintable(error.message));
    QVERIFY(!vault().grant(adminKey, m_adminId, colleague, &error)); // already has it
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    std::optional<SecureBytes> colleagueKey = vault().unlock(colleague, kColleaguePassword, &error);
    QVERIFY2(colleagueKey, qPrintable(error.message));
    QCOMPARE(toBytes(*colleagueKey), toBytes(adminKey));

    // A technician cannot revoke; an admin can, and the sealed key is forgotten.
    QVERIFY(!vault().revoke(colleague, m_adminId, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    QVERIFY2(vault().revoke(m_adminId, colleague, &error), qPrintable(error.message));
    QCOMPARE(rows(QStringLiteral("SELECT sealed_vault_key, revoked_by FROM vault_grant "
                                 "WHERE staff_id = %1")
                      .arg(colleague)),
             QStringList{QStringLiteral("NULL|%1").arg(m_adminId)});
    QVERIFY(!vault().unlock(colleague, kColleaguePassword, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    QCOMPARE(error.message, QStringLiteral("Your access to the vault was revoked."));

    // The last access cannot go: the vault would be lost.
    QVERIFY(!vault().revoke(m_adminId, m_adminId, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
    QVERIFY(!vault().revoke(m_adminId, colleague, &error)); // revoked already
    QCOMPARE(actionsAfter(mark),
             (QStringList{QStringLiteral("vault.granted"), QStringLiteral("vault.revoked"),
                          QStringLiteral("vault.unlock_failed")}));
    // Granted again, a new row, and it opens.
    QVERIFY(vault().grant(adminKey, m_adminId, colleague, &error));
    QVERIFY(vault().unlock(colleague, kColleaguePassword, &error));
    QCOMPARE(vault().grants(m_workspaceId, &error).size(), 3);
}

void TestVault::passwordChangeRewrapsOnlyThatMember()
{
    const qint64 colleague
        = addStaff(QStringLiteral("casey@northwind.example"), QStringLiteral("admin"));
    ServiceError error;
    QVERIFY(vault().ensureStaffKey(colleague, kColleaguePassword, &error));
    QVERIFY(vault().grant(unlockAdmin(), m_adminId, colleague, &error));
    const QString keyRow = QStringLiteral("SELECT public_key, wrapped_private_key, kdf_salt FROM "
                                          "staff_key WHERE staff_id = %1");
    const QStringList adminBefore = rows(keyRow.arg(m_adminId));
    const QStringList colleagueBefore = rows(keyRow.arg(colleague));
    const QStringList grantsBefore = rows(QStringLiteral("SELECT * FROM vault_grant ORDER BY id"));
    const QStringList hashesBefore = rows(QStringLiteral("SELECT password_hash FROM staff "
                                                         "ORDER BY id"));

    // A wrong current password or a weak new one changes nothing.
    const QString fresh = QStringLiteral("a brand new passphrase 7");
    QVERIFY(!staffAuth().changePassword(colleague, QStringLiteral("wrong-password-1"), fresh,
                                        QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    QVERIFY(!staffAuth().changePassword(colleague, kColleaguePassword, QStringLiteral("short"),
                                        QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Invalid);
    QCOMPARE(rows(keyRow.arg(colleague)), colleagueBefore);
    QCOMPARE(rows(QStringLiteral("SELECT password_hash FROM staff ORDER BY id")), hashesBefore);

    const qint64 mark = lastAuditId();
    QVERIFY2(staffAuth().changePassword(colleague, kColleaguePassword, fresh, QString(), &error),
             qPrintable(error.message));
    QCOMPARE(actionsAfter(mark), QStringList{QStringLiteral("staff.password_changed")});
    const QStringList colleagueAfter = rows(keyRow.arg(colleague));
    // Same key pair, new wrapping; the admin's key and every grant untouched.
    QCOMPARE(colleagueAfter.value(0).section(QLatin1Char('|'), 0, 0),
             colleagueBefore.value(0).section(QLatin1Char('|'), 0, 0));
    QVERIFY(colleagueAfter.value(0).section(QLatin1Char('|'), 1, 1)
            != colleagueBefore.value(0).section(QLatin1Char('|'), 1, 1));
    QVERIFY(colleagueAfter.value(0).section(QLatin1Char('|'), 2, 2)
            != colleagueBefore.value(0).section(QLatin1Char('|'), 2, 2));
    QCOMPARE(rows(keyRow.arg(m_adminId)), adminBefore);
    QCOMPARE(rows(QStringLiteral("SELECT * FROM vault_grant ORDER BY id")), grantsBefore);

    QVERIFY(!vault().unlock(colleague, kColleaguePassword, &error));
    QCOMPARE(error.message, QStringLiteral("The password is not correct."));
    std::optional<SecureBytes> key = vault().unlock(colleague, fresh, &error);
    QVERIFY2(key, qPrintable(error.message));
    QCOMPARE(toBytes(*key), toBytes(unlockAdmin()));
    QVERIFY(
        staffAuth().signIn(QStringLiteral("casey@northwind.example"), fresh, QString(), &error));
}

void TestVault::signInCreatesMissingKeys()
{
    const qint64 colleague
        = addStaff(QStringLiteral("casey@northwind.example"), QStringLiteral("technician"));
    ServiceError error;
    QVERIFY(!vault().hasStaffKey(colleague, &error));
    QVERIFY(staffAuth().signIn(QStringLiteral("casey@northwind.example"), kColleaguePassword,
                               QString(), &error));
    QVERIFY(vault().hasStaffKey(colleague, &error));
    QCOMPARE(
        rows(QStringLiteral("SELECT COUNT(*) FROM vault_grant WHERE staff_id = %1").arg(colleague)),
        QStringList{QStringLiteral("0")});

    // A workspace from before the vault: its admin's next sign-in creates it.
    QString dbError;
    SqlQuery drop(db(), QStringLiteral("DELETE FROM vault_grant"));
    QVERIFY(drop.exec(&dbError));
    SqlQuery dropVault(db(), QStringLiteral("DELETE FROM vault"));
    QVERIFY(dropVault.exec(&dbError));
    QVERIFY(vault().publicKey(m_workspaceId, &error).isEmpty());
    QVERIFY(staffAuth().signIn(QStringLiteral("casey@northwind.example"), kColleaguePassword,
                               QString(), &error));
    QVERIFY(vault().publicKey(m_workspaceId, &error).isEmpty()); // not an admin
    QVERIFY(staffAuth().signIn(m_demo.adminEmail, m_demo.adminPassword, QString(), &error));
    QCOMPARE(vault().publicKey(m_workspaceId, &error).size(), VaultCrypto::kPublicKeyBytes);
    QCOMPARE(VaultCrypto::publicKeyOf(unlockAdmin()), vault().publicKey(m_workspaceId, &error));
}

void TestVault::rememberedStaffKeyOpensTheVault()
{
    ServiceError error;
    const qint64 mark = lastAuditId();
    QVERIFY(!vault().unlockStaffKey(m_adminId, QStringLiteral("not-the-password"), &error));
    QCOMPARE(error.message, QStringLiteral("The password is not correct."));
    QCOMPARE(actionsAfter(mark), QStringList{QStringLiteral("vault.unlock_failed")});

    // The member's own key (what a console keeps in the keychain) opens the vault, no password.
    std::optional<SecureBytes> staffKey
        = vault().unlockStaffKey(m_adminId, m_demo.adminPassword, &error);
    QVERIFY2(staffKey, qPrintable(error.message));
    QCOMPARE(
        QString::fromLatin1(VaultCrypto::publicKeyOf(*staffKey).toHex()),
        rows(QStringLiteral("SELECT public_key FROM staff_key WHERE staff_id = %1").arg(m_adminId))
            .value(0));
    std::optional<SecureBytes> opened = vault().unlockWithStaffKey(m_adminId, *staffKey, &error);
    QVERIFY2(opened, qPrintable(error.message));
    QCOMPARE(toBytes(*opened), toBytes(unlockAdmin()));

    // Someone else's key, or a damaged one, is refused and audited.
    const std::optional<KeyPair> stranger = VaultCrypto::generateKeyPair();
    QVERIFY(stranger);
    const qint64 before = lastAuditId();
    QVERIFY(!vault().unlockWithStaffKey(m_adminId, stranger->secretKey, &error));
    QCOMPARE(error.kind, ServiceError::Kind::Unauthorized);
    QVERIFY(error.message.startsWith(QStringLiteral("The key remembered on this device")));
    QVERIFY(!vault().unlockWithStaffKey(m_adminId, SecureBytes::copyOf("short", 5), &error));
    QCOMPARE(actionsAfter(before), (QStringList{QStringLiteral("vault.unlock_failed"),
                                                QStringLiteral("vault.unlock_failed")}));

    // A revoked colleague's remembered key opens nothing.
    const qint64 colleague
        = addStaff(QStringLiteral("casey@northwind.example"), QStringLiteral("technician"));
    QVERIFY(vault().ensureStaffKey(colleague, kColleaguePassword, &error));
    QVERIFY(vault().grant(*opened, m_adminId, colleague, &error));
    std::optional<SecureBytes> colleagueKey
        = vault().unlockStaffKey(colleague, kColleaguePassword, &error);
    QVERIFY(colleagueKey);
    QVERIFY(vault().unlockWithStaffKey(colleague, *colleagueKey, &error));
    QVERIFY(vault().revoke(m_adminId, colleague, &error));
    QVERIFY(!vault().unlockWithStaffKey(colleague, *colleagueKey, &error));
    QCOMPARE(error.message, QStringLiteral("Your access to the vault was revoked."));
}

QTEST_GUILESS_MAIN(TestVault)
#include "tst_vault.moc"
