#include "MailConfig.h"

namespace Gatehouse {

MailSettings MailConfig::settings(const QString &password, const QString &mailboxPath) const
{
    MailSettings settings;
    settings.smtpUrl = smtpUrl;
    settings.user = user;
    settings.password = password;
    settings.mailboxPath = mailboxPath;
    if (!fromAddress.isEmpty()) {
        settings.fromAddress = fromAddress;
    }
    if (!fromName.isEmpty()) {
        settings.fromName = fromName;
    }
    return settings;
}

} // namespace Gatehouse
