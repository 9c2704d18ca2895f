#include "RevealReasonDialog.h"

#include "vault/CredentialService.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

RevealReasonDialog::RevealReasonDialog(const QString &what, QWidget *parent)
    : QDialog(parent)
    , m_reason(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("revealReasonDialog"));
    setWindowTitle(tr("Reveal %1").arg(what));
    auto *label = new QLabel(tr("Why are you revealing %1? Optional; the reason is recorded "
                                "with the reveal in the audit trail and the client's timeline.")
                                 .arg(what),
                             this);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    m_reason->setObjectName(QStringLiteral("revealReason"));
    m_reason->setMaxLength(CredentialService::kMaxReasonLength);
    m_reason->setPlaceholderText(tr("For example: setting up the firewall"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Reveal"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_reason);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(460, sizeHint().height());
}

QString RevealReasonDialog::reason() const
{
    return m_reason->text().simplified();
}

} // namespace Gatehouse
