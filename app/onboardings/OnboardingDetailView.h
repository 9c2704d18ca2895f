#pragma once

#include "core/ConsoleContext.h"
#include "domain/TaskKinds.h"

#include <QWidget>

#include <optional>

class QDialog;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QToolButton;
class QTreeView;

namespace Gatehouse {

class EmptyState;
class ErrorLabel;
class FileDropPanel;
class OnboardingTreeModel;
class StaffOwnerButton;
class TaskFilesPanel;
class TaskThreadPanel;
struct Task;

// One onboarding: its progress and its phases with their tasks. Staff set the status of the
// MSP's own tasks here; client tasks are done by the client in the portal.
class OnboardingDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit OnboardingDetailView(const ConsoleContext &context, QWidget *parent = nullptr);

    // Shows the onboarding (0: nothing).
    void showOnboarding(qint64 onboardingId);
    // Reads the shown onboarding again, keeping the selected task and the expanded phases.
    void reload();
    qint64 onboardingId() const { return m_onboardingId; }

    OnboardingTreeModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *markCompleteButton() const { return m_markComplete; }
    TaskFilesPanel *filesPanel() const { return m_files; }
    FileDropPanel *dropsPanel() const { return m_drops; }
    TaskThreadPanel *threadPanel() const { return m_thread; }
    QPushButton *setUpButton() const { return m_setUp; }
    // For a selected form or checklist task: edit its questions or items, and see (and for a
    // checklist, tick) what has been done.
    QPushButton *editContentButton() const { return m_editContent; }
    QPushButton *showContentButton() const { return m_showContent; }
    // For a selected credential task: what the client handed over, to reveal (CON-6).
    QPushButton *credentialsButton() const { return m_credentials; }
    StaffOwnerButton *ownerButton() const { return m_owner; }
    StaffOwnerButton *taskOwnerButton() const { return m_taskOwner; }
    // Opens (window-modal, deleting itself) the credentials of the selected credential task;
    // nullptr for other kinds.
    QDialog *openCredentialsDialog();
    std::optional<Task> selectedTask() const;
    bool selectTask(qint64 taskId);
    // Sets the selected task's status as the signed-in staff member.
    bool setSelectedTaskStatus(TaskStatus status);
    // Opens (not modal to the application) the set-up dialog of the selected meeting or
    // training task; nullptr for other kinds. It deletes itself when closed.
    QDialog *openSetUpDialog();
    // Staff complete their own tasks, and in-person trainings on the client's behalf.
    static bool staffCompletes(const Task &task);

Q_SIGNALS:
    // A status was changed from here; lists showing progress want to know.
    void taskChanged(qint64 onboardingId);

private:
    void updateHeader();
    void updateActions();
    void showContextMenu(const QPoint &position);
    void editContent();
    void showContent();

    ConsoleContext m_context;
    qint64 m_onboardingId = 0;
    OnboardingTreeModel *m_model;
    QLabel *m_title;
    QLabel *m_subtitle;
    QProgressBar *m_progress;
    QTreeView *m_tree;
    QLabel *m_taskInfo;
    QPushButton *m_markComplete;
    QPushButton *m_setUp;
    QPushButton *m_editContent;
    QPushButton *m_showContent;
    QPushButton *m_credentials;
    QToolButton *m_setStatus;
    QMenu *m_statusMenu;
    TaskFilesPanel *m_files;
    FileDropPanel *m_drops;
    TaskThreadPanel *m_thread;
    StaffOwnerButton *m_owner;
    StaffOwnerButton *m_taskOwner;
    ErrorLabel *m_error;
    EmptyState *m_empty;
};

} // namespace Gatehouse
