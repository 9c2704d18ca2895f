#pragma once

#include "FieldErrors.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Gatehouse {

// A training task's settings (its config): a video the contact watches in the portal, or a
// session in person that staff mark done. Videos come from three hosts only and are always
// stored as their embed address, which is what the portal's CSP lets it frame.
struct TrainingSpec
{
    enum class Mode { Video, InPerson };

    static constexpr int kMaxInstructionsLength = 4000;
    static constexpr int kMaxUrlLength = 2000;

    Mode mode = Mode::Video;
    QString videoUrl;     // as staff pasted it
    QString embedUrl;     // derived from videoUrl, never taken from input
    QString provider;     // "youtube", "vimeo" or "loom"
    QString instructions; // in person: where, when, what to bring

    static TrainingSpec video(const QString &url);
    static TrainingSpec inPerson(const QString &instructions);

    // Every field checked (and embedUrl/provider filled for a video); empty when it can be saved.
    FieldErrors normalise();
    static std::optional<TrainingSpec> fromConfig(const QJsonObject &config, FieldErrors *errors);
    QJsonObject toConfig() const;
    static bool isInPerson(const QJsonObject &config);

    // The embed address for a YouTube, Vimeo or Loom link; empty (and *error set) for any other.
    static QString embedUrlFor(const QString &url, QString *provider, QString *error);
    // The origins the portal may frame: exactly the three embed hosts.
    static QStringList embedOrigins();
};

} // namespace Gatehouse
