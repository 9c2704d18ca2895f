// The Templates page driven as staff use it, on SQLite and PostgreSQL: a template with a task of
// every kind built with the keyboard and the kinds' own editors, saved, and used for a new
// onboarding; refusals shown where they belong; unsaved changes never dropped silently.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "core/MessageBox.h"
#include "domain/MeetingSchedule.h"
#include "models/TemplateListModel.h"
#include "models/TemplateTreeModel.h"
#include "onboardings/ChecklistEditorDialog.h"
#include "onboardings/FormBuilderDialog.h"
#include "onboardings/NewOnboardingDialog.h"
#include "onboardings/ScheduleMeetingDialog.h"
#include "onboardings/TrainingSetupDialog.h"
#include "services/TemplateService.h"
#include "storage/OnboardingRepository.h"
#include "templates/TaskDetailsPanel.h"
#include "templates/TemplateEditor.h"
#include "templates/TemplatesView.h"
#include "templates/UploadSettingsEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>
#include <QTreeView>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

class TestConsoleTemplates : public QObject
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
    }

    void buildEveryKindAndStartAnOnboarding();
    void aRefusalSelectsWhatItIsAbout();
    void keyboardRemovesAndMoves();
    void unsavedChangesAreNeverLostSilently();
    void duplicateAndDelete();

private:
    Database &db() { return m_test->db(); }
    TemplateService service() { return TemplateService(db(), *m_fixture.context.clock); }
    TemplatesView *view() { return m_window->templatesView(); }
    TemplateEditor *editor() { return view()->editor(); }
    // Ins on the tree, then what staff type and choose for the new task.
    bool addTask(const QString &title, EvidenceType kind, OwnerSide side, int dueDays);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_starterId = 0;
};

void TestConsoleTemplates::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    const QList<OnboardingTemplate> templates = service().list(nullptr);
    QCOMPARE(templates.size(), 1);
    m_starterId = templates.first().id;
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    QTest::keyClick(m_window.get(), Qt::Key_6, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), MainWindow::TemplatesPage);
    QVERIFY(view()->isVisible());
}

bool TestConsoleTemplates::addTask(const QString &title, EvidenceType kind, OwnerSide side,
                                   int dueDays)
{
    TaskDetailsPanel *panel = editor()->taskPanel();
    editor()->tree()->setFocus();
    const int before = editor()->model()->rowCount(editor()->model()->phaseIndex(
        editor()->model()->phaseOf(editor()->tree()->currentIndex())));
    QTest::keyClick(editor()->tree(), Qt::Key_Insert);
    if (!editor()->model()->isTask(editor()->tree()->currentIndex())
        || panel->titleEdit()->selectedText() != QLatin1String("New task")) {
        return false;
    }
    // The title is selected for typing over.
    QTest::keyClicks(panel->titleEdit(), title);
    panel->kindBox()->setCurrentIndex(panel->kindBox()->findData(toKey(kind)));
    panel->ownerBox()->setCurrentIndex(panel->ownerBox()->findData(toKey(side)));
    panel->dueBox()->selectAll();
    QTest::keyClicks(panel->dueBox(), QString::number(dueDays));
    const TemplateTask *added = editor()->model()->taskAt(editor()->tree()->currentIndex());
    return added && added->title == title && added->evidenceType == kind && added->ownerSide == side
           && added->dueOffsetDays == dueDays
           && editor()->model()->rowCount(editor()->tree()->currentIndex().parent()) == before + 1;
}

void TestConsoleTemplates::buildEveryKindAndStartAnOnboarding()
{
    QTest::mouseClick(view()->newButton(), Qt::LeftButton);
    const qint64 id = editor()->templateId();
    QVERIFY(id > 0);
    QCOMPARE(view()->currentTemplateId(), id);
    QCOMPARE(editor()->nameEdit()->text(), QStringLiteral("New template"));
    QVERIFY(!editor()->isDirty());
    QCOMPARE(view()->model()->rowCount(), 2);

    retype(editor()->nameEdit(), QStringLiteral("Full onboarding"));
    QVERIFY(editor()->isDirty());
    QVERIFY(editor()->saveButton()->isEnabled());
    editor()->selectRow(editor()->model()->phaseIndex(0));
    retype(editor()->phaseNameEdit(), QStringLiteral("Start"));
    QCOMPARE(editor()->model()->phaseIndex(0).data().toString(), QStringLiteral("Start"));

    using E = EvidenceType;
    QVERIFY(addTask(QStringLiteral("Say hello"), E::Standard, OwnerSide::Client, 0));
    QVERIFY(addTask(QStringLiteral("Kick-off call"), E::Meeting, OwnerSide::Msp, 2));
    QVERIFY(addTask(QStringLiteral("Send documents"), E::Upload, OwnerSide::Client, 5));
    // Upload settings are edited in place.
    TaskDetailsPanel *panel = editor()->taskPanel();
    QVERIFY(panel->uploadEditor()->isVisible());
    QVERIFY(!panel->settingsButton()->isVisible());
    panel->uploadEditor()->categoryBox(QStringLiteral("office"))->click();
    panel->uploadEditor()->categoryBox(QStringLiteral("archive"))->click();
    panel->uploadEditor()->sizeBox()->setValue(40);
    QVERIFY(addTask(QStringLiteral("Sign the agreement"), E::Signature, OwnerSide::Client, 6));
    QVERIFY(addTask(QStringLiteral("Hand over logins"), E::Credential, OwnerSide::Client, 7));
    QVERIFY(addTask(QStringLiteral("Drop large files"), E::FileDrop, OwnerSide::Client, 8));

    // A second phase (Shift+Ins) for the rest.
    editor()->tree()->setFocus();
    QTest::keyClick(editor()->tree(), Qt::Key_Insert, Qt::ShiftModifier);
    QVERIFY(editor()->model()->isPhase(editor()->tree()->currentIndex()));
    QTest::keyClicks(editor()->phaseNameEdit(), QStringLiteral("Learn and answer"));
    QVERIFY(addTask(QStringLiteral("Watch the video"), E::Training, OwnerSide::Client, 10));
    QVERIFY(addTask(QStringLiteral("Answer questions"), E::Form, OwnerSide::Client, 12));
    QVERIFY(addTask(QStringLiteral("Tick the list"), E::Checklist, OwnerSide::Client, 14));
    QVERIFY(addTask(QStringLiteral("Approve go-live"), E::Approval, OwnerSide::Client, 365));
    QCOMPARE(editor()->model()->rowCount(), 2);
    QCOMPARE(editor()->model()->rowCount(editor()->model()->phaseIndex(1)), 4);

    // The meeting's date, through the meeting dialog; nobody is invited from a template.
    editor()->selectRow(editor()->model()->taskIndex(0, 1));
    QVERIFY(panel->settingsButton()->isVisible());
    QCOMPARE(panel->settingsLabel()->text(), QStringLiteral("Scheduled on each onboarding"));
    QTest::mouseClick(panel->settingsButton(), Qt::LeftButton);
    QPointer<ScheduleMeetingDialog> meeting = panel->findChild<ScheduleMeetingDialog *>();
    QVERIFY(meeting);
    QCOMPARE(meeting->buttons()->button(QDialogButtonBox::Ok)->text(),
             QStringLiteral("Use this schedule"));
    meeting->dateEdit()->setDate(QDate(2027, 3, 10));
    meeting->timeEdit()->setTime(QTime(15, 0));
    meeting->timeZoneBox()->setCurrentText(QStringLiteral("Europe/Berlin"));
    QTest::keyClicks(meeting->urlEdit(), QStringLiteral("http://meet.example.com/kick-off"));
    clickOk(meeting->buttons());
    QVERIFY(meeting->isVisible()); // not https: refused next to the field
    QVERIFY(!meeting->errorText(QStringLiteral("url")).isEmpty());
    retype(meeting->urlEdit(), QStringLiteral("https://meet.example.com/kick-off"));
    clickOk(meeting->buttons());
    QTRY_VERIFY(!meeting);
    QCOMPARE(panel->settingsLabel()->text(), QStringLiteral("2027-03-10 15:00 Europe/Berlin, "
                                                            "60 minutes"));

    // The training's video.
    editor()->selectRow(editor()->model()->taskIndex(1, 0));
    QTest::mouseClick(panel->settingsButton(), Qt::LeftButton);
    QPointer<TrainingSetupDialog> training = panel->findChild<TrainingSetupDialog *>();
    QVERIFY(training);
    QTest::keyClicks(training->videoUrlEdit(), QStringLiteral("https://evil.example/video"));
    QTest::mouseClick(training->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QVERIFY(training->isVisible());
    QVERIFY(!training->videoUrlError().isEmpty());
    retype(training->videoUrlEdit(), QStringLiteral("https://vimeo.com/76979871"));
    QTest::mouseClick(training->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(!training);
    QCOMPARE(panel->settingsLabel()->text(), QStringLiteral("A video: https://vimeo.com/76979871"));

    // The form's questions.
    editor()->selectRow(editor()->model()->taskIndex(1, 1));
    QTest::mouseClick(panel->settingsButton(), Qt::LeftButton);
    QPointer<FormBuilderDialog> form = panel->findChild<FormBuilderDialog *>();
    QVERIFY(form);
    QTest::mouseClick(form->addButton(), Qt::LeftButton);
    retype(form->labelEdit(), QStringLiteral("How many seats?"));
    form->typeCombo()->setCurrentIndex(form->typeCombo()->findData(QStringLiteral("number")));
    form->requiredBox()->click();
    QTest::mouseClick(form->addButton(), Qt::LeftButton);
    retype(form->labelEdit(), QStringLiteral("Main office"));
    QTest::mouseClick(form->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!form);
    QCOMPARE(panel->settingsLabel()->text(), QStringLiteral("2 question(s)"));

    // The checklist's items.
    editor()->selectRow(editor()->model()->taskIndex(1, 2));
    QTest::mouseClick(panel->settingsButton(), Qt::LeftButton);
    QPointer<ChecklistEditorDialog> checklist = panel->findChild<ChecklistEditorDialog *>();
    QVERIFY(checklist);
    checklist->addItem(QStringLiteral("Badge collected"));
    checklist->addItem(QStringLiteral("Keys collected"));
    QTest::mouseClick(checklist->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save),
                      Qt::LeftButton);
    QTRY_VERIFY(!checklist);
    QCOMPARE(panel->settingsLabel()->text(), QStringLiteral("2 item(s)"));

    // Saved in one go: the list shows the new name, the editor is clean.
    QTest::mouseClick(editor()->saveButton(), Qt::LeftButton);
    QCOMPARE(editor()->errorText(), QString());
    QVERIFY(!editor()->isDirty());
    QVERIFY(!editor()->saveButton()->isEnabled());
    QCOMPARE(view()->list()->currentIndex().data().toString(), QStringLiteral("Full onboarding"));
    const OnboardingTemplate saved = *service().get(id, nullptr);
    QCOMPARE(saved.name, QStringLiteral("Full onboarding"));
    QCOMPARE(saved.phases.size(), 2);
    QCOMPARE(saved.phases.at(0).name, QStringLiteral("Start"));
    QCOMPARE(saved.phases.at(1).name, QStringLiteral("Learn and answer"));
    QSet<QString> kinds;
    for (const TemplatePhase &phase : saved.phases) {
        for (const TemplateTask &task : phase.tasks) {
            kinds.insert(toKey(task.evidenceType));
        }
    }
    QCOMPARE(kinds.size(), 10);
    const TemplateTask &upload = saved.phases.at(0).tasks.at(2);
    QCOMPARE(upload.config.value(QStringLiteral("maxMegabytes")).toInt(), 40);
    QVERIFY(upload.config.value(QStringLiteral("accept"))
                .toArray()
                .contains(QStringLiteral("archive")));
    QVERIFY(!upload.config.value(QStringLiteral("accept"))
                 .toArray()
                 .contains(QStringLiteral("office"))); // on by default, ticked off
    QCOMPARE(saved.phases.at(1).tasks.at(0).config.value(QStringLiteral("provider")).toString(),
             QStringLiteral("vimeo"));
    QCOMPARE(saved.phases.at(1).tasks.at(1).config.value(QStringLiteral("fields")).toArray().size(),
             2);
    QCOMPARE(saved.phases.at(0).tasks.at(1).ownerSide, OwnerSide::Msp);

    // A new onboarding from it, through the New onboarding dialog.
    NewOnboardingDialog *dialog = openNewOnboardingDialog(*m_window);
    QVERIFY(dialog);
    const int templateRow = dialog->templateCombo()->findText(QStringLiteral("Full onboarding"));
    QVERIFY(templateRow >= 0);
    dialog->templateCombo()->setCurrentIndex(templateRow);
    dialog->companyCombo()->setCurrentIndex(dialog->companyCombo()->findData(m_fixture.acmeId));
    const QDate start(2027, 3, 1);
    dialog->startDateEdit()->setDate(start);
    clickOk(dialog->buttons());
    QTRY_VERIFY(dialog->createdId() > 0);
    QString error;
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(db()).get(dialog->createdId(), &error);
    QVERIFY2(onboarding, qPrintable(error));
    QCOMPARE(onboarding->phases.size(), 2);
    for (int p = 0; p < saved.phases.size(); ++p) {
        QCOMPARE(onboarding->phases.at(p).tasks.size(), saved.phases.at(p).tasks.size());
        for (int t = 0; t < saved.phases.at(p).tasks.size(); ++t) {
            const Task &made = onboarding->phases.at(p).tasks.at(t);
            const TemplateTask &want = saved.phases.at(p).tasks.at(t);
            QCOMPARE(made.title, want.title);
            QCOMPARE(made.evidenceType, want.evidenceType);
            QCOMPARE(made.ownerSide, want.ownerSide);
            QCOMPARE(made.dueDate, start.addDays(want.dueOffsetDays));
            QCOMPARE(made.config, want.config);
        }
    }
    const Task &meetingTask = onboarding->phases.at(0).tasks.at(1);
    QVERIFY(MeetingSchedule::isScheduled(meetingTask.config));
    QCOMPARE(onboarding->phases.at(1).tasks.at(3).dueDate, QDate(2028, 2, 29)); // 365 days on
}

void TestConsoleTemplates::aRefusalSelectsWhatItIsAbout()
{
    QVERIFY(view()->selectTemplate(m_starterId));
    const OnboardingTemplate before = *service().get(m_starterId, nullptr);
    editor()->selectRow(editor()->model()->taskIndex(2, 1));
    retype(editor()->taskPanel()->titleEdit(), QStringLiteral("   "));
    editor()->selectRow(editor()->model()->taskIndex(0, 0)); // staff look elsewhere
    QTest::mouseClick(editor()->saveButton(), Qt::LeftButton);
    QCOMPARE(editor()->errorText(), QStringLiteral("Rollout, task 2 needs a title."));
    QCOMPARE(editor()->tree()->currentIndex().siblingAtColumn(0),
             editor()->model()->taskIndex(2, 1));
    QVERIFY(editor()->isDirty());
    QVERIFY(*service().get(m_starterId, nullptr) == before);

    // A name another template has is refused too.
    QVERIFY(service().duplicate(m_starterId, QStringLiteral("Small office"),
                                m_fixture.context.actor(), nullptr)
            > 0);
    retype(editor()->taskPanel()->titleEdit(), QStringLiteral("Sign the agreement"));
    retype(editor()->nameEdit(), QStringLiteral("small OFFICE"));
    QTest::mouseClick(editor()->saveButton(), Qt::LeftButton);
    QCOMPARE(editor()->errorText(),
             QStringLiteral("Another template is already called \"Small office\"."));
    QVERIFY(*service().get(m_starterId, nullptr) == before);
}

void TestConsoleTemplates::keyboardRemovesAndMoves()
{
    QVERIFY(view()->selectTemplate(m_starterId));
    TemplateTreeModel *model = editor()->model();
    const OnboardingTemplate before = model->templateData();
    QTreeView *tree = editor()->tree();
    editor()->selectRow(model->taskIndex(1, 0));
    tree->setFocus();
    const QString title = before.phases.at(1).tasks.at(0).title;

    QTest::keyClick(tree, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(model->templateData().phases.at(1).tasks.at(1).title, title);
    QTest::keyClick(tree, Qt::Key_Up, Qt::AltModifier);
    QTest::keyClick(tree, Qt::Key_Up, Qt::AltModifier); // into the end of phase 1
    QCOMPARE(model->templateData().phases.at(0).tasks.constLast().title, title);
    QCOMPARE(tree->currentIndex().data().toString(), title);
    QVERIFY(editor()->isDirty());

    QTest::keyClick(tree, Qt::Key_Delete);
    QCOMPARE(model->templateData().phases.at(0).tasks.size(), before.phases.at(0).tasks.size());
    QCOMPARE(model->templateData().phases.at(1).tasks.size(), before.phases.at(1).tasks.size() - 1);

    // A phase with tasks is removed only when staff confirm.
    editor()->selectRow(model->phaseIndex(3));
    tree->setFocus();
    MessageBox::setNextAnswer(QMessageBox::No);
    QTest::keyClick(tree, Qt::Key_Delete);
    QCOMPARE(model->rowCount(), 4);
    QVERIFY(MessageBox::lastText().contains(QLatin1String("Go live")));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::keyClick(tree, Qt::Key_Delete);
    QCOMPARE(model->rowCount(), 3);

    // Del while typing a title deletes text, not the task.
    editor()->selectRow(model->taskIndex(0, 0));
    QLineEdit *titleEdit = editor()->taskPanel()->titleEdit();
    titleEdit->setFocus();
    titleEdit->setCursorPosition(0);
    QTest::keyClick(titleEdit, Qt::Key_Delete);
    QCOMPARE(model->rowCount(model->phaseIndex(0)), before.phases.at(0).tasks.size());
    QCOMPARE(model->templateData().phases.at(0).tasks.at(0).title,
             before.phases.at(0).tasks.at(0).title.mid(1));

    // Discard brings back what is stored.
    QTest::mouseClick(editor()->discardButton(), Qt::LeftButton);
    QVERIFY(!editor()->isDirty());
    QVERIFY(model->templateData() == before);
}

void TestConsoleTemplates::unsavedChangesAreNeverLostSilently()
{
    QVERIFY(view()->selectTemplate(m_starterId));
    const OnboardingTemplate before = *service().get(m_starterId, nullptr);
    const qint64 other
        = service().duplicate(m_starterId, QString(), m_fixture.context.actor(), nullptr);
    QVERIFY(other > 0);
    view()->refresh();
    QCOMPARE(view()->currentTemplateId(), m_starterId);
    retype(editor()->nameEdit(), QStringLiteral("Renamed onboarding"));
    QVERIFY(editor()->isDirty());

    // Another page: Cancel stays on the page with the changes.
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), MainWindow::TemplatesPage);
    QVERIFY(MessageBox::lastText().contains(QLatin1String("not saved")));
    QCOMPARE(editor()->nameEdit()->text(), QStringLiteral("Renamed onboarding"));

    // Another template: Cancel keeps the selection and the changes.
    const QModelIndex otherRow = view()->model()->index(view()->model()->rowOf(other), 0);
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    clickRow(view()->list(), otherRow);
    QCOMPARE(view()->currentTemplateId(), m_starterId);
    QCOMPARE(editor()->templateId(), m_starterId);
    QVERIFY(editor()->isDirty());

    // Discard: the other template opens, the first is as it was.
    MessageBox::setNextAnswer(QMessageBox::Discard);
    clickRow(view()->list(), otherRow);
    QCOMPARE(editor()->templateId(), other);
    QVERIFY(*service().get(m_starterId, nullptr) == before);

    // Closing the window: Cancel keeps it open, Save stores the change and closes.
    retype(editor()->nameEdit(), QStringLiteral("Kept on close"));
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!m_window->close());
    QVERIFY(m_window->isVisible());
    MessageBox::setNextAnswer(QMessageBox::Save);
    QVERIFY(m_window->close());
    QCOMPARE(service().get(other, nullptr)->name, QStringLiteral("Kept on close"));
}

void TestConsoleTemplates::duplicateAndDelete()
{
    QVERIFY(view()->selectTemplate(m_starterId));
    QTest::mouseClick(view()->duplicateButton(), Qt::LeftButton);
    const qint64 copy = view()->currentTemplateId();
    QVERIFY(copy != m_starterId);
    QCOMPARE(editor()->templateId(), copy);
    QCOMPARE(editor()->nameEdit()->text(), QStringLiteral("Copy of Managed services onboarding"));
    QCOMPARE(view()->model()->rowCount(), 2);

    // An onboarding from the copy keeps its tasks when the copy goes.
    ServiceError error;
    NewOnboardingDialog *dialog = openNewOnboardingDialog(*m_window);
    QVERIFY(dialog);
    dialog->templateCombo()->setCurrentIndex(dialog->templateCombo()->findData(copy));
    clickOk(dialog->buttons());
    QTRY_VERIFY(dialog->createdId() > 0);
    const qint64 onboardingId = dialog->createdId();
    QTest::keyClick(m_window.get(), Qt::Key_6, Qt::ControlModifier);

    MessageBox::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(view()->deleteButton(), Qt::LeftButton);
    QVERIFY2(MessageBox::lastText().contains(QLatin1String("1 onboarding(s) were created from it")),
             qPrintable(MessageBox::lastText()));
    QVERIFY(service().get(copy, &error));
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(view()->deleteButton(), Qt::LeftButton);
    QVERIFY(!service().get(copy, &error));
    QCOMPARE(view()->model()->rowCount(), 1);
    QCOMPARE(editor()->templateId(), m_starterId);
    QString dbError;
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(db()).get(onboardingId, &dbError);
    QVERIFY(onboarding);
    QCOMPARE(onboarding->templateId, 0);
    QVERIFY(!onboarding->phases.isEmpty());
}

QTEST_MAIN(TestConsoleTemplates)
#include "tst_console_templates.moc"
