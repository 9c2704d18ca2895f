#include "OnboardingDetailView.h"

#include "ChecklistDialog.h"
#include "ChecklistEditorDialog.h"
#include "CredentialsDialog.h"
#include "EvidenceExport.h"
#include "FileDropPanel.h"
#include "FormBuilderDialog.h"
#include "FormEntriesDialog.h"
#include "ScheduleMeetingDialog.h"
#include "StaffOwnerButton.h"
#include "TaskFilesPanel.h"
#include "TaskThreadPanel.h"
#include "TrainingSetupDialog.h"
#include "core/MessageBox.h"
#include "domain/MeetingSchedule.h"
#include "domain/TrainingSpec.h"
#include "models/OnboardingTreeModel.h"
#include "services/ChecklistService.h"
#include "services/FormService.h"
#include "services/OnboardingService.h"
#include "storage/OnboardingRepository.h"
#include "widgets/EmptyState.h"
#include "widgets/ErrorLabel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

constexpr TaskStatus kStatuses[]
    = {TaskStatus::Pending, TaskStatus::InProgress, TaskStatus::Completed, TaskStatus::Blocked};

} // namespace

OnboardingDetailView::OnboardingDetailView(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new OnboardingTreeModel(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_tree(new QTreeView(this))
    , m_taskInfo(new QLabel(this))
    , m_markComplete(new QPushButton(tr("Mark complete"), this))
    , m_setUp(new QPushButton(this))
    , m_editContent(new QPushButton(this))
    , m_showContent(new QPushButton(this))
    , m_credentials(new QPushButton(tr("Credentials…"), this))
    , m_setStatus(new QToolButton(this))
    , m_statusMenu(new QMenu(this))
    , m_files(new TaskFilesPanel(context, this))
    , m_drops(new FileDropPanel(context, this))
    , m_thread(new TaskThreadPanel(context, this))
    , m_owner(new StaffOwnerButton(context, StaffOwnerButton::Scope::Onboarding, this))
    , m_taskOwner(new StaffOwnerButton(context, StaffOwnerButton::Scope::Task, this))
    , m_error(new ErrorLabel(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_progress->setObjectName(QStringLiteral("onboardingProgress"));
    m_progress->setTextVisible(true);

    m_tree->setObjectName(QStringLiteral("taskTree"));
    m_tree->setAccessibleName(tr("Phases and tasks"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setStyleSheet(QStringLiteral("QTreeView#taskTree::item { padding: 3px 2px; }"));
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(OnboardingTreeModel::TitleColumn, QHeaderView::Stretch);
    for (int column :
         {int(OnboardingTreeModel::OwnerColumn), int(OnboardingTreeModel::EvidenceColumn),
          int(OnboardingTreeModel::StatusColumn), int(OnboardingTreeModel::DueColumn)}) {
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }
    header->setSectionResizeMode(OnboardingTreeModel::NoteColumn, QHeaderView::Interactive);
    m_tree->setColumnWidth(OnboardingTreeModel::NoteColumn, 220);

    m_taskInfo->setObjectName(QStringLiteral("taskInfo"));
    m_taskInfo->setWordWrap(true);
    m_taskInfo->setTextFormat(Qt::PlainText);
    m_taskInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_taskInfo->setMinimumHeight(m_taskInfo->fontMetrics().lineSpacing() * 3);
    m_taskInfo->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_markComplete->setObjectName(QStringLiteral("markComplete"));
    m_setUp->setObjectName(QStringLiteral("setUpTask"));
    m_setStatus->setText(tr("Set status"));
    m_setStatus->setPopupMode(QToolButton::InstantPopup);
    m_setStatus->setMenu(m_statusMenu);
    m_setStatus->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (TaskStatus status : kStatuses) {
        QAction *action = m_statusMenu->addAction(displayName(status));
        connect(action, &QAction::triggered, this,
                [this, status] { setSelectedTaskStatus(status); });
    }

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_taskInfo, 1);
    actions->addWidget(m_setUp, 0, Qt::AlignTop);
    actions->addWidget(m_editContent, 0, Qt::AlignTop);
    actions->addWidget(m_showContent, 0, Qt::AlignTop);
    actions->addWidget(m_credentials, 0, Qt::AlignTop);
    actions->addWidget(m_taskOwner, 0, Qt::AlignTop);
    actions->addWidget(m_markComplete, 0, Qt::AlignTop);
    actions->addWidget(m_setStatus, 0, Qt::AlignTop);

    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_title);
    auto *subtitleRow = new QHBoxLayout;
    subtitleRow->addWidget(m_subtitle, 1);
    subtitleRow->addWidget(m_owner);
    auto *evidence = new QToolButton(this);
    evidence->setObjectName(QStringLiteral("exportEvidence"));
    evidence->setText(tr("Evidence pack…"));
    evidence->setToolTip(tr("Export signed PDFs, form answers, document hashes and the audit "
                            "events of this onboarding as one ZIP"));
    connect(evidence, &QToolButton::clicked, this,
            [this] { exportEvidencePack(this, m_context, m_onboardingId); });
    subtitleRow->addWidget(evidence);
    layout->addLayout(subtitleRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
    layout->addWidget(m_tree, 1);
    layout->addLayout(actions);
    layout->addWidget(m_files);
    layout->addWidget(m_drops);
    layout->addWidget(m_thread);

    m_empty = new EmptyState(page, tr("Select an onboarding to see its phases and tasks."), this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_empty);
    m_empty->setEmpty(true);

    connect(m_markComplete, &QPushButton::clicked, this,
            [this] { setSelectedTaskStatus(TaskStatus::Completed); });
    connect(m_setUp, &QPushButton::clicked, this, &OnboardingDetailView::openSetUpDialog);
    m_editContent->setObjectName(QStringLiteral("editContent"));
    m_showContent->setObjectName(QStringLiteral("showContent"));
    connect(m_editContent, &QPushButton::clicked, this, &OnboardingDetailView::editContent);
    connect(m_showContent, &QPushButton::clicked, this, &OnboardingDetailView::showContent);
    m_credentials->setObjectName(QStringLiteral("showCredentials"));
    connect(m_credentials, &QPushButton::clicked, this,
            &OnboardingDetailView::openCredentialsDialog);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OnboardingDetailView::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &OnboardingDetailView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OnboardingDetailView::updateActions);
    connect(m_tree, &QTreeView::customContextMenuRequested, this,
            &OnboardingDetailView::showContextMenu);
    connect(m_files, &TaskFilesPanel::reviewed, this, [this] {
        reload();
        Q_EMIT taskChanged(m_onboardingId);
    });
    for (StaffOwnerButton *owner : {m_owner, m_taskOwner}) {
        connect(owner, &StaffOwnerButton::assigned, this, &OnboardingDetailView::reload);
    }
    connect(m_drops, &FileDropPanel::changed, this, [this] {
        reload();
        Q_EMIT taskChanged(m_onboardingId);
    });
    updateActions();
}

void OnboardingDetailView::showOnboarding(qint64 onboardingId)
{
    if (onboardingId == m_onboardingId) {
        return;
    }
    m_onboardingId = onboardingId;
    m_model->clear();
    reload();
}

void OnboardingDetailView::reload()
{
    m_error->hide();
    if (m_onboardingId == 0) {
        m_model->clear();
        m_empty->setEmpty(true);
        return;
    }
    QString error;
    const std::optional<Onboarding> onboarding
        = OnboardingRepository(*m_context.db).get(m_onboardingId, &error);
    if (!onboarding) {
        if (error.isEmpty()) { // it is gone
            m_onboardingId = 0;
            m_model->clear();
            m_empty->setEmpty(true);
        } else {
            m_error->showMessage(tr("The onboarding could not be read: %1").arg(error));
        }
        return;
    }
    const std::optional<Task> selected = selectedTask();
    if (m_model->setOnboarding(*onboarding)) {
        m_tree->expandAll();
        if (selected) {
            selectTask(selected->id);
        }
    }
    m_empty->setEmpty(false);
    updateHeader();
    updateActions();
}

void OnboardingDetailView::updateHeader()
{
    const Onboarding &onboarding = m_model->onboarding();
    m_title->setText(onboarding.name);
    const int current = onboarding.currentPhaseIndex();
    const QString phase = current < 0
                              ? tr("All phases done")
                              : tr("Current phase: %1").arg(onboarding.phases.at(current).name);
    m_subtitle->setText(tr("%1 · started %2 · %3")
                            .arg(onboarding.companyName,
                                 QLocale().toString(onboarding.startDate, QLocale::LongFormat),
                                 phase));
    m_owner->showOnboarding(onboarding);
    m_progress->setRange(0, qMax(1, onboarding.progress.total));
    m_progress->setValue(onboarding.progress.completed);
    m_progress->setFormat(tr("%1 of %2 tasks complete (%3%)")
                              .arg(onboarding.progress.completed)
                              .arg(onboarding.progress.total)
                              .arg(onboarding.progress.percent()));
}

std::optional<Task> OnboardingDetailView::selectedTask() const
{
    return m_model->taskAt(m_tree->currentIndex());
}

bool OnboardingDetailView::selectTask(qint64 taskId)
{
    const QModelIndex index = m_model->indexOfTask(taskId);
    if (!index.isValid()) {
        return false;
    }
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

void OnboardingDetailView::updateActions()
{
    const std::optional<Task> task = selectedTask();
    const bool msp = task && staffCompletes(*task);
    m_markComplete->setEnabled(msp && task->status != TaskStatus::Completed);
    const bool meeting = task && task->evidenceType == EvidenceType::Meeting;
    const bool training = task && task->evidenceType == EvidenceType::Training;
    m_setUp->setVisible(meeting || training);
    m_setUp->setText(meeting ? tr("Schedule meeting…") : tr("Set up training…"));
    m_setStatus->setEnabled(msp);
    const bool form = task && task->evidenceType == EvidenceType::Form;
    const bool checklist = task && task->evidenceType == EvidenceType::Checklist;
    m_editContent->setVisible(form || checklist);
    m_showContent->setVisible(form || checklist);
    m_editContent->setText(checklist ? tr("Edit checklist…") : tr("Edit form…"));
    m_showContent->setText(checklist ? tr("Ticks…") : tr("Entries…"));
    m_credentials->setVisible(task && task->evidenceType == EvidenceType::Credential);
    m_taskOwner->setVisible(task.has_value());
    const QList<QAction *> actions = m_statusMenu->actions();
    for (int i = 0; i < actions.size(); ++i) {
        actions.at(i)->setEnabled(msp && task->status != kStatuses[i]);
    }
    if (!task) {
        m_taskInfo->setText(tr("Select a task to see its description."));
        m_files->clear();
        m_drops->clear();
        m_thread->clear();
        return;
    }
    m_taskOwner->showTask(m_model->onboarding(), *task);
    m_files->showTask(*task);
    m_drops->showTask(*task);
    m_thread->showTask(*task);
    QStringList lines;
    lines << (task->description.isEmpty() ? task->title : task->description);
    if (task->status == TaskStatus::Completed) {
        lines << tr("Completed by %1 on %2.")
                     .arg(task->completedBy.isEmpty() ? tr("unknown") : task->completedBy,
                          QLocale().toString(QDateTime::fromMSecsSinceEpoch(task->completedAtMs),
                                             QLocale::ShortFormat));
    }
    if (!task->completionNote.isEmpty()) {
        lines << tr("Note: %1").arg(task->completionNote);
    }
    const std::optional<MeetingSchedule> schedule
        = meeting ? MeetingSchedule::fromConfig(task->config, nullptr) : std::nullopt;
    if (schedule) {
        lines << tr("Scheduled for %1 %2 (%3), %4 minutes: %5")
                     .arg(schedule->date.toString(Qt::ISODate),
                          schedule->time.toString(QStringLiteral("HH:mm")), schedule->timeZone)
                     .arg(schedule->durationMinutes)
                     .arg(schedule->url);
    } else if (meeting) {
        lines << tr("Not scheduled yet.");
    }
    if (training && TrainingSpec::isInPerson(task->config)) {
        lines << tr("In person: mark it complete once the client has attended.");
    } else if (training && !TrainingSpec::fromConfig(task->config, nullptr)) {
        lines << tr("Not set up yet.");
    }
    if (!msp && task->status != TaskStatus::Completed) {
        lines << tr("The client completes this task in the portal.");
    }
    m_taskInfo->setText(lines.join(QLatin1Char('\n')));
}

bool OnboardingDetailView::staffCompletes(const Task &task)
{
    return task.ownerSide == OwnerSide::Msp
           || (task.evidenceType == EvidenceType::Training
               && TrainingSpec::isInPerson(task.config));
}

QDialog *OnboardingDetailView::openSetUpDialog()
{
    const std::optional<Task> task = selectedTask();
    QDialog *dialog = nullptr;
    if (task && task->evidenceType == EvidenceType::Meeting) {
        auto *schedule = new ScheduleMeetingDialog(m_context, *task, this);
        connect(schedule, &ScheduleMeetingDialog::scheduled, this, [this] {
            reload();
            Q_EMIT taskChanged(m_onboardingId);
        });
        dialog = schedule;
    } else if (task && task->evidenceType == EvidenceType::Training) {
        auto *training = new TrainingSetupDialog(m_context, *task, this);
        connect(training, &TrainingSetupDialog::saved, this, [this] {
            reload();
            Q_EMIT taskChanged(m_onboardingId);
        });
        dialog = training;
    }
    if (dialog) {
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    }
    return dialog;
}

QDialog *OnboardingDetailView::openCredentialsDialog()
{
    const std::optional<Task> task = selectedTask();
    if (!task || task->evidenceType != EvidenceType::Credential) {
        return nullptr;
    }
    auto *dialog = new CredentialsDialog(m_context, *task, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool OnboardingDetailView::setSelectedTaskStatus(TaskStatus status)
{
    const std::optional<Task> task = selectedTask();
    if (!task || !staffCompletes(*task)) {
        return false;
    }
    ServiceError error;
    if (!OnboardingService(*m_context.db, *m_context.clock)
             .setStatusAsStaff(task->id, status, m_context.actor(), &error)) {
        MessageBox::critical(this, tr("Status not changed"),
                             tr("\"%1\" could not be set to %2: %3")
                                 .arg(task->title, displayName(status), error.message));
        return false;
    }
    reload();
    Q_EMIT taskChanged(m_onboardingId);
    return true;
}

void OnboardingDetailView::editContent()
{
    const std::optional<Task> task = selectedTask();
    if (!task) {
        return;
    }
    ServiceError error;
    bool saved = false;
    if (task->evidenceType == EvidenceType::Form) {
        const std::optional<FormState> state
            = FormService(*m_context.db, *m_context.clock).stateForStaff(task->id, &error);
        if (state) {
            FormBuilderDialog dialog(m_context, task->id, task->title, state->definition, this);
            saved = dialog.exec() == QDialog::Accepted;
        }
    } else if (task->evidenceType == EvidenceType::Checklist) {
        const std::optional<ChecklistState> state
            = ChecklistService(*m_context.db, *m_context.clock).stateForStaff(task->id, &error);
        ChecklistDefinition definition;
        for (const ChecklistItemState &item : state ? state->items : QList<ChecklistItemState>()) {
            definition.items.append(item.item);
        }
        if (state || error.kind == ServiceError::Kind::Conflict) { // a broken list is rewritten
            ChecklistEditorDialog dialog(m_context, task->id, task->title, definition, this);
            saved = dialog.exec() == QDialog::Accepted;
            error = ServiceError();
        }
    }
    if (!error.message.isEmpty()) {
        MessageBox::critical(this, tr("Cannot edit"), error.message);
    }
    if (saved) {
        reload();
    }
}

void OnboardingDetailView::showContent()
{
    const std::optional<Task> task = selectedTask();
    if (!task) {
        return;
    }
    if (task->evidenceType == EvidenceType::Form) {
        FormEntriesDialog dialog(m_context, task->id, this);
        dialog.exec();
    } else if (task->evidenceType == EvidenceType::Checklist) {
        ChecklistDialog dialog(m_context, task->id, this);
        bool changed = false;
        connect(&dialog, &ChecklistDialog::changed, this, [&changed] { changed = true; });
        dialog.exec();
        if (changed) {
            reload();
            Q_EMIT taskChanged(m_onboardingId);
        }
    }
}

void OnboardingDetailView::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_tree->indexAt(position);
    if (!m_model->taskAt(index)) {
        return;
    }
    m_tree->setCurrentIndex(index);
    if (m_setStatus->isEnabled()) {
        m_statusMenu->popup(m_tree->viewport()->mapToGlobal(position));
    }
}

} // namespace Gatehouse
