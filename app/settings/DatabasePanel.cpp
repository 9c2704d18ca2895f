#include "DatabasePanel.h"

#include "BackupJob.h"
#include "core/FileDialog.h"
#include "core/MessageBox.h"
#include "storage/Database.h"
#include "storage/DatabaseBackup.h"
#include "widgets/ErrorLabel.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace Gatehouse {

DatabasePanel::DatabasePanel(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_engine(new QLabel(this))
    , m_location(new QLabel(this))
    , m_backup(new QPushButton(tr("&Back up…"), this))
    , m_restore(new QPushButton(tr("&Restore…"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_error(new ErrorLabel(this))
{
    const Engine engine = m_context.db->engine();
    m_engine->setText(engine == Engine::Sqlite ? tr("SQLite file") : tr("PostgreSQL server"));
    // describe() leaves the password out.
    m_location->setText(engine == Engine::Sqlite
                            ? QDir::toNativeSeparators(m_context.db->config().sqliteFile)
                            : m_context.db->config().describe());
    m_location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_location->setWordWrap(true);
    auto *about = new QLabel(
        tr("A backup is one file holding everything: companies, onboardings, uploaded files, the "
           "vault (still encrypted) and the audit trail. Restoring one replaces all of the data "
           "with the backup's; the current data is saved next to the backup first."),
        this);
    about->setWordWrap(true);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_progress->setAccessibleName(tr("Backup progress"));
    m_progress->hide();
    m_cancel->hide();
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->addRow(tr("Database:"), m_engine);
    form->addRow(tr("Location:"), m_location);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_backup);
    buttons->addWidget(m_restore);
    buttons->addStretch();
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(about);
    layout->addLayout(buttons);
    layout->addLayout(progressRow);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addStretch();

    connect(m_backup, &QPushButton::clicked, this, &DatabasePanel::backUp);
    connect(m_restore, &QPushButton::clicked, this, &DatabasePanel::restore);
    connect(m_cancel, &QPushButton::clicked, this, &DatabasePanel::cancel);
}

DatabasePanel::~DatabasePanel() = default; // the job, a child, cancels and waits

bool DatabasePanel::isBusy() const
{
    return m_job != nullptr;
}

QString DatabasePanel::fileFilter() const
{
    return m_context.db->engine() == Engine::Sqlite
               ? tr("Gatehouse backups (*.sqlite);;All files (*)")
               : tr("Gatehouse backups (*.dump);;All files (*)");
}

QString DatabasePanel::suggestedPath() const
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(folder).filePath(DatabaseBackup::suggestedFileName(
        m_context.db->engine(), QDateTime::fromMSecsSinceEpoch(m_context.clock->nowMs()).date()));
}

bool DatabasePanel::backUp()
{
    if (isBusy()) {
        return false;
    }
    const QString file
        = FileDialog::saveFileName(this, tr("Back up the database"), suggestedPath(), fileFilter());
    if (file.isEmpty()) {
        return false;
    }
    startJob(new BackupJob(m_context, BackupJob::Kind::Backup, file, QString(), this),
             tr("Backing up to %1…").arg(QDir::toNativeSeparators(file)));
    return true;
}

bool DatabasePanel::restore()
{
    if (isBusy()) {
        return false;
    }
    const QString file = FileDialog::openFileName(
        this, tr("Restore the database"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), fileFilter());
    if (file.isEmpty()) {
        return false;
    }
    // Where the data of now goes first, so restoring the wrong file can be undone.
    const QString safety = QFileInfo(file).absoluteDir().filePath(
        QStringLiteral("gatehouse-before-restore-%1.%2")
            .arg(QDateTime::fromMSecsSinceEpoch(m_context.clock->nowMs())
                     .toString(QStringLiteral("yyyy-MM-dd-HHmmss")),
                 m_context.db->engine() == Engine::Sqlite ? QStringLiteral("sqlite")
                                                          : QStringLiteral("dump")));
    const auto answer = MessageBox::question(
        this, tr("Restore the database?"),
        tr("All of the data in this database will be replaced by the backup in %1. Changes made "
           "since that backup was taken will no longer be in the database, for everyone using "
           "it, the portal included.\n\nThe current data is first saved to %2.\n\nRestore?")
            .arg(QDir::toNativeSeparators(file), QDir::toNativeSeparators(safety)));
    if (answer != QMessageBox::Yes) {
        return false;
    }
    startJob(new BackupJob(m_context, BackupJob::Kind::Restore, file, safety, this),
             tr("Restoring from %1…").arg(QDir::toNativeSeparators(file)));
    return true;
}

void DatabasePanel::cancel()
{
    if (m_job) {
        m_job->cancel();
        m_status->setText(tr("Cancelling…"));
        m_cancel->setEnabled(false);
    }
}

void DatabasePanel::startJob(BackupJob *job, const QString &working)
{
    m_job = job;
    m_error->hide();
    m_status->setText(working);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->setEnabled(true);
    m_cancel->show();
    m_backup->setEnabled(false);
    m_restore->setEnabled(false);
    connect(job, &BackupJob::progress, this, &DatabasePanel::onProgress);
    connect(job, &BackupJob::finished, this, &DatabasePanel::onFinished);
    job->start();
}

void DatabasePanel::onProgress(double fraction)
{
    if (fraction < 0) {
        m_progress->setRange(0, 0); // busy, without a measure
        return;
    }
    m_progress->setRange(0, 1000);
    m_progress->setValue(qRound(fraction * 1000));
}

void DatabasePanel::onFinished(bool ok, const QString &error)
{
    BackupJob *job = m_job;
    m_job = nullptr;
    const bool restoring = job->kind() == BackupJob::Kind::Restore;
    const QString file = QDir::toNativeSeparators(job->file());
    job->deleteLater();
    m_cancel->hide();
    m_backup->setEnabled(true);
    m_restore->setEnabled(true);
    if (ok) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(1000);
        m_status->setText(restoring ? tr("Restored the database from %1.").arg(file)
                                    : tr("Backed up the database to %1.").arg(file));
    } else {
        m_progress->hide();
        m_status->clear();
        m_error->showMessage(error);
    }
    if (ok && restoring) {
        Q_EMIT restored();
    }
    Q_EMIT finished(ok);
}

} // namespace Gatehouse
