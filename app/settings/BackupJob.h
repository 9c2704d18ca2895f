#pragma once

#include "core/ConsoleContext.h"

#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace Gatehouse {

// A backup or a restore run on a thread of its own (with its own database connection, as
// every thread has), so the console stays responsive; progress and the outcome come back as
// signals on the thread that made the job.
class BackupJob : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Backup, Restore };

    // A restore first saves the current data to `safetyFile` when one is given, so restoring
    // the wrong backup loses nothing.
    BackupJob(const ConsoleContext &context, Kind kind, const QString &file,
              const QString &safetyFile = QString(), QObject *parent = nullptr);
    // Cancels and waits: the worker never outlives the job.
    ~BackupJob() override;

    void start();
    void cancel() { m_cancel = true; }
    bool isRunning() const;
    Kind kind() const { return m_kind; }
    QString file() const { return m_file; }

Q_SIGNALS:
    // 0..1 of the whole; negative while it cannot be measured.
    void progress(double fraction);
    void finished(bool ok, const QString &error);

private:
    void run();
    void reportProgress(double fraction);

    ConsoleContext m_context;
    Kind m_kind;
    QString m_file;
    QString m_safetyFile;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_lastReported{-1};
    // Written by the worker before it ends, read after its finished signal.
    bool m_ok = false;
    QString m_error;
};

} // namespace Gatehouse
