#pragma once

#include "FieldErrors.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QTime>

#include <optional>

namespace Gatehouse {

// A meeting task's settings (its config): when, in which time zone, for how long and where to
// join. The wall-clock time is kept with its IANA zone rather than as a UTC instant, so that a
// meeting stays at 10:00 in Berlin even if the zone's rules change before it takes place.
struct MeetingSchedule
{
    static constexpr int kMinDurationMinutes = 5;
    static constexpr int kMaxDurationMinutes = 1440;
    static constexpr int kMaxUrlLength = 2000;

    QDate date;
    QTime time; // minutes only
    QString timeZone;
    int durationMinutes = 60;
    QString url;
    // Raised each time the meeting is rescheduled, so calendar apps replace the old event.
    int sequence = 0;

    // Every field checked; empty when the schedule can be saved.
    FieldErrors validate() const;
    // Reads a config as stored or as sent by a client; a field of the wrong type or format
    // gets its own message.
    static std::optional<MeetingSchedule> fromConfig(const QJsonObject &config,
                                                     FieldErrors *errors);
    QJsonObject toConfig() const;
    // Whether the config holds a schedule at all (a meeting task not yet scheduled does not).
    static bool isScheduled(const QJsonObject &config);

    // The start and end as instants; invalid when the schedule is.
    QDateTime start() const;
    QDateTime end() const { return start().addSecs(qint64(durationMinutes) * 60); }
};

} // namespace Gatehouse
