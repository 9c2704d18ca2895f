#pragma once

#include "CalendarEvent.h"

#include <QByteArray>
#include <QString>

namespace Gatehouse {

struct MeetingSchedule;
struct Task;

// iCalendar files (RFC 5545) that calendar apps import: one VCALENDAR with one VEVENT, times
// in UTC, CRLF line ends, TEXT values escaped and long lines folded at 75 octets.
namespace IcsWriter {

QByteArray write(const CalendarEvent &event);

// The event of a scheduled meeting task. uidDomain (the portal's host) keeps the UIDs of two
// Gatehouse installations apart in one calendar.
CalendarEvent meetingEvent(const Task &task, const MeetingSchedule &schedule,
                           const QString &uidDomain);

// TEXT value escaping (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks.
QString escapeText(const QString &text);
// Splits one content line (UTF-8, without its CRLF) into lines of at most 75 octets, never
// inside a UTF-8 sequence; continuation lines start with a space.
QByteArray fold(const QByteArray &line);

} // namespace IcsWriter

} // namespace Gatehouse
