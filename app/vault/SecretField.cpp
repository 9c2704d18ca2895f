#include "SecretField.h"

#include "SecretClipboard.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

namespace Gatehouse {

SecretField::SecretField(const QString &value, bool masked, SecretClipboard *clipboard,
                         QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(value, this))
    , m_copy(new QPushButton(tr("Copy"), this))
{
    m_edit->setReadOnly(true);
    m_edit->setObjectName(QStringLiteral("secretValue"));
    m_copy->setObjectName(QStringLiteral("copySecret"));
    m_copy->setToolTip(tr("Copies it to the clipboard for %n second(s).", nullptr,
                          int(clipboard->clearTimeout().count() / 1000)));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    if (masked) {
        m_edit->setEchoMode(QLineEdit::Password);
        m_show = new QToolButton(this);
        m_show->setObjectName(QStringLiteral("showSecret"));
        m_show->setCheckable(true);
        m_show->setText(tr("Show"));
        layout->addWidget(m_show);
        connect(m_show, &QToolButton::toggled, this, [this](bool shown) {
            m_edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
            m_show->setText(shown ? tr("Hide") : tr("Show"));
        });
    }
    layout->addWidget(m_copy);
    // The line edit's text, not a copy kept here: it is the only copy in this widget.
    connect(m_copy, &QPushButton::clicked, this,
            [this, clipboard] { clipboard->copy(m_edit->text()); });
}

SecretField::~SecretField()
{
    m_edit->clear();
}

bool SecretField::isMasked() const
{
    return m_edit->echoMode() == QLineEdit::Password;
}

} // namespace Gatehouse
