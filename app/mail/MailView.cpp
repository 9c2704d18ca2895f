#include "MailView.h"

#include "core/MessageBox.h"
#include "mail/OutboxRepository.h"
#include "models/OutboxModel.h"
#include "widgets/EmptyState.h"
#include "widgets/ErrorLabel.h"

#include <QDesktopServices>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace Gatehouse {

MailView::MailView(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new OutboxModel(this))
    , m_delivery(new QLabel(this))
    , m_openMailbox(new QPushButton(tr("Open mailbox folder"), this))
    , m_table(new QTableView(this))
    , m_body(new QPlainTextEdit(this))
    , m_error(new ErrorLabel(this))
{
    m_delivery->setObjectName(QStringLiteral("mailDelivery"));
    m_delivery->setWordWrap(true);
    m_delivery->setTextFormat(Qt::PlainText);
    m_delivery->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setDeliveryRoute(m_context.smtpUrl);
    m_openMailbox->setObjectName(QStringLiteral("openMailbox"));

    m_table->setObjectName(QStringLiteral("mailTable"));
    m_table->setAccessibleName(tr("Outgoing mail"));
    m_table->setTabKeyNavigation(false);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(OutboxModel::TimeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(OutboxModel::ToColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(OutboxModel::SubjectColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(OutboxModel::StatusColumn, QHeaderView::Interactive);
    m_table->setColumnWidth(OutboxModel::ToColumn, 240);
    m_table->setColumnWidth(OutboxModel::StatusColumn, 200);
    m_empty = new EmptyState(m_table,
                             tr("No mail yet. Invitations and sign-in codes appear here as soon "
                                "as they are queued."),
                             this);

    m_body->setObjectName(QStringLiteral("mailBody"));
    m_body->setAccessibleName(tr("Message"));
    m_body->setTabChangesFocus(true);
    m_body->setReadOnly(true);
    m_body->setPlaceholderText(tr("Select a message to read it."));
    m_body->setLineWrapMode(QPlainTextEdit::WidgetWidth);

    auto *top = new QHBoxLayout;
    top->addWidget(m_delivery, 1);
    top->addWidget(m_openMailbox);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(12);
    splitter->addWidget(m_empty);
    splitter->addWidget(m_body);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({420, 280});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MailView::showCurrentMessage);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MailView::showCurrentMessage);
    connect(m_openMailbox, &QPushButton::clicked, this, &MailView::openMailbox);

    refresh();
}

void MailView::refresh()
{
    QString error;
    const QList<MailMessage> messages
        = OutboxRepository(*m_context.db).recent(kRecentLimit, &error);
    if (!error.isEmpty()) {
        m_error->showMessage(tr("The outbox could not be read: %1").arg(error));
        return;
    }
    m_error->hide();
    const QModelIndex current = m_table->currentIndex();
    const qint64 currentId = current.isValid() ? current.data(OutboxModel::IdRole).toLongLong() : 0;
    m_model->setRows(messages);
    if (currentId != 0 && !m_table->currentIndex().isValid()) {
        selectMessage(currentId);
    }
    m_empty->setEmpty(messages.isEmpty());
    showCurrentMessage();
}

bool MailView::selectMessage(qint64 messageId)
{
    const int row = m_model->rowOf(messageId);
    if (row < 0) {
        return false;
    }
    m_table->setCurrentIndex(m_model->index(row, 0));
    m_table->scrollTo(m_table->currentIndex());
    return true;
}

void MailView::showCurrentMessage()
{
    const QModelIndex current = m_table->currentIndex();
    const QString body
        = current.isValid() ? current.data(OutboxModel::BodyRole).toString() : QString();
    if (m_body->toPlainText() != body) {
        m_body->setPlainText(body);
    }
}

void MailView::openMailbox()
{
    QDir().mkpath(m_context.mailboxPath);
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_context.mailboxPath))) {
        MessageBox::warning(this, tr("Mailbox"),
                            tr("No file manager could open %1.")
                                .arg(QDir::toNativeSeparators(m_context.mailboxPath)));
    }
}

void MailView::setDeliveryRoute(const QString &smtpUrl)
{
    m_context.smtpUrl = smtpUrl;
    if (smtpUrl.isEmpty()) {
        m_delivery->setText(tr("Without SMTP, mail is delivered to %1")
                                .arg(QDir::toNativeSeparators(m_context.mailboxPath)));
    } else {
        m_delivery->setText(tr("Mail is sent through %1.").arg(smtpUrl));
    }
    m_openMailbox->setVisible(smtpUrl.isEmpty());
}

} // namespace Gatehouse
