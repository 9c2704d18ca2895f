#include "ChecklistDefinition.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::ChecklistDefinition", text);
}

} // namespace

std::optional<ChecklistDefinition> ChecklistDefinition::fromConfig(const QJsonObject &config,
                                                                   QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<ChecklistDefinition> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    const QJsonValue items = config.value(QStringLiteral("items"));
    if (!items.isUndefined() && !items.isArray()) {
        return fail(tr("\"items\" must be a list."));
    }
    ChecklistDefinition definition;
    const QJsonArray list = items.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject object = list.at(i).toObject();
        const QJsonValue id = object.value(QStringLiteral("id"));
        const QJsonValue text = object.value(QStringLiteral("text"));
        if (!list.at(i).isObject() || !id.isString() || !text.isString()) {
            return fail(tr("Item %1 needs an id and a text.").arg(i + 1));
        }
        definition.items.append({id.toString(), text.toString().trimmed()});
    }
    QString why;
    if (!definition.check(&why)) {
        return fail(why);
    }
    return definition;
}

bool ChecklistDefinition::check(QString *error) const
{
    const auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (items.size() > kMaxItems) {
        return fail(tr("A checklist can have at most %1 items.").arg(kMaxItems));
    }
    QSet<QString> ids;
    for (int i = 0; i < items.size(); ++i) {
        const ChecklistItem &item = items.at(i);
        if (item.id.isEmpty() || item.id.size() > kMaxIdLength
            || !idPattern.match(item.id).hasMatch()) {
            return fail(tr("Item %1 needs an id of at most %2 letters, digits, '-' or '_'.")
                            .arg(i + 1)
                            .arg(kMaxIdLength));
        }
        if (ids.contains(item.id)) {
            return fail(tr("Two items have the id \"%1\"; each needs its own.").arg(item.id));
        }
        ids.insert(item.id);
        if (item.text.trimmed().isEmpty() || item.text.size() > kMaxTextLength) {
            return fail(
                tr("Item %1 needs a text of 1 to %2 characters.").arg(i + 1).arg(kMaxTextLength));
        }
    }
    return true;
}

QJsonObject ChecklistDefinition::toConfig() const
{
    QJsonArray list;
    for (const ChecklistItem &item : items) {
        list.append(
            QJsonObject{{QStringLiteral("id"), item.id}, {QStringLiteral("text"), item.text}});
    }
    return {{QStringLiteral("items"), list}};
}

const ChecklistItem *ChecklistDefinition::item(const QString &id) const
{
    for (const ChecklistItem &item : items) {
        if (item.id == id) {
            return &item;
        }
    }
    return nullptr;
}

QString ChecklistDefinition::freeId() const
{
    for (int n = items.size() + 1;; ++n) {
        const QString id = QStringLiteral("item-%1").arg(n);
        if (!item(id)) {
            return id;
        }
    }
}

} // namespace Gatehouse
