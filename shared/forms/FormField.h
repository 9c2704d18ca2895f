#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse {

enum class FormFieldType {
    ShortText,
    LongText,
    SingleSelect,
    MultiSelect,
    YesNo,
    Date,
    Email,
    Phone,
    Number,
    Url
};

// As stored in a form task's config and spoken by the API ("short_text", "yes_no", ...).
QString toKey(FormFieldType type);
std::optional<FormFieldType> formFieldTypeFromString(const QString &text);
QString displayName(FormFieldType type);
bool hasOptions(FormFieldType type);

// One question of a form, as staff define it.
struct FormField
{
    QString id; // stable key of the answer in every entry
    QString label;
    FormFieldType type = FormFieldType::ShortText;
    bool required = false;
    QString help;
    QStringList options; // single and multi select only

    bool operator==(const FormField &other) const
    {
        return id == other.id && label == other.label && type == other.type
               && required == other.required && help == other.help && options == other.options;
    }
};

} // namespace Gatehouse
