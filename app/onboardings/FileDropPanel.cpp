#include "FileDropPanel.h"

#include "VaultKeyPrompt.h"
#include "core/FileDialog.h"
#include "core/MessageBox.h"
#include "domain/Onboarding.h"
#include "models/AuditModel.h"
#include "services/DocumentService.h"
#include "services/FileDropService.h"
#include "widgets/ErrorLabel.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

enum Column { NameColumn, SizeColumn, ByColumn, DroppedColumn, ExpiresColumn, StateColumn };

QString stateText(const FileDrop &drop, qint64 nowMs)
{
    switch (drop.stateAt(nowMs)) {
    case FileDrop::State::Available:
        return FileDropPanel::tr("Not downloaded yet");
    case FileDrop::State::Downloaded:
        return FileDropPanel::tr("Downloaded by %1 on %2")
            .arg(drop.downloadedBy, AuditModel::timeText(drop.downloadedAtMs));
    case FileDrop::State::Expired:
        return FileDropPanel::tr("Expired, content purged");
    case FileDrop::State::Deleted:
        return FileDropPanel::tr("Deleted by the client");
    }
    return QString();
}

} // namespace

FileDropPanel::FileDropPanel(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_title(new QLabel(tr("Files dropped by the client (encrypted)"), this))
    , m_view(new QTableWidget(0, 6, this))
    , m_reason(new QLineEdit(this))
    , m_save(new QPushButton(tr("Save &decrypted…"), this))
    , m_expiry(new QSpinBox(this))
    , m_applyExpiry(new QPushButton(tr("Set e&xpiry"), this))
    , m_error(new ErrorLabel(this))
{
    setObjectName(QStringLiteral("fileDropPanel"));
    QFont heading = m_title->font();
    heading.setBold(true);
    m_title->setFont(heading);

    m_view->setHorizontalHeaderLabels(
        {tr("File"), tr("Size"), tr("Dropped by"), tr("Dropped"), tr("Expires"), tr("State")});
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Files dropped by the client"));
    m_view->setTabKeyNavigation(false);
    m_reason->setPlaceholderText(tr("Reason for downloading (optional, recorded)"));
    m_reason->setAccessibleName(tr("Reason for downloading"));
    m_reason->setMaxLength(FileDropService::kMaxReasonLength);
    m_expiry->setRange(FileDropService::kMinExpiryDays, FileDropService::kMaxExpiryDays);
    m_expiry->setSuffix(tr(" days"));
    m_expiry->setAccessibleName(tr("Keep new files for"));
    m_save->setObjectName(QStringLiteral("saveDecrypted"));

    auto *downloads = new QHBoxLayout;
    downloads->addWidget(m_reason, 1);
    downloads->addWidget(m_save);
    auto *expiry = new QHBoxLayout;
    expiry->addWidget(new QLabel(tr("Keep new files for"), this));
    expiry->addWidget(m_expiry);
    expiry->addWidget(m_applyExpiry);
    expiry->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    layout->addLayout(downloads);
    layout->addLayout(expiry);
    layout->addWidget(m_error);

    connect(m_save, &QPushButton::clicked, this, &FileDropPanel::saveSelected);
    connect(m_applyExpiry, &QPushButton::clicked, this, &FileDropPanel::applyExpiry);
    connect(m_view, &QTableWidget::itemDoubleClicked, this, &FileDropPanel::saveSelected);
    connect(m_view, &QTableWidget::currentCellChanged, this, &FileDropPanel::updateActions);
    hide();
}

void FileDropPanel::showTask(const Task &task)
{
    if (task.evidenceType != EvidenceType::FileDrop) {
        clear();
        return;
    }
    if (task.id != m_taskId) {
        m_reason->clear();
    }
    m_taskId = task.id;
    m_expiry->setValue(FileDropService::expiryDays(task.config));
    reload();
    show();
}

void FileDropPanel::clear()
{
    m_taskId = 0;
    m_drops.clear();
    m_view->setRowCount(0);
    m_error->clear();
    hide();
}

void FileDropPanel::reload()
{
    const qint64 current = selectedDrop() ? selectedDrop()->id : 0;
    ServiceError error;
    const std::optional<QList<FileDrop>> drops
        = FileDropService(*m_context.db, *m_context.clock).listForTask(m_taskId, &error);
    m_drops = drops.value_or(QList<FileDrop>());
    if (!drops) {
        m_error->showMessage(tr("The dropped files could not be read: %1").arg(error.message));
    } else {
        m_error->clear();
    }
    const qint64 now = m_context.clock->nowMs();
    m_view->setRowCount(int(m_drops.size()));
    for (int row = 0; row < m_drops.size(); ++row) {
        const FileDrop &drop = m_drops.at(row);
        const QStringList cells = {drop.fileName,
                                   QLocale().formattedDataSize(drop.size),
                                   drop.contactName,
                                   AuditModel::timeText(drop.createdAtMs),
                                   AuditModel::timeText(drop.expiresAtMs),
                                   stateText(drop, now)};
        for (int column = 0; column < cells.size(); ++column) {
            m_view->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        }
    }
    m_view->resizeColumnsToContents();
    if (!selectDrop(current) && !m_drops.isEmpty()) {
        m_view->setCurrentCell(0, 0);
    }
    updateActions();
}

const FileDrop *FileDropPanel::selectedDrop() const
{
    const int row = m_view->currentRow();
    return row >= 0 && row < m_drops.size() ? &m_drops.at(row) : nullptr;
}

bool FileDropPanel::selectDrop(qint64 dropId)
{
    for (int row = 0; row < m_drops.size(); ++row) {
        if (m_drops.at(row).id == dropId) {
            m_view->setCurrentCell(row, 0);
            return true;
        }
    }
    return false;
}

void FileDropPanel::updateActions()
{
    const FileDrop *drop = selectedDrop();
    const FileDrop::State state
        = drop ? drop->stateAt(m_context.clock->nowMs()) : FileDrop::State::Deleted;
    m_save->setEnabled(state == FileDrop::State::Available || state == FileDrop::State::Downloaded);
}

bool FileDropPanel::saveSelected()
{
    const FileDrop *selected = selectedDrop();
    if (!selected || !m_save->isEnabled()) {
        return false;
    }
    const FileDrop drop = *selected;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString path = FileDialog::saveFileName(
        this, tr("Save %1 decrypted").arg(drop.fileName),
        QDir(folder).filePath(DocumentService::cleanFileName(drop.fileName)), QString());
    if (path.isEmpty()) {
        return false;
    }
    QString unlockError;
    const std::optional<SecureBytes> key = VaultKeyPrompt::unlock(this, m_context, &unlockError);
    if (!key) {
        if (!unlockError.isEmpty()) {
            MessageBox::critical(this, tr("Vault not unlocked"), unlockError);
        }
        return false;
    }
    // QSaveFile: the plaintext lands under the chosen name only once all of it decrypted and
    // the download was recorded; otherwise nothing is left behind.
    QSaveFile out(path);
    QProgressDialog progress(tr("Decrypting %1…").arg(drop.fileName), tr("Cancel"), 0,
                             int(qMin<qint64>(drop.size, FileDropService::kMaxBytes)), this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    ServiceError error;
    const bool saved
        = out.open(QIODevice::WriteOnly)
          && FileDropService(*m_context.db, *m_context.clock)
                 .download(*key, m_context.actor(), drop.id, m_reason->text(), out, &error,
                           [&progress](qint64 done, qint64) {
                               progress.setValue(int(done));
                               return !progress.wasCanceled();
                           })
          && out.commit();
    progress.reset();
    if (!saved) {
        out.cancelWriting();
        MessageBox::critical(this, tr("File not saved"),
                             tr("%1 could not be saved to %2: %3")
                                 .arg(drop.fileName, QDir::toNativeSeparators(path),
                                      error.message.isEmpty() ? out.errorString() : error.message));
        reload();
        return false;
    }
    m_reason->clear();
    reload();
    Q_EMIT changed(m_taskId);
    return true;
}

bool FileDropPanel::applyExpiry()
{
    if (m_taskId == 0) {
        return false;
    }
    ServiceError error;
    if (!FileDropService(*m_context.db, *m_context.clock)
             .setExpiryDays(m_taskId, m_expiry->value(), m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    m_error->clear();
    Q_EMIT changed(m_taskId);
    return true;
}

} // namespace Gatehouse
