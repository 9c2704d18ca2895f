#pragma once

#include "MailMessage.h"

#include <QString>

#include <memory>

namespace Gatehouse {

struct MailSettings
{
    QString smtpUrl; // smtp://host:port or smtps://host:port; empty: local mailbox
    QString user;
    QString password;
    QString fromAddress = QStringLiteral("portal@gatehouse.invalid");
    QString fromName = QStringLiteral("Gatehouse");
    QString mailboxPath; // where mail goes without SMTP
    // The console reads the password from the keychain after the outbox has started; until
    // it arrives the outbox waits rather than trying the server without it.
    bool waitingForPassword = false;
};

// Hands one composed message to whatever carries it.
class MailTransport
{
public:
    virtual ~MailTransport() = default;
    [[nodiscard]] virtual bool send(const MailMessage &message, qint64 nowMs, QString *error) = 0;

    // SMTP when a URL is set, otherwise the local mailbox folder.
    static std::unique_ptr<MailTransport> create(const MailSettings &settings);
};

// libcurl SMTP: smtps:// is TLS from the first byte; smtp:// must upgrade with STARTTLS,
// except to a relay on this machine's loopback, which may speak plain SMTP.
class SmtpTransport : public MailTransport
{
public:
    explicit SmtpTransport(MailSettings settings);
    [[nodiscard]] bool send(const MailMessage &message, qint64 nowMs, QString *error) override;

    [[nodiscard]] static bool validateUrl(const QString &url, QString *error);

    // The server's last reply line of the last send ("250 2.0.0 Ok: queued as ..."), to show
    // people what the server said.
    QString lastReply() const { return m_lastReply; }

private:
    MailSettings m_settings;
    QString m_lastReply;
};

// Writes each message as an .eml file, named so that sorting by name is delivery order.
class MailboxTransport : public MailTransport
{
public:
    explicit MailboxTransport(MailSettings settings);
    [[nodiscard]] bool send(const MailMessage &message, qint64 nowMs, QString *error) override;

private:
    MailSettings m_settings;
};

} // namespace Gatehouse
