#pragma once

#include <QtGlobal>

namespace Gatehouse {

// Milliseconds since the epoch, UTC. Services take a Clock so tests can move time
// instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const;

    static const Clock &system();
};

class ManualClock : public Clock
{
public:
    explicit ManualClock(qint64 startMs)
        : m_nowMs(startMs)
    {}
    qint64 nowMs() const override { return m_nowMs; }
    void advanceMs(qint64 ms) { m_nowMs += ms; }

private:
    qint64 m_nowMs;
};

} // namespace Gatehouse
