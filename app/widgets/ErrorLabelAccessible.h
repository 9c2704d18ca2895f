#pragma once

#include <QAccessibleWidget>

namespace Gatehouse {

class ErrorLabel;

// What assistive tools see of an ErrorLabel: an alert whose name is the message, so a screen
// reader says it when it appears instead of leaving it to be found.
class ErrorLabelAccessible : public QAccessibleWidget
{
public:
    explicit ErrorLabelAccessible(ErrorLabel *label);

    QString text(QAccessible::Text t) const override;

    // Makes Qt use this class for every ErrorLabel; safe to call more than once.
    static void install();
};

} // namespace Gatehouse
