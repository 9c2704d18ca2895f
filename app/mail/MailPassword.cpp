#include "MailPassword.h"

#include <QCoreApplication>
#include <QUrl>

namespace Gatehouse {

MailPassword::MailPassword(QObject *parent)
    : QObject(parent)
    , m_keychain(new Keychain(
          QStringLiteral("Gatehouse mail (%1)").arg(QCoreApplication::applicationName()), this))
{}

QString MailPassword::keyFor(const MailConfig &config)
{
    if (config.user.isEmpty() || !config.usesSmtp()) {
        return {};
    }
    const QUrl url(config.smtpUrl);
    const int defaultPort = url.scheme() == QLatin1String("smtps") ? 465 : 25;
    return QStringLiteral("%1@%2:%3")
        .arg(config.user, url.host().toLower())
        .arg(url.port(defaultPort));
}

void MailPassword::read(const MailConfig &config,
                        std::function<void(const Keychain::Result &, const QString &)> done)
{
    const QString key = keyFor(config);
    if (key.isEmpty()) {
        done({Keychain::Status::NotFound, tr("No SMTP user is set.")}, QString());
        return;
    }
    m_keychain->read(
        key, [done = std::move(done)](const Keychain::Result &result, SecureBytes secret) {
            // The outbox hands it to libcurl as a string; it lives as long as the settings do.
            done(result, result.ok() ? QString::fromUtf8(secret.chars(), qsizetype(secret.size()))
                                     : QString());
        });
}

void MailPassword::write(const MailConfig &config, const QString &password,
                         std::function<void(const Keychain::Result &)> done)
{
    const QString key = keyFor(config);
    if (key.isEmpty()) {
        done({Keychain::Status::Failed, tr("Set the SMTP server and user before the password.")});
        return;
    }
    m_keychain->write(key, SecureBytes::fromUtf8(password), std::move(done));
}

void MailPassword::remove(const MailConfig &config,
                          std::function<void(const Keychain::Result &)> done)
{
    const QString key = keyFor(config);
    if (key.isEmpty()) {
        done({Keychain::Status::Ok, QString()});
        return;
    }
    m_keychain->remove(key, std::move(done));
}

} // namespace Gatehouse
