// Portal roles in the Companies page (ACC-12), on SQLite and PostgreSQL, driven as staff use
// it: a contact's role picked from the contact's row, custom roles made in the roles dialog,
// and the role new contacts get. Every change lands in the audit trail.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "companies/CompaniesView.h"
#include "companies/ContactRolePicker.h"
#include "companies/PortalRolesDialog.h"
#include "models/CompanyListModel.h"
#include "models/ContactListModel.h"
#include "security/AuditLog.h"
#include "storage/DirectoryRepository.h"
#include "storage/PortalRoleRepository.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleRoles : public QObject
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
        m_window->showPage(MainWindow::CompaniesPage);
        m_view = m_window->companiesView();
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void pickAContactsRole();
    void createACustomRoleAndGiveItToAContact();
    void setTheRoleForNewContacts();

private:
    void selectAcmeContact()
    {
        clickRow(m_view->companyTable(),
                 m_view->companyModel()->index(m_view->companyModel()->rowOf(m_fixture.acmeId),
                                               CompanyListModel::NameColumn));
        clickRow(m_view->contactTable(), m_view->contactModel()->index(
                                             m_view->contactModel()->rowOf(m_fixture.acmeContactId),
                                             ContactListModel::NameColumn));
        QCOMPARE(m_view->currentContactId(), m_fixture.acmeContactId);
    }
    // Picks the item as a person does: focus the box and step to it with the arrow keys.
    static void pick(QComboBox *combo, const QString &text)
    {
        const int target = combo->findText(text);
        QVERIFY2(target >= 0, qPrintable(text));
        combo->setFocus();
        while (combo->currentIndex() != target) {
            QTest::keyClick(combo, combo->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
        }
    }
    std::optional<PortalRole> storedRole(qint64 contactId)
    {
        QString error;
        return PortalRoleRepository(m_test->db()).roleOfContact(contactId, &error);
    }
    QString latestAction()
    {
        QString error;
        const QList<AuditEvent> newest = AuditLog(m_test->db()).list({}, 1, 0, &error);
        return newest.isEmpty() ? QString() : newest.first().action;
    }
    PortalRolesDialog *openRolesDialog()
    {
        QTest::mouseClick(m_view->rolesButton(), Qt::LeftButton);
        return m_view->findChild<PortalRolesDialog *>();
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
    CompaniesView *m_view = nullptr;
};

void TestConsoleRoles::pickAContactsRole()
{
    QComboBox *combo = m_view->rolePicker()->combo();
    QVERIFY(!combo->isEnabled()); // no contact chosen yet
    selectAcmeContact();
    QVERIFY(combo->isEnabled());
    QCOMPARE(combo->currentText(), QStringLiteral("Primary"));
    QCOMPARE(combo->count(), 4);

    pick(combo, QStringLiteral("Read-only"));
    QCOMPARE(storedRole(m_fixture.acmeContactId)->builtIn, std::optional(BuiltInRole::ReadOnly));
    QCOMPARE(latestAction(), QStringLiteral("role.contact_changed"));
    QCOMPARE(combo->currentText(), QStringLiteral("Read-only"));

    // The other company's contact keeps its own role.
    QCOMPARE(storedRole(m_fixture.birchContactId)->builtIn, std::optional(BuiltInRole::Primary));
}

void TestConsoleRoles::createACustomRoleAndGiveItToAContact()
{
    selectAcmeContact();
    PortalRolesDialog *dialog = openRolesDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());

    // Built-in roles are shown, not edited.
    QVERIFY(dialog->selectRole(
        PortalRoleRepository(m_test->db()).builtIn(BuiltInRole::Technical, nullptr)->id));
    QVERIFY(dialog->permissionBox(PortalPermission::UploadDocuments)->isChecked());
    QVERIFY(!dialog->permissionBox(PortalPermission::Sign)->isChecked());
    QVERIFY(!dialog->permissionBox(PortalPermission::Sign)->isEnabled());

    QTest::mouseClick(dialog->newButton(), Qt::LeftButton);
    QVERIFY(dialog->nameEdit()->text().isEmpty());
    QVERIFY(!dialog->nameEdit()->isReadOnly());
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Office manager"));
    for (const PortalPermission permission :
         {PortalPermission::ViewOnboarding, PortalPermission::Sign}) {
        QCheckBox *box = dialog->permissionBox(permission);
        box->setFocus();
        QTest::keyClick(box, Qt::Key_Space);
    }
    QVERIFY(dialog->save());
    QCOMPARE(dialog->errorText(), QString());
    QCOMPARE(latestAction(), QStringLiteral("role.created"));
    const qint64 created = dialog->selectedRoleId();
    QString error;
    const std::optional<PortalRole> role = PortalRoleRepository(m_test->db()).role(created, &error);
    QVERIFY(role && role->isCustom());
    QCOMPARE(role->name, QStringLiteral("Office manager"));
    QCOMPARE(role->permissions,
             PortalPermissions(PortalPermission::ViewOnboarding) | PortalPermission::Sign);

    // A second role of the same name is refused, with the reason shown.
    dialog->startNewRole();
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("office MANAGER"));
    QVERIFY(!dialog->save());
    QVERIFY(dialog->errorText().contains(QStringLiteral("already")));

    // The contact's picker offers it at once.
    QComboBox *combo = m_view->rolePicker()->combo();
    pick(combo, QStringLiteral("Office manager"));
    QCOMPARE(storedRole(m_fixture.acmeContactId)->id, created);

    // A role in use cannot be removed; once nobody has it, it can.
    QVERIFY(dialog->selectRole(created));
    QVERIFY(!dialog->removeSelected());
    QVERIFY(dialog->errorText().contains(QStringLiteral("still")));
    pick(combo, QStringLiteral("Technical"));
    QVERIFY(dialog->selectRole(created));
    QVERIFY(dialog->removeSelected());
    QCOMPARE(latestAction(), QStringLiteral("role.removed"));
    QVERIFY(!PortalRoleRepository(m_test->db()).role(created, &error));
    QCOMPARE(combo->findText(QStringLiteral("Office manager")), -1);
}

void TestConsoleRoles::setTheRoleForNewContacts()
{
    PortalRolesDialog *dialog = openRolesDialog();
    QVERIFY(dialog);
    QComboBox *byDefault = dialog->defaultRoleCombo();
    QCOMPARE(byDefault->currentText(), QStringLiteral("Primary"));
    pick(byDefault, QStringLiteral("Billing"));
    QCOMPARE(latestAction(), QStringLiteral("role.default_changed"));
    QCOMPARE(byDefault->currentText(), QStringLiteral("Billing"));

    QString error;
    const qint64 added = DirectoryRepository(m_test->db())
                             .createContact(m_fixture.acmeId, QStringLiteral("Nia New"),
                                            QStringLiteral("nia@acme.example"),
                                            m_fixture.context.clock->nowMs(), &error);
    QVERIFY2(added > 0, qPrintable(error));
    QCOMPARE(storedRole(added)->builtIn, std::optional(BuiltInRole::Billing));
    QCOMPARE(storedRole(m_fixture.acmeContactId)->builtIn, std::optional(BuiltInRole::Primary));
}

QTEST_MAIN(TestConsoleRoles)
#include "tst_console_roles.moc"
