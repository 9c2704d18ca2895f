#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Gatehouse {

class BackupJob;
class ErrorLabel;

// Settings > Database: where the data lives, and backing it up to a file or restoring it from
// one with a progress bar and a Cancel button, while the rest of the console stays usable.
class DatabasePanel : public QWidget
{
    Q_OBJECT
public:
    explicit DatabasePanel(const ConsoleContext &context, QWidget *parent = nullptr);
    ~DatabasePanel() override;

    // Ask for a file (and, to restore, for confirmation) and start; false when the user
    // cancelled or a job is already running.
    bool backUp();
    bool restore();
    void cancel();
    bool isBusy() const;

    QLabel *engineLabel() const { return m_engine; }
    QLabel *locationLabel() const { return m_location; }
    QLabel *statusLabel() const { return m_status; }
    ErrorLabel *errorLabel() const { return m_error; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *backupButton() const { return m_backup; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *cancelButton() const { return m_cancel; }

Q_SIGNALS:
    // Everything the console shows may have changed.
    void restored();
    void finished(bool ok);

private:
    void startJob(BackupJob *job, const QString &working);
    void onProgress(double fraction);
    void onFinished(bool ok, const QString &error);
    QString suggestedPath() const;
    QString fileFilter() const;

    ConsoleContext m_context;
    QLabel *m_engine;
    QLabel *m_location;
    QPushButton *m_backup;
    QPushButton *m_restore;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    ErrorLabel *m_error;
    BackupJob *m_job = nullptr;
};

} // namespace Gatehouse
