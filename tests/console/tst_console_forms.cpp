// The form builder, the checklist editor and the staff views of entries and ticks, driven as
// staff use them, on SQLite and PostgreSQL.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"
#include "TestStaff.h"

#include "models/OnboardingTreeModel.h"
#include "onboardings/ChecklistDialog.h"
#include "onboardings/ChecklistEditorDialog.h"
#include "onboardings/FormBuilderDialog.h"
#include "onboardings/FormEntriesDialog.h"
#include "onboardings/OnboardingDetailView.h"
#include "services/ChecklistService.h"
#include "services/FormService.h"
#include "services/OnboardingService.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"
#include "storage/TemplateRepository.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleForms : public QObject
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
    void cleanup() { m_test.reset(); }

    void buildAForm();
    void aBadFormIsExplainedAndNotSaved();
    void staffSeeTheEntries();
    void editAChecklist();
    void staffTickAndSeeWhoTicked();
    void theDetailViewOffersTheEditors();

private:
    Database &db() { return m_test->db(); }
    const ConsoleContext &context() const { return m_fixture.context; }
    QString config(qint64 taskId)
    {
        SqlQuery query(db(), QStringLiteral("SELECT config FROM task WHERE id = ?"));
        query << taskId;
        QString error;
        return query.exec(&error) && query.next() ? query.text(0) : error;
    }

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    qint64 m_onboardingId = 0;
    qint64 m_form = 0;
    qint64 m_checklist = 0;
};

void TestConsoleForms::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    QString dbError;
    ServiceError error;
    m_onboardingId
        = OnboardingService(db(), *context().clock)
              .createFromTemplate(
                  m_fixture.acmeId,
                  TemplateRepository(db()).list(m_fixture.workspaceId, &dbError).first().id,
                  QString(), QDate::currentDate(), Actor::system(QStringLiteral("Sam")), &error);
    QVERIFY2(m_onboardingId > 0, qPrintable(error.message));
    SqlQuery form(db(), QStringLiteral("SELECT MIN(id) FROM task WHERE onboarding_id = ? AND "
                                       "evidence_type = 'form'"));
    form << m_onboardingId;
    QVERIFY(form.exec(&dbError) && form.next());
    m_form = form.int64(0);
    // The starter template has no checklist: a standard client task becomes one.
    SqlQuery pick(db(), QStringLiteral("SELECT MAX(id) FROM task WHERE onboarding_id = ? AND "
                                       "evidence_type = 'standard' AND owner_side = 'client'"));
    pick << m_onboardingId;
    QVERIFY(pick.exec(&dbError) && pick.next());
    m_checklist = pick.int64(0);
    SqlQuery change(db(),
                    QStringLiteral("UPDATE task SET evidence_type = 'checklist' WHERE id = ?"));
    change << m_checklist;
    QVERIFY(change.exec(&dbError));
}

void TestConsoleForms::buildAForm()
{
    FormBuilderDialog dialog(context(), m_form, QStringLiteral("IT questionnaire"), {});
    dialog.show();
    QCOMPARE(dialog.fieldList()->count(), 0);
    QVERIFY(!dialog.removeButton()->isEnabled());

    // Three questions, typed in as staff would.
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    retype(dialog.labelEdit(), QStringLiteral("Company name"));
    dialog.requiredBox()->setFocus();
    QTest::keyClick(dialog.requiredBox(), Qt::Key_Space);
    retype(dialog.helpEdit(), QStringLiteral("As on your invoices."));

    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    retype(dialog.labelEdit(), QStringLiteral("Company size"));
    dialog.typeCombo()->setCurrentIndex(
        dialog.typeCombo()->findData(QStringLiteral("single_select")));
    QVERIFY(dialog.optionsEdit()->isEnabled());
    dialog.optionsEdit()->setFocus();
    for (const char *line : {"1-10", "11-50", "", "51+"}) {
        QTest::keyClicks(dialog.optionsEdit(), QLatin1String(line));
        QTest::keyClick(dialog.optionsEdit(), Qt::Key_Return);
    }

    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    retype(dialog.labelEdit(), QStringLiteral("Throwaway"));
    QCOMPARE(dialog.fieldList()->count(), 3);
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QCOMPARE(dialog.fieldList()->count(), 2);

    // Size first.
    dialog.fieldList()->setCurrentRow(1);
    QTest::mouseClick(dialog.upButton(), Qt::LeftButton);
    QCOMPARE(dialog.fieldList()->currentRow(), 0);
    QVERIFY(dialog.fieldList()->item(0)->text().startsWith(QStringLiteral("Company size")));
    QTest::mouseClick(dialog.multipleEntriesBox(), Qt::LeftButton);

    QVERIFY2(dialog.save(), qPrintable(dialog.errorLabel()->text()));
    ServiceError error;
    const std::optional<FormState> state
        = FormService(db(), *context().clock).stateForStaff(m_form, &error);
    QVERIFY(state);
    const FormDefinition &saved = state->definition;
    QVERIFY(saved.multipleEntries);
    QCOMPARE(saved.fields.size(), 2);
    QCOMPARE(saved.fields.at(0).label, QStringLiteral("Company size"));
    QCOMPARE(saved.fields.at(0).type, FormFieldType::SingleSelect);
    QCOMPARE(saved.fields.at(0).options,
             QStringList({QStringLiteral("1-10"), QStringLiteral("11-50"), QStringLiteral("51+")}));
    QCOMPARE(saved.fields.at(1).label, QStringLiteral("Company name"));
    QVERIFY(saved.fields.at(1).required);
    QCOMPARE(saved.fields.at(1).help, QStringLiteral("As on your invoices."));
    QVERIFY(saved.fields.at(0).id != saved.fields.at(1).id);

    // Opened again, it shows what was saved; editing keeps the ids.
    FormBuilderDialog again(context(), m_form, QStringLiteral("IT questionnaire"), saved);
    QCOMPARE(again.fieldList()->count(), 2);
    QCOMPARE(again.labelEdit()->text(), QStringLiteral("Company size"));
    retype(again.labelEdit(), QStringLiteral("Size"));
    QVERIFY(again.save());
    const FormDefinition edited
        = FormService(db(), *context().clock).stateForStaff(m_form, &error)->definition;
    QCOMPARE(edited.fields.at(0).label, QStringLiteral("Size"));
    QCOMPARE(edited.fields.at(0).id, saved.fields.at(0).id);
}

void TestConsoleForms::aBadFormIsExplainedAndNotSaved()
{
    const QString before = config(m_form);
    FormBuilderDialog dialog(context(), m_form, QStringLiteral("IT questionnaire"), {});
    dialog.show();
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    retype(dialog.labelEdit(), QStringLiteral("Systems"));
    dialog.typeCombo()->setCurrentIndex(
        dialog.typeCombo()->findData(QStringLiteral("multi_select")));
    QVERIFY(!dialog.save()); // a choice without options
    QVERIFY(dialog.errorLabel()->isVisible());
    QVERIFY2(dialog.errorLabel()->text().contains(QStringLiteral("needs at least one option")),
             qPrintable(dialog.errorLabel()->text()));
    QCOMPARE(config(m_form), before);
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    retype(dialog.labelEdit(), QString());
    dialog.fieldList()->setCurrentRow(0);
    QTest::keyClicks(dialog.optionsEdit(), QStringLiteral("Windows"));
    QVERIFY(!dialog.save()); // the second has no label
    QVERIFY2(dialog.errorLabel()->text().contains(QStringLiteral("Field 2")),
             qPrintable(dialog.errorLabel()->text()));
    QCOMPARE(config(m_form), before);
}

void TestConsoleForms::staffSeeTheEntries()
{
    const Actor staff = staffActor(db(), StaffRole::Technician, QStringLiteral("Sam"));
    FormDefinition definition;
    definition.fields = {{QStringLiteral("name"),
                          QStringLiteral("Company name"),
                          FormFieldType::ShortText,
                          true,
                          {},
                          {}},
                         {QStringLiteral("backup"),
                          QStringLiteral("Backups?"),
                          FormFieldType::YesNo,
                          false,
                          {},
                          {}}};
    FormService forms(db(), *context().clock);
    ServiceError error;
    QVERIFY(forms.setDefinition(m_form, definition, staff, &error));
    const QString payload = QStringLiteral("<b>Acme</b> & Co");
    QVERIFY2(forms.saveEntry(m_form, 0,
                             {{QStringLiteral("name"), payload}, {QStringLiteral("backup"), true}},
                             m_fixture.acmeContactId, m_fixture.acmeId, QString(), nullptr, &error),
             qPrintable(error.message));

    FormEntriesDialog dialog(context(), m_form);
    QCOMPARE(dialog.tree()->topLevelItemCount(), 1);
    QTreeWidgetItem *entry = dialog.tree()->topLevelItem(0);
    QVERIFY2(entry->text(1).startsWith(QStringLiteral("Saved by Alex Acme")),
             qPrintable(entry->text(1)));
    QCOMPARE(entry->childCount(), 2);
    QCOMPARE(entry->child(0)->text(0), QStringLiteral("Company name"));
    QCOMPARE(entry->child(0)->text(1), payload);
    QCOMPARE(entry->child(1)->text(1), QStringLiteral("Yes"));
}

void TestConsoleForms::editAChecklist()
{
    ChecklistEditorDialog dialog(context(), m_checklist, QStringLiteral("Checks"), {});
    dialog.show();
    dialog.addItem(QStringLiteral("Firewall rules sent"));
    dialog.addItem(QStringLiteral("Backups checked"));
    dialog.addItem(QStringLiteral("Gone soon"));
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    dialog.itemList()->setCurrentRow(1);
    QTest::mouseClick(dialog.upButton(), Qt::LeftButton);
    QVERIFY2(dialog.save(), qPrintable(dialog.errorLabel()->text()));
    ServiceError error;
    std::optional<ChecklistState> state
        = ChecklistService(db(), *context().clock).stateForStaff(m_checklist, &error);
    QVERIFY(state);
    QCOMPARE(state->items.size(), 2);
    QCOMPARE(state->items.at(0).item.text, QStringLiteral("Backups checked"));
    QCOMPARE(state->items.at(1).item.text, QStringLiteral("Firewall rules sent"));

    // An item without text is refused, and nothing changes.
    const QString before = config(m_checklist);
    ChecklistDefinition current;
    for (const ChecklistItemState &item : state->items) {
        current.items.append(item.item);
    }
    ChecklistEditorDialog again(context(), m_checklist, QStringLiteral("Checks"), current);
    again.show();
    again.itemList()->item(0)->setText(QStringLiteral("  "));
    QVERIFY(!again.save());
    QVERIFY(again.errorLabel()->isVisible());
    QCOMPARE(config(m_checklist), before);
}

void TestConsoleForms::staffTickAndSeeWhoTicked()
{
    const Actor staff = staffActor(db(), StaffRole::Technician, QStringLiteral("Sam"));
    ChecklistDefinition items;
    items.items = {{QStringLiteral("a"), QStringLiteral("Backups checked")},
                   {QStringLiteral("b"), QStringLiteral("Firewall rules sent")}};
    ChecklistService checklists(db(), *context().clock);
    ServiceError error;
    QVERIFY(checklists.setItems(m_checklist, items, staff, &error));
    QVERIFY(checklists.tickAsContact(m_checklist, QStringLiteral("a"), true,
                                     m_fixture.acmeContactId, m_fixture.acmeId, QString(), &error));

    ChecklistDialog dialog(context(), m_checklist);
    dialog.show();
    QCOMPARE(dialog.tree()->topLevelItemCount(), 2);
    QCOMPARE(dialog.tree()->topLevelItem(0)->checkState(0), Qt::Checked);
    QCOMPARE(dialog.tree()->topLevelItem(0)->text(1), QStringLiteral("Alex Acme (client)"));
    QVERIFY(!dialog.tree()->topLevelItem(0)->text(2).isEmpty());
    QVERIFY(dialog.progressLabel()->text().startsWith(QStringLiteral("1 of 2 done")));

    // Staff tick the other one as staff use the box: the checklist is done.
    dialog.tree()->topLevelItem(1)->setCheckState(0, Qt::Checked);
    QCOMPARE(dialog.tree()->topLevelItem(1)->text(1), QStringLiteral("Dana Admin (staff)"));
    QVERIFY2(dialog.progressLabel()->text().startsWith(QStringLiteral("2 of 2 done · Completed")),
             qPrintable(dialog.progressLabel()->text()));
    const std::optional<ChecklistState> state = checklists.stateForStaff(m_checklist, &error);
    QCOMPARE(state->task.status, TaskStatus::Completed);
    QCOMPARE(state->items.at(1).byKind, QStringLiteral("staff"));
    QVERIFY(dialog.setTicked(0, false));
    QCOMPARE(checklists.stateForStaff(m_checklist, &error)->task.status, TaskStatus::InProgress);
}

void TestConsoleForms::theDetailViewOffersTheEditors()
{
    OnboardingDetailView view(context());
    view.showOnboarding(m_onboardingId);
    view.show();
    QVERIFY(view.selectTask(m_form));
    QVERIFY(view.editContentButton()->isVisible());
    QCOMPARE(view.editContentButton()->text(), QStringLiteral("Edit form…"));
    QCOMPARE(view.showContentButton()->text(), QStringLiteral("Entries…"));
    QVERIFY(view.selectTask(m_checklist));
    QCOMPARE(view.editContentButton()->text(), QStringLiteral("Edit checklist…"));
    QCOMPARE(view.showContentButton()->text(), QStringLiteral("Ticks…"));
    SqlQuery other(db(), QStringLiteral("SELECT MIN(id) FROM task WHERE onboarding_id = ? AND "
                                        "evidence_type = 'standard'"));
    other << m_onboardingId;
    QString dbError;
    QVERIFY(other.exec(&dbError) && other.next());
    QVERIFY(view.selectTask(other.int64(0)));
    QVERIFY(!view.editContentButton()->isVisible());
    QVERIFY(!view.showContentButton()->isVisible());
}

QTEST_MAIN(TestConsoleForms)
#include "tst_console_forms.moc"
