// Secure file drops in the console, on SQLite and PostgreSQL: a file_drop task lists what the
// client dropped; "Save decrypted…" asks for the staff password, refuses a wrong one without
// writing anything, and with the right one writes the file byte for byte and records the
// download with its reason; staff set the expiry in days.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "core/FileDialog.h"
#include "core/MessageBox.h"
#include "models/OnboardingListModel.h"
#include "onboardings/FileDropPanel.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/OnboardingsView.h"
#include "onboardings/VaultKeyPrompt.h"
#include "services/FileDropService.h"
#include "services/OnboardingService.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"
#include "vault/VaultSession.h"

#include <QBuffer>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleFileDrops : public QObject
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

    void saveDecryptedAndSetExpiry();

private:
    QString value(const QString &sql)
    {
        SqlQuery query(m_test->db(), sql);
        QString error;
        return query.exec(&error) && query.next() ? query.text(0) : error;
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleFileDrops::saveDecryptedAndSetExpiry()
{
    QString dbError;
    ServiceError error;
    const QString password = QString::fromLatin1(ConsoleFixture::kAdminPassword);
    // The fixture's workspace was made with its vault, the administrator holding it.
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError);
    const qint64 onboardingId
        = OnboardingService(m_test->db(), Clock::system())
              .createFromTemplate(m_fixture.acmeId, templates.first().id, QString(),
                                  QDate::currentDate(), Actor::system(QStringLiteral("Sam")),
                                  &error);
    QVERIFY2(onboardingId != 0, qPrintable(error.message));
    const qint64 taskId
        = value(QStringLiteral("SELECT MIN(id) FROM task WHERE onboarding_id = %1 AND "
                               "evidence_type = 'standard' AND owner_side = 'client'")
                    .arg(onboardingId))
              .toLongLong();
    QVERIFY(taskId > 0);
    SqlQuery convert(m_test->db(),
                     QStringLiteral("UPDATE task SET evidence_type = 'file_drop' WHERE id = ?"));
    convert << taskId;
    QVERIFY(convert.exec(&dbError));

    QByteArray file(FileDropService::kFrameBytes * 2 + 4321, Qt::Uninitialized);
    for (qsizetype i = 0; i < file.size(); ++i) {
        file[i] = char(i % 251);
    }
    QBuffer source(&file);
    source.open(QIODevice::ReadOnly);
    const std::optional<FileDrop> dropped
        = FileDropService(m_test->db(), Clock::system())
              .drop(taskId, m_fixture.acmeContactId, m_fixture.acmeId,
                    QStringLiteral("firewall backup.cfg"), source, QString(), &error);
    QVERIFY2(dropped, qPrintable(error.message));

    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    // The console opens on Home; these steps work on the onboardings.
    m_window->showPage(MainWindow::OnboardingsPage);
    OnboardingsView *view = m_window->onboardingsView();
    QTRY_COMPARE(view->model()->rowCount(), 1);
    clickRow(view->tableView(), view->proxy()->index(0, 0));
    OnboardingDetailView *detail = view->detailView();
    QVERIFY(detail->selectTask(taskId));
    FileDropPanel *panel = detail->dropsPanel();
    QVERIFY(panel->isVisible());
    QCOMPARE(panel->view()->rowCount(), 1);
    QCOMPARE(panel->view()->item(0, 0)->text(), QStringLiteral("firewall backup.cfg"));
    QCOMPARE(panel->view()->item(0, 5)->text(), QStringLiteral("Not downloaded yet"));
    QCOMPARE(panel->expiryBox()->value(), 7);

    // A wrong password: refused, said so, nothing written or recorded.
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("backup.cfg"));
    FileDialog::setNextSaveFileName(path);
    VaultKeyPrompt::setNextPassword(QStringLiteral("not the password"));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QVERIFY(!panel->saveSelected());
    QVERIFY(MessageBox::lastText().contains(QLatin1String("password")));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                                  "'file_drop.downloaded'")),
             QStringLiteral("0"));

    // The right one: the file, byte for byte, and the download recorded with its reason.
    panel->reasonEdit()->setFocus();
    QTest::keyClicks(panel->reasonEdit(), QStringLiteral("restore the firewall"));
    FileDialog::setNextSaveFileName(path);
    VaultKeyPrompt::setNextPassword(password);
    QVERIFY(panel->saveSelected());
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll() == file);
    QVERIFY(value(QStringLiteral("SELECT detail FROM audit_event WHERE action = "
                                 "'file_drop.downloaded'"))
                .endsWith(QLatin1String("giving the reason: restore the firewall")));
    QTRY_VERIFY(panel->view()->item(0, 5)->text().startsWith(QLatin1String("Downloaded by ")));
    QVERIFY(panel->reasonEdit()->text().isEmpty());
    // The password opened the console's vault session: a second copy asks for nothing.
    QVERIFY(m_window->vaultSession()->isUnlocked());
    const QString again = out.filePath(QStringLiteral("again.cfg"));
    FileDialog::setNextSaveFileName(again);
    QVERIFY(panel->saveSelected());
    QFile second(again);
    QVERIFY(second.open(QIODevice::ReadOnly));
    QVERIFY(second.readAll() == file);

    // The expiry for new drops.
    panel->expiryBox()->setValue(21);
    QVERIFY(panel->applyExpiry());
    QCOMPARE(value(QStringLiteral("SELECT config FROM task WHERE id = %1").arg(taskId)),
             QStringLiteral("{\"expiryDays\":21}"));

    // Other kinds of task show no drops.
    const qint64 otherTask
        = value(QStringLiteral("SELECT MIN(id) FROM task WHERE onboarding_id = %1 AND "
                               "evidence_type = 'upload'")
                    .arg(onboardingId))
              .toLongLong();
    QVERIFY(detail->selectTask(otherTask));
    QVERIFY(!panel->isVisible());
}

QTEST_MAIN(TestConsoleFileDrops)
#include "tst_console_filedrops.moc"
