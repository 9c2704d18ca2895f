#include "ErrorLabel.h"

#include "ErrorLabelAccessible.h"
#include "core/DatabaseHealth.h"
#include "core/ServiceError.h"

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
    // While the database is gone a failed save only knows "something went wrong"; say what and
    // that the edits are still here, in this one place rather than in every dialog.
    if (DatabaseHealth::anyUnreachable()) {
        const QString why = tr("The database cannot be reached, so this was not saved. What you "
                               "entered is kept: try again when it is back.");
        setText(message == ServiceError::internalMessage() ? why : message + u'\n' + why);
    } else {
        setText(message);
    }
    setAccessibleDescription(text());
    show();
    // Shown once already, a new message would otherwise go unsaid.
    QAccessibleEvent alert(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
    QAccessibleEvent nameChanged(this, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&nameChanged);
}

} // namespace Gatehouse
