#include "ReviewQueueView.h"

#include "DocumentPreview.h"
#include "core/FileDialog.h"
#include "core/MessageBox.h"
#include "models/ReviewQueueModel.h"
#include "services/DocumentService.h"
#include "services/OnboardingService.h"
#include "storage/FileStore.h"
#include "storage/TaskFileRepository.h"
#include "widgets/EmptyState.h"
#include "widgets/ErrorLabel.h"

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace Gatehouse {

ReviewQueueView::ReviewQueueView(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new ReviewQueueModel(this))
    , m_view(new QTableView(this))
    , m_heading(new QLabel(this))
    , m_preview(new DocumentPreview(this))
    , m_note(new QLineEdit(this))
    , m_primary(new QPushButton(this))
    , m_reject(new QPushButton(tr("&Reject"), this))
    , m_save(new QPushButton(tr("&Save a copy…"), this))
    , m_error(new ErrorLabel(this))
{
    m_view->setObjectName(QStringLiteral("reviewQueue"));
    m_view->setTabKeyNavigation(false);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAccessibleName(tr("Waiting for you"));
    m_heading->setWordWrap(true);
    m_heading->setTextFormat(Qt::PlainText);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_note->setPlaceholderText(tr("Note for the client (needed to reject)"));
    m_note->setAccessibleName(tr("Note for the client"));
    m_note->setMaxLength(DocumentService::kMaxNoteLength);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_note, 1);
    actions->addWidget(m_reject);
    actions->addWidget(m_primary);
    actions->addWidget(m_save);
    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_heading);
    detailLayout->addWidget(m_preview, 1);
    detailLayout->addLayout(actions);
    detailLayout->addWidget(m_error);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(detail);
    splitter->setStretchFactor(1, 2);
    auto *title = new QLabel(tr("Waiting for you"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->addWidget(title);
    pageLayout->addWidget(splitter, 1);
    auto *empty = new EmptyState(page,
                                 tr("Nothing waits for you. Files, approvals sent back and "
                                    "trainings to hold appear here as clients act."),
                                 this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(empty);

    // `what` is what Help > Keyboard shortcuts lists.
    const auto shortcut = [this](const QKeySequence &keys, const QString &what, auto slot) {
        auto *key = new QShortcut(keys, this);
        key->setContext(Qt::WidgetWithChildrenShortcut);
        key->setWhatsThis(what);
        connect(key, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Down), tr("Next item"), [this] { moveSelection(1); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Up), tr("Previous item"),
             [this] { moveSelection(-1); });
    connect(m_primary, &QPushButton::clicked, this, &ReviewQueueView::actOnSelected);
    connect(m_reject, &QPushButton::clicked, this, &ReviewQueueView::rejectSelected);
    connect(m_save, &QPushButton::clicked, this, &ReviewQueueView::saveSelected);
    connect(m_note, &QLineEdit::textChanged, this, [this](const QString &note) {
        const ReviewItem *item = selectedItem();
        m_reject->setEnabled(item && !note.trimmed().isEmpty());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_note->clear();
        m_error->clear();
        showSelected();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this, empty] { empty->setEmpty(m_model->rowCount() == 0); });
    refresh();
    empty->setEmpty(m_model->rowCount() == 0);
}

void ReviewQueueView::refresh()
{
    const ReviewItem *current = selectedItem();
    const qint64 currentId = current ? current->id : 0;
    QString error;
    m_model->setRows(ReviewQueue(*m_context.db).items(m_context.workspace.id, &error));
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The queue could not be read: %1").arg(error));
    }
    if (!selectItem(currentId) && m_model->rowCount() > 0 && !m_view->currentIndex().isValid()) {
        m_view->setCurrentIndex(m_model->index(0, 0));
    }
    m_view->resizeColumnsToContents();
    showSelected();
}

bool ReviewQueueView::selectItem(qint64 queueId)
{
    const int row = queueId ? m_model->rowOf(queueId) : -1;
    if (row < 0) {
        return false;
    }
    m_view->setCurrentIndex(m_model->index(row, 0));
    return true;
}

void ReviewQueueView::moveSelection(int step)
{
    if (m_model->rowCount() == 0) {
        return;
    }
    const int row = m_view->currentIndex().isValid() ? m_view->currentIndex().row() + step : 0;
    m_view->setCurrentIndex(m_model->index(qBound(0, row, m_model->rowCount() - 1), 0));
}

const ReviewItem *ReviewQueueView::selectedItem() const
{
    return m_model->itemAt(m_view->currentIndex().siblingAtColumn(0));
}

void ReviewQueueView::showSelected()
{
    const ReviewItem *item = selectedItem();
    m_primary->setEnabled(item != nullptr);
    m_note->setVisible(item && item->kind == ReviewItem::Kind::File);
    m_reject->setVisible(item && item->kind == ReviewItem::Kind::File);
    m_save->setVisible(item && item->kind == ReviewItem::Kind::File);
    if (!item) {
        m_heading->clear();
        m_primary->setText(tr("&Approve"));
        m_preview->showMessage(tr("Select an item to see it here."));
        return;
    }
    m_heading->setText(tr("%1 · %2 · %3").arg(item->company, item->onboarding, item->task));
    switch (item->kind) {
    case ReviewItem::Kind::File: {
        m_primary->setText(tr("&Approve"));
        m_reject->setEnabled(!m_note->text().trimmed().isEmpty());
        QString error;
        const std::optional<TaskFile> file
            = TaskFileRepository(*m_context.db).get(item->taskFileId, 0, &error);
        const std::optional<QByteArray> bytes
            = file ? FileStore(*m_context.db).readAll(file->file.id, &error) : std::nullopt;
        if (!bytes) {
            m_preview->showMessage(tr("The file could not be read: %1").arg(error));
            return;
        }
        m_preview->showFile(file->file.name, file->file.mediaType, *bytes);
        break;
    }
    case ReviewItem::Kind::Approval:
        m_primary->setText(tr("&Reopen for the client"));
        m_preview->showMessage(tr("The client asked for changes:\n\n%1\n\nRevise what they "
                                  "approve, then reopen the task so they can answer again.")
                                   .arg(item->detail));
        break;
    case ReviewItem::Kind::Training:
        m_primary->setText(tr("&Mark done"));
        m_preview->showMessage(
            tr("In-person training:\n\n%1\n\nMark it done once it was held.").arg(item->detail));
        break;
    }
}

bool ReviewQueueView::actOnSelected()
{
    const ReviewItem *item = selectedItem();
    if (!item) {
        return false;
    }
    const int row = m_view->currentIndex().row();
    ServiceError error;
    bool done = false;
    if (item->kind == ReviewItem::Kind::File) {
        done = DocumentService(*m_context.db, *m_context.clock)
                   .review(item->taskFileId, true, m_note->text(), m_context.actor(), &error);
    } else {
        done = OnboardingService(*m_context.db, *m_context.clock)
                   .setStatusAsStaff(item->taskId,
                                     item->kind == ReviewItem::Kind::Approval
                                         ? TaskStatus::Pending
                                         : TaskStatus::Completed,
                                     m_context.actor(), &error);
    }
    if (!done) {
        m_error->showMessage(error.message);
        return false;
    }
    afterAction(row);
    return true;
}

bool ReviewQueueView::rejectSelected()
{
    const ReviewItem *item = selectedItem();
    if (!item || item->kind != ReviewItem::Kind::File) {
        return false;
    }
    const int row = m_view->currentIndex().row();
    ServiceError error;
    if (!DocumentService(*m_context.db, *m_context.clock)
             .review(item->taskFileId, false, m_note->text(), m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        m_note->setFocus();
        return false;
    }
    afterAction(row);
    return true;
}

void ReviewQueueView::afterAction(int row)
{
    m_note->clear();
    m_error->clear();
    m_view->setCurrentIndex(QModelIndex());
    refresh();
    if (m_model->rowCount() > 0) {
        m_view->setCurrentIndex(m_model->index(qMin(row, m_model->rowCount() - 1), 0));
    }
    Q_EMIT changed();
}

bool ReviewQueueView::saveSelected()
{
    const ReviewItem *item = selectedItem();
    if (!item || item->kind != ReviewItem::Kind::File) {
        return false;
    }
    QString error;
    const std::optional<TaskFile> file
        = TaskFileRepository(*m_context.db).get(item->taskFileId, 0, &error);
    if (!file) {
        return false;
    }
    const QString path = FileDialog::saveFileName(
        this, tr("Save a copy of %1").arg(file->file.name),
        QDir(QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
            .filePath(DocumentService::cleanFileName(file->file.name)),
        QString());
    if (path.isEmpty()) {
        return false;
    }
    QSaveFile out(path);
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

} // namespace Gatehouse
