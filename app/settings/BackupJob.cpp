#include "BackupJob.h"

#include "storage/DatabaseBackup.h"

#include <QThread>

namespace Gatehouse {

BackupJob::BackupJob(const ConsoleContext &context, Kind kind, const QString &file,
                     const QString &safetyFile, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_kind(kind)
    , m_file(file)
    , m_safetyFile(safetyFile)
{}

BackupJob::~BackupJob()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

bool BackupJob::isRunning() const
{
    return m_thread && !m_thread->isFinished();
}

void BackupJob::start()
{
    if (m_thread) {
        return;
    }
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("gatehouse-backup"));
    connect(m_thread, &QThread::finished, this, [this] { Q_EMIT finished(m_ok, m_error); });
    reportProgress(0.0);
    m_thread->start();
}

void BackupJob::reportProgress(double fraction)
{
    // A thousandth at a time is all a progress bar can show; fewer events for the UI thread.
    const int step = fraction < 0 ? -1 : int(fraction * 1000);
    if (m_lastReported.exchange(step) == step) {
        return;
    }
    QMetaObject::invokeMethod(
        this, [this, fraction] { Q_EMIT progress(fraction); }, Qt::QueuedConnection);
}

// On the worker thread.
void BackupJob::run()
{
    DatabaseBackup backup(*m_context.db, *m_context.clock);
    const qint64 workspace = m_context.workspace.id;
    const bool safety = m_kind == Kind::Restore && !m_safetyFile.isEmpty();
    BackupControl control;
    control.cancel = &m_cancel;
    if (safety) {
        // The safety copy is the first 40 % of the way.
        control.progress = [this](double f) {
            reportProgress(f < 0 ? f : f * 0.4);
        };
        backup.setControl(control);
        if (!backup.backup(m_safetyFile, m_context.actor(), workspace, &m_error)) {
            m_error = tr("The current data could not be saved first, so nothing was restored: %1")
                          .arg(m_error);
            return;
        }
    }
    control.progress = [this, safety](double f) {
        reportProgress(f < 0 || !safety ? f : 0.4 + f * 0.6);
    };
    backup.setControl(control);
    m_ok = m_kind == Kind::Backup ? backup.backup(m_file, m_context.actor(), workspace, &m_error)
                                  : backup.restore(m_file, m_context.actor(), workspace, &m_error);
}

} // namespace Gatehouse
