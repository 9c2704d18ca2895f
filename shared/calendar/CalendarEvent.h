#pragma once

#include <QDateTime>
#include <QString>

namespace Gatehouse {

// One event as a calendar file carries it (RFC 5545 VEVENT).
struct CalendarEvent
{
    QString uid; // stable for the same meeting, so a new file updates the event it replaces
    int sequence = 0;
    QDateTime stamp; // when this version of the event was made
    QDateTime start;
    QDateTime end;
    QString summary;
    QString description;
    QString url; // also the LOCATION: where one joins
};

} // namespace Gatehouse
