#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace Gatehouse {

class ErrorLabel;
class TaskFileModel;
struct Task;
struct TaskFile;

// The files of a task. For an upload task, what the client sent: save a copy, approve, or
// reject with a reason the client will read (Alt+A approves, Alt+R rejects after the reason,
// Alt+S saves). For approval and signature tasks, the documents staff attach for the client.
class TaskFilesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TaskFilesPanel(const ConsoleContext &context, QWidget *parent = nullptr);

    // Shows the task's files; hides itself for tasks that take none.
    void showTask(const Task &task);
    void clear();

    TaskFileModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *noteEdit() const { return m_note; }
    bool selectFile(qint64 taskFileId);
    bool approveSelected();
    bool rejectSelected();
    // Saves the selected file where the user chooses; false when cancelled or failed.
    bool saveSelected();
    // Attaches a file the user picks (approval and signature tasks).
    bool attachFile();
    // Signature tasks: checks the signature against what is stored now and says so.
    bool verifySignature();
    QLabel *signatureLabel() const { return m_signature; }

Q_SIGNALS:
    // A review changed the task; the onboarding wants reloading.
    void reviewed(qint64 taskId);

private:
    const TaskFile *selectedFile() const;
    bool review(bool approve);
    void updateActions();
    void showSignature();

    ConsoleContext m_context;
    qint64 m_taskId = 0;
    TaskFileModel *m_model;
    QLabel *m_title;
    QTableView *m_view;
    QLineEdit *m_note;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_save;
    QPushButton *m_attach;
    QPushButton *m_verify;
    QLabel *m_signature;
    bool m_uploads = true; // an upload task: the client's files, reviewed here
    ErrorLabel *m_error;
};

} // namespace Gatehouse
