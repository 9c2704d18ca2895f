#include "EmptyState.h"

#include <QLabel>

namespace Gatehouse {

EmptyState::EmptyState(QWidget *content, const QString &message, QWidget *parent)
    : QStackedWidget(parent)
    , m_label(new QLabel(message, this))
{
    m_label->setObjectName(QStringLiteral("emptyStateLabel"));
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setWordWrap(true);
    m_label->setMargin(24);
    m_label->setForegroundRole(QPalette::PlaceholderText);
    m_label->setAutoFillBackground(true);
    m_label->setBackgroundRole(QPalette::Base);
    addWidget(content);
    addWidget(m_label);
}

void EmptyState::setMessage(const QString &message)
{
    m_label->setText(message);
}

QString EmptyState::message() const
{
    return m_label->text();
}

void EmptyState::setEmpty(bool empty)
{
    setCurrentIndex(empty ? 1 : 0);
}

} // namespace Gatehouse
