#include "DatabaseHealth.h"

#include "ConsoleLogging.h"
#include "storage/Database.h"
#include "storage/SqlQuery.h"

#include <QAtomicInteger>
#include <QFile>

namespace Gatehouse {

namespace {

QAtomicInteger<int> s_unreachable = 0;

} // namespace

DatabaseHealth::DatabaseHealth(const Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_heartbeat.setInterval(kHeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &DatabaseHealth::check);
    m_retry.setSingleShot(true);
    m_retry.setInterval(m_firstRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &DatabaseHealth::attempt);
}

DatabaseHealth::~DatabaseHealth()
{
    setReachable(true);
}

bool DatabaseHealth::anyUnreachable()
{
    return s_unreachable.loadRelaxed() > 0;
}

void DatabaseHealth::setReachable(bool reachable)
{
    if (reachable != m_reachable) {
        s_unreachable.fetchAndAddRelaxed(reachable ? -1 : 1);
    }
    m_reachable = reachable;
}

void DatabaseHealth::setRetryDelays(int firstMs, int maxMs)
{
    m_firstRetryMs = firstMs;
    m_maxRetryMs = maxMs;
    if (!m_retry.isActive()) {
        m_retry.setInterval(firstMs);
    }
}

void DatabaseHealth::start()
{
    if (m_reachable) {
        m_heartbeat.start();
    }
}

QString DatabaseHealth::shortReason(const QString &error)
{
    QString reason = error.section(QLatin1Char('\n'), 0, 0).trimmed();
    while (reason.endsWith(QLatin1Char('.'))) {
        reason.chop(1);
    }
    return reason.isEmpty() ? tr("unknown error") : reason;
}

bool DatabaseHealth::probe(QString *error) const
{
    if (m_db.engine() == Engine::Sqlite) {
        // An open SQLite connection keeps working on a file that was moved, deleted or whose
        // share went away, so the file itself is checked where the console expects it.
        QFile file(m_db.config().sqliteFile);
        if (!file.exists()) {
            *error = tr("the database file %1 is missing").arg(file.fileName());
            return false;
        }
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("the database file %1 cannot be read: %2")
                         .arg(file.fileName(), file.errorString());
            return false;
        }
    }
    if (!m_db.connection().isOpen()) {
        *error = tr("the connection is closed");
        return false;
    }
    SqlQuery query(m_db, m_db.engine() == Engine::Sqlite ? QStringLiteral("PRAGMA schema_version")
                                                         : QStringLiteral("SELECT 1"));
    return query.exec(error) && query.next();
}

bool DatabaseHealth::check()
{
    if (!m_reachable) {
        return false; // the retry timer is already on it
    }
    QString error;
    if (probe(&error)) {
        return true;
    }
    markLost(error);
    return false;
}

void DatabaseHealth::reportFailure(const QString &error)
{
    qCDebug(lcConsole).noquote() << "a database read failed:" << error;
    check();
}

void DatabaseHealth::markLost(const QString &error)
{
    const bool wasReachable = m_reachable;
    setReachable(false);
    m_reason = shortReason(error);
    if (wasReachable) {
        qCWarning(lcConsole).noquote() << "the database cannot be reached:" << error;
        m_heartbeat.stop();
        // Nothing keeps using a broken connection meanwhile: queries fail at once, and a moved
        // SQLite file is not written to behind the console's back.
        m_db.closeConnection();
        m_retry.setInterval(m_firstRetryMs);
    } else {
        m_retry.setInterval(qMin(m_retry.interval() * 2, m_maxRetryMs));
    }
    m_retry.start();
    Q_EMIT lost(m_reason);
}

void DatabaseHealth::retryNow()
{
    if (m_reachable) {
        check();
        return;
    }
    m_retry.stop();
    attempt();
}

void DatabaseHealth::attempt()
{
    QString error;
    if (!m_db.reconnect(&error) || !probe(&error)) {
        m_db.closeConnection();
        markLost(error);
        return;
    }
    qCInfo(lcConsole) << "the database can be reached again";
    setReachable(true);
    m_reason.clear();
    m_retry.setInterval(m_firstRetryMs);
    m_heartbeat.start();
    Q_EMIT restored();
}

} // namespace Gatehouse
