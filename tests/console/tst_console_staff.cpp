// Staff and roles in the console (CON-11) on SQLite and PostgreSQL: an administrator adds a
// member on Settings > Staff, the member signs in through the real sign-in dialog (choosing
// their own password), a technician's console lacks what the role may not do, roles and
// deactivation survive a fresh window, and two-step sign-in is set up and then asked for.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "core/MessageBox.h"
#include "onboardings/OnboardingsView.h"
#include "security/Base32.h"
#include "security/Totp.h"
#include "services/StaffService.h"
#include "settings/AddStaffDialog.h"
#include "settings/DatabasePanel.h"
#include "settings/EmailPanel.h"
#include "settings/SettingsView.h"
#include "settings/StaffPanel.h"
#include "setup/LoginDialog.h"
#include "setup/TwoStepDialog.h"
#include "storage/DirectoryRepository.h"
#include "templates/TemplatesView.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QString kTechEmail = QStringLiteral("toni@northwind.example");
const QString kInitialPassword = QStringLiteral("handed over once 42");
const QString kOwnPassword = QStringLiteral("toni's own passphrase");

} // namespace

class TestConsoleStaff : public QObject
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
        m_window = openMainWindow(m_fixture.context);
        QVERIFY(m_window);
        m_window->showPage(MainWindow::SettingsPage);
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void addedMemberSignsInAndSeesATechniciansConsole();
    void roleAndDeactivationSurviveAFreshWindow();
    void lastAdministratorStays();
    void twoStepSignInIsSetUpAndAskedFor();

private:
    StaffPanel *panel() const { return m_window->settingsView()->staffPanel(); }
    // The table's rows as "name|email|role|two-step|status".
    QStringList rows(StaffPanel *staff) const
    {
        QStringList list;
        QTableWidget *table = staff->table();
        for (int row = 0; row < table->rowCount(); ++row) {
            list << QStringList{table->item(row, StaffPanel::NameColumn)->text(),
                                table->item(row, StaffPanel::EmailColumn)->text(),
                                table->item(row, StaffPanel::RoleColumn)->text(),
                                table->item(row, StaffPanel::TotpColumn)->text(),
                                table->item(row, StaffPanel::StatusColumn)->text()}
                        .join(QLatin1Char('|'));
        }
        return list;
    }
    void addTechnician()
    {
        QTest::mouseClick(panel()->addButton(), Qt::LeftButton);
        auto *dialog = panel()->findChild<AddStaffDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Toni Tech"));
        QTest::keyClicks(dialog->emailEdit(), kTechEmail);
        dialog->roleBox()->setCurrentIndex(
            dialog->roleBox()->findData(QStringLiteral("technician")));
        QTest::keyClicks(dialog->passwordEdit(), kInitialPassword);
        MessageBox::setNextAnswer(QMessageBox::Ok);
        clickOk(dialog->buttons());
        QTRY_VERIFY(rows(panel()).contains(
            QStringLiteral("Toni Tech|%1|Technician|Off|Active").arg(kTechEmail)));
        QVERIFY(MessageBox::lastText().contains(kInitialPassword));
    }
    QAction *menuAction(const QString &text) const
    {
        for (QAction *menu : m_window->menuBar()->actions()) {
            for (QAction *action : menu->menu()->actions()) {
                if (action->text() == text) {
                    return action;
                }
            }
        }
        return nullptr;
    }
    // Signs in through the sign-in dialog; with a code when `code` is not empty.
    std::optional<StaffMember> signIn(const QString &email, const QString &password,
                                      const QString &code, QString *problem)
    {
        LoginDialog login(m_test->db(), QStringLiteral("Northwind IT"));
        login.show();
        login.setEmail(email);
        QTest::keyClicks(login.passwordEdit(), password);
        clickOk(login.buttons());
        if (!code.isEmpty()) {
            if (login.step() != LoginDialog::CodeStep) {
                *problem = QStringLiteral("no code asked for: ") + login.errorText();
                return std::nullopt;
            }
            QTest::keyClicks(login.codeEdit(), code);
            clickOk(login.buttons());
        }
        if (login.result() != QDialog::Accepted) {
            *problem = login.errorText();
        }
        return login.staff();
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleStaff::addedMemberSignsInAndSeesATechniciansConsole()
{
    SettingsView *settings = m_window->settingsView();
    QVERIFY(settings->showsTab(panel()));
    QVERIFY(settings->showsTab(settings->emailPanel()));
    addTechnician();

    // The member signs in with the handed-over password and must choose their own.
    LoginDialog login(m_test->db(), QStringLiteral("Northwind IT"));
    login.show();
    login.setEmail(kTechEmail);
    QTest::keyClicks(login.passwordEdit(), kInitialPassword);
    clickOk(login.buttons());
    QCOMPARE(login.step(), LoginDialog::NewPasswordStep);
    QTest::keyClicks(login.newPasswordEdit(), kOwnPassword);
    QTest::keyClicks(login.repeatPasswordEdit(), QStringLiteral("something else"));
    clickOk(login.buttons());
    QVERIFY(login.errorText().contains(QStringLiteral("not the same")));
    retype(login.repeatPasswordEdit(), kOwnPassword);
    clickOk(login.buttons());
    QCOMPARE(login.result(), int(QDialog::Accepted));
    QVERIFY(login.staff());
    QCOMPARE(login.staff()->role, QStringLiteral("technician"));
    QString problem;
    QVERIFY(!signIn(kTechEmail, kInitialPassword, QString(), &problem));
    QVERIFY2(signIn(kTechEmail, kOwnPassword, QString(), &problem), qPrintable(problem));

    // The technician's console: no workspace settings, and what they may not start is
    // disabled with the reason.
    ConsoleContext techContext = m_fixture.context;
    techContext.staff = *login.staff();
    m_window = openMainWindow(techContext);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::SettingsPage);
    settings = m_window->settingsView();
    QVERIFY(!settings->showsTab(settings->emailPanel()));
    QVERIFY(!settings->showsTab(settings->databasePanel()));
    QVERIFY(!settings->showsTab(panel()));
    auto *notice = settings->findChild<QLabel *>(QStringLiteral("settingsNotice"));
    QVERIFY(notice && notice->isVisible());
    QAction *newOnboarding = menuAction(QStringLiteral("&New onboarding…"));
    QVERIFY(newOnboarding);
    QVERIFY(!newOnboarding->isEnabled());
    QVERIFY(newOnboarding->toolTip().contains(QStringLiteral("lead")));
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("vaultAccess")));
    QVERIFY(!m_window->templatesView()->newButton()->isEnabled());
    QVERIFY(m_window->templatesView()->newButton()->toolTip().contains(
        QStringLiteral("change templates")));
    QVERIFY(!m_window->onboardingsView()->newButton()->isEnabled());
    // Work a technician does stays open: the review queue and the inbox are there.
    m_window->showPage(MainWindow::ReviewPage);
    QCOMPARE(m_window->currentPage(), MainWindow::ReviewPage);
}

void TestConsoleStaff::roleAndDeactivationSurviveAFreshWindow()
{
    addTechnician();
    panel()->selectEmail(kTechEmail);
    panel()->roleBox()->setCurrentIndex(panel()->roleBox()->findData(QStringLiteral("lead")));
    QTest::mouseClick(panel()->roleButton(), Qt::LeftButton);
    QTRY_VERIFY(
        rows(panel()).contains(QStringLiteral("Toni Tech|%1|Lead|Off|Active").arg(kTechEmail)));
    panel()->selectEmail(kTechEmail);
    QCOMPARE(panel()->activeButton()->text(), QStringLiteral("&Deactivate"));
    QTest::mouseClick(panel()->activeButton(), Qt::LeftButton);
    QTRY_VERIFY(rows(panel()).contains(
        QStringLiteral("Toni Tech|%1|Lead|Off|Deactivated").arg(kTechEmail)));
    QString problem;
    QVERIFY(!signIn(kTechEmail, kInitialPassword, QString(), &problem));
    QVERIFY(problem.contains(QStringLiteral("deactivated")));

    // Saved, not just shown: a fresh window reads the same.
    m_window = openMainWindow(m_fixture.context);
    m_window->showPage(MainWindow::SettingsPage);
    QVERIFY(rows(panel()).contains(
        QStringLiteral("Toni Tech|%1|Lead|Off|Deactivated").arg(kTechEmail)));
    panel()->selectEmail(kTechEmail);
    QCOMPARE(panel()->activeButton()->text(), QStringLiteral("Re&activate"));
    QTest::mouseClick(panel()->activeButton(), Qt::LeftButton);
    QTRY_VERIFY(
        rows(panel()).contains(QStringLiteral("Toni Tech|%1|Lead|Off|Active").arg(kTechEmail)));
}

void TestConsoleStaff::lastAdministratorStays()
{
    panel()->selectEmail(QString::fromLatin1(ConsoleFixture::kAdminEmail));
    panel()->roleBox()->setCurrentIndex(panel()->roleBox()->findData(QStringLiteral("technician")));
    QTest::mouseClick(panel()->roleButton(), Qt::LeftButton);
    QTRY_VERIFY(panel()->errorText().contains(QStringLiteral("last active administrator")));
    QTest::mouseClick(panel()->activeButton(), Qt::LeftButton);
    QVERIFY(panel()->errorText().contains(QStringLiteral("last active administrator")));
    QVERIFY(rows(panel()).first().endsWith(QStringLiteral("Administrator|Off|Active")));
}

void TestConsoleStaff::twoStepSignInIsSetUpAndAskedFor()
{
    TwoStepDialog *dialog = m_window->showTwoStep();
    QVERIFY(dialog);
    QCOMPARE(dialog->pages()->currentIndex(), int(TwoStepDialog::EnrolPage));
    QVERIFY(!dialog->qrLabel()->pixmap().isNull());
    const std::optional<QByteArray> secret = Base32::decode(dialog->secret());
    QVERIFY(secret);
    const qint64 step = Totp::stepAt(QDateTime::currentMSecsSinceEpoch());
    QTest::keyClicks(dialog->codeEdit(), QStringLiteral("000000") == Totp::code(*secret, step)
                                             ? QStringLiteral("111111")
                                             : QStringLiteral("000000"));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QVERIFY(dialog->errorText().contains(QStringLiteral("not correct")));
    retype(dialog->codeEdit(), Totp::code(*secret, step));
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QCOMPARE(dialog->pages()->currentIndex(), int(TwoStepDialog::DonePage));
    const QStringList recovery = dialog->recoveryCodes()->toPlainText().split(QLatin1Char('\n'));
    QCOMPARE(recovery.size(), 10);
    dialog->close();

    const QString admin = QString::fromLatin1(ConsoleFixture::kAdminEmail);
    const QString password = QString::fromLatin1(ConsoleFixture::kAdminPassword);
    QString problem;
    // The code that turned it on is used up; the next step's code is accepted (one step of
    // clock drift is allowed).
    QVERIFY(!signIn(admin, password, Totp::code(*secret, step), &problem));
    QVERIFY(problem.contains(QStringLiteral("not correct")));
    QVERIFY2(signIn(admin, password, Totp::code(*secret, step + 1), &problem), qPrintable(problem));
    QVERIFY2(signIn(admin, password, recovery.at(0), &problem), qPrintable(problem));
    QVERIFY(!signIn(admin, password, recovery.at(0), &problem));

    // Five wrong codes send the member back to the password.
    LoginDialog login(m_test->db(), QStringLiteral("Northwind IT"));
    login.show();
    login.setEmail(admin);
    QTest::keyClicks(login.passwordEdit(), password);
    clickOk(login.buttons());
    QCOMPARE(login.step(), LoginDialog::CodeStep);
    for (int i = 0; i < StaffAuthService::kMaxWrongCodes; ++i) {
        QTest::keyClicks(login.codeEdit(), QStringLiteral("AAAAA-AAAAA"));
        clickOk(login.buttons());
    }
    QCOMPARE(login.step(), LoginDialog::PasswordStep);
    QVERIFY(login.errorText().contains(QStringLiteral("Too many")));

    // The Staff tab shows it on, and an administrator can reset it.
    panel()->reload();
    QVERIFY(rows(panel()).first().endsWith(QStringLiteral("Administrator|On|Active")));
    panel()->selectEmail(admin);
    QVERIFY(panel()->totpButton()->isEnabled());
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(panel()->totpButton(), Qt::LeftButton);
    QTRY_VERIFY(rows(panel()).first().endsWith(QStringLiteral("Administrator|Off|Active")));
    QVERIFY2(signIn(admin, password, QString(), &problem), qPrintable(problem));
}

QTEST_MAIN(TestConsoleStaff)
#include "tst_console_staff.moc"
