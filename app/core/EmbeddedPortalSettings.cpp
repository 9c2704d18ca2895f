#include "EmbeddedPortalSettings.h"

#include "http/TlsFiles.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUrl>

namespace Gatehouse {

namespace {

const QString kPublicUrlKey = QStringLiteral("portal/publicUrl");
const QString kCertificateKey = QStringLiteral("portal/tlsCertificateFile");
const QString kKeyKey = QStringLiteral("portal/tlsKeyFile");

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::EmbeddedPortalSettings", text);
}

} // namespace

EmbeddedPortalSettings EmbeddedPortalSettings::load()
{
    const QSettings settings;
    EmbeddedPortalSettings loaded;
    loaded.publicUrl = settings.value(kPublicUrlKey).toString();
    loaded.tlsCertificateFile = settings.value(kCertificateKey).toString();
    loaded.tlsKeyFile = settings.value(kKeyKey).toString();
    return loaded;
}

QString EmbeddedPortalSettings::problem() const
{
    if (!publicUrl.isEmpty()) {
        const QUrl url(publicUrl, QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
            || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()) {
            return tr("The portal address must be a web address such as "
                      "https://portal.example.com, without a user, query or fragment.");
        }
    }
    if (tlsCertificateFile.isEmpty() != tlsKeyFile.isEmpty()) {
        return tr("Choose both the TLS certificate and its key, or neither.");
    }
    if (usesTls()) {
        QString why;
        if (!TlsFiles::load(tlsCertificateFile, tlsKeyFile, &why)) {
            return tr("The TLS files cannot be used: %1").arg(why);
        }
    }
    return {};
}

bool EmbeddedPortalSettings::save(QString *error) const
{
    const QString wrong = problem();
    if (!wrong.isEmpty()) {
        if (error) {
            *error = wrong;
        }
        return false;
    }
    QSettings settings;
    settings.setValue(kPublicUrlKey, publicUrl);
    settings.setValue(kCertificateKey, tlsCertificateFile);
    settings.setValue(kKeyKey, tlsKeyFile);
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        if (error) {
            *error = tr("The settings could not be written.");
        }
        return false;
    }
    return true;
}

} // namespace Gatehouse
