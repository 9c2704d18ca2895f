// The credential vault in the console, on SQLite and PostgreSQL: unlocking with a wrong and the
// right password, locking when idle, revealing each kind a client hands over byte for byte (a
// file only into the place picked), the clipboard marked secret and cleared, and purging after
// "moved". Grants and the keychain: tst_console_vault_access.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "PrivateSecretService.h"
#include "TestDatabase.h"
#include "VaultConsoleSteps.h"

#include "MainWindow.h"
#include "core/FileDialog.h"
#include "core/MessageBox.h"
#include "models/OnboardingListModel.h"
#include "onboardings/CredentialsDialog.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/OnboardingsView.h"
#include "onboardings/RevealReasonDialog.h"
#include "onboardings/RevealedCredentialDialog.h"
#include "services/OnboardingService.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"
#include "vault/CoreDumps.h"
#include "vault/CredentialService.h"
#include "vault/Keychain.h"
#include "vault/SecretClipboard.h"
#include "vault/SecretField.h"
#include "vault/VaultAccessDialog.h"
#include "vault/VaultActions.h"
#include "vault/VaultCrypto.h"
#include "vault/VaultRepository.h"
#include "vault/VaultService.h"
#include "vault/VaultSession.h"
#include "vault/VaultUnlockDialog.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QGuiApplication>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();
    void cleanupTestCase() { m_secretService.reset(); }

    void unlockWithWrongThenRightPassword();
    void locksWhenIdle();
    void revealEachKind_data();
    void revealEachKind();
    void copiedSecretIsMarkedAndCleared();
    void purgeAfterMoved();
    void coreDumpsAreOff();

private:
    qint64 credentialTask();
    std::optional<CredentialSubmission> submit(const QString &kind);
    CredentialsDialog *openCredentials(qint64 taskId);
    RevealedCredentialDialog *revealSelected(CredentialsDialog *dialog, const QString &reason);
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
    // What the contact handed over, as typed.
    SingleCredential m_single{QStringLiteral("admin@acme-dental.example"),
                              QStringLiteral(" p\u00e4ss w0rd!\t\"quoted\" "),
                              QStringLiteral("sk_live_\u2603_4f9a"),
                              QStringLiteral("Registrar login.\nTwo-factor codes go to Alex.")};
    QString m_bulkText = QStringLiteral("firewall: admin / fw!2\u00df\r\nvpn: ops / \U0001F511x\n");
    QByteArray m_file;
};

void TestConsoleVault::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QVERIFY(m_keyringDir.isValid());
    prepareGuiTest(m_settingsDir.path());
    // Every unlock dialog asks the keychain whether it can remember.
    ensureSecretService(m_secretService, m_keyringDir.path(), &m_keyringProblem);
    // A licence file: binary, and large enough that saving it shows progress.
    m_file = QByteArray("LICENCE\0\xff\xfe\x01", 11);
    QRandomGenerator random(42);
    while (m_file.size() < 3 * 1024 * 1024 + 17) {
        const quint32 word = random.generate();
        m_file.append(reinterpret_cast<const char *>(&word), sizeof word);
    }
}

void TestConsoleVault::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    QString dbError;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError);
    QVERIFY(!templates.isEmpty());
    ServiceError error;
    QVERIFY2(OnboardingService(m_test->db(), Clock::system())
                 .createFromTemplate(m_fixture.acmeId, templates.first().id, QString(),
                                     QDate::currentDate(), Actor::system(QStringLiteral("Sam")),
                                     &error),
             qPrintable(error.message));
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    // The console opens on Home; these steps work on the onboardings.
    m_window->showPage(MainWindow::OnboardingsPage);
    QVERIFY(m_window->vaultSession());
    QVERIFY(!m_window->vaultSession()->isUnlocked());
}

void TestConsoleVault::cleanup()
{
    m_window.reset();
    m_test.reset();
}

qint64 TestConsoleVault::credentialTask()
{
    QString error;
    const QList<Onboarding> onboardings
        = OnboardingRepository(m_test->db()).forCompany(m_fixture.acmeId, &error);
    if (onboardings.isEmpty()) {
        return 0;
    }
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(m_test->db()).get(onboardings.first().id, &error);
    for (const Phase &phase : onboarding ? onboarding->phases : QList<Phase>()) {
        for (const Task &task : phase.tasks) {
            if (task.evidenceType == EvidenceType::Credential) {
                return task.id;
            }
        }
    }
    return 0;
}

std::optional<CredentialSubmission> TestConsoleVault::submit(const QString &kind)
{
    CredentialService credentials(m_test->db(), Clock::system());
    ServiceError error;
    std::optional<CredentialSubmission> sent;
    const qint64 task = credentialTask();
    if (kind == QLatin1String("single")) {
        sent = credentials.submitSingle(task, m_fixture.acmeContactId, m_fixture.acmeId, m_single,
                                        QStringLiteral("203.0.113.7"), &error);
    } else if (kind == QLatin1String("bulk_text")) {
        sent = credentials.submitBulkText(task, m_fixture.acmeContactId, m_fixture.acmeId,
                                          m_bulkText, QString(), &error);
    } else {
        sent = credentials.submitBulkFile(task, m_fixture.acmeContactId, m_fixture.acmeId,
                                          QStringLiteral("licence.key"), m_file, QString(), &error);
    }
    if (!sent) {
        qWarning() << "submitting failed:" << error.message;
    }
    return sent;
}

// Opens the task's credentials the way staff do: the onboarding, the task, "Credentials…".
CredentialsDialog *TestConsoleVault::openCredentials(qint64 taskId)
{
    OnboardingsView *view = m_window->onboardingsView();
    if (!QTest::qWaitFor([&] { return view->model()->rowCount() == 1; })) {
        return nullptr;
    }
    clickRow(view->tableView(), view->proxy()->index(0, 0));
    OnboardingDetailView *detail = view->detailView();
    if (!detail->selectTask(taskId) || !detail->credentialsButton()->isVisible()) {
        return nullptr;
    }
    QTest::mouseClick(detail->credentialsButton(), Qt::LeftButton);
    auto *dialog = detail->findChild<CredentialsDialog *>();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog)) {
        return nullptr;
    }
    return dialog;
}

RevealedCredentialDialog *TestConsoleVault::revealSelected(CredentialsDialog *dialog,
                                                           const QString &reason)
{
    QTest::mouseClick(dialog->revealButton(), Qt::LeftButton);
    if (!m_window->vaultSession()->isUnlocked()) {
        unlockThrough(waitForUnlockDialog(dialog),
                      QString::fromLatin1(ConsoleFixture::kAdminPassword));
    }
    RevealReasonDialog *ask = nullptr;
    if (!QTest::qWaitFor([&] {
            ask = dialog->findChild<RevealReasonDialog *>();
            return ask && ask->isVisible();
        })) {
        return nullptr;
    }
    QTest::keyClicks(ask->reasonEdit(), reason);
    QSignalSpy revealed(dialog, &CredentialsDialog::changed);
    QTest::mouseClick(ask->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    if (!QTest::qWaitFor(
            [&] { return revealed.count() > 0 || dialog->errorLabel()->isVisible(); })) {
        return nullptr;
    }
    RevealedCredentialDialog *shown = dialog->findChild<RevealedCredentialDialog *>();
    return shown && shown->isVisible() ? shown : nullptr;
}

void TestConsoleVault::unlockWithWrongThenRightPassword()
{
    VaultActions *actions = m_window->vaultActions();
    QCOMPARE(actions->indicator()->text(), QStringLiteral("Vault locked"));
    QVERIFY(!actions->lockAction()->isEnabled());
    actions->unlockAction()->trigger();
    VaultUnlockDialog *dialog = waitForUnlockDialog(m_window.get());
    QVERIFY(dialog);

    unlockThrough(dialog, QStringLiteral("not my password"));
    QTRY_VERIFY(dialog->errorLabel()->isVisible());
    QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("password")),
             qPrintable(dialog->errorLabel()->text()));
    QVERIFY(dialog->isVisible());
    QVERIFY(!m_window->vaultSession()->isUnlocked());
    QVERIFY(dialog->passwordEdit()->text().isEmpty()); // not kept around
    QCOMPARE(auditRows(QStringLiteral("vault.unlock_failed")).size(), 1);

    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(dialog->errorLabel()->text(), QStringLiteral("Enter your password."));

    unlockThrough(dialog, QString::fromLatin1(ConsoleFixture::kAdminPassword));
    QTRY_VERIFY(m_window->vaultSession()->isUnlocked());
    QTRY_VERIFY(!m_window->findChild<VaultUnlockDialog *>());
    QCOMPARE(actions->indicator()->text(), QStringLiteral("Vault unlocked"));
    QVERIFY(actions->lockAction()->isEnabled());
    QVERIFY(!actions->unlockAction()->isEnabled());
    // The key it holds is the vault's.
    QString dbError;
    QCOMPARE(VaultCrypto::publicKeyOf(m_window->vaultSession()->key()),
             VaultRepository(m_test->db()).publicKey(m_fixture.workspaceId, &dbError));

    actions->lockAction()->trigger();
    QVERIFY(!m_window->vaultSession()->isUnlocked());
    QVERIFY(m_window->vaultSession()->key().isNull());
    QCOMPARE(actions->indicator()->text(), QStringLiteral("Vault locked"));
}

void TestConsoleVault::locksWhenIdle()
{
    VaultSession *session = m_window->vaultSession();
    QCOMPARE(session->idleTimeout(), std::chrono::milliseconds(std::chrono::minutes(15)));
    session->setIdleTimeout(std::chrono::milliseconds(400));
    ServiceError error;
    QVERIFY2(session->unlock(QString::fromLatin1(ConsoleFixture::kAdminPassword), &error),
             qPrintable(error.message));
    QCOMPARE(m_window->vaultActions()->indicator()->text(), QStringLiteral("Vault unlocked"));
    QTRY_VERIFY_WITH_TIMEOUT(!session->isUnlocked(), 5000);
    QCOMPARE(m_window->vaultActions()->indicator()->text(), QStringLiteral("Vault locked"));
}

void TestConsoleVault::revealEachKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("single") << QStringLiteral("single");
    QTest::addRow("bulk text") << QStringLiteral("bulk_text");
    QTest::addRow("bulk file") << QStringLiteral("bulk_file");
}

void TestConsoleVault::revealEachKind()
{
    QFETCH(QString, kind);
    const std::optional<CredentialSubmission> sent = submit(kind);
    QVERIFY(sent);
    CredentialsDialog *dialog = openCredentials(credentialTask());
    QVERIFY(dialog);
    QCOMPARE(dialog->list()->topLevelItemCount(), 1);
    QVERIFY(dialog->selectSubmission(sent->id));
    QCOMPARE(dialog->list()->currentItem()->text(CredentialsDialog::FromColumn),
             QStringLiteral("Alex Acme"));
    QVERIFY(dialog->revealButton()->isEnabled());

    const QString target = m_settingsDir.filePath(QStringLiteral("revealed-licence.key"));
    if (kind == QLatin1String("bulk_file")) {
        FileDialog::setNextSaveFileName(target);
        MessageBox::setNextAnswer(QMessageBox::Ok); // "File saved"
    }
    RevealedCredentialDialog *shown = revealSelected(dialog, QStringLiteral("Set up DNS"));
    QVERIFY(m_window->vaultSession()->isUnlocked());
    if (kind == QLatin1String("single")) {
        QVERIFY(shown);
        QCOMPARE(shown->usernameField()->edit()->text(), m_single.username);
        QCOMPARE(shown->passwordField()->edit()->text(), m_single.password);
        QCOMPARE(shown->apiKeyField()->edit()->text(), m_single.apiKey);
        QCOMPARE(shown->textView()->toPlainText(), m_single.notes);
        // Masked until asked.
        QVERIFY(shown->passwordField()->isMasked());
        QVERIFY(shown->apiKeyField()->isMasked());
        QVERIFY(!shown->usernameField()->isMasked());
        QTest::mouseClick(shown->passwordField()->showButton(), Qt::LeftButton);
        QVERIFY(!shown->passwordField()->isMasked());
        QTest::mouseClick(shown->passwordField()->showButton(), Qt::LeftButton);
        QVERIFY(shown->passwordField()->isMasked());
    } else if (kind == QLatin1String("bulk_text")) {
        QVERIFY(shown);
        QVERIFY(shown->textView()->isReadOnly());
        // QPlainTextEdit turns \r\n into \n; the bytes it was given are the ones sent.
        QString expected = m_bulkText;
        expected.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        QCOMPARE(shown->textView()->toPlainText(), expected);
    } else {
        QVERIFY(!shown);
        QTRY_VERIFY(QFile::exists(target));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == m_file);
        QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("licence.key")));
    }
    // Recorded: who, what and why.
    const QStringList revealed = auditRows(QStringLiteral("credential.revealed"));
    QCOMPARE(revealed.size(), 1);
    QVERIFY2(revealed.first().startsWith(QString::fromLatin1(ConsoleFixture::kAdminEmail)),
             qPrintable(revealed.first()));
    QVERIFY2(revealed.first().contains(QStringLiteral("Set up DNS")), qPrintable(revealed.first()));

    // Locking the vault closes what is on screen.
    if (shown) {
        QPointer<RevealedCredentialDialog> viewer(shown);
        m_window->vaultActions()->lockAction()->trigger();
        QTRY_VERIFY(!viewer || !viewer->isVisible());
    }
}

void TestConsoleVault::copiedSecretIsMarkedAndCleared()
{
    QVERIFY(submit(QStringLiteral("single")));
    CredentialsDialog *dialog = openCredentials(credentialTask());
    QVERIFY(dialog);
    SecretClipboard *clipboard = m_window->vaultSession()->clipboard();
    QCOMPARE(clipboard->clearTimeout(), std::chrono::milliseconds(20000));
    clipboard->setClearTimeout(std::chrono::milliseconds(500));
    RevealedCredentialDialog *shown = revealSelected(dialog, QString());
    QVERIFY(shown);
    QVERIFY(auditRows(QStringLiteral("credential.revealed"))
                .first()
                .endsWith(QStringLiteral("giving no reason")));

    QTest::mouseClick(shown->passwordField()->copyButton(), Qt::LeftButton);
    QClipboard *system = QGuiApplication::clipboard();
    QCOMPARE(system->text(), m_single.password);
    const QMimeData *mime = system->mimeData();
    QVERIFY(mime);
    QCOMPARE(mime->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
    QTRY_VERIFY_WITH_TIMEOUT(system->text().isEmpty(), 5000);

    // Something copied since is not the secret: it stays.
    QTest::mouseClick(shown->apiKeyField()->copyButton(), Qt::LeftButton);
    QCOMPARE(system->text(), m_single.apiKey);
    system->setText(QStringLiteral("an unrelated note"));
    QTRY_VERIFY_WITH_TIMEOUT(!clipboard->isPending(), 5000);
    QCOMPARE(system->text(), QStringLiteral("an unrelated note"));

    // Locking takes a copied secret away at once.
    clipboard->setClearTimeout(std::chrono::minutes(5));
    QTest::mouseClick(shown->usernameField()->copyButton(), Qt::LeftButton);
    QCOMPARE(system->text(), m_single.username);
    m_window->vaultActions()->lockAction()->trigger();
    QVERIFY(system->text().isEmpty());
}

void TestConsoleVault::purgeAfterMoved()
{
    const std::optional<CredentialSubmission> sent = submit(QStringLiteral("bulk_text"));
    QVERIFY(sent);
    CredentialsDialog *dialog = openCredentials(credentialTask());
    QVERIFY(dialog);
    QVERIFY(dialog->selectSubmission(sent->id));
    QVERIFY(!dialog->purgeButton()->isEnabled()); // not before it is moved
    QVERIFY(dialog->movedButton()->isEnabled());

    QTest::mouseClick(dialog->movedButton(), Qt::LeftButton);
    QVERIFY2(dialog->list()
                 ->currentItem()
                 ->text(CredentialsDialog::StateColumn)
                 .startsWith(QStringLiteral("Moved to a password manager by Dana Admin")),
             qPrintable(dialog->list()->currentItem()->text(CredentialsDialog::StateColumn)));
    QVERIFY(!dialog->movedButton()->isEnabled());
    QVERIFY(dialog->purgeButton()->isEnabled());

    // Staff think again: nothing happens.
    MessageBox::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(dialog->purgeButton(), Qt::LeftButton);
    QVERIFY(auditRows(QStringLiteral("credential.purged")).isEmpty());

    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(dialog->purgeButton(), Qt::LeftButton);
    QVERIFY(dialog->list()
                ->currentItem()
                ->text(CredentialsDialog::StateColumn)
                .startsWith(QStringLiteral("Purged")));
    QVERIFY(!dialog->revealButton()->isEnabled());
    QVERIFY(!dialog->purgeButton()->isEnabled());
    QCOMPARE(auditRows(QStringLiteral("credential.moved")).size(), 1);
    QCOMPARE(auditRows(QStringLiteral("credential.purged")).size(), 1);

    // The ciphertext is gone: even an unlocked vault cannot reveal it.
    ServiceError error;
    std::optional<SecureBytes> key
        = VaultService(m_test->db(), Clock::system())
              .unlock(m_fixture.context.staff.id,
                      QString::fromLatin1(ConsoleFixture::kAdminPassword), &error);
    QVERIFY(key);
    QVERIFY(!CredentialService(m_test->db(), Clock::system())
                 .reveal(*key, m_fixture.context.actor(), sent->id, QString(), &error));
    QCOMPARE(error.kind, ServiceError::Kind::Conflict);
}

void TestConsoleVault::coreDumpsAreOff()
{
#if defined(Q_OS_LINUX)
    QString error;
    QVERIFY2(CoreDumps::disable(&error), qPrintable(error));
    struct rlimit limit = {};
    QCOMPARE(getrlimit(RLIMIT_CORE, &limit), 0);
    QCOMPARE(limit.rlim_cur, rlim_t(0));
    QCOMPARE(limit.rlim_max, rlim_t(0));
    QCOMPARE(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
#else
    QSKIP("checked on Linux only");
#endif
}

QTEST_MAIN(TestConsoleVault)
#include "tst_console_vault.moc"
