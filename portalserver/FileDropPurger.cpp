#include "FileDropPurger.h"

#include "core/Clock.h"
#include "services/FileDropService.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QTimer>

Q_LOGGING_CATEGORY(lcDropPurge, "gatehouse.portal.drops")

namespace Gatehouse {

FileDropPurger::FileDropPurger(const Database &db, const Clock &clock, int intervalMs)
    : m_db(db)
    , m_clock(clock)
    , m_intervalMs(intervalMs)
{}

void FileDropPurger::start()
{
    m_timer = new QTimer(this);
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, &FileDropPurger::purge);
    m_timer->start();
    purge(); // what expired while nothing ran goes at once
}

void FileDropPurger::wake()
{
    QMetaObject::invokeMethod(this, &FileDropPurger::purge, Qt::QueuedConnection);
}

void FileDropPurger::purge()
{
    QString error;
    const int count = FileDropService(m_db, m_clock).purgeExpired(m_clock.nowMs(), &error);
    if (count < 0) {
        qCWarning(lcDropPurge) << "Purging expired file drops failed:" << error;
        Q_EMIT failed(error);
        return;
    }
    if (count > 0) {
        qCInfo(lcDropPurge) << "Purged" << count << "expired file drop(s)";
    }
    Q_EMIT purged(count);
}

} // namespace Gatehouse
