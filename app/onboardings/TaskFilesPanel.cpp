#include "TaskFilesPanel.h"

#include "core/FileDialog.h"
#include "core/MessageBox.h"
#include "domain/Onboarding.h"
#include "models/AuditModel.h"
#include "models/TaskFileModel.h"
#include "services/DocumentService.h"
#include "services/SignatureService.h"
#include "storage/FileStore.h"
#include "storage/TaskFileRepository.h"
#include "widgets/ErrorLabel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace Gatehouse {

TaskFilesPanel::TaskFilesPanel(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new TaskFileModel(this))
    , m_title(new QLabel(tr("Files from the client"), this))
    , m_view(new QTableView(this))
    , m_note(new QLineEdit(this))
    , m_approve(new QPushButton(tr("&Approve"), this))
    , m_reject(new QPushButton(tr("&Reject"), this))
    , m_save(new QPushButton(tr("&Save a copy…"), this))
    , m_attach(new QPushButton(tr("A&ttach document…"), this))
    , m_verify(new QPushButton(tr("&Verify signature"), this))
    , m_signature(new QLabel(this))
    , m_error(new ErrorLabel(this))
{
    QFont heading = m_title->font();
    heading.setBold(true);
    m_title->setFont(heading);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Files from the client"));
    m_view->setTabKeyNavigation(false);
    m_note->setPlaceholderText(tr("Reason for rejecting (the client reads it)"));
    m_note->setAccessibleName(tr("Reason for rejecting"));
    m_note->setMaxLength(DocumentService::kMaxNoteLength);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_note, 1);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_approve);
    buttons->addWidget(m_save);
    buttons->addWidget(m_attach);
    buttons->addWidget(m_verify);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_signature);
    layout->addLayout(buttons);
    layout->addWidget(m_error);

    connect(m_approve, &QPushButton::clicked, this, &TaskFilesPanel::approveSelected);
    connect(m_reject, &QPushButton::clicked, this, &TaskFilesPanel::rejectSelected);
    connect(m_save, &QPushButton::clicked, this, &TaskFilesPanel::saveSelected);
    connect(m_attach, &QPushButton::clicked, this, &TaskFilesPanel::attachFile);
    connect(m_verify, &QPushButton::clicked, this, &TaskFilesPanel::verifySignature);
    m_signature->setWordWrap(true);
    m_signature->setTextFormat(Qt::PlainText);
    m_signature->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_note, &QLineEdit::returnPressed, this, &TaskFilesPanel::rejectSelected);
    connect(m_view, &QTableView::doubleClicked, this, &TaskFilesPanel::saveSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TaskFilesPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TaskFilesPanel::updateActions);
    connect(m_note, &QLineEdit::textChanged, this, &TaskFilesPanel::updateActions);
    hide();
}

void TaskFilesPanel::showTask(const Task &task)
{
    m_uploads = task.evidenceType == EvidenceType::Upload;
    if (!m_uploads && task.evidenceType != EvidenceType::Approval
        && task.evidenceType != EvidenceType::Signature) {
        clear();
        return;
    }
    m_title->setText(m_uploads ? tr("Files from the client") : tr("Documents for the client"));
    m_note->setVisible(m_uploads);
    m_approve->setVisible(m_uploads);
    m_reject->setVisible(m_uploads);
    m_attach->setVisible(!m_uploads);
    m_verify->setVisible(task.evidenceType == EvidenceType::Signature);
    m_signature->setVisible(task.evidenceType == EvidenceType::Signature);
    const bool sameTask = task.id == m_taskId;
    const qint64 current = selectedFile() ? selectedFile()->id : 0;
    m_taskId = task.id;
    QString error;
    m_model->setRows(TaskFileRepository(*m_context.db).forTask(task.id, &error));
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The files could not be read: %1").arg(error));
    } else {
        m_error->clear();
    }
    if (!sameTask) {
        m_note->clear();
    }
    if (!selectFile(current) && m_model->rowCount() > 0) {
        m_view->setCurrentIndex(m_model->index(0, 0));
    }
    m_view->resizeColumnsToContents();
    updateActions();
    if (task.evidenceType == EvidenceType::Signature) {
        showSignature();
    }
    show();
}

void TaskFilesPanel::clear()
{
    m_taskId = 0;
    m_model->setRows({});
    m_note->clear();
    hide();
}

bool TaskFilesPanel::selectFile(qint64 taskFileId)
{
    const int row = taskFileId ? m_model->rowOf(taskFileId) : -1;
    if (row < 0) {
        return false;
    }
    m_view->setCurrentIndex(m_model->index(row, 0));
    return true;
}

const TaskFile *TaskFilesPanel::selectedFile() const
{
    return m_model->fileAt(m_view->currentIndex().siblingAtColumn(0));
}

void TaskFilesPanel::updateActions()
{
    const TaskFile *file = selectedFile();
    const bool waiting = m_uploads && file && file->role == TaskFile::Role::Upload
                         && file->review == ReviewState::Uploaded;
    m_approve->setEnabled(waiting);
    m_reject->setEnabled(waiting && !m_note->text().trimmed().isEmpty());
    m_note->setEnabled(waiting);
    m_save->setEnabled(file != nullptr);
}

bool TaskFilesPanel::approveSelected()
{
    return review(true);
}

bool TaskFilesPanel::rejectSelected()
{
    return review(false);
}

bool TaskFilesPanel::review(bool approve)
{
    const TaskFile *file = selectedFile();
    if (!file) {
        return false;
    }
    const qint64 id = file->id;
    ServiceError error;
    if (!DocumentService(*m_context.db, *m_context.clock)
             .review(id, approve, m_note->text(), m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    m_note->clear();
    m_error->clear();
    Q_EMIT reviewed(m_taskId);
    selectFile(id);
    return true;
}

bool TaskFilesPanel::saveSelected()
{
    const TaskFile *file = selectedFile();
    if (!file) {
        return false;
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString path = FileDialog::saveFileName(
        this, tr("Save a copy of %1").arg(file->file.name),
        QDir(folder).filePath(DocumentService::cleanFileName(file->file.name)), QString());
    if (path.isEmpty()) {
        return false;
    }
    QSaveFile out(path);
    QString error;
    if (!out.open(QIODevice::WriteOnly)
        || !FileStore(*m_context.db).read(file->file.id, out, &error) || !out.commit()) {
        MessageBox::critical(this, tr("File not saved"),
                             tr("%1 could not be saved to %2: %3")
                                 .arg(file->file.name, QDir::toNativeSeparators(path),
                                      error.isEmpty() ? out.errorString() : error));
        return false;
    }
    return true;
}

void TaskFilesPanel::showSignature()
{
    ServiceError error;
    const std::optional<SignatureEvidence> evidence
        = SignatureService(*m_context.db, *m_context.clock).forTask(m_taskId, 0, &error);
    m_verify->setEnabled(evidence.has_value());
    if (!evidence) {
        m_signature->setText(error.kind == ServiceError::Kind::None ? tr("Not signed yet.")
                                                                    : error.message);
        return;
    }
    m_signature->setText(
        tr("Signed by %1 <%2> on %3 from %4, %5.\nDocument: %6 (SHA-256 %7)\nEvidence SHA-256: %8")
            .arg(evidence->signerName, evidence->signerEmail,
                 AuditModel::timeText(evidence->signedAtMs), evidence->ip,
                 evidence->method == SignatureEvidence::Method::Typed ? tr("typed") : tr("drawn"),
                 evidence->documentName, evidence->documentSha256, evidence->evidenceSha256));
}

bool TaskFilesPanel::verifySignature()
{
    SignatureService signatures(*m_context.db, *m_context.clock);
    ServiceError error;
    const std::optional<SignatureEvidence> evidence = signatures.forTask(m_taskId, 0, &error);
    if (!evidence) {
        m_error->showMessage(error.kind == ServiceError::Kind::None ? tr("Not signed yet.")
                                                                    : error.message);
        return false;
    }
    showSignature();
    QString why;
    if (!signatures.verify(*evidence, &why)) {
        m_error->showMessage(tr("The signature does not verify: %1").arg(why));
        return false;
    }
    m_error->clear();
    m_signature->setText(m_signature->text() + QLatin1Char('\n')
                         + tr("Verified: the document and the signature are as they were signed."));
    return true;
}

bool TaskFilesPanel::attachFile()
{
    const QString path = FileDialog::openFileName(
        this, tr("Attach a document"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("Documents (*.pdf *.png *.jpg *.jpeg *.docx *.xlsx *.odt *.txt);;All files (*)"));
    if (path.isEmpty()) {
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error->showMessage(
            tr("%1 could not be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    ServiceError error;
    const std::optional<TaskFile> attached
        = DocumentService(*m_context.db, *m_context.clock)
              .attachAsStaff(m_taskId, QFileInfo(path).fileName(), file.readAll(),
                             m_context.actor(), &error);
    if (!attached) {
        m_error->showMessage(error.message);
        return false;
    }
    m_error->clear();
    Q_EMIT reviewed(m_taskId);
    selectFile(attached->id);
    return true;
}

} // namespace Gatehouse
