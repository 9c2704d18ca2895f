#include "Clock.h"

#include <QDateTime>

namespace Gatehouse {

qint64 Clock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

const Clock &Clock::system()
{
    static const Clock clock;
    return clock;
}

} // namespace Gatehouse
