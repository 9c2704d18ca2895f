#include "TaskDetailsPanel.h"

#include "UploadSettingsEditor.h"
#include "domain/MeetingSchedule.h"
#include "domain/TrainingSpec.h"
#include "forms/ChecklistDefinition.h"
#include "forms/FormDefinition.h"
#include "onboardings/ChecklistEditorDialog.h"
#include "onboardings/FormBuilderDialog.h"
#include "onboardings/ScheduleMeetingDialog.h"
#include "onboardings/TrainingSetupDialog.h"
#include "services/TemplateValidator.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace Gatehouse {

namespace {

constexpr EvidenceType kKinds[]
    = {EvidenceType::Standard,  EvidenceType::Meeting,    EvidenceType::Upload,
       EvidenceType::Signature, EvidenceType::Credential, EvidenceType::FileDrop,
       EvidenceType::Training,  EvidenceType::Form,       EvidenceType::Checklist,
       EvidenceType::Approval};

bool hasSettingsDialog(EvidenceType type)
{
    return type == EvidenceType::Meeting || type == EvidenceType::Training
           || type == EvidenceType::Form || type == EvidenceType::Checklist;
}

} // namespace

TaskDetailsPanel::TaskDetailsPanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_kind(new QComboBox(this))
    , m_owner(new QComboBox(this))
    , m_due(new QSpinBox(this))
    , m_settings(new QPushButton(tr("&Settings…"), this))
    , m_clearSettings(new QPushButton(tr("C&lear"), this))
    , m_summary(new QLabel(this))
    , m_upload(new UploadSettingsEditor(this))
{
    m_title->setObjectName(QStringLiteral("taskTitle"));
    m_title->setMaxLength(TemplateValidator::kMaxTitleLength);
    m_description->setObjectName(QStringLiteral("taskDescription"));
    m_description->setTabChangesFocus(true);
    m_description->setPlaceholderText(tr("What the client sees under the title"));
    m_kind->setObjectName(QStringLiteral("taskKind"));
    for (EvidenceType type : kKinds) {
        m_kind->addItem(displayName(type), toKey(type));
    }
    m_owner->setObjectName(QStringLiteral("taskOwner"));
    for (OwnerSide side : {OwnerSide::Client, OwnerSide::Msp}) {
        m_owner->addItem(displayName(side), toKey(side));
    }
    m_due->setObjectName(QStringLiteral("taskDue"));
    m_due->setRange(0, TemplateValidator::kMaxDueOffsetDays);
    m_due->setPrefix(tr("Day "));
    m_due->setToolTip(tr("Days after the onboarding's start date; day 0 is the start."));
    m_settings->setObjectName(QStringLiteral("taskSettings"));
    m_clearSettings->setObjectName(QStringLiteral("taskClearSettings"));
    m_clearSettings->setToolTip(tr("Leave it to be set up on each onboarding"));
    m_summary->setObjectName(QStringLiteral("taskSettingsSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_upload->setObjectName(QStringLiteral("uploadSettings"));

    auto *settingsRow = new QHBoxLayout;
    settingsRow->addWidget(m_summary, 1);
    settingsRow->addWidget(m_clearSettings);
    settingsRow->addWidget(m_settings);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("Done &by:"), m_owner);
    form->addRow(tr("D&ue:"), m_due);
    form->addRow(tr("Settings:"), settingsRow);
    form->addRow(QString(), m_upload);

    connect(m_title, &QLineEdit::textEdited, this, &TaskDetailsPanel::store);
    connect(m_description, &QPlainTextEdit::textChanged, this, &TaskDetailsPanel::store);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &TaskDetailsPanel::store);
    connect(m_owner, &QComboBox::currentIndexChanged, this, &TaskDetailsPanel::store);
    connect(m_due, &QSpinBox::valueChanged, this, &TaskDetailsPanel::store);
    connect(m_upload, &UploadSettingsEditor::changed, this, &TaskDetailsPanel::setConfig);
    connect(m_settings, &QPushButton::clicked, this, &TaskDetailsPanel::openSettings);
    connect(m_clearSettings, &QPushButton::clicked, this, [this] { setConfig(QJsonObject()); });
    setTask(TemplateTask());
}

void TaskDetailsPanel::setTask(const TemplateTask &task)
{
    m_loading = true;
    m_task = task;
    m_title->setText(task.title);
    m_description->setPlainText(task.description);
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(toKey(task.evidenceType))));
    m_owner->setCurrentIndex(qMax(0, m_owner->findData(toKey(task.ownerSide))));
    m_due->setValue(task.dueOffsetDays);
    m_upload->setConfig(task.config);
    m_loading = false;
    updateSettings();
}

void TaskDetailsPanel::store()
{
    if (m_loading) {
        return;
    }
    const EvidenceType kind
        = evidenceTypeFromString(m_kind->currentData().toString()).value_or(EvidenceType::Standard);
    if (kind != m_task.evidenceType) {
        // One kind's settings mean nothing to another.
        m_task.config = QJsonObject();
        m_upload->setConfig(m_task.config);
    }
    m_task.title = m_title->text();
    m_task.description = m_description->toPlainText();
    m_task.evidenceType = kind;
    m_task.ownerSide
        = ownerSideFromString(m_owner->currentData().toString()).value_or(OwnerSide::Client);
    m_task.dueOffsetDays = m_due->value();
    updateSettings();
    Q_EMIT changed(m_task);
}

void TaskDetailsPanel::setConfig(const QJsonObject &config)
{
    if (m_task.config == config) {
        return;
    }
    m_task.config = config;
    updateSettings();
    Q_EMIT changed(m_task);
}

void TaskDetailsPanel::updateSettings()
{
    const EvidenceType kind = m_task.evidenceType;
    m_upload->setVisible(kind == EvidenceType::Upload);
    m_settings->setVisible(hasSettingsDialog(kind));
    m_clearSettings->setVisible((kind == EvidenceType::Meeting || kind == EvidenceType::Training)
                                && !m_task.config.isEmpty());
    m_summary->setText(settingsSummary(m_task));
}

QString TaskDetailsPanel::settingsSummary(const TemplateTask &task)
{
    switch (task.evidenceType) {
    case EvidenceType::Meeting: {
        const std::optional<MeetingSchedule> schedule
            = MeetingSchedule::fromConfig(task.config, nullptr);
        if (!schedule) {
            return tr("Scheduled on each onboarding");
        }
        return tr("%1 %2, %3 minutes")
            .arg(schedule->start().toString(QStringLiteral("yyyy-MM-dd HH:mm")), schedule->timeZone)
            .arg(schedule->durationMinutes);
    }
    case EvidenceType::Training: {
        const std::optional<TrainingSpec> spec = TrainingSpec::fromConfig(task.config, nullptr);
        if (!spec) {
            return tr("Set up on each onboarding");
        }
        return spec->mode == TrainingSpec::Mode::InPerson ? tr("In person")
                                                          : tr("A video: %1").arg(spec->videoUrl);
    }
    case EvidenceType::Form: {
        const std::optional<FormDefinition> form = FormDefinition::fromConfig(task.config, nullptr);
        if (!form) {
            return tr("The form's settings cannot be read.");
        }
        const QString fields = tr("%n question(s)", nullptr, int(form->fields.size()));
        return form->multipleEntries ? tr("%1, several entries").arg(fields) : fields;
    }
    case EvidenceType::Checklist: {
        const std::optional<ChecklistDefinition> list
            = ChecklistDefinition::fromConfig(task.config, nullptr);
        return list ? tr("%n item(s)", nullptr, int(list->items.size()))
                    : tr("The checklist's settings cannot be read.");
    }
    case EvidenceType::Upload:
        return QString();
    case EvidenceType::Standard:
    case EvidenceType::Signature:
    case EvidenceType::Credential:
    case EvidenceType::FileDrop:
    case EvidenceType::Approval:
        break;
    }
    return tr("None for this kind of task");
}

QDialog *TaskDetailsPanel::openSettings()
{
    const QString title = m_task.title.trimmed().isEmpty() ? tr("New task") : m_task.title;
    QDialog *dialog = nullptr;
    switch (m_task.evidenceType) {
    case EvidenceType::Meeting: {
        auto *meeting = new ScheduleMeetingDialog(title, m_task.config, this);
        connect(meeting, &QDialog::accepted, this,
                [this, meeting] { setConfig(meeting->config()); });
        dialog = meeting;
        break;
    }
    case EvidenceType::Training: {
        auto *training = new TrainingSetupDialog(title, m_task.config, this);
        connect(training, &QDialog::accepted, this,
                [this, training] { setConfig(training->config()); });
        dialog = training;
        break;
    }
    case EvidenceType::Form: {
        auto *form = new FormBuilderDialog(title, m_task.config, this);
        connect(form, &QDialog::accepted, this, [this, form] { setConfig(form->config()); });
        dialog = form;
        break;
    }
    case EvidenceType::Checklist: {
        auto *list = new ChecklistEditorDialog(title, m_task.config, this);
        connect(list, &QDialog::accepted, this, [this, list] { setConfig(list->config()); });
        dialog = list;
        break;
    }
    case EvidenceType::Standard:
    case EvidenceType::Upload:
    case EvidenceType::Signature:
    case EvidenceType::Credential:
    case EvidenceType::FileDrop:
    case EvidenceType::Approval:
        break;
    }
    if (dialog) {
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    }
    return dialog;
}

} // namespace Gatehouse
