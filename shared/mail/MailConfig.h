#pragma once

#include "MailTransport.h"

#include <QString>

namespace Gatehouse {

// Outgoing mail as staff set it in the console (CON-10), kept in the database so that every
// program on it sends the same way. The password is not part of it: the console keeps it in the
// OS keychain, a portal server reads it from its environment.
struct MailConfig
{
    QString smtpUrl; // empty: mail goes to the local mailbox folder
    QString user;
    QString fromAddress; // empty: the built-in sender
    QString fromName;    // empty: the built-in name

    bool usesSmtp() const { return !smtpUrl.isEmpty(); }
    bool operator==(const MailConfig &other) const
    {
        return smtpUrl == other.smtpUrl && user == other.user && fromAddress == other.fromAddress
               && fromName == other.fromName;
    }
    bool operator!=(const MailConfig &other) const { return !(*this == other); }

    // What the outbox needs to send with this configuration.
    MailSettings settings(const QString &password, const QString &mailboxPath) const;
};

} // namespace Gatehouse
