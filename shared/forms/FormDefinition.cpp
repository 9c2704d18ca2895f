#include "FormDefinition.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <cmath>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::FormDefinition", text);
}

bool validId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]+$"));
    return !id.isEmpty() && id.size() <= FormDefinition::kMaxIdLength
           && pattern.match(id).hasMatch();
}

// Empty answers count as no answer: null, absent, "", [] (a yes/no's false is an answer).
bool isEmptyAnswer(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull()
           || (value.isString() && value.toString().trimmed().isEmpty())
           || (value.isArray() && value.toArray().isEmpty());
}

bool validEmail(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$"));
    return text.size() <= FormDefinition::kMaxEmail && pattern.match(text).hasMatch();
}

bool validPhone(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\+?[0-9 ()./-]+$"));
    int digits = 0;
    for (const QChar c : text) {
        digits += c.isDigit() ? 1 : 0;
    }
    return text.size() <= FormDefinition::kMaxPhone && pattern.match(text).hasMatch() && digits >= 5
           && digits <= 20;
}

bool validUrl(const QString &text)
{
    if (text.size() > FormDefinition::kMaxUrl) {
        return false;
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
           && !url.host().isEmpty();
}

QString checkText(const QString &text, int limit)
{
    if (text.size() > limit) {
        return tr("This answer can be at most %1 characters long.").arg(limit);
    }
    return QString();
}

QString checkAnswer(const FormField &field, const QJsonValue &value)
{
    switch (field.type) {
    case FormFieldType::ShortText:
    case FormFieldType::LongText:
        if (!value.isString()) {
            return tr("Enter text.");
        }
        return checkText(value.toString(), field.type == FormFieldType::ShortText
                                               ? FormDefinition::kMaxShortText
                                               : FormDefinition::kMaxLongText);
    case FormFieldType::SingleSelect:
        if (!value.isString()) {
            return tr("Choose one of the options.");
        }
        if (!field.options.contains(value.toString())) {
            return tr("Choose one of the options offered.");
        }
        return QString();
    case FormFieldType::MultiSelect: {
        if (!value.isArray()) {
            return tr("Choose from the options.");
        }
        QSet<QString> seen;
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString() || !field.options.contains(item.toString())) {
                return tr("Choose only options offered.");
            }
            if (seen.contains(item.toString())) {
                return tr("Choose each option at most once.");
            }
            seen.insert(item.toString());
        }
        return QString();
    }
    case FormFieldType::YesNo:
        return value.isBool() ? QString() : tr("Answer yes or no.");
    case FormFieldType::Date: {
        static const QRegularExpression pattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        if (!value.isString() || !pattern.match(value.toString()).hasMatch()
            || !QDate::fromString(value.toString(), Qt::ISODate).isValid()) {
            return tr("Enter a date as YYYY-MM-DD.");
        }
        return QString();
    }
    case FormFieldType::Email:
        if (!value.isString() || !validEmail(value.toString().trimmed())) {
            return tr("Enter an email address such as name@example.com.");
        }
        return QString();
    case FormFieldType::Phone:
        if (!value.isString() || !validPhone(value.toString().trimmed())) {
            return tr("Enter a phone number: digits, spaces and + ( ) - only.");
        }
        return QString();
    case FormFieldType::Number:
        if (!value.isDouble() || !std::isfinite(value.toDouble())) {
            return tr("Enter a number.");
        }
        return QString();
    case FormFieldType::Url:
        if (!value.isString() || !validUrl(value.toString().trimmed())) {
            return tr("Enter a web address starting with https:// or http://.");
        }
        return QString();
    }
    return tr("This answer cannot be read.");
}

QString fieldName(int index, const QString &id)
{
    // The position is what staff see in the builder; the id is what a JSON author wrote.
    return id.isEmpty() ? tr("Field %1").arg(index + 1)
                        : tr("Field %1 (\"%2\")").arg(index + 1).arg(id);
}

} // namespace

std::optional<FormDefinition> FormDefinition::fromConfig(const QJsonObject &config, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<FormDefinition> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    FormDefinition definition;
    const QJsonValue multiple = config.value(QStringLiteral("multipleEntries"));
    if (!multiple.isUndefined() && !multiple.isBool()) {
        return fail(tr("\"multipleEntries\" must be true or false."));
    }
    definition.multipleEntries = multiple.toBool(false);
    const QJsonValue fields = config.value(QStringLiteral("fields"));
    if (!fields.isUndefined() && !fields.isArray()) {
        return fail(tr("\"fields\" must be a list."));
    }
    const QJsonArray list = fields.toArray();
    for (int i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject()) {
            return fail(tr("Field %1 is not an object.").arg(i + 1));
        }
        const QJsonObject object = list.at(i).toObject();
        FormField field;
        const QJsonValue id = object.value(QStringLiteral("id"));
        const QJsonValue label = object.value(QStringLiteral("label"));
        const QJsonValue type = object.value(QStringLiteral("type"));
        const QJsonValue required = object.value(QStringLiteral("required"));
        const QJsonValue help = object.value(QStringLiteral("help"));
        const QJsonValue options = object.value(QStringLiteral("options"));
        if (!id.isString() || !label.isString() || !type.isString()
            || !(required.isUndefined() || required.isBool())
            || !(help.isUndefined() || help.isString())
            || !(options.isUndefined() || options.isArray())) {
            return fail(tr("%1: id, label and type must be text, required true or false, help "
                           "text and options a list.")
                            .arg(fieldName(i, id.toString())));
        }
        field.id = id.toString();
        field.label = label.toString().trimmed();
        field.required = required.toBool(false);
        field.help = help.toString().trimmed();
        const std::optional<FormFieldType> known = formFieldTypeFromString(type.toString());
        if (!known) {
            return fail(tr("%1 has an unknown type \"%2\".")
                            .arg(fieldName(i, field.id), type.toString().left(40)));
        }
        field.type = *known;
        for (const QJsonValue &option : options.toArray()) {
            if (!option.isString()) {
                return fail(tr("%1: every option must be text.").arg(fieldName(i, field.id)));
            }
            field.options.append(option.toString().trimmed());
        }
        definition.fields.append(field);
    }
    QString why;
    if (!definition.check(&why)) {
        return fail(why);
    }
    return definition;
}

bool FormDefinition::check(QString *error) const
{
    const auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    if (fields.size() > kMaxFields) {
        return fail(tr("A form can have at most %1 fields.").arg(kMaxFields));
    }
    QSet<QString> ids;
    for (int i = 0; i < fields.size(); ++i) {
        const FormField &field = fields.at(i);
        const QString name = fieldName(i, field.id);
        if (!validId(field.id)) {
            return fail(tr("%1 needs an id of at most %2 letters, digits, '-' or '_'.")
                            .arg(fieldName(i, field.id.left(kMaxIdLength)))
                            .arg(kMaxIdLength));
        }
        if (ids.contains(field.id)) {
            return fail(tr("Two fields have the id \"%1\"; each needs its own.").arg(field.id));
        }
        ids.insert(field.id);
        if (field.label.trimmed().isEmpty()) {
            return fail(tr("%1 needs a label.").arg(name));
        }
        if (field.label.size() > kMaxLabelLength) {
            return fail(tr("%1: the label can be at most %2 characters long.")
                            .arg(name)
                            .arg(kMaxLabelLength));
        }
        if (field.help.size() > kMaxHelpLength) {
            return fail(tr("%1: the help text can be at most %2 characters long.")
                            .arg(name)
                            .arg(kMaxHelpLength));
        }
        if (!hasOptions(field.type)) {
            if (!field.options.isEmpty()) {
                return fail(tr("%1: only choice fields have options.").arg(name));
            }
            continue;
        }
        if (field.options.isEmpty()) {
            return fail(tr("%1 (\"%2\") needs at least one option.").arg(name, field.label));
        }
        if (field.options.size() > kMaxOptions) {
            return fail(tr("%1 can have at most %2 options.").arg(name).arg(kMaxOptions));
        }
        QSet<QString> seen;
        for (const QString &option : field.options) {
            if (option.trimmed().isEmpty() || option.size() > kMaxOptionLength) {
                return fail(tr("%1: every option needs a text of 1 to %2 characters.")
                                .arg(name)
                                .arg(kMaxOptionLength));
            }
            if (seen.contains(option)) {
                return fail(tr("%1 offers \"%2\" twice.").arg(name, option));
            }
            seen.insert(option);
        }
    }
    return true;
}

QJsonObject FormDefinition::toConfig() const
{
    QJsonArray list;
    for (const FormField &field : fields) {
        QJsonObject object{{QStringLiteral("id"), field.id},
                           {QStringLiteral("label"), field.label},
                           {QStringLiteral("type"), toKey(field.type)},
                           {QStringLiteral("required"), field.required},
                           {QStringLiteral("help"), field.help}};
        if (hasOptions(field.type)) {
            object.insert(QStringLiteral("options"), QJsonArray::fromStringList(field.options));
        }
        list.append(object);
    }
    return {{QStringLiteral("fields"), list}, {QStringLiteral("multipleEntries"), multipleEntries}};
}

const FormField *FormDefinition::field(const QString &id) const
{
    for (const FormField &field : fields) {
        if (field.id == id) {
            return &field;
        }
    }
    return nullptr;
}

FieldErrors FormDefinition::validate(const QJsonObject &entry) const
{
    FieldErrors errors;
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        if (!field(it.key())) {
            errors.insert(it.key().left(kMaxIdLength), tr("This form has no such field."));
        }
    }
    for (const FormField &field : fields) {
        const QJsonValue value = entry.value(field.id);
        if (isEmptyAnswer(value)) {
            if (field.required) {
                errors.insert(field.id, tr("This field is required."));
            }
            continue;
        }
        const QString message = checkAnswer(field, value);
        if (!message.isEmpty()) {
            errors.insert(field.id, message);
        }
    }
    return errors;
}

QJsonObject FormDefinition::normalised(const QJsonObject &entry) const
{
    QJsonObject result;
    for (const FormField &field : fields) {
        const QJsonValue value = entry.value(field.id);
        if (isEmptyAnswer(value)) {
            continue;
        }
        switch (field.type) {
        case FormFieldType::Email:
        case FormFieldType::Phone:
        case FormFieldType::Url:
            result.insert(field.id, value.toString().trimmed());
            break;
        case FormFieldType::ShortText:
        case FormFieldType::LongText:
        case FormFieldType::SingleSelect:
        case FormFieldType::MultiSelect:
        case FormFieldType::YesNo:
        case FormFieldType::Date:
        case FormFieldType::Number:
            result.insert(field.id, value);
            break;
        }
    }
    return result;
}

} // namespace Gatehouse
