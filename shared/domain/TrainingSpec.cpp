#include "TrainingSpec.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::TrainingSpec", text);
}

const QString kMode = QStringLiteral("mode");
const QString kVideoUrl = QStringLiteral("videoUrl");
const QString kEmbedUrl = QStringLiteral("embedUrl");
const QString kProvider = QStringLiteral("provider");
const QString kInstructions = QStringLiteral("instructions");
const QString kVideo = QStringLiteral("video");
const QString kInPerson = QStringLiteral("in_person");

bool matches(const QString &pattern, const QString &text)
{
    return QRegularExpression(QStringLiteral("^(?:") + pattern + QStringLiteral(")$"))
        .match(text)
        .hasMatch();
}

QString youTubeId(const QUrl &url)
{
    const QString host = url.host().toLower();
    const QStringList path = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString id;
    if (host == QLatin1String("youtu.be")) {
        id = path.value(0);
    } else if (host == QLatin1String("youtube.com") || host == QLatin1String("www.youtube.com")
               || host == QLatin1String("m.youtube.com")
               || host == QLatin1String("www.youtube-nocookie.com")
               || host == QLatin1String("youtube-nocookie.com")) {
        if (path.value(0) == QLatin1String("watch") && path.size() == 1) {
            id = QUrlQuery(url).queryItemValue(QStringLiteral("v"));
        } else if (path.size() == 2
                   && (path.at(0) == QLatin1String("embed") || path.at(0) == QLatin1String("shorts")
                       || path.at(0) == QLatin1String("live"))) {
            id = path.at(1);
        }
    }
    return matches(QStringLiteral("[A-Za-z0-9_-]{11}"), id) ? id : QString();
}

// Returns "123456" or "123456?h=abcdef" (an unlisted video's hash goes along).
QString vimeoId(const QUrl &url)
{
    const QString host = url.host().toLower();
    const QStringList path = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString id;
    QString hash;
    if (host == QLatin1String("vimeo.com") || host == QLatin1String("www.vimeo.com")) {
        id = path.value(0);
        hash = path.value(1);
    } else if (host == QLatin1String("player.vimeo.com")
               && path.value(0) == QLatin1String("video")) {
        id = path.value(1);
        hash = QUrlQuery(url).queryItemValue(QStringLiteral("h"));
    }
    if (!matches(QStringLiteral("[0-9]{1,20}"), id) || path.size() > 3) {
        return QString();
    }
    if (hash.isEmpty()) {
        return id;
    }
    return matches(QStringLiteral("[0-9a-f]{6,40}"), hash) ? id + QStringLiteral("?h=") + hash
                                                           : QString();
}

QString loomId(const QUrl &url)
{
    const QString host = url.host().toLower();
    const QStringList path = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if ((host != QLatin1String("loom.com") && host != QLatin1String("www.loom.com"))
        || path.size() != 2
        || (path.at(0) != QLatin1String("share") && path.at(0) != QLatin1String("embed"))) {
        return QString();
    }
    return matches(QStringLiteral("[0-9a-fA-F]{32}"), path.at(1)) ? path.at(1).toLower()
                                                                  : QString();
}

} // namespace

TrainingSpec TrainingSpec::video(const QString &url)
{
    TrainingSpec spec;
    spec.mode = Mode::Video;
    spec.videoUrl = url.trimmed();
    return spec;
}

TrainingSpec TrainingSpec::inPerson(const QString &instructions)
{
    TrainingSpec spec;
    spec.mode = Mode::InPerson;
    spec.instructions = instructions.trimmed();
    return spec;
}

QString TrainingSpec::embedUrlFor(const QString &text, QString *provider, QString *error)
{
    const auto refuse = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return QString();
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return refuse(tr("Enter the address of the training video."));
    }
    if (trimmed.size() > kMaxUrlLength) {
        return refuse(tr("The video address can be at most 2000 characters long."));
    }
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:"));
    // People paste "youtu.be/..." without a scheme; nothing but http(s) is accepted otherwise.
    const QString withScheme
        = trimmed.contains(scheme) ? trimmed : QStringLiteral("https://") + trimmed;
    const QUrl url(withScheme, QUrl::StrictMode);
    const QString urlScheme = url.scheme().toLower();
    if (!url.isValid()
        || (urlScheme != QLatin1String("https") && urlScheme != QLatin1String("http"))
        || !url.userInfo().isEmpty() || (url.port() != -1 && url.port() != 443)) {
        return refuse(tr("The video address is not a valid web address."));
    }
    const QString youtube = youTubeId(url);
    if (!youtube.isEmpty()) {
        *provider = QStringLiteral("youtube");
        return QStringLiteral("https://www.youtube-nocookie.com/embed/") + youtube;
    }
    const QString vimeo = vimeoId(url);
    if (!vimeo.isEmpty()) {
        *provider = QStringLiteral("vimeo");
        return QStringLiteral("https://player.vimeo.com/video/") + vimeo;
    }
    const QString loom = loomId(url);
    if (!loom.isEmpty()) {
        *provider = QStringLiteral("loom");
        return QStringLiteral("https://www.loom.com/embed/") + loom;
    }
    return refuse(tr("Use a video link from YouTube, Vimeo or Loom; other sites cannot be shown "
                     "in the portal."));
}

QStringList TrainingSpec::embedOrigins()
{
    return {QStringLiteral("https://www.youtube-nocookie.com"),
            QStringLiteral("https://player.vimeo.com"), QStringLiteral("https://www.loom.com")};
}

FieldErrors TrainingSpec::normalise()
{
    FieldErrors errors;
    if (mode == Mode::Video) {
        QString error;
        QString found;
        embedUrl = embedUrlFor(videoUrl, &found, &error);
        provider = found;
        if (embedUrl.isEmpty()) {
            errors.insert(kVideoUrl, error);
        }
        instructions.clear();
        return errors;
    }
    videoUrl.clear();
    embedUrl.clear();
    provider.clear();
    if (instructions.trimmed().isEmpty()) {
        errors.insert(kInstructions, tr("Tell the contact where and when the training takes "
                                        "place."));
    } else if (instructions.size() > kMaxInstructionsLength) {
        errors.insert(kInstructions, tr("The instructions can be at most 4000 characters long."));
    }
    return errors;
}

std::optional<TrainingSpec> TrainingSpec::fromConfig(const QJsonObject &config, FieldErrors *errors)
{
    FieldErrors found;
    TrainingSpec spec;
    const QString mode = config.value(kMode).toString();
    if (mode == kVideo) {
        const QJsonValue url = config.value(kVideoUrl);
        spec = video(url.toString());
        if (!url.isString()) {
            found.insert(kVideoUrl, tr("The video address must be text."));
        }
    } else if (mode == kInPerson) {
        const QJsonValue instructions = config.value(kInstructions);
        spec = inPerson(instructions.toString());
        if (!instructions.isString()) {
            found.insert(kInstructions, tr("The instructions must be text."));
        }
    } else {
        found.insert(kMode, tr("Choose a video or a training in person."));
    }
    if (found.isEmpty()) {
        found = spec.normalise();
    }
    if (errors) {
        *errors = found;
    }
    if (!found.isEmpty()) {
        return std::nullopt;
    }
    return spec;
}

QJsonObject TrainingSpec::toConfig() const
{
    if (mode == Mode::InPerson) {
        return {{kMode, kInPerson}, {kInstructions, instructions}};
    }
    return {{kMode, kVideo}, {kVideoUrl, videoUrl}, {kEmbedUrl, embedUrl}, {kProvider, provider}};
}

bool TrainingSpec::isInPerson(const QJsonObject &config)
{
    return config.value(kMode).toString() == kInPerson;
}

} // namespace Gatehouse
