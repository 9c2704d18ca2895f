#include "ErrorLabelAccessible.h"

#include "ErrorLabel.h"

namespace Gatehouse {

namespace {

QAccessibleInterface *factory(const QString &className, QObject *object)
{
    if (className == QLatin1String("Gatehouse::ErrorLabel")) {
        if (auto *label = qobject_cast<ErrorLabel *>(object)) {
            return new ErrorLabelAccessible(label);
        }
    }
    return nullptr;
}

} // namespace

ErrorLabelAccessible::ErrorLabelAccessible(ErrorLabel *label)
    : QAccessibleWidget(label, QAccessible::AlertMessage)
{}

QString ErrorLabelAccessible::text(QAccessible::Text t) const
{
    if (t == QAccessible::Name) {
        return static_cast<const ErrorLabel *>(widget())->text();
    }
    return QAccessibleWidget::text(t);
}

void ErrorLabelAccessible::install()
{
    static bool installed = false;
    if (!installed) {
        QAccessible::installFactory(factory);
        installed = true;
    }
}

} // namespace Gatehouse
