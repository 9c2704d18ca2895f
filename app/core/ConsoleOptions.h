#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Gatehouse {

// The console's command line:
//   gatehouse [--data-dir DIR] [--database URL] [--portal-port N | --no-portal]
//             [--public-url URL] [--smtp-url URL] [--smtp-user USER]
//             [--demo [--screenshots DIR [--screenshot-pages NAMES]]]
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
    // --demo: the demo workspace in the data folder (made when there is none), signed in as its
    // admin without asking; the demo's password is public, so this is for trying things only.
    bool demo = false;
    // --screenshots DIR (with --demo only): write the main areas to DIR as PNGs, then quit.
    QString screenshotDir;
    QStringList screenshotPages; // empty: all of ScreenshotTour::shotNames()

    QString helpText() const { return m_helpText; }
    QString errorText() const { return m_errorText; }

    // The address links in mail use: --public-url, else the embedded portal's.
    QString effectivePublicUrl() const;

private:
    QString m_helpText;
    QString m_errorText;
};

} // namespace Gatehouse
