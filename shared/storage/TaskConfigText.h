#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace Gatehouse {

// A task's config column: compact JSON text, '{}' when empty; unreadable text reads as empty.
inline QString configToText(const QJsonObject &config)
{
    return QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact));
}

inline QJsonObject configFromText(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace Gatehouse
