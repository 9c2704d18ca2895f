#include "ErrorLabel.h"

namespace Gatehouse {

ErrorLabel::ErrorLabel(QWidget *parent)
    : QLabel(parent)
{
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
    show();
}

} // namespace Gatehouse
