#include "PrivatePostgres.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>

#include <unistd.h>

namespace Gatehouse::Testing {

namespace {

QString binDir()
{
    return qEnvironmentVariable("GATEHOUSE_TEST_PG_BINDIR");
}

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return probe.serverPort();
}

} // namespace

PrivatePostgres::~PrivatePostgres()
{
    if (m_running) {
        QString ignored;
        (void)run(QStringLiteral("pg_ctl"),
                  {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")),
                   QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("-w"),
                   QStringLiteral("stop")},
                  &ignored);
    }
}

bool PrivatePostgres::isAvailable()
{
    return !binDir().isEmpty()
           && QFileInfo(QDir(binDir()).filePath(QStringLiteral("pg_ctl"))).isExecutable();
}

bool PrivatePostgres::run(const QString &tool, const QStringList &arguments, QString *error)
{
    QString program = QDir(binDir()).filePath(tool);
    QStringList args = arguments;
    if (::geteuid() == 0) {
        args.prepend(program);
        args = QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")}
               + args;
        program = QStringLiteral("runuser");
    }
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForFinished(120 * 1000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        *error = QStringLiteral("%1 failed: %2")
                     .arg(tool, QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}

bool PrivatePostgres::create(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    if (::geteuid() == 0
        && QProcess::execute(QStringLiteral("chown"), {QStringLiteral("postgres:"), m_dir.path()})
               != 0) {
        *error = QStringLiteral("cannot hand %1 to the user postgres").arg(m_dir.path());
        return false;
    }
    const QString data = m_dir.filePath(QStringLiteral("data"));
    if (!run(QStringLiteral("initdb"),
             {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("postgres"),
              QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"),
              QStringLiteral("UTF8"), QStringLiteral("--locale=C"), QStringLiteral("--no-sync")},
             error)) {
        return false;
    }
    QFile conf(QDir(data).filePath(QStringLiteral("postgresql.conf")));
    if (!conf.open(QIODevice::Append)) {
        *error = conf.errorString();
        return false;
    }
    conf.write(QStringLiteral("\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%1'\n"
                              "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
                   .arg(m_dir.path())
                   .toUtf8());
    conf.close();
    m_port = freePort();
    return start(error);
}

bool PrivatePostgres::start(QString *error)
{
    if (!run(QStringLiteral("pg_ctl"),
             {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-l"),
              m_dir.filePath(QStringLiteral("server.log")), QStringLiteral("-o"),
              QStringLiteral("-p %1").arg(m_port), QStringLiteral("-w"), QStringLiteral("-t"),
              QStringLiteral("60"), QStringLiteral("start")},
             error)) {
        return false;
    }
    m_running = true;
    return true;
}

bool PrivatePostgres::stop(QString *error)
{
    if (!run(QStringLiteral("pg_ctl"),
             {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-m"),
              QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("-t"),
              QStringLiteral("60"), QStringLiteral("stop")},
             error)) {
        return false;
    }
    m_running = false;
    return true;
}

bool PrivatePostgres::restart(QString *error)
{
    return run(QStringLiteral("pg_ctl"),
               {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-l"),
                m_dir.filePath(QStringLiteral("server.log")), QStringLiteral("-o"),
                QStringLiteral("-p %1").arg(m_port), QStringLiteral("-m"), QStringLiteral("fast"),
                QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                QStringLiteral("restart")},
               error);
}

QString PrivatePostgres::adminUrl() const
{
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/postgres").arg(m_port);
}

} // namespace Gatehouse::Testing
