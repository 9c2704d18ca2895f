#include "CredentialsDialog.h"

#include "RevealReasonDialog.h"
#include "RevealedCredentialDialog.h"
#include "core/FileDialog.h"
#include "core/MessageBox.h"
#include "vault/CredentialService.h"
#include "vault/VaultSession.h"
#include "vault/VaultUnlockDialog.h"
#include "widgets/ErrorLabel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace Gatehouse {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr qint64 kWriteChunkBytes = 256 * 1024;

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

QString describe(const CredentialSubmission &submission)
{
    switch (submission.kind) {
    case CredentialKind::Single:
        return CredentialsDialog::tr("Login");
    case CredentialKind::BulkText:
        return CredentialsDialog::tr("Pasted text");
    case CredentialKind::BulkFile:
        return CredentialsDialog::tr("File %1 (%2)")
            .arg(submission.fileName, QLocale().formattedDataSize(submission.fileSize));
    }
    return QString();
}

QString stateOf(const CredentialSubmission &submission)
{
    if (submission.isPurged()) {
        return CredentialsDialog::tr("Purged %1").arg(when(submission.purgedAtMs));
    }
    if (submission.movedAtMs != 0) {
        return CredentialsDialog::tr("Moved to a password manager by %1, %2")
            .arg(submission.movedBy, when(submission.movedAtMs));
    }
    return CredentialsDialog::tr("Sealed in the vault");
}

} // namespace

CredentialsDialog::CredentialsDialog(const ConsoleContext &context, const Task &task,
                                     QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_task(task)
    , m_vaultState(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_reveal(new QPushButton(tr("&Reveal…"), this))
    , m_moved(new QPushButton(tr("&Moved to my password manager"), this))
    , m_purge(new QPushButton(tr("&Purge"), this))
    , m_error(new ErrorLabel(this))
{
    setObjectName(QStringLiteral("credentialsDialog"));
    setWindowTitle(tr("Credentials: %1").arg(task.title));
    m_vaultState->setWordWrap(true);
    m_vaultState->setForegroundRole(QPalette::PlaceholderText);
    m_list->setObjectName(QStringLiteral("credentialList"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("What"), tr("From"), tr("Handed over"), tr("State")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_reveal->setObjectName(QStringLiteral("revealCredential"));
    m_moved->setObjectName(QStringLiteral("markCredentialMoved"));
    m_purge->setObjectName(QStringLiteral("purgeCredential"));
    m_moved->setToolTip(tr("Say that you keep it in your own password manager now; after that "
                           "it can be purged from Gatehouse."));
    m_purge->setToolTip(tr("Deletes the sealed credential for good. The audit trail keeps its "
                           "history."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_reveal, QDialogButtonBox::ActionRole);
    buttons->addButton(m_moved, QDialogButtonBox::ActionRole);
    buttons->addButton(m_purge, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_vaultState);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &CredentialsDialog::updateButtons);
    connect(m_reveal, &QPushButton::clicked, this, &CredentialsDialog::revealSelected);
    connect(m_moved, &QPushButton::clicked, this, &CredentialsDialog::markMoved);
    connect(m_purge, &QPushButton::clicked, this, &CredentialsDialog::purge);
    if (m_context.vault) {
        connect(m_context.vault, &VaultSession::unlockedChanged, this,
                &CredentialsDialog::updateButtons);
    }
    reload();
    resize(760, 380);
}

void CredentialsDialog::reload()
{
    const std::optional<CredentialSubmission> current = selected();
    ServiceError error;
    m_submissions
        = CredentialService(*m_context.db, *m_context.clock).listForTask(m_task.id, &error);
    if (!error.message.isEmpty()) {
        m_error->showMessage(error.message);
    }
    m_list->clear();
    for (const CredentialSubmission &submission : std::as_const(m_submissions)) {
        auto *item
            = new QTreeWidgetItem(m_list, {describe(submission), submission.contactName,
                                           when(submission.submittedAtMs), stateOf(submission)});
        item->setData(WhatColumn, kIdRole, submission.id);
        if (current && current->id == submission.id) {
            m_list->setCurrentItem(item);
        }
    }
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
    }
    updateButtons();
}

bool CredentialsDialog::selectSubmission(qint64 submissionId)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->data(WhatColumn, kIdRole).toLongLong() == submissionId) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

std::optional<CredentialSubmission> CredentialsDialog::selected() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    const qint64 id = item ? item->data(WhatColumn, kIdRole).toLongLong() : 0;
    for (const CredentialSubmission &submission : m_submissions) {
        if (submission.id == id) {
            return submission;
        }
    }
    return std::nullopt;
}

void CredentialsDialog::updateButtons()
{
    const std::optional<CredentialSubmission> submission = selected();
    const bool unlocked = m_context.vault && m_context.vault->isUnlocked();
    m_vaultState->setText(!m_context.vault ? tr("There is no vault in this window.")
                          : unlocked       ? tr("The vault is unlocked.")
                                           : tr("The vault is locked: revealing asks for your "
                                                      "password first."));
    if (m_submissions.isEmpty()) {
        m_vaultState->setText(tr("Nothing has been handed over for this task yet."));
    }
    const bool open = submission && !submission->isPurged();
    m_reveal->setEnabled(open && m_context.vault);
    m_moved->setEnabled(open && submission->movedAtMs == 0);
    m_purge->setEnabled(open && submission->movedAtMs != 0);
}

void CredentialsDialog::revealSelected()
{
    const std::optional<CredentialSubmission> submission = selected();
    if (!submission || submission->isPurged() || !m_context.vault) {
        return;
    }
    m_error->hide();
    QPointer<CredentialsDialog> self(this);
    const CredentialSubmission chosen = *submission;
    VaultUnlockDialog::ensureUnlocked(*m_context.vault, this, [self, chosen] {
        if (self) {
            self->askReason(chosen);
        }
    });
}

void CredentialsDialog::askReason(const CredentialSubmission &submission)
{
    auto *dialog = new RevealReasonDialog(describe(submission), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, submission] {
        const QString reason = dialog->reason();
        // Once the asking dialog is gone: saving a file shows progress, which runs the event
        // loop, and that would delete the dialog while it is still emitting.
        QMetaObject::invokeMethod(
            this, [this, submission, reason] { reveal(submission, reason); }, Qt::QueuedConnection);
    });
    dialog->open();
}

void CredentialsDialog::reveal(const CredentialSubmission &submission, const QString &reason)
{
    // The vault may have locked while the reason was typed.
    if (!m_context.vault->isUnlocked()) {
        m_error->showMessage(tr("The vault locked before the credential was revealed. Try again."));
        return;
    }
    QString path;
    if (submission.kind == CredentialKind::BulkFile) {
        // Asked before revealing, so a change of mind reveals (and records) nothing.
        path = FileDialog::saveFileName(this, tr("Save the decrypted file"),
                                        QDir::home().filePath(submission.fileName), QString());
        if (path.isEmpty()) {
            return;
        }
    }
    ServiceError error;
    const std::optional<RevealedCredential> revealed
        = CredentialService(*m_context.db, *m_context.clock)
              .reveal(m_context.vault->key(), m_context.actor(), submission.id, reason, &error);
    if (!revealed) {
        m_error->showMessage(error.message);
        return;
    }
    Q_EMIT changed();
    if (submission.kind != CredentialKind::BulkFile) {
        auto *viewer
            = new RevealedCredentialDialog(submission, revealed->plaintext, *m_context.vault, this);
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        viewer->open();
        return;
    }
    QString writeError;
    if (!writeFile(path, revealed->plaintext, &writeError)) {
        m_error->showMessage(writeError);
        return;
    }
    MessageBox::information(
        this, tr("File saved"),
        tr("%1 was decrypted into %2.").arg(submission.fileName, QDir::toNativeSeparators(path)));
}

bool CredentialsDialog::writeFile(const QString &path, const SecureBytes &plaintext, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("%1 could not be written: %2").arg(path, file.errorString());
        return false;
    }
    // Only its owner may read what was a secret a moment ago.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const qint64 total = qint64(plaintext.size());
    std::unique_ptr<QProgressDialog> progress;
    if (total > kProgressThresholdBytes) {
        progress = std::make_unique<QProgressDialog>(tr("Decrypting into %1…").arg(path),
                                                     tr("Cancel"), 0, int(total / 1024), this);
        progress->setObjectName(QStringLiteral("decryptProgress"));
        progress->setWindowModality(Qt::WindowModal);
        progress->setMinimumDuration(0);
    }
    for (qint64 offset = 0; offset < total; offset += kWriteChunkBytes) {
        const qint64 size = qMin(kWriteChunkBytes, total - offset);
        if (file.write(plaintext.chars() + offset, size) != size) {
            *error = tr("%1 could not be written: %2").arg(path, file.errorString());
            file.cancelWriting();
            return false;
        }
        if (progress) {
            progress->setValue(int((offset + size) / 1024));
            if (progress->wasCanceled()) {
                file.cancelWriting();
                *error = tr("Saving was cancelled; nothing was written.");
                return false;
            }
        }
    }
    if (!file.commit()) {
        *error = tr("%1 could not be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void CredentialsDialog::markMoved()
{
    const std::optional<CredentialSubmission> submission = selected();
    if (!submission) {
        return;
    }
    m_error->hide();
    ServiceError error;
    if (!CredentialService(*m_context.db, *m_context.clock)
             .markMoved(submission->id, m_context.actor(), &error)) {
        m_error->showMessage(error.message);
    } else {
        Q_EMIT changed();
    }
    reload();
}

void CredentialsDialog::purge()
{
    const std::optional<CredentialSubmission> submission = selected();
    if (!submission) {
        return;
    }
    if (MessageBox::question(this, tr("Purge credential"),
                             tr("Delete %1 from %2 for good? It cannot be revealed again; the "
                                "audit trail keeps its history.")
                                 .arg(describe(*submission), submission->contactName))
        != QMessageBox::Yes) {
        return;
    }
    m_error->hide();
    ServiceError error;
    if (!CredentialService(*m_context.db, *m_context.clock)
             .purge(submission->id, m_context.actor(), &error)) {
        m_error->showMessage(error.message);
    } else {
        Q_EMIT changed();
    }
    reload();
}

} // namespace Gatehouse
