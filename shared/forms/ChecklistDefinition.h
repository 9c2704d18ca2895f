#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

struct ChecklistItem
{
    QString id; // stable, so that ticks survive staff rewording or reordering the items
    QString text;

    bool operator==(const ChecklistItem &other) const
    {
        return id == other.id && text == other.text;
    }
};

// A checklist task's items as held in the task's config JSON: {"items": [{"id", "text"}, ...]}.
class ChecklistDefinition
{
public:
    static constexpr int kMaxItems = 200;
    static constexpr int kMaxIdLength = 64;
    static constexpr int kMaxTextLength = 500;

    QList<ChecklistItem> items;

    static std::optional<ChecklistDefinition> fromConfig(const QJsonObject &config, QString *error);
    QJsonObject toConfig() const;
    [[nodiscard]] bool check(QString *error) const;
    const ChecklistItem *item(const QString &id) const;
    // An id no item has yet, for an item added in the console.
    QString freeId() const;
};

} // namespace Gatehouse
