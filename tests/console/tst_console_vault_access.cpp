// Vault access in the console, on SQLite and PostgreSQL: an administrator grants and revokes
// through the access dialog (granting unlocks first), and "remember on this device" keeps the
// staff key in a real Secret Service (a private D-Bus session and GNOME Keyring when the test
// runs outside one, as test.sh provides); without any, only the keychain test is skipped.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "PrivateSecretService.h"
#include "TestDatabase.h"
#include "VaultConsoleSteps.h"

#include "MainWindow.h"
#include "core/MessageBox.h"
#include "storage/DirectoryRepository.h"
#include "vault/Keychain.h"
#include "vault/VaultAccessDialog.h"
#include "vault/VaultActions.h"
#include "vault/VaultCrypto.h"
#include "vault/VaultRepository.h"
#include "vault/VaultService.h"
#include "vault/VaultSession.h"
#include "vault/VaultUnlockDialog.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QString kColleaguePassword = QStringLiteral("casey-colleague-passphrase-7");

QByteArray utf8(const SecureBytes &secret)
{
    return QByteArray(secret.chars(), qsizetype(secret.size()));
}

} // namespace

class TestConsoleVaultAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QVERIFY(m_keyringDir.isValid());
        prepareGuiTest(m_settingsDir.path());
        ensureSecretService(m_secretService, m_keyringDir.path(), &m_keyringProblem);
    }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_test = TestDatabase::create(engine);
        QVERIFY(m_test);
        m_fixture = ConsoleFixture();
        QCOMPARE(m_fixture.create(*m_test), QString());
        m_window = openMainWindow(m_fixture.context);
        QVERIFY(m_window);
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }
    void cleanupTestCase() { m_secretService.reset(); }

    void grantAndRevokeThroughDialog();
    void keychainRemembersTheStaffKey();

private:
    QStringList auditRows(const QString &action)
    {
        return Testing::auditRows(m_test->db(), action);
    }

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_keyringDir;
    std::unique_ptr<PrivateSecretService> m_secretService;
    QString m_keyringProblem;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleVaultAccess::grantAndRevokeThroughDialog()
{
    QString dbError;
    DirectoryRepository directory(m_test->db());
    const qint64 casey
        = directory.createStaff(m_fixture.workspaceId, QStringLiteral("casey@northwind.example"),
                                QStringLiteral("Casey Colleague"), kColleaguePassword,
                                QStringLiteral("staff"), Clock::system().nowMs(), &dbError);
    QVERIFY2(casey > 0, qPrintable(dbError));
    const qint64 robin
        = directory.createStaff(m_fixture.workspaceId, QStringLiteral("robin@northwind.example"),
                                QStringLiteral("Robin New"), kColleaguePassword,
                                QStringLiteral("staff"), Clock::system().nowMs(), &dbError);
    QVERIFY2(robin > 0, qPrintable(dbError));
    VaultService vault(m_test->db(), Clock::system(), KdfParams::minimum());
    ServiceError error;
    QVERIFY(vault.ensureStaffKey(casey, kColleaguePassword, &error)); // as at sign-in

    QVERIFY(m_window->vaultActions()->accessAction());
    auto *dialog = qobject_cast<VaultAccessDialog *>(m_window->vaultActions()->showAccess());
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->list()->topLevelItemCount(), 3);
    QVERIFY(dialog->selectStaff(robin));
    QVERIFY2(dialog->list()
                 ->currentItem()
                 ->text(VaultAccessDialog::AccessColumn)
                 .startsWith(QStringLiteral("No vault key yet")),
             qPrintable(dialog->list()->currentItem()->text(VaultAccessDialog::AccessColumn)));
    QVERIFY(dialog->selectStaff(casey));
    QCOMPARE(dialog->list()->currentItem()->text(VaultAccessDialog::AccessColumn),
             QStringLiteral("No access"));
    QVERIFY(!dialog->revokeButton()->isEnabled());
    QVERIFY(!vault.unlock(casey, kColleaguePassword, &error));

    // Granting needs the vault open: the unlock dialog comes first.
    QTest::mouseClick(dialog->grantButton(), Qt::LeftButton);
    unlockThrough(waitForUnlockDialog(dialog), QString::fromLatin1(ConsoleFixture::kAdminPassword));
    QTRY_VERIFY(dialog->list()
                    ->currentItem()
                    ->text(VaultAccessDialog::AccessColumn)
                    .startsWith(QStringLiteral("Has access since")));
    QVERIFY(dialog->revokeButton()->isEnabled());
    std::optional<SecureBytes> caseyKey = vault.unlock(casey, kColleaguePassword, &error);
    QVERIFY2(caseyKey, qPrintable(error.message));
    QCOMPARE(utf8(*caseyKey), utf8(m_window->vaultSession()->key()));
    QCOMPARE(auditRows(QStringLiteral("vault.granted")).size(), 1);

    QVERIFY(dialog->selectStaff(casey));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(dialog->revokeButton(), Qt::LeftButton);
    QVERIFY2(dialog->list()
                 ->currentItem()
                 ->text(VaultAccessDialog::AccessColumn)
                 .startsWith(QStringLiteral("Revoked")),
             qPrintable(dialog->list()->currentItem()->text(VaultAccessDialog::AccessColumn)));
    QVERIFY(!vault.unlock(casey, kColleaguePassword, &error));
    QCOMPARE(error.message, QStringLiteral("Your access to the vault was revoked."));
    // The last access cannot go: the vault's key would be lost with it.
    QVERIFY(dialog->selectStaff(m_fixture.context.staff.id));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(dialog->revokeButton(), Qt::LeftButton);
    QVERIFY(dialog->errorLabel()->isVisible());
    QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("only one")),
             qPrintable(dialog->errorLabel()->text()));
    QCOMPARE(auditRows(QStringLiteral("vault.revoked")).size(), 1);

    // A colleague who is not an administrator gets no access dialog.
    ConsoleContext colleague = m_fixture.context;
    colleague.staff = *directory.staff(casey, &dbError);
    std::unique_ptr<MainWindow> theirs = openMainWindow(colleague);
    QVERIFY(theirs);
    QVERIFY(!theirs->vaultActions()->accessAction());
}

void TestConsoleVaultAccess::keychainRemembersTheStaffKey()
{
    VaultSession *session = m_window->vaultSession();
    Keychain *keychain = session->keychain();
    // Reachable and able to store (a keyring that exists and is unlocked), or skipped with why.
    std::optional<Keychain::Result> probed;
    keychain->probe([&probed](const Keychain::Result &result) { probed = result; });
    QTRY_VERIFY_WITH_TIMEOUT(probed.has_value(), 30000);
    if (probed->ok()) {
        const SecureBytes sample = SecureBytes::copyOf("sample", 6);
        probed.reset();
        keychain->write(QStringLiteral("gatehouse-test-sample"), sample,
                        [&probed](const Keychain::Result &result) { probed = result; });
        QTRY_VERIFY_WITH_TIMEOUT(probed.has_value(), 30000);
    }
    if (!probed->ok()) {
        QSKIP(qPrintable(QStringLiteral("no usable Secret Service (%1%2)")
                             .arg(probed->message, m_keyringProblem.isEmpty()
                                                       ? QString()
                                                       : QStringLiteral("; ") + m_keyringProblem)));
    }
    const QString entry = session->keychainEntry();
    QVERIFY(!entry.isEmpty());

    // Unlock with "remember on this device" ticked.
    m_window->vaultActions()->unlockAction()->trigger();
    VaultUnlockDialog *dialog = waitForUnlockDialog(m_window.get());
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->keychainChecked());
    QVERIFY(dialog->rememberBox()->isEnabled());
    dialog->rememberBox()->setChecked(true);
    // Should keeping the key fail after all, its warning is answered and the checks below fail.
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QTest::keyClicks(dialog->passwordEdit(), QString::fromLatin1(ConsoleFixture::kAdminPassword));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->findChild<VaultUnlockDialog *>(), 30000);
    QVERIFY(session->isUnlocked());
    QVERIFY(session->isRemembered());

    // What the keychain holds is the staff member's own private key, not the password.
    std::optional<Keychain::Result> read;
    SecureBytes stored;
    keychain->read(entry, [&](const Keychain::Result &result, SecureBytes secret) {
        read = result;
        stored = std::move(secret);
    });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 30000);
    QVERIFY2(read->ok(), qPrintable(read->message));
    QCOMPARE(int(stored.size()), VaultCrypto::kSecretKeyBytes);
    QString dbError;
    const std::optional<StaffKey> staffKey
        = VaultRepository(m_test->db()).staffKey(m_fixture.context.staff.id, &dbError);
    QVERIFY(staffKey);
    QCOMPARE(VaultCrypto::publicKeyOf(stored), staffKey->publicKey);

    // Locked again, the vault opens from the keychain without the password.
    session->lock();
    m_window->vaultActions()->unlockAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(session->isUnlocked(), 30000);
    QTRY_VERIFY(!m_window->findChild<VaultUnlockDialog *>());

    // Unticked at the next unlock with the password, the key leaves the keychain.
    session->lock();
    session->setRemembered(false); // or the dialog would not wait for the password
    m_window->vaultActions()->unlockAction()->trigger();
    unlockThrough(waitForUnlockDialog(m_window.get()),
                  QString::fromLatin1(ConsoleFixture::kAdminPassword));
    QTRY_VERIFY(session->isUnlocked());
    QVERIFY(!session->isRemembered());
    // The removal is under way; the entry is gone once a read says so.
    bool gone = false;
    for (int attempt = 0; attempt < 20 && !gone; ++attempt) {
        std::optional<Keychain::Result> answer;
        keychain->read(entry, [&answer](const Keychain::Result &result, const SecureBytes &) {
            answer = result;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 30000);
        gone = answer->status == Keychain::Status::NotFound;
        if (!gone) {
            QTest::qWait(100);
        }
    }
    QVERIFY(gone);

    // Remembered here but gone from the keychain: the dialog says so and asks for the password.
    session->lock();
    session->setRemembered(true);
    m_window->vaultActions()->unlockAction()->trigger();
    dialog = waitForUnlockDialog(m_window.get());
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorLabel()->isVisible(), 30000);
    QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("Nothing is remembered")),
             qPrintable(dialog->errorLabel()->text()));
    QVERIFY(!session->isUnlocked());
    QVERIFY(!session->isRemembered());
    QVERIFY(!dialog->rememberBox()->isChecked());
    QVERIFY(dialog->passwordEdit()->isEnabled());
}

QTEST_MAIN(TestConsoleVaultAccess)
#include "tst_console_vault_access.moc"
