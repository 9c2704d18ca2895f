#pragma once

#include "FormField.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Gatehouse {

// Field id -> what is wrong with its answer, for people to read next to the field.
using FieldErrors = QMap<QString, QString>;

// A form task's questions as held in the task's config JSON:
//     {"fields": [{"id", "label", "type", "required", "help", "options"}, ...],
//      "multipleEntries": false}
// Parsing refuses anything a form could not be filled in with; validate() is the server's check
// of one entry (the browser's check is a convenience, this one is the rule).
class FormDefinition
{
public:
    static constexpr int kMaxFields = 100;
    static constexpr int kMaxIdLength = 64;
    static constexpr int kMaxLabelLength = 200;
    static constexpr int kMaxHelpLength = 1000;
    static constexpr int kMaxOptions = 100;
    static constexpr int kMaxOptionLength = 200;
    static constexpr int kMaxShortText = 500;
    static constexpr int kMaxLongText = 10000;
    static constexpr int kMaxEmail = 254;
    static constexpr int kMaxPhone = 40;
    static constexpr int kMaxUrl = 2000;

    QList<FormField> fields;
    bool multipleEntries = false;

    // Reads "fields" and "multipleEntries" of a task's config; other keys are not looked at.
    static std::optional<FormDefinition> fromConfig(const QJsonObject &config, QString *error);
    // {"fields": [...], "multipleEntries": ...}, to be merged into a task's config.
    QJsonObject toConfig() const;
    // The same checks as fromConfig(), on a definition built in code (the console's builder).
    [[nodiscard]] bool check(QString *error) const;

    const FormField *field(const QString &id) const;

    // Checks an entry ({"<field id>": answer, ...}); empty when it may be stored. Answers to
    // fields the form does not have are refused under their own key.
    FieldErrors validate(const QJsonObject &entry) const;
    // The entry as stored: known fields only, empty answers left out, text kept as written.
    QJsonObject normalised(const QJsonObject &entry) const;

    bool operator==(const FormDefinition &other) const
    {
        return fields == other.fields && multipleEntries == other.multipleEntries;
    }
};

} // namespace Gatehouse
