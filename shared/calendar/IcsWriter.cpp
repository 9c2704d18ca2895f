#include "IcsWriter.h"

#include "domain/MeetingSchedule.h"
#include "domain/Onboarding.h"

namespace Gatehouse::IcsWriter {

namespace {

constexpr int kMaxOctets = 75;

QByteArray utcStamp(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

// A property whose value is a URI or our own ASCII: no TEXT escaping, but never a line break.
QByteArray plain(const QString &value)
{
    QString cleaned;
    cleaned.reserve(value.size());
    for (const QChar c : value) {
        if (c.unicode() >= 0x20 && c.unicode() != 0x7f) {
            cleaned += c;
        }
    }
    return cleaned.toUtf8();
}

} // namespace

QString escapeText(const QString &text)
{
    QString out;
    out.reserve(text.size() + 16);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        switch (c.unicode()) {
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case ';':
            out += QLatin1String("\\;");
            break;
        case ',':
            out += QLatin1String("\\,");
            break;
        case '\r':
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
                ++i;
            }
            out += QLatin1String("\\n");
            break;
        case '\n':
        case 0x2028:
        case 0x2029:
            out += QLatin1String("\\n");
            break;
        default:
            // Other control characters are not allowed in TEXT; a tab is.
            if (c.unicode() >= 0x20 && c.unicode() != 0x7f) {
                out += c;
            } else if (c == QLatin1Char('\t')) {
                out += c;
            }
        }
    }
    return out;
}

QByteArray fold(const QByteArray &line)
{
    QByteArray out;
    out.reserve(line.size() + line.size() / 70 * 3 + 2);
    qsizetype start = 0;
    bool first = true;
    while (start < line.size()) {
        // A continuation line's leading space counts towards its 75 octets.
        const qsizetype room = first ? kMaxOctets : kMaxOctets - 1;
        qsizetype end = qMin(line.size(), start + room);
        // Step back over UTF-8 continuation bytes (10xxxxxx) so a character stays whole.
        while (end < line.size() && end > start
               && (static_cast<unsigned char>(line.at(end)) & 0xC0) == 0x80) {
            --end;
        }
        if (end == start) { // not UTF-8 at all: cut anyway rather than loop
            end = qMin(line.size(), start + room);
        }
        if (!first) {
            out += "\r\n ";
        }
        out += line.mid(start, end - start);
        start = end;
        first = false;
    }
    return out;
}

QByteArray write(const CalendarEvent &event)
{
    QByteArray out;
    const auto line = [&out](const QByteArray &content) {
        out += fold(content) + "\r\n";
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Gatehouse//Client portal//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("BEGIN:VEVENT");
    line("UID:" + plain(event.uid));
    line("SEQUENCE:" + QByteArray::number(event.sequence));
    line("DTSTAMP:" + utcStamp(event.stamp));
    line("DTSTART:" + utcStamp(event.start));
    line("DTEND:" + utcStamp(event.end));
    line("SUMMARY:" + escapeText(event.summary).toUtf8());
    if (!event.description.isEmpty()) {
        line("DESCRIPTION:" + escapeText(event.description).toUtf8());
    }
    if (!event.url.isEmpty()) {
        line("URL:" + plain(event.url));
        line("LOCATION:" + escapeText(event.url).toUtf8());
    }
    line("END:VEVENT");
    line("END:VCALENDAR");
    return out;
}

CalendarEvent meetingEvent(const Task &task, const MeetingSchedule &schedule,
                           const QString &uidDomain)
{
    CalendarEvent event;
    event.uid = QStringLiteral("task-%1-meeting@%2")
                    .arg(task.id)
                    .arg(uidDomain.isEmpty() ? QStringLiteral("gatehouse.invalid") : uidDomain);
    event.sequence = schedule.sequence;
    event.stamp = QDateTime::fromMSecsSinceEpoch(task.updatedAtMs, Qt::UTC);
    event.start = schedule.start();
    event.end = schedule.end();
    event.summary = task.title;
    event.description = task.description.isEmpty()
                            ? schedule.url
                            : task.description + QStringLiteral("\n\n") + schedule.url;
    event.url = schedule.url;
    return event;
}

} // namespace Gatehouse::IcsWriter
