#pragma once

#include <QString>

#include <atomic>
#include <functional>

namespace Gatehouse {

// What a caller of a backup or restore can see and do while it runs (possibly on another
// thread): progress from 0 to 1, a negative value while it cannot be measured, and a flag
// that asks it to stop at the next safe point.
struct BackupControl
{
    std::function<void(double)> progress;
    const std::atomic<bool> *cancel = nullptr;

    bool cancelled() const { return cancel && cancel->load(); }
    void report(double fraction) const
    {
        if (progress) {
            progress(fraction < 0 ? -1.0 : qBound(0.0, fraction, 1.0));
        }
    }
    // Maps a phase's own 0..1 onto [from, to] of the whole.
    void report(double from, double to, double fraction) const
    {
        report(from + (to - from) * qBound(0.0, fraction, 1.0));
    }

    static QString cancelledMessage() { return QStringLiteral("Cancelled: nothing was changed."); }
};

} // namespace Gatehouse
