#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Gatehouse {

// The console's command line:
//   gatehouse [--data-dir DIR] [--database URL] [--portal-port N | --no-portal]
//             [--public-url URL] [--smtp-url URL] [--smtp-user USER]
// The SMTP password comes from the environment (GATEHOUSE_SMTP_PASSWORD), never the command
// line, where other users of the machine could read it.
class ConsoleOptions
{
    Q_DECLARE_TR_FUNCTIONS(Gatehouse::ConsoleOptions)
public:
    enum class Outcome { Run, ShowHelp, ShowVersion, Error };

    static constexpr quint16 kDefaultPortalPort = 8080;

    Outcome parse(const QStringList &arguments);

    QString dataDir;     // empty: the default data folder
    QString databaseUrl; // empty: the data folder's SQLite file
    quint16 portalPort = kDefaultPortalPort;
    bool embeddedPortal = true;
    QString publicUrl; // empty: the embedded portal's address
    QString smtpUrl;   // empty: the local mailbox
    QString smtpUser;

    QString helpText() const { return m_helpText; }
    QString errorText() const { return m_errorText; }

    // The address links in mail use: --public-url, else the embedded portal's.
    QString effectivePublicUrl() const;

private:
    QString m_helpText;
    QString m_errorText;
};

} // namespace Gatehouse
