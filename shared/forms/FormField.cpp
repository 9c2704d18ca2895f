#include "FormField.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

struct TypeName
{
    FormFieldType type;
    const char *key;
    const char *label;
};

const TypeName kTypes[] = {
    {FormFieldType::ShortText, "short_text",
     QT_TRANSLATE_NOOP("Gatehouse::FormField", "Short text")},
    {FormFieldType::LongText, "long_text", QT_TRANSLATE_NOOP("Gatehouse::FormField", "Long text")},
    {FormFieldType::SingleSelect, "single_select",
     QT_TRANSLATE_NOOP("Gatehouse::FormField", "Single choice")},
    {FormFieldType::MultiSelect, "multi_select",
     QT_TRANSLATE_NOOP("Gatehouse::FormField", "Multiple choice")},
    {FormFieldType::YesNo, "yes_no", QT_TRANSLATE_NOOP("Gatehouse::FormField", "Yes or no")},
    {FormFieldType::Date, "date", QT_TRANSLATE_NOOP("Gatehouse::FormField", "Date")},
    {FormFieldType::Email, "email", QT_TRANSLATE_NOOP("Gatehouse::FormField", "Email address")},
    {FormFieldType::Phone, "phone", QT_TRANSLATE_NOOP("Gatehouse::FormField", "Phone number")},
    {FormFieldType::Number, "number", QT_TRANSLATE_NOOP("Gatehouse::FormField", "Number")},
    {FormFieldType::Url, "url", QT_TRANSLATE_NOOP("Gatehouse::FormField", "Web address")},
};

} // namespace

QString toKey(FormFieldType type)
{
    for (const TypeName &name : kTypes) {
        if (name.type == type) {
            return QLatin1String(name.key);
        }
    }
    return QString();
}

std::optional<FormFieldType> formFieldTypeFromString(const QString &text)
{
    for (const TypeName &name : kTypes) {
        if (text == QLatin1String(name.key)) {
            return name.type;
        }
    }
    return std::nullopt;
}

QString displayName(FormFieldType type)
{
    for (const TypeName &name : kTypes) {
        if (name.type == type) {
            return QCoreApplication::translate("Gatehouse::FormField", name.label);
        }
    }
    return QString();
}

bool hasOptions(FormFieldType type)
{
    return type == FormFieldType::SingleSelect || type == FormFieldType::MultiSelect;
}

} // namespace Gatehouse
