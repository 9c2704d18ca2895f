// The gatehouse-portal program as an administrator runs it: its commands, its one-line errors,
// and `serve` delivering sign-in mail through a real SMTP server, end to end.
#include "MimeReader.h"
#include "PortalClient.h"
#include "SmtpSink.h"

#include "core/Clock.h"
#include "security/Tokens.h"
#include "services/MailConfigService.h"
#include "storage/AccessRepository.h"
#include "storage/Database.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QDateTime>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QString kDemoContact = QStringLiteral("demo.contact@example.com");
const QString kPublicUrl = QStringLiteral("http://portal.example.test");

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;

    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
    QByteArray describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(out, err)
            .toUtf8();
    }
};

Run run(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(GATEHOUSE_PORTAL_BIN), arguments);
    QSignalSpy finished(&process, &QProcess::finished);
    Run result;
    if (!process.waitForStarted(10000) || (!finished.wait(30000) && finished.isEmpty())) {
        result.err = QStringLiteral("did not run: ") + process.errorString();
        return result;
    }
    result.exitCode = process.exitCode();
    result.exitStatus = process.exitStatus();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString lastLine(const QString &text)
{
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.isEmpty() ? QString() : lines.last();
}

} // namespace

class TestPortalCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void versionAndHelp();
    void demoThenInvitePrintsALink();
    void inviteAsksWhichCompany();
    void backupThenRestoreFromTheCommandLine();
    void failuresAreOneClearLine_data();
    void failuresAreOneClearLine();
    void serveDeliversSignInMailBySmtp_data();
    void serveDeliversSignInMailBySmtp();

private:
    QStringList withDataDir(const QTemporaryDir &dir, const QStringList &arguments) const
    {
        return QStringList{QStringLiteral("--data-dir"), dir.path()} + arguments;
    }
};

void TestPortalCli::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(GATEHOUSE_PORTAL_BIN)).isExecutable(), GATEHOUSE_PORTAL_BIN);
    QVERIFY(Tokens::initialise());
}

void TestPortalCli::versionAndHelp()
{
    const Run version = run({QStringLiteral("--version")});
    QVERIFY2(version.exitCode == 0, version.describe());
    QVERIFY2(version.out.startsWith(QLatin1String("gatehouse-portal ")), version.describe());
    const Run help = run({QStringLiteral("--help")});
    QVERIFY2(help.exitCode == 0, help.describe());
    for (const char *command :
         {"serve", "migrate", "demo", "invite EMAIL", "backup FILE", "restore FILE"}) {
        QVERIFY2(help.out.contains(QLatin1String(command)), command);
    }
}

void TestPortalCli::demoThenInvitePrintsALink()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run demo = run(withDataDir(dir, {QStringLiteral("demo")}));
    QVERIFY2(demo.exitCode == 0, demo.describe());
    QVERIFY2(demo.out.contains(QLatin1String("Created the demo workspace")), demo.describe());
    QVERIFY(demo.out.contains(kDemoContact));
    const Run again = run(withDataDir(dir, {QStringLiteral("demo")}));
    QVERIFY2(again.exitCode == 0, again.describe());
    QVERIFY2(again.out.contains(QLatin1String("already exists")), again.describe());

    static const QRegularExpression link(
        QStringLiteral("^http://127\\.0\\.0\\.1:8080/i/([A-Za-z0-9_-]{43})$"));
    const Run invite = run(withDataDir(dir, {QStringLiteral("invite"), kDemoContact}));
    QVERIFY2(invite.exitCode == 0, invite.describe());
    const QRegularExpressionMatch first = link.match(lastLine(invite.out));
    QVERIFY2(first.hasMatch(), invite.describe());

    // With a public address (and the address typed loosely) the link is built from it.
    const Run configured = run(withDataDir(
        dir, {QStringLiteral("--public-url"), QStringLiteral("https://portal.example.com/"),
              QStringLiteral("invite"), QStringLiteral("DEMO.Contact@example.com")}));
    QVERIFY2(configured.exitCode == 0, configured.describe());
    const QString second = lastLine(configured.out);
    QVERIFY2(second.startsWith(QLatin1String("https://portal.example.com/i/")),
             configured.describe());
    const QString secondToken = second.section(QLatin1Char('/'), -1);
    QVERIFY(Tokens::looksLikeToken(secondToken));

    // The printed link is the live one; the earlier one was replaced.
    Database db(DatabaseConfig::sqlite(dir.filePath(QStringLiteral("gatehouse.sqlite"))));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    const QList<Contact> contacts = DirectoryRepository(db).contactsByEmail(kDemoContact, &error);
    QCOMPARE(contacts.size(), 1);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(AccessRepository(db).contactForInvite(Tokens::hash(secondToken), now, &error),
             contacts.first().id);
    QCOMPARE(AccessRepository(db).contactForInvite(Tokens::hash(first.captured(1)), now, &error),
             0);
}

void TestPortalCli::inviteAsksWhichCompany()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(run(withDataDir(dir, {QStringLiteral("demo")})).exitCode == 0);
    {
        // The same person is also a contact at a second company.
        Database db(DatabaseConfig::sqlite(dir.filePath(QStringLiteral("gatehouse.sqlite"))));
        QString error;
        DirectoryRepository directory(db);
        const qint64 workspace = directory.workspace(&error)->id;
        const qint64 company = directory.createCompany(workspace, QStringLiteral("Second Site"),
                                                       QDateTime::currentMSecsSinceEpoch(), &error);
        QVERIFY2(company > 0, qPrintable(error));
        QVERIFY2(directory.createContact(company, QStringLiteral("Jordan Client"), kDemoContact,
                                         QDateTime::currentMSecsSinceEpoch(), &error),
                 qPrintable(error));
    }
    const Run ambiguous = run(withDataDir(dir, {QStringLiteral("invite"), kDemoContact}));
    QVERIFY2(ambiguous.exitCode != 0, ambiguous.describe());
    QCOMPARE(ambiguous.errLines().size(), 1);
    QVERIFY2(ambiguous.err.contains(QLatin1String("--company")), ambiguous.describe());
    QVERIFY(ambiguous.out.isEmpty());

    const Run chosen
        = run(withDataDir(dir, {QStringLiteral("invite"), kDemoContact, QStringLiteral("--company"),
                                QStringLiteral("second site")}));
    QVERIFY2(chosen.exitCode == 0, chosen.describe());
    QVERIFY2(chosen.out.contains(QLatin1String("(Second Site)")), chosen.describe());
    QVERIFY(lastLine(chosen.out).contains(QLatin1String("/i/")));
}

void TestPortalCli::backupThenRestoreFromTheCommandLine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Run demo = run(withDataDir(dir, {QStringLiteral("demo")}));
    QVERIFY2(demo.exitCode == 0, demo.describe());
    const QString file = dir.filePath(QStringLiteral("nightly.sqlite"));
    const Run backup = run(withDataDir(dir, {QStringLiteral("backup"), file}));
    QVERIFY2(backup.exitCode == 0, backup.describe());
    QVERIFY2(backup.out.contains(QLatin1String("Backed up the database to")), backup.describe());
    QVERIFY(QFileInfo(file).size() > 0);

    auto companies = [&dir] {
        Database db(DatabaseConfig::sqlite(dir.filePath(QStringLiteral("gatehouse.sqlite"))));
        QString error;
        SqlQuery query(db, QStringLiteral("SELECT name FROM company ORDER BY name"));
        QStringList names;
        if (db.open(&error) && query.exec(&error)) {
            while (query.next()) {
                names.append(query.text(0));
            }
        }
        return names;
    };
    const QStringList before = companies();
    QVERIFY(!before.isEmpty());
    {
        Database db(DatabaseConfig::sqlite(dir.filePath(QStringLiteral("gatehouse.sqlite"))));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        SqlQuery rename(db, QStringLiteral("UPDATE company SET name = name || ' (renamed)'"));
        QVERIFY2(rename.exec(&error), qPrintable(error));
    }
    QVERIFY(companies() != before);

    const Run restore = run(withDataDir(dir, {QStringLiteral("restore"), file}));
    QVERIFY2(restore.exitCode == 0, restore.describe());
    QVERIFY2(restore.out.contains(QLatin1String("Restored the database from")), restore.describe());
    QCOMPARE(companies(), before);

    // A file that is not a backup: one clear line, and nothing changed.
    const Run refused
        = run(withDataDir(dir, {QStringLiteral("restore"), dir.filePath(QStringLiteral("nope"))}));
    QCOMPARE(refused.exitCode, 1);
    QCOMPARE(refused.errLines().size(), 1);
    QVERIFY2(refused.err.contains(QLatin1String("There is no file")), refused.describe());
    QCOMPARE(companies(), before);
}

void TestPortalCli::failuresAreOneClearLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("demo");       // run `demo` first
    QTest::addColumn<QString>("message"); // part of the error line
    QTest::addColumn<bool>("onlyLine");   // nothing else on stderr (no log lines either)

    const QString invite = QStringLiteral("invite");
    const QString serve = QStringLiteral("serve");
    QTest::addRow("unknown contact")
        << QStringList{invite, QStringLiteral("nobody@example.com")} << true
        << "there is no contact with the email nobody@example.com" << true;
    QTest::addRow("invite without email")
        << QStringList{invite} << true << "invite needs the contact's email address" << true;
    QTest::addRow("unreachable database")
        << QStringList{QStringLiteral("--database"),
                       QStringLiteral("postgresql://gatehouse:s3cret-pw@127.0.0.1:1/portal"),
                       QStringLiteral("migrate")}
        << false << "Cannot open the database postgresql://gatehouse@127.0.0.1:1/portal" << false;
    QTest::addRow("unsupported database")
        << QStringList{QStringLiteral("--database"), QStringLiteral("mysql://x@db/portal"),
                       QStringLiteral("migrate")}
        << false << "Unknown database scheme \"mysql\"" << true;
    QTest::addRow("garbled database url")
        << QStringList{QStringLiteral("--database"),
                       QStringLiteral("postgresql://gatehouse:s3cret-pw@db.example:port/portal"),
                       QStringLiteral("migrate")}
        << false << "The database URL is not valid" << true;
    QTest::addRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << false
                                     << "unknown command \"frobnicate\"" << true;
    QTest::addRow("no command") << QStringList{} << false << "no command given" << true;
    QTest::addRow("unknown option")
        << QStringList{QStringLiteral("--bogus"), serve} << false << "bogus" << true;
    QTest::addRow("listen nonsense")
        << QStringList{serve, QStringLiteral("--listen"), QStringLiteral("nonsense")} << true
        << "--listen wants ADDRESS:PORT" << true;
    QTest::addRow("listen port too large")
        << QStringList{serve, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:70000")} << true
        << "--listen wants ADDRESS:PORT" << true;
    QTest::addRow("listen port in use")
        << QStringList{serve, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:{busy}")}
        << true << "Cannot listen on 127.0.0.1:" << false;
    QTest::addRow("bad trusted proxy")
        << QStringList{serve, QStringLiteral("--trusted-proxy"), QStringLiteral("10.0.0.0/99")}
        << true << "--trusted-proxy wants an address or CIDR" << true;
    QTest::addRow("bad smtp url") << QStringList{serve, QStringLiteral("--smtp-url"),
                                                 QStringLiteral("http://mail.example")}
                                  << true << "The SMTP address must look like smtp://host:587"
                                  << true;
    QTest::addRow("serve without workspace")
        << QStringList{serve} << false << "the database has no workspace yet" << false;
}

void TestPortalCli::failuresAreOneClearLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, demo);
    QFETCH(QString, message);
    QFETCH(bool, onlyLine);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (demo) {
        const Run created = run(withDataDir(dir, {QStringLiteral("demo")}));
        QVERIFY2(created.exitCode == 0, created.describe());
    }
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    arguments.replaceInStrings(QStringLiteral("{busy}"), QString::number(busy.serverPort()));

    const Run failed = run(withDataDir(dir, arguments));
    QCOMPARE(failed.exitStatus, QProcess::NormalExit);
    QVERIFY2(failed.exitCode != 0, failed.describe());
    QVERIFY2(failed.out.isEmpty(), failed.describe());
    const QStringList lines = failed.errLines();
    // The program's own words come last, on one line, and only once.
    QVERIFY2(!lines.isEmpty(), failed.describe());
    QVERIFY2(lines.last().startsWith(QLatin1String("gatehouse-portal: ")), failed.describe());
    QVERIFY2(lines.last().contains(message), failed.describe());
    QCOMPARE(lines.filter(QRegularExpression(QStringLiteral("^gatehouse-portal:"))).size(), 1);
    if (onlyLine) {
        QVERIFY2(lines.size() == 1, failed.describe());
    }
    QVERIFY2(!failed.err.contains(QLatin1String("s3cret-pw")), failed.describe());
}

void TestPortalCli::serveDeliversSignInMailBySmtp_data()
{
    QTest::addColumn<bool>("fromConsoleSettings");
    QTest::addRow("command line") << false;
    // What staff saved in the console's mail settings; the command line names no server.
    QTest::addRow("mail settings in the database") << true;
}

void TestPortalCli::serveDeliversSignInMailBySmtp()
{
    QFETCH(bool, fromConsoleSettings);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(run(withDataDir(dir, {QStringLiteral("demo")})).exitCode == 0);
    const Run invite = run(withDataDir(
        dir, {QStringLiteral("--public-url"), kPublicUrl, QStringLiteral("invite"), kDemoContact}));
    QVERIFY2(invite.exitCode == 0, invite.describe());
    const QString token = lastLine(invite.out).section(QLatin1Char('/'), -1);
    QVERIFY(Tokens::looksLikeToken(token));

    SmtpSink sink;
    QString error;
    QVERIFY2(sink.start(0, &error), qPrintable(error));
    const quint16 port = SmtpSink::freePort();
    QStringList arguments{QStringLiteral("--public-url"), kPublicUrl};
    if (fromConsoleSettings) {
        Database db(DatabaseConfig::sqlite(dir.filePath(QStringLiteral("gatehouse.sqlite"))));
        QVERIFY2(db.open(&error), qPrintable(error));
        MailConfig config;
        config.smtpUrl = sink.url();
        config.fromAddress = QStringLiteral("portal@northwind.example");
        ServiceError saveError;
        QVERIFY2(MailConfigService(db, Clock::system())
                     .save(config, Actor::system(QStringLiteral("test")), &saveError),
                 qPrintable(saveError.message));
    } else {
        arguments << QStringLiteral("--smtp-url") << sink.url() << QStringLiteral("--mail-from")
                  << QStringLiteral("portal@northwind.example");
    }
    arguments << QStringLiteral("serve") << QStringLiteral("--listen")
              << QStringLiteral("127.0.0.1:%1").arg(port);
    QProcess serve;
    serve.start(QStringLiteral(GATEHOUSE_PORTAL_BIN), withDataDir(dir, arguments));
    QByteArray out;
    QTRY_VERIFY2_WITH_TIMEOUT((out += serve.readAllStandardOutput()).contains("Mail goes through"),
                              qPrintable(QString::fromUtf8(out + serve.readAllStandardError())),
                              20000);
    QVERIFY(out.contains(QByteArray("Gatehouse portal at " + kPublicUrl.toUtf8())));

    // The invite link is opened: the sign-in mail goes out by SMTP.
    PortalClient browser(port);
    const HttpReply started
        = browser.post(QStringLiteral("/api/v1/auth/invite"), {{QStringLiteral("token"), token}});
    QVERIFY2(started.status == 200, started.describe());
    QTRY_COMPARE_WITH_TIMEOUT(sink.count(), 1, 20000);
    const ReadMail mail = MimeReader::read(sink.messages().first());
    QCOMPARE(mail.header("X-RcptTo"), kDemoContact.toUtf8());
    QCOMPARE(mail.header("X-MailFrom"), QByteArray("portal@northwind.example"));
    QVERIFY(mail.decodedHeader("Subject").startsWith(QLatin1String("Your sign-in code")));
    const QString code = signInCodeIn(mail.text);
    QCOMPARE(code.size(), 6);
    QVERIFY2(mail.text.contains(kPublicUrl + QStringLiteral("/m/") + magicTokenIn(mail.text)),
             qPrintable(mail.text));

    // The code from the delivered mail signs in.
    const HttpReply signedIn
        = browser.post(QStringLiteral("/api/v1/auth/code"),
                       {{QStringLiteral("challenge"), started.json()[QStringLiteral("challenge")]},
                        {QStringLiteral("code"), code}});
    QVERIFY2(signedIn.status == 200, signedIn.describe());
    const HttpReply me = browser.get(QStringLiteral("/api/v1/me"));
    QVERIFY2(me.status == 200, me.describe());
    QCOMPARE(me.json()[QStringLiteral("contact")][QStringLiteral("email")].toString(),
             kDemoContact);

    // SIGTERM stops it cleanly; the mail was sent exactly once.
    QSignalSpy finished(&serve, &QProcess::finished);
    serve.terminate();
    QVERIFY(finished.wait(15000) || !finished.isEmpty());
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);
    QCOMPARE(sink.count(), 1);
}

QTEST_GUILESS_MAIN(TestPortalCli)
#include "tst_portal_cli.moc"
