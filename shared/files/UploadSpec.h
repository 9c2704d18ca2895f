#pragma once

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace Gatehouse {

// What an upload task accepts, as staff set it in the task's config:
// {"accept": ["pdf", "image"], "maxMegabytes": 25}.
struct UploadSpec
{
    static constexpr int kDefaultMegabytes = 25;
    static constexpr int kMaxMegabytes = 100; // the portal's front door lets no more through

    QStringList accept;
    int maxMegabytes = kDefaultMegabytes;

    qint64 maxBytes() const { return qint64(maxMegabytes) * 1024 * 1024; }

    // Strict, for saving what staff chose: unknown categories or sizes out of range are refused.
    static std::optional<UploadSpec> fromConfig(const QJsonObject &config, QString *error);
    // For reading a stored task: anything missing or odd falls back to the defaults.
    static UploadSpec fromConfigOrDefault(const QJsonObject &config);
    QJsonObject toConfig() const;
};

} // namespace Gatehouse
