#include "InviteResultPanel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

InviteResultPanel::InviteResultPanel(QWidget *parent)
    : QFrame(parent)
    , m_message(new QLabel(this))
    , m_link(new QLineEdit(this))
    , m_copy(new QPushButton(tr("Copy link"), this))
    , m_close(new QPushButton(tr("Dismiss"), this))
{
    setObjectName(QStringLiteral("invitePanel"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("QFrame#invitePanel { background: #eef6ee; border: 1px solid "
                                 "#b9d8bb; border-radius: 4px; }"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_link->setObjectName(QStringLiteral("inviteLink"));
    m_link->setReadOnly(true);
    m_copy->setObjectName(QStringLiteral("copyInviteLink"));

    auto *row = new QHBoxLayout;
    row->addWidget(m_link, 1);
    row->addWidget(m_copy);
    row->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addWidget(m_message);
    layout->addLayout(row);

    connect(m_copy, &QPushButton::clicked, this, &InviteResultPanel::copyLink);
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    hide();
}

void InviteResultPanel::showInvite(const QString &contactName, const QString &email,
                                   const QString &link)
{
    m_message->setText(tr("The invitation to %1 <%2> is queued for sending. It replaces any "
                          "earlier invitation. You can also pass on the link yourself:")
                           .arg(contactName, email));
    m_link->setText(link);
    m_link->setCursorPosition(0);
    m_copy->setText(tr("Copy link"));
    show();
}

QString InviteResultPanel::message() const
{
    return m_message->text();
}

QString InviteResultPanel::link() const
{
    return m_link->text();
}

void InviteResultPanel::copyLink()
{
    QGuiApplication::clipboard()->setText(m_link->text());
    m_copy->setText(tr("Copied"));
}

} // namespace Gatehouse
