#include "ConsoleOptions.h"

#include "ScreenshotTour.h"
#include "mail/MailTransport.h"

#include <QCommandLineParser>
#include <QUrl>

namespace Gatehouse {

ConsoleOptions::Outcome ConsoleOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Gatehouse staff console."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        tr("Show this help."));
    const QCommandLineOption versionOption(QStringLiteral("version"), tr("Show the version."));
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"), tr("Data folder (database, mailbox)."), QStringLiteral("DIR"));
    const QCommandLineOption databaseOption(
        QStringLiteral("database"),
        tr("postgresql://user:pass@host:port/db, or a SQLite file (default: the data folder's "
           "gatehouse.sqlite)."),
        QStringLiteral("URL"));
    const QCommandLineOption portOption(
        QStringLiteral("portal-port"),
        tr("Port of the portal this console runs on 127.0.0.1 (default %1).")
            .arg(kDefaultPortalPort),
        QStringLiteral("N"));
    const QCommandLineOption noPortalOption(
        QStringLiteral("no-portal"),
        tr("Do not run the portal inside the console (a separate portal server does)."));
    const QCommandLineOption publicUrlOption(
        QStringLiteral("public-url"),
        tr("The address clients use to reach the portal; links in mail use it."),
        QStringLiteral("URL"));
    const QCommandLineOption smtpUrlOption(
        QStringLiteral("smtp-url"),
        tr("smtp://host:587 or smtps://host:465; the password is read from the environment "
           "variable GATEHOUSE_SMTP_PASSWORD. Without it, mail goes to the data folder's "
           "mailbox."),
        QStringLiteral("URL"));
    const QCommandLineOption smtpUserOption(QStringLiteral("smtp-user"), tr("SMTP user name."),
                                            QStringLiteral("USER"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        tr("Open the demo workspace of the data folder (made if there is none yet) as its admin, "
           "without signing in. For trying Gatehouse out: the demo's password is public."));
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"),
        tr("With --demo: save pictures of the console's main areas in DIR, then quit."),
        QStringLiteral("DIR"));
    const QCommandLineOption screenshotPagesOption(
        QStringLiteral("screenshot-pages"),
        tr("With --screenshots: only these pictures, comma-separated (%1).")
            .arg(ScreenshotTour::shotNames().join(QLatin1String(", "))),
        QStringLiteral("NAMES"));
    parser.addOptions({helpOption, versionOption, dataDirOption, databaseOption, portOption,
                       noPortalOption, publicUrlOption, smtpUrlOption, smtpUserOption, demoOption,
                       screenshotsOption, screenshotPagesOption});
    m_helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        m_errorText = parser.errorText();
        return Outcome::Error;
    }
    if (parser.isSet(helpOption)) {
        return Outcome::ShowHelp;
    }
    if (parser.isSet(versionOption)) {
        return Outcome::ShowVersion;
    }
    if (!parser.positionalArguments().isEmpty()) {
        m_errorText = tr("Unexpected argument \"%1\"; try --help.")
                          .arg(parser.positionalArguments().constFirst());
        return Outcome::Error;
    }
    dataDir = parser.value(dataDirOption);
    databaseUrl = parser.value(databaseOption);
    embeddedPortal = !parser.isSet(noPortalOption);
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535) {
            m_errorText = tr("--portal-port needs a port number from 0 to 65535, not \"%1\".")
                              .arg(parser.value(portOption));
            return Outcome::Error;
        }
        portalPort = static_cast<quint16>(port);
    }
    publicUrl = parser.value(publicUrlOption);
    if (!publicUrl.isEmpty()) {
        const QUrl url(publicUrl, QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
            m_errorText = tr("--public-url needs an http:// or https:// address, not \"%1\".")
                              .arg(publicUrl);
            return Outcome::Error;
        }
    }
    demo = parser.isSet(demoOption);
    screenshotDir = parser.value(screenshotsOption);
    // Screenshots sign in by themselves, which only the public demo account may.
    if (parser.isSet(screenshotsOption) && (!demo || screenshotDir.isEmpty())) {
        m_errorText = tr("--screenshots needs --demo and a folder.");
        return Outcome::Error;
    }
    if (parser.isSet(screenshotPagesOption)) {
        if (screenshotDir.isEmpty()) {
            m_errorText = tr("--screenshot-pages needs --screenshots.");
            return Outcome::Error;
        }
        const QStringList known = ScreenshotTour::shotNames();
        screenshotPages = parser.value(screenshotPagesOption).split(QLatin1Char(','));
        for (const QString &page : std::as_const(screenshotPages)) {
            if (!known.contains(page)) {
                m_errorText = tr("There is no screenshot \"%1\"; choose from %2.")
                                  .arg(page, known.join(QLatin1String(", ")));
                return Outcome::Error;
            }
        }
    }
    smtpUrl = parser.value(smtpUrlOption);
    smtpUser = parser.value(smtpUserOption);
    QString smtpError;
    if (!smtpUrl.isEmpty() && !SmtpTransport::validateUrl(smtpUrl, &smtpError)) {
        m_errorText = smtpError;
        return Outcome::Error;
    }
    return Outcome::Run;
}

QString ConsoleOptions::effectivePublicUrl() const
{
    if (!publicUrl.isEmpty()) {
        return publicUrl;
    }
    return QStringLiteral("http://127.0.0.1:%1").arg(portalPort);
}

} // namespace Gatehouse
