// Settings > Database on SQLite and PostgreSQL: backing up through the file dialog, restoring
// after a confirmation with the progress bar moving, and the console showing the restored data.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "companies/CompaniesView.h"
#include "core/FileDialog.h"
#include "core/MessageBox.h"
#include "models/CompanyListModel.h"
#include "security/AuditLog.h"
#include "settings/DatabasePanel.h"
#include "settings/SettingsView.h"
#include "storage/DatabaseBackup.h"
#include "widgets/ErrorLabel.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr int kJobTimeoutMs = 60000;

} // namespace

class TestConsoleBackup : public QObject
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
        m_files.reset();
    }

    void backUpAndRestoreFromSettings();
    void declinedRestoreChangesNothing();
    void badFileIsRefusedWithAClearMessage();

private:
    QStringList companyNames() const;
    void exec(const QString &sql);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<QTemporaryDir> m_files;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
    DatabasePanel *m_panel = nullptr;
};

void TestConsoleBackup::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    m_files = std::make_unique<QTemporaryDir>();
    QVERIFY(m_files->isValid());
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::SettingsPage);
    auto *settings = m_window->findChild<SettingsView *>();
    QVERIFY(settings);
    m_panel = settings->databasePanel();
    settings->tabs()->setCurrentWidget(m_panel);
    QVERIFY(m_panel->isVisible());
}

void TestConsoleBackup::exec(const QString &sql)
{
    QSqlQuery query(m_test->db().connection());
    QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
}

// What the Companies page shows.
QStringList TestConsoleBackup::companyNames() const
{
    QStringList names;
    const QAbstractItemModel *model = m_window->companiesView()->companyModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        names.append(model->index(row, 0).data().toString());
    }
    names.sort();
    return names;
}

void TestConsoleBackup::backUpAndRestoreFromSettings()
{
    // Where the data lives, without a password.
    if (m_test->db().engine() == Engine::Sqlite) {
        QCOMPARE(m_panel->engineLabel()->text(), QStringLiteral("SQLite file"));
        QCOMPARE(m_panel->locationLabel()->text(),
                 QDir::toNativeSeparators(m_test->config().sqliteFile));
    } else {
        QCOMPARE(m_panel->engineLabel()->text(), QStringLiteral("PostgreSQL server"));
        QCOMPARE(m_panel->locationLabel()->text(), m_test->config().describe());
    }
    const QStringList before = companyNames();
    QVERIFY(before.contains(QStringLiteral("Acme Dental")));

    const QString file = m_files->filePath(QStringLiteral("backup.bin"));
    QSignalSpy backupValues(m_panel->progressBar(), &QProgressBar::valueChanged);
    QSignalSpy finished(m_panel, &DatabasePanel::finished);
    FileDialog::setNextSaveFileName(file);
    QTest::mouseClick(m_panel->backupButton(), Qt::LeftButton);
    QVERIFY(m_panel->isBusy());
    QVERIFY(m_panel->progressBar()->isVisible());
    QVERIFY(!m_panel->backupButton()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kJobTimeoutMs);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(m_panel->errorLabel()->isHidden(), qPrintable(m_panel->errorLabel()->text()));
    QVERIFY(QFileInfo(file).size() > 0);
    QCOMPARE(m_panel->progressBar()->value(), 1000);
    QVERIFY(backupValues.size() >= 2);
    QVERIFY(m_panel->statusLabel()->text().contains(QStringLiteral("Backed up")));
    QVERIFY(m_panel->backupButton()->isEnabled());

    // Work goes on after the backup...
    exec(QStringLiteral("UPDATE company SET name = 'Acme Renamed' WHERE name = 'Acme Dental'"));
    m_window->refreshAll();
    QTRY_VERIFY(companyNames().contains(QStringLiteral("Acme Renamed")));

    // ...and a restore brings back the data of the backup, in the console too.
    FileDialog::setNextOpenFileName(file);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QSignalSpy restoreValues(m_panel->progressBar(), &QProgressBar::valueChanged);
    QSignalSpy restored(m_panel, &DatabasePanel::restored);
    QTest::mouseClick(m_panel->restoreButton(), Qt::LeftButton);
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("replaced")));
    QVERIFY(m_panel->isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kJobTimeoutMs);
    QVERIFY2(finished.last().first().toBool(), qPrintable(m_panel->errorLabel()->text()));
    QCOMPARE(restored.size(), 1);
    QVERIFY(restoreValues.size() >= 3);
    QCOMPARE(m_panel->progressBar()->value(), 1000);
    QVERIFY(m_panel->statusLabel()->text().contains(QStringLiteral("Restored")));
    QTRY_COMPARE(companyNames(), before);

    // What was there before the restore was kept aside, and the trail says who restored.
    const QStringList kept
        = QDir(m_files->path()).entryList({QStringLiteral("gatehouse-before-restore-*")});
    QCOMPARE(kept.size(), 1);
    QString error;
    const QList<AuditEvent> newest = AuditLog(m_test->db()).list({}, 1, 0, &error);
    QCOMPARE(newest.first().action, QStringLiteral("database.restore"));
    QCOMPARE(newest.first().actor, QString::fromLatin1(ConsoleFixture::kAdminEmail));
    QVERIFY(AuditLog(m_test->db()).verify(&error).ok);
}

void TestConsoleBackup::declinedRestoreChangesNothing()
{
    const QString file = m_files->filePath(QStringLiteral("backup.bin"));
    QString error;
    QVERIFY2(DatabaseBackup(m_test->db(), Clock::system())
                 .backup(file, m_fixture.context.actor(), m_fixture.workspaceId, &error),
             qPrintable(error));
    exec(QStringLiteral("UPDATE company SET name = 'Acme Renamed' WHERE name = 'Acme Dental'"));
    FileDialog::setNextOpenFileName(file);
    MessageBox::setNextAnswer(QMessageBox::No);
    QVERIFY(!m_panel->restore());
    QVERIFY(!m_panel->isBusy());
    m_window->refreshAll();
    QTRY_VERIFY(companyNames().contains(QStringLiteral("Acme Renamed")));
    // Cancelling the file dialog does not even ask.
    FileDialog::setNextOpenFileName(QString());
    QVERIFY(!m_panel->restore());
}

void TestConsoleBackup::badFileIsRefusedWithAClearMessage()
{
    const QString file = m_files->filePath(QStringLiteral("notes.txt"));
    QFile text(file);
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("Remember to back up.\n");
    text.close();
    const QStringList before = companyNames();
    QSignalSpy finished(m_panel, &DatabasePanel::finished);
    QSignalSpy restored(m_panel, &DatabasePanel::restored);
    FileDialog::setNextOpenFileName(file);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QVERIFY(m_panel->restore());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kJobTimeoutMs);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(restored.size(), 0);
    QVERIFY(m_panel->errorLabel()->isVisible());
    QVERIFY2(m_panel->errorLabel()->text().contains(QStringLiteral("not a Gatehouse backup")),
             qPrintable(m_panel->errorLabel()->text()));
    QVERIFY(!m_panel->progressBar()->isVisible());
    QCOMPARE(companyNames(), before);
}

QTEST_MAIN(TestConsoleBackup)
#include "tst_console_backup.moc"
