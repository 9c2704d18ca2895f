#include "PostgresTools.h"

#include "BackupChecks.h"
#include "Database.h"
#include "SqlQuery.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace Gatehouse {

namespace {

constexpr qint64 kInputChunk = 64 * 1024;
constexpr int kPollMs = 100;

QString tr(const char *text)
{
    return BackupChecks::tr(text);
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

// Splits what arrived into whole lines, keeping an unfinished one for later.
void takeLines(QByteArray &pending, const QByteArray &arrived,
               const std::function<void(const QString &)> &onLine, QStringList &kept)
{
    pending += arrived;
    qsizetype newline = 0;
    while ((newline = pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(pending.left(newline)).trimmed();
        pending.remove(0, newline + 1);
        if (line.isEmpty()) {
            continue;
        }
        if (onLine) {
            onLine(line);
        }
        // What explains a failure: errors, not the verbose chatter.
        if (line.contains(QLatin1String("ERROR")) || line.contains(QLatin1String("FATAL"))
            || line.contains(QLatin1String("error:")) || line.contains(QLatin1String("fatal:"))) {
            kept.append(line);
        }
    }
}

} // namespace

PostgresTools::PostgresTools(const Database &db, const QString &preferredDir)
    : m_db(db)
    , m_preferredDir(preferredDir)
    , m_environment(QProcessEnvironment::systemEnvironment())
{
    const DatabaseConfig &config = db.config();
    m_environment.insert(QStringLiteral("PGHOST"), config.host);
    m_environment.insert(QStringLiteral("PGPORT"), QString::number(config.port));
    m_environment.insert(QStringLiteral("PGDATABASE"), config.databaseName);
    if (!config.user.isEmpty()) {
        m_environment.insert(QStringLiteral("PGUSER"), config.user);
    }
    // Without a password in the URL, whatever libpq would find (PGPASSWORD, ~/.pgpass) stays.
    if (!config.password.isEmpty()) {
        m_environment.insert(QStringLiteral("PGPASSWORD"), config.password);
    }
    m_environment.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("10"));
    m_environment.insert(QStringLiteral("PGAPPNAME"), QStringLiteral("gatehouse-backup"));
}

bool PostgresTools::connect(QString *error)
{
    if (!m_db.open(error)) {
        return false;
    }
    SqlQuery query(m_db, QStringLiteral("SELECT current_setting('server_version_num')"));
    if (!query.exec(error) || !query.next()) {
        return false;
    }
    m_serverMajor = query.text(0).toInt() / 10000;
    return true;
}

int PostgresTools::majorVersionOf(const QString &path)
{
    QProcess process;
    process.start(path, {QStringLiteral("--version")});
    if (!process.waitForFinished(10000) || process.exitCode() != 0) {
        return 0;
    }
    // "pg_dump (PostgreSQL) 15.8 (Debian 15.8-0+deb12u1)"
    static const QRegularExpression version(QStringLiteral("\\)\\s+(\\d+)"));
    const QRegularExpressionMatch match
        = version.match(QString::fromUtf8(process.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

std::optional<QString> PostgresTools::find(const QString &program, QString *error) const
{
    QStringList candidates;
    auto inDir = [&candidates, &program](const QString &dir) {
        const QString path = QDir(dir).filePath(program);
        if (!dir.isEmpty() && QFileInfo(path).isExecutable()) {
            candidates.append(path);
        }
    };
    inDir(m_preferredDir);
    inDir(qEnvironmentVariable("GATEHOUSE_PG_BINDIR"));
    inDir(QStringLiteral("/usr/lib/postgresql/%1/bin").arg(m_serverMajor));
    const QString onPath = QStandardPaths::findExecutable(program);
    if (!onPath.isEmpty()) {
        candidates.append(onPath);
    }
    QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql"))
                               .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &version : std::as_const(versions)) {
        inDir(QStringLiteral("/usr/lib/postgresql/%1/bin").arg(version));
    }
    int newestFound = 0;
    for (const QString &candidate : std::as_const(candidates)) {
        const int major = majorVersionOf(candidate);
        if (major >= m_serverMajor) {
            return candidate;
        }
        newestFound = qMax(newestFound, major);
    }
    if (newestFound > 0) {
        fail(error, tr("%1 is version %2, older than the database server (PostgreSQL %3), and "
                       "cannot back it up or restore it. Install the PostgreSQL %3 client tools "
                       "(Debian: postgresql-client-%3).")
                        .arg(program)
                        .arg(newestFound)
                        .arg(m_serverMajor));
    } else {
        fail(error, tr("%1 was not found. Install the PostgreSQL client tools (Debian: "
                       "postgresql-client), or put %1 on the PATH.")
                        .arg(program));
    }
    return std::nullopt;
}

bool PostgresTools::run(const Run &run, const BackupControl &control, QString *error) const
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(run.program, run.arguments);
    if (!process.waitForStarted(10000)) {
        return fail(error, tr("%1 could not be started: %2")
                               .arg(QFileInfo(run.program).fileName(), process.errorString()));
    }
    QFile input(run.inputFile);
    const bool feeding = !run.inputFile.isEmpty() || !run.inputPrelude.isEmpty();
    if (!run.inputFile.isEmpty() && !input.open(QIODevice::ReadOnly)) {
        process.kill();
        process.waitForFinished(5000);
        return fail(error, input.errorString());
    }
    const qint64 inputSize = run.inputPrelude.size() + (input.isOpen() ? input.size() : 0);
    qint64 written = 0;
    if (feeding) {
        process.write(run.inputPrelude);
        written += run.inputPrelude.size();
    }
    bool inputOpen = feeding;
    if (!feeding) {
        process.closeWriteChannel();
    }
    QByteArray pendingErrors;
    QStringList errorLines;
    while (process.state() != QProcess::NotRunning) {
        if (control.cancelled()) {
            process.kill();
            process.waitForFinished(5000);
            return fail(error, BackupControl::cancelledMessage());
        }
        if (inputOpen && process.bytesToWrite() < 4 * kInputChunk) {
            const QByteArray chunk = input.isOpen() ? input.read(kInputChunk) : QByteArray();
            if (chunk.isEmpty()) {
                process.closeWriteChannel();
                inputOpen = false;
            } else {
                process.write(chunk);
                written += chunk.size();
                if (run.onInputProgress && inputSize > 0) {
                    run.onInputProgress(double(written) / double(inputSize));
                }
            }
        }
        if (inputOpen) {
            process.waitForBytesWritten(kPollMs);
        } else {
            process.waitForFinished(kPollMs);
        }
        takeLines(pendingErrors, process.readAllStandardError(), run.onErrorLine, errorLines);
        process.readAllStandardOutput(); // nothing is wanted from it; keep the pipe flowing
    }
    takeLines(pendingErrors, process.readAllStandardError() + '\n', run.onErrorLine, errorLines);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString name = QFileInfo(run.program).fileName();
        return fail(
            error,
            errorLines.isEmpty()
                ? tr("%1 failed (exit code %2).").arg(name).arg(process.exitCode())
                : tr("%1 failed: %2").arg(name, errorLines.mid(0, 3).join(QLatin1String(" / "))));
    }
    return true;
}

} // namespace Gatehouse
