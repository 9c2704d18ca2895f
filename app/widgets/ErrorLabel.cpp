#include "ErrorLabel.h"

#include "ErrorLabelAccessible.h"

#include <QAccessible>

namespace Gatehouse {

ErrorLabel::ErrorLabel(QWidget *parent)
    : QLabel(parent)
{
    ErrorLabelAccessible::install();
    setObjectName(QStringLiteral("errorLabel"));
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setStyleSheet(QStringLiteral("QLabel { color: #a61b1b; background: #fdecec; "
                                 "border: 1px solid #f3c1c1; border-radius: 4px; "
                                 "padding: 6px 8px; }"));
    hide();
}

void ErrorLabel::showMessage(const QString &message)
{
    setText(message);
    setAccessibleDescription(message);
    show();
    // Shown once already, a new message would otherwise go unsaid.
    QAccessibleEvent alert(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
    QAccessibleEvent nameChanged(this, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&nameChanged);
}

} // namespace Gatehouse
