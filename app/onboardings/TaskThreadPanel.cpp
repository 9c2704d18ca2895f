#include "TaskThreadPanel.h"

#include "domain/Onboarding.h"
#include "models/AuditModel.h"
#include "services/CommentService.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace Gatehouse {

TaskThreadPanel::TaskThreadPanel(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_list(new QListWidget(this))
    , m_editor(new QPlainTextEdit(this))
    , m_internal(new QCheckBox(tr("&Internal note (never shown to the client)"), this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_error(new ErrorLabel(this))
{
    auto *title = new QLabel(tr("Conversation"), this);
    QFont heading = title->font();
    heading.setBold(true);
    title->setFont(heading);
    m_list->setWordWrap(true);
    m_list->setAccessibleName(tr("Conversation"));
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_editor->setPlaceholderText(
        tr("Write to the client, or an internal note (Ctrl+Return sends)"));
    m_editor->setAccessibleName(tr("Message"));
    m_editor->setTabChangesFocus(true);
    m_editor->setMaximumHeight(m_editor->fontMetrics().lineSpacing() * 4);
    m_send->setToolTip(tr("Send (Ctrl+Return)"));

    auto *row = new QHBoxLayout;
    row->addWidget(m_internal, 1);
    row->addWidget(m_send);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_editor);
    layout->addLayout(row);
    layout->addWidget(m_error);

    connect(m_send, &QPushButton::clicked, this, &TaskThreadPanel::send);
    auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_editor);
    shortcut->setContext(Qt::WidgetShortcut);
    shortcut->setWhatsThis(tr("Send the comment"));
    connect(shortcut, &QShortcut::activated, this, &TaskThreadPanel::send);
    hide();
}

void TaskThreadPanel::showTask(const Task &task)
{
    if (task.id != m_taskId) {
        m_editor->clear();
        m_internal->setChecked(false);
        m_error->clear();
    }
    m_taskId = task.id;
    reload();
    show();
}

void TaskThreadPanel::clear()
{
    m_taskId = 0;
    m_list->clear();
    hide();
}

void TaskThreadPanel::reload()
{
    QString error;
    const QList<TaskComment> comments
        = CommentService(*m_context.db, *m_context.clock).forStaff(m_taskId, &error);
    m_list->clear();
    for (const TaskComment &comment : comments) {
        const QString who = comment.internal ? tr("%1, internal note").arg(comment.authorName)
                                             : comment.authorName;
        auto *item = new QListWidgetItem(
            tr("%1 · %2\n%3").arg(who, AuditModel::timeText(comment.createdAtMs), comment.body),
            m_list);
        if (comment.internal) {
            QFont italic = item->font();
            italic.setItalic(true);
            item->setFont(italic);
            item->setBackground(palette().alternateBase());
        }
    }
    if (comments.isEmpty()) {
        new QListWidgetItem(tr("No messages yet."), m_list);
    }
    m_list->scrollToBottom();
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The conversation could not be read: %1").arg(error));
    }
}

bool TaskThreadPanel::send()
{
    ServiceError error;
    if (!CommentService(*m_context.db, *m_context.clock)
             .addAsStaff(m_taskId, m_editor->toPlainText(), m_internal->isChecked(),
                         m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    m_error->clear();
    m_editor->clear();
    m_internal->setChecked(false);
    reload();
    return true;
}

} // namespace Gatehouse
