#pragma once

#include "mail/MailConfig.h"
#include "vault/Keychain.h"

#include <QObject>

#include <functional>

namespace Gatehouse {

// The SMTP password in the OS keychain (CON-10), never in the database or a settings file. It
// is filed under the user and server it belongs to, so a password typed for one server is never
// offered to another after the address changes.
class MailPassword : public QObject
{
    Q_OBJECT
public:
    explicit MailPassword(QObject *parent = nullptr);

    // "user@host:port"; empty when the configuration has no SMTP user.
    static QString keyFor(const MailConfig &config);

    void read(const MailConfig &config,
              std::function<void(const Keychain::Result &, const QString &password)> done);
    void write(const MailConfig &config, const QString &password,
               std::function<void(const Keychain::Result &)> done);
    void remove(const MailConfig &config, std::function<void(const Keychain::Result &)> done);

private:
    Keychain *m_keychain;
};

} // namespace Gatehouse
