#include "UploadSpec.h"

#include "FileTypes.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::UploadSpec", text);
}

} // namespace

std::optional<UploadSpec> UploadSpec::fromConfig(const QJsonObject &config, QString *error)
{
    const auto refuse = [error](const QString &message) -> std::optional<UploadSpec> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    UploadSpec spec;
    const QJsonValue accept = config.value(QStringLiteral("accept"));
    if (accept.isUndefined()) {
        spec.accept = FileTypes::defaultCategories();
    } else if (!accept.isArray()) {
        return refuse(tr("Choose which kinds of files are accepted."));
    } else {
        for (const QJsonValue &value : accept.toArray()) {
            const QString category = value.toString();
            if (!FileTypes::categories().contains(category)) {
                return refuse(tr("\"%1\" is not a kind of file Gatehouse knows.").arg(category));
            }
            if (!spec.accept.contains(category)) {
                spec.accept.append(category);
            }
        }
        if (spec.accept.isEmpty()) {
            return refuse(tr("Accept at least one kind of file."));
        }
    }
    const QJsonValue size = config.value(QStringLiteral("maxMegabytes"));
    if (!size.isUndefined()) {
        const double megabytes = size.toDouble(-1);
        if (!size.isDouble() || megabytes != int(megabytes) || megabytes < 1
            || megabytes > kMaxMegabytes) {
            return refuse(
                tr("The size limit must be a whole number of MB from 1 to %1.").arg(kMaxMegabytes));
        }
        spec.maxMegabytes = int(megabytes);
    }
    return spec;
}

UploadSpec UploadSpec::fromConfigOrDefault(const QJsonObject &config)
{
    return fromConfig(config, nullptr).value_or(UploadSpec{FileTypes::defaultCategories()});
}

QJsonObject UploadSpec::toConfig() const
{
    return {{QStringLiteral("accept"), QJsonArray::fromStringList(accept)},
            {QStringLiteral("maxMegabytes"), maxMegabytes}};
}

} // namespace Gatehouse
