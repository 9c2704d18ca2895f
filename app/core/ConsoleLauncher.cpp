#include "ConsoleLauncher.h"

#include "ConsoleContext.h"
#include "ConsoleLogging.h"
#include "ConsoleOptions.h"
#include "EmbeddedPortalSettings.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "PortalHost.h"
#include "ScreenshotTour.h"
#include "config/DataDir.h"
#include "mail/MailPassword.h"
#include "security/Tokens.h"
#include "services/MailConfigService.h"
#include "services/WorkspaceSetup.h"
#include "settings/PortalPreviewSchemeHandler.h"
#include "setup/LoginDialog.h"
#include "setup/SetupWizard.h"
#include "storage/Database.h"
#include "storage/DirectoryRepository.h"
#include "vault/CoreDumps.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

#include <memory>

namespace Gatehouse {

namespace {

const QString kLastEmailKey = QStringLiteral("login/lastEmail");

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::ConsoleLauncher", text);
}

int fail(const QString &message)
{
    // Driver messages come with line breaks and tabs; one plain sentence reads better.
    const QString text = message.simplified();
    QTextStream(stderr) << "gatehouse: " << text << Qt::endl;
    MessageBox::critical(nullptr, tr("Gatehouse cannot start"), text);
    return 1;
}

// The console's and Qt's own strings in the user's language, when there is a translation.
void installTranslators()
{
    auto *qt = new QTranslator(qApp);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    }
    auto *own = new QTranslator(qApp);
    if (own->load(QLocale(), QStringLiteral("gatehouse"), QStringLiteral("_"),
                  QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own);
    }
}

// Whether the command line only asks for text, which needs no display.
bool wantsTextOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "--version") {
            return true;
        }
    }
    return false;
}

} // namespace

int ConsoleLauncher::main(int &argc, char **argv, const QString &version)
{
    // First, before any secret can be in memory.
    QString coreError;
    if (!CoreDumps::disable(&coreError)) {
        qCWarning(lcConsole).noquote() << "core dumps stay enabled:" << coreError;
    }
    // Qt WebEngine (the view of the portal as a contact, CON-7) needs this before the
    // application object exists.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    // The branding preview's own scheme, which Qt WebEngine must know before it starts.
    PortalPreviewSchemeHandler::registerScheme();
    const std::unique_ptr<QCoreApplication> app
        = wantsTextOnly(argc, argv) ? std::make_unique<QCoreApplication>(argc, argv)
                                    : std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gatehouse"));
    QCoreApplication::setOrganizationName(QStringLiteral("Gatehouse"));
    QCoreApplication::setApplicationVersion(version);
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Gatehouse"));
    return run(QCoreApplication::arguments());
}

int ConsoleLauncher::run(const QStringList &arguments)
{
    installTranslators();
    ConsoleOptions options;
    switch (options.parse(arguments)) {
    case ConsoleOptions::Outcome::ShowHelp:
        QTextStream(stdout) << options.helpText() << Qt::flush;
        return 0;
    case ConsoleOptions::Outcome::ShowVersion:
        QTextStream(stdout) << QCoreApplication::applicationName() << ' '
                            << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    case ConsoleOptions::Outcome::Error:
        return fail(options.errorText());
    case ConsoleOptions::Outcome::Run:
        break;
    }
    if (!Tokens::initialise()) {
        return fail(tr("The cryptography library (libsodium) could not be initialised."));
    }

    const DataDir dataDir(options.dataDir);
    QString error;
    if (!dataDir.ensureExists(&error)) {
        return fail(error);
    }
    const std::optional<DatabaseConfig> dbConfig
        = options.databaseUrl.isEmpty() ? DatabaseConfig::sqlite(dataDir.databaseFile())
                                        : DatabaseConfig::fromUrl(options.databaseUrl, &error);
    if (!dbConfig) {
        return fail(tr("The database address is not usable: %1").arg(error));
    }
    Database db(*dbConfig);
    if (!db.open(&error)) {
        return fail(error); // says which database and why
    }
    if (!db.migrate(&error)) {
        return fail(tr("The database %1 could not be brought up to date: %2")
                        .arg(dbConfig->describe(), error));
    }

    const Clock &clock = Clock::system();
    WorkspaceSetup setup(db, clock);
    if (options.demo && !setup.ensureDemo(nullptr, nullptr, &error)) {
        return fail(tr("The demo workspace could not be made: %1").arg(error));
    }
    const bool hasWorkspace = setup.hasWorkspace(&error);
    if (!error.isEmpty()) {
        return fail(tr("The database %1 could not be read: %2").arg(dbConfig->describe(), error));
    }
    QSettings settings;
    QString email = settings.value(kLastEmailKey).toString();
    if (!hasWorkspace) {
        SetupWizard wizard(db, clock);
        if (wizard.exec() != QDialog::Accepted || wizard.workspaceId() == 0) {
            return 0;
        }
        email = wizard.adminEmail();
    }
    const std::optional<Workspace> workspace = DirectoryRepository(db).workspace(&error);
    if (!workspace) {
        return fail(tr("The workspace could not be read: %1").arg(error));
    }

    std::optional<StaffMember> staff;
    if (options.demo) {
        const DemoCredentials demo = WorkspaceSetup::demoCredentials();
        staff = DirectoryRepository(db).authenticateStaff(demo.adminEmail, demo.adminPassword,
                                                          &error);
        if (!staff) {
            return fail(tr("--demo opens the demo workspace only, and the data folder holds "
                           "another one (%1).")
                            .arg(error));
        }
    } else {
        LoginDialog login(db, workspace->name);
        login.setEmail(email);
        if (login.exec() != QDialog::Accepted || !login.staff()) {
            return 0;
        }
        staff = login.staff();
        settings.setValue(kLastEmailKey, staff->email);
    }

    ConsoleContext context;
    context.db = &db;
    context.clock = &clock;
    context.workspace = *workspace;
    context.staff = *staff;
    // Settings > Portal of this machine, unless the command line says otherwise.
    const EmbeddedPortalSettings portalSettings = EmbeddedPortalSettings::load();
    const QString publicUrl
        = options.publicUrl.isEmpty() ? portalSettings.publicUrl : options.publicUrl;
    context.publicUrl = !publicUrl.isEmpty() ? publicUrl
                        : portalSettings.usesTls()
                            ? QStringLiteral("https://127.0.0.1:%1").arg(options.portalPort)
                            : options.effectivePublicUrl();
    context.mailboxPath = dataDir.mailboxPath();
    // The mail settings staff saved, unless the command line names a server.
    MailConfig mailConfig = MailConfigService(db, clock).get(nullptr).value_or(MailConfig());
    if (!options.smtpUrl.isEmpty()) {
        mailConfig.smtpUrl = options.smtpUrl;
        mailConfig.user = options.smtpUser;
    }
    context.smtpUrl = mailConfig.smtpUrl;
    context.smtpFromCommandLine = options.smtpUrl;
    const QString environmentPassword = qEnvironmentVariable("GATEHOUSE_SMTP_PASSWORD");
    const bool passwordInKeychain
        = environmentPassword.isEmpty() && !MailPassword::keyFor(mailConfig).isEmpty();

    PortalHost host(db);
    MailPassword keychain; // after the host: it goes first, and with it any late answer
    QString portalProblem;
    bool portalRunning = false;
    if (options.embeddedPortal) {
        PortalConfig portal;
        portal.address = QHostAddress::LocalHost;
        portal.port = options.portalPort;
        portal.publicUrl = options.portalPort == 0 ? publicUrl : context.publicUrl;
        portal.tlsCertificateFile = portalSettings.tlsCertificateFile;
        portal.tlsKeyFile = portalSettings.tlsKeyFile;
        portal.spoolPath = dataDir.spoolPath();
        MailSettings mail = mailConfig.settings(environmentPassword, dataDir.mailboxPath());
        mail.waitingForPassword = passwordInKeychain;
        portalRunning = host.start(portal, mail, &error);
        if (portalRunning && passwordInKeychain) {
            const QString mailbox = dataDir.mailboxPath();
            keychain.read(mailConfig, [&host, mailConfig, mailbox](const Keychain::Result &result,
                                                                   const QString &password) {
                if (!result.ok()) {
                    qCWarning(lcConsole).noquote()
                        << "SMTP password not read from the keychain:" << result.message;
                }
                host.setMailSettings(mailConfig.settings(password, mailbox));
            });
        }
        if (portalRunning) {
            context.publicUrl = host.publicUrl();
        } else {
            qCWarning(lcConsole).noquote() << "portal not started:" << error;
            portalProblem
                = tr("Portal not started on port %1: %2").arg(options.portalPort).arg(error);
        }
    }

    MainWindow window(context);
    if (portalRunning) {
        window.setPortalHost(&host);
    } else {
        window.setPortalUnavailable(portalProblem);
    }
    window.show();
    std::unique_ptr<ScreenshotTour> tour;
    if (!options.screenshotDir.isEmpty()) {
        tour = std::make_unique<ScreenshotTour>(window, options.screenshotDir,
                                                options.screenshotPages);
        QObject::connect(tour.get(), &ScreenshotTour::finished, [](bool ok, const QString &why) {
            if (!ok) {
                QTextStream(stderr) << "gatehouse: " << why << Qt::endl;
            }
            QCoreApplication::exit(ok ? 0 : 1);
        });
        QTimer::singleShot(0, tour.get(), &ScreenshotTour::start);
    }
    const int code = QCoreApplication::exec();
    host.stop();
    return code;
}

} // namespace Gatehouse
