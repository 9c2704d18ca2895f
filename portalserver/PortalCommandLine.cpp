#include "PortalCommandLine.h"

#include "PortalHost.h"
#include "config/DataDir.h"
#include "core/Clock.h"
#include "domain/Actor.h"
#include "http/TlsFiles.h"
#include "mail/MailTransport.h"
#include "security/Tokens.h"
#include "services/InviteService.h"
#include "services/MailConfigService.h"
#include "services/WorkspaceSetup.h"
#include "storage/Database.h"
#include "storage/DatabaseBackup.h"
#include "storage/DirectoryRepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <csignal>
#include <cstdio>
#ifdef Q_OS_WIN
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#else
#include <unistd.h>
#endif

namespace Gatehouse {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

int fail(const QString &message)
{
    // One line, even when the message quotes a driver's multi-line error.
    QTextStream(stderr) << "gatehouse-portal: " << message.simplified() << Qt::endl;
    return 1;
}

const char kHelp[] = R"(
Commands:
  serve [--listen ADDR:PORT]  Serve the portal (default 127.0.0.1:8080) and deliver mail;
        [--threads N]         with N threads on the port (default: the number of cores).
  migrate                     Bring the database schema up to date and exit.
  demo                        Create the demo workspace unless a workspace exists.
  invite EMAIL [--company N]  Print a fresh invite link for the contact with EMAIL.
  invite --company N --all    Invite by email every contact of company N not yet invited.
  backup FILE                 Back the whole database up to FILE (SQLite: a database file;
                              PostgreSQL: a pg_dump archive, which needs pg_dump on the PATH).
  restore FILE                Replace all data with the backup in FILE (pg_restore and psql
                              on PostgreSQL). Portal servers may keep running.

Mail goes to <data dir>/mailbox unless --smtp-url is given; the SMTP password is read from
the environment variable GATEHOUSE_SMTP_PASSWORD.)";

volatile std::sig_atomic_t s_stopRequested = 0;

void requestStop(int)
{
    s_stopRequested = 1; // all a signal handler may safely do; a timer notices it
}

// backup FILE and restore FILE; progress goes to a terminal, never into a log.
int backupOrRestore(const Database &db, bool restoring, const QString &file)
{
    if (file.isEmpty()) {
        return fail(QStringLiteral("%1 needs a file name.")
                        .arg(restoring ? QStringLiteral("restore") : QStringLiteral("backup")));
    }
    DatabaseBackup backup(db, Clock::system());
    BackupControl control;
    const bool terminal = isatty(fileno(stderr));
    int shown = -1;
    control.progress = [terminal, &shown](double fraction) {
        const int percent = int(fraction * 100);
        if (terminal && fraction >= 0 && percent != shown) {
            shown = percent;
            QTextStream(stderr) << '\r' << percent << "% " << Qt::flush;
        }
    };
    backup.setControl(control);
    const Actor actor = Actor::system(QStringLiteral("command line"));
    QString error;
    const bool ok = restoring ? backup.restore(file, actor, 0, &error)
                              : backup.backup(file, actor, 0, &error);
    if (terminal && shown >= 0) {
        QTextStream(stderr) << '\r' << Qt::flush;
    }
    if (!ok) {
        return fail(error);
    }
    out() << (restoring ? "Restored the database from " : "Backed up the database to ")
          << QDir::toNativeSeparators(file) << '.' << Qt::endl;
    return 0;
}

// invite --company NAME --all: the console's "invite everyone" from the command line, through
// the same service (so the bench measures what staff use).
int inviteAll(const Database &db, const QString &companyName, const QString &publicUrl)
{
    if (companyName.isEmpty()) {
        return fail(QStringLiteral("invite --all needs --company NAME."));
    }
    QString error;
    const std::optional<Workspace> workspace = DirectoryRepository(db).workspace(&error);
    if (!workspace) {
        return fail(error.isEmpty() ? QStringLiteral("the database has no workspace yet.") : error);
    }
    const QList<Company> companies = DirectoryRepository(db).companies(workspace->id, &error);
    qint64 companyId = 0;
    for (const Company &company : companies) {
        if (company.name.compare(companyName, Qt::CaseInsensitive) == 0) {
            companyId = company.id;
        }
    }
    if (companyId == 0) {
        return fail(error.isEmpty() ? QStringLiteral("there is no company %1.").arg(companyName)
                                    : error);
    }
    InviteService invites(db, Clock::system(),
                          publicUrl.isEmpty() ? QStringLiteral("http://127.0.0.1:8080")
                                              : publicUrl);
    ServiceError serviceError;
    const std::optional<QList<qint64>> ids = invites.uninvitedContacts(companyId, &serviceError);
    if (!ids) {
        return fail(serviceError.message);
    }
    int invited = 0;
    for (qsizetype at = 0; at < ids->size(); at += InviteService::kBatchSize) {
        const std::optional<int> batch
            = invites.inviteBatch(ids->mid(at, InviteService::kBatchSize),
                                  Actor::system(QStringLiteral("command line")), &serviceError);
        if (!batch) {
            out() << "Invited " << invited << " before an error." << Qt::endl;
            return fail(serviceError.message);
        }
        invited += *batch;
    }
    out() << "Queued " << invited << " invitation mails for " << companyName << '.' << Qt::endl;
    return 0;
}

} // namespace

int PortalCommandLine::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Gatehouse client portal server.")
                                     + QString::fromLatin1(kHelp));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("Data folder (database, mailbox)."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption databaseOption(
        QStringLiteral("database"),
        QStringLiteral("postgresql://user:pass@host:port/db, or a SQLite file (default: the "
                       "data folder's gatehouse.sqlite)."),
        QStringLiteral("URL"));
    const QCommandLineOption publicUrlOption(
        QStringLiteral("public-url"),
        QStringLiteral("The address clients use to reach the portal; links in mail use it."),
        QStringLiteral("URL"));
    const QCommandLineOption listenOption(
        QStringLiteral("listen"), QStringLiteral("serve: address and port to listen on."),
        QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption smtpUrlOption(
        QStringLiteral("smtp-url"),
        QStringLiteral("smtp://host:587 or smtps://host:465 "
                       "(default: the console's mail settings)."),
        QStringLiteral("URL"));
    const QCommandLineOption smtpUserOption(
        QStringLiteral("smtp-user"), QStringLiteral("SMTP user name."), QStringLiteral("USER"));
    const QCommandLineOption mailFromOption(QStringLiteral("mail-from"),
                                            QStringLiteral("Sender address of portal mail."),
                                            QStringLiteral("ADDRESS"));
    const QCommandLineOption trustedProxyOption(
        QStringLiteral("trusted-proxy"),
        QStringLiteral("serve: a reverse proxy (address or CIDR, repeatable) whose "
                       "X-Forwarded-For names the client."),
        QStringLiteral("CIDR"));
    const QCommandLineOption tlsOption(
        QStringLiteral("tls"),
        QStringLiteral(
            "serve: speak HTTPS; without --tls-cert, with a self-signed certificate kept "
            "in the data folder."));
    const QCommandLineOption tlsCertOption(
        QStringLiteral("tls-cert"), QStringLiteral("serve: PEM certificate (chain) for HTTPS."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsKeyOption(QStringLiteral("tls-key"),
                                          QStringLiteral("serve: PEM private key for HTTPS."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption threadsOption(
        QStringLiteral("threads"),
        QStringLiteral("serve: how many threads serve requests, each with its own database "
                       "connection, on one port (default: the number of cores)."),
        QStringLiteral("N"), QString::number(qMax(1, QThread::idealThreadCount())));
    const QCommandLineOption companyOption(QStringLiteral("company"),
                                           QStringLiteral("invite: the contact's company."),
                                           QStringLiteral("NAME"));
    const QCommandLineOption allOption(
        QStringLiteral("all"),
        QStringLiteral("invite: every contact of --company not yet invited, by email."));
    parser.addOptions({dataDirOption, databaseOption, publicUrlOption, listenOption, smtpUrlOption,
                       smtpUserOption, mailFromOption, trustedProxyOption, tlsOption, tlsCertOption,
                       tlsKeyOption, threadsOption, companyOption, allOption});
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("serve, migrate, demo, invite, backup or restore."));
    parser.addPositionalArgument(QStringLiteral("argument"),
                                 QStringLiteral("invite: the contact; backup, restore: the file."),
                                 QStringLiteral("[EMAIL|FILE]"));
    if (!parser.parse(arguments)) {
        return fail(parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText() << Qt::flush;
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << QCoreApplication::applicationName() << ' '
              << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    const QStringList known
        = {QStringLiteral("serve"),  QStringLiteral("migrate"), QStringLiteral("demo"),
           QStringLiteral("invite"), QStringLiteral("backup"),  QStringLiteral("restore")};
    if (!known.contains(command)) {
        return fail(command.isEmpty()
                        ? QStringLiteral("no command given; try --help.")
                        : QStringLiteral("unknown command \"%1\"; try --help.").arg(command));
    }
    if (!Tokens::initialise()) {
        return fail(QStringLiteral("libsodium could not be initialised."));
    }

    const DataDir dataDir(parser.value(dataDirOption));
    QString error;
    if (!dataDir.ensureExists(&error)) {
        return fail(error);
    }
    const std::optional<DatabaseConfig> dbConfig
        = parser.isSet(databaseOption)
              ? DatabaseConfig::fromUrl(parser.value(databaseOption), &error)
              : DatabaseConfig::sqlite(dataDir.databaseFile());
    if (!dbConfig) {
        return fail(error);
    }
    Database db(*dbConfig);
    if (!db.open(&error) || !db.migrate(&error)) {
        return fail(error);
    }
    const QString publicUrl = parser.value(publicUrlOption);

    if (command == QLatin1String("migrate")) {
        out() << "Schema is at version " << db.schemaVersion() << '.' << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("backup") || command == QLatin1String("restore")) {
        return backupOrRestore(db, command == QLatin1String("restore"), positional.value(1));
    }
    if (command == QLatin1String("demo")) {
        WorkspaceSetup setup(db, Clock::system());
        DemoCredentials demo;
        bool created = false;
        if (!setup.ensureDemo(&demo, &created, &error)) {
            return fail(error);
        }
        out() << (created ? "Created the demo workspace in " : "A workspace already exists in ")
              << dbConfig->describe() << '.' << Qt::endl;
        QString authError;
        if (DirectoryRepository(db).authenticateStaff(demo.adminEmail, demo.adminPassword,
                                                      &authError)) {
            out() << "Demo admin for the console: " << demo.adminEmail << " / "
                  << demo.adminPassword << Qt::endl;
            out() << "Demo contact for the portal: " << demo.contactEmail << Qt::endl;
        }
        return 0;
    }
    if (command == QLatin1String("invite") && parser.isSet(allOption)) {
        return inviteAll(db, parser.value(companyOption), publicUrl);
    }
    if (command == QLatin1String("invite")) {
        const QString email = positional.value(1);
        if (email.isEmpty()) {
            return fail(QStringLiteral("invite needs the contact's email address."));
        }
        QList<Contact> contacts = DirectoryRepository(db).contactsByEmail(email, &error);
        if (parser.isSet(companyOption)) {
            const QString company = parser.value(companyOption);
            contacts.removeIf([&company](const Contact &contact) {
                return contact.companyName.compare(company, Qt::CaseInsensitive) != 0;
            });
        }
        if (contacts.isEmpty()) {
            return fail(error.isEmpty()
                            ? QStringLiteral("there is no contact with the email %1.").arg(email)
                            : error);
        }
        if (contacts.size() > 1) {
            return fail(QStringLiteral("%1 is a contact at several companies; choose one with "
                                       "--company NAME.")
                            .arg(email));
        }
        ServiceError serviceError;
        InviteService invites(db, Clock::system(),
                              publicUrl.isEmpty() ? QStringLiteral("http://127.0.0.1:8080")
                                                  : publicUrl);
        const std::optional<QString> link
            = invites.invite(contacts.first().id, Actor::system(QStringLiteral("command line")),
                             false, &serviceError);
        if (!link) {
            return fail(serviceError.message);
        }
        out() << "Invite link for " << contacts.first().name << " (" << contacts.first().companyName
              << "):" << Qt::endl
              << *link << Qt::endl;
        return 0;
    }

    // serve
    if (!WorkspaceSetup(db, Clock::system()).hasWorkspace(&error)) {
        return fail(error.isEmpty() ? QStringLiteral("the database has no workspace yet: create "
                                                     "one in the console, or run "
                                                     "`gatehouse-portal demo`.")
                                    : error);
    }
    std::optional<PortalConfig> config
        = PortalServer::parseListen(parser.value(listenOption), &error);
    if (!config) {
        return fail(error);
    }
    config->publicUrl = publicUrl;
    config->spoolPath = dataDir.spoolPath();
    bool threadsOk = false;
    config->threads = parser.value(threadsOption).toInt(&threadsOk);
    if (!threadsOk || config->threads < 1 || config->threads > 256) {
        return fail(QStringLiteral("--threads wants a number from 1 to 256, not \"%1\".")
                        .arg(parser.value(threadsOption)));
    }
    if (parser.isSet(tlsCertOption) != parser.isSet(tlsKeyOption)) {
        return fail(QStringLiteral("--tls-cert and --tls-key go together."));
    }
    if (parser.isSet(tlsCertOption)) {
        config->tlsCertificateFile = parser.value(tlsCertOption);
        config->tlsKeyFile = parser.value(tlsKeyOption);
    } else if (parser.isSet(tlsOption)
               && !TlsFiles::ensureSelfSigned(QDir(dataDir.path()).filePath(QStringLiteral("tls")),
                                              QUrl(publicUrl).host(), &config->tlsCertificateFile,
                                              &config->tlsKeyFile, &error)) {
        return fail(error);
    }
    for (const QString &cidr : parser.values(trustedProxyOption)) {
        const QString subnet = cidr.contains(QLatin1Char('/'))   ? cidr
                               : cidr.contains(QLatin1Char(':')) ? cidr + QStringLiteral("/128")
                                                                 : cidr + QStringLiteral("/32");
        const QPair<QHostAddress, int> parsed = QHostAddress::parseSubnet(subnet);
        if (parsed.first.isNull()) {
            return fail(QStringLiteral("--trusted-proxy wants an address or CIDR such as "
                                       "127.0.0.1 or 10.0.0.0/8, not \"%1\".")
                            .arg(cidr));
        }
        config->limits.trustedProxies.append(parsed);
    }
    // What staff set in the console's mail settings, unless the command line says otherwise;
    // the password always comes from the environment.
    std::optional<MailConfig> mailConfig = MailConfigService(db, Clock::system()).get(nullptr);
    if (!mailConfig) {
        return fail(QStringLiteral("the mail settings could not be read from the database."));
    }
    if (parser.isSet(smtpUrlOption)) {
        mailConfig->smtpUrl = parser.value(smtpUrlOption);
        mailConfig->user = parser.value(smtpUserOption);
    }
    if (parser.isSet(mailFromOption)) {
        mailConfig->fromAddress = parser.value(mailFromOption);
    }
    const MailSettings mail = mailConfig->settings(qEnvironmentVariable("GATEHOUSE_SMTP_PASSWORD"),
                                                   dataDir.mailboxPath());
    if (!mail.smtpUrl.isEmpty() && !SmtpTransport::validateUrl(mail.smtpUrl, &error)) {
        return fail(error);
    }
    PortalHost host(db);
    if (!host.start(*config, mail, &error)) {
        return fail(error);
    }
    out() << "Gatehouse portal at " << host.publicUrl() << Qt::endl;
    out() << (mail.smtpUrl.isEmpty() ? QStringLiteral("Mail goes to %1").arg(mail.mailboxPath)
                                     : QStringLiteral("Mail goes through %1").arg(mail.smtpUrl))
          << Qt::endl;
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    QTimer stopWatch;
    QObject::connect(&stopWatch, &QTimer::timeout, [] {
        if (s_stopRequested) {
            QCoreApplication::quit();
        }
    });
    stopWatch.start(200);
    const int code = QCoreApplication::exec();
    host.stop();
    return code;
}

} // namespace Gatehouse
