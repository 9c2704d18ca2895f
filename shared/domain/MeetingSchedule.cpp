#include "MeetingSchedule.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::MeetingSchedule", text);
}

const QString kDate = QStringLiteral("date");
const QString kTime = QStringLiteral("time");
const QString kTimeZone = QStringLiteral("timeZone");
const QString kDuration = QStringLiteral("durationMinutes");
const QString kUrl = QStringLiteral("url");
const QString kSequence = QStringLiteral("sequence");

bool isKnownZone(const QString &id)
{
    return !id.isEmpty() && QTimeZone::isTimeZoneIdAvailable(id.toUtf8());
}

// https only: a meeting link is opened from the portal and from calendar apps, and anything else
// (javascript:, data:, plain http) is either dangerous there or leaks the meeting.
QString urlProblem(const QString &text)
{
    if (text.trimmed().isEmpty()) {
        return tr("Enter the meeting link.");
    }
    if (text.size() > MeetingSchedule::kMaxUrlLength) {
        return tr("The meeting link can be at most 2000 characters long.");
    }
    static const QRegularExpression forbidden(QStringLiteral("[\\s\\x00-\\x1f\\x7f\"<>\\\\]"));
    const QUrl url(text, QUrl::StrictMode);
    if (!text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        return tr("The meeting link must start with https://.");
    }
    if (text.contains(forbidden) || !url.isValid() || url.host().isEmpty()
        || !url.userInfo().isEmpty()) {
        return tr("The meeting link is not a valid web address.");
    }
    return QString();
}

} // namespace

FieldErrors MeetingSchedule::validate() const
{
    FieldErrors errors;
    if (!date.isValid()) {
        errors.insert(kDate, tr("Choose the meeting's date."));
    }
    if (!time.isValid()) {
        errors.insert(kTime, tr("Choose the meeting's start time."));
    }
    if (!isKnownZone(timeZone)) {
        errors.insert(kTimeZone, tr("Choose a time zone from the list."));
    } else if (date.isValid() && time.isValid()) {
        // A wall-clock time skipped when the clocks go forward does not exist in that zone.
        const QDateTime local(date, time, QTimeZone(timeZone.toUtf8()));
        if (!local.isValid() || local.time() != time || local.date() != date) {
            errors.insert(kTime, tr("%1 does not exist on that day in %2 (the clocks change).")
                                     .arg(time.toString(QStringLiteral("HH:mm")), timeZone));
        }
    }
    if (durationMinutes < kMinDurationMinutes || durationMinutes > kMaxDurationMinutes) {
        errors.insert(kDuration, tr("The duration must be between 5 minutes and 24 hours."));
    }
    const QString problem = urlProblem(url);
    if (!problem.isEmpty()) {
        errors.insert(kUrl, problem);
    }
    return errors;
}

std::optional<MeetingSchedule> MeetingSchedule::fromConfig(const QJsonObject &config,
                                                           FieldErrors *errors)
{
    FieldErrors found;
    MeetingSchedule schedule;
    static const QRegularExpression datePattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    static const QRegularExpression timePattern(QStringLiteral("^\\d{2}:\\d{2}$"));
    const QJsonValue date = config.value(kDate);
    schedule.date = QDate::fromString(date.toString(), QStringLiteral("yyyy-MM-dd"));
    if (!date.isString() || !datePattern.match(date.toString()).hasMatch()
        || !schedule.date.isValid()) {
        found.insert(kDate, tr("The date must be a day written as YYYY-MM-DD."));
    }
    const QJsonValue time = config.value(kTime);
    schedule.time = QTime::fromString(time.toString(), QStringLiteral("HH:mm"));
    if (!time.isString() || !timePattern.match(time.toString()).hasMatch()
        || !schedule.time.isValid()) {
        found.insert(kTime, tr("The time must be written as HH:MM (24-hour clock)."));
    }
    const QJsonValue zone = config.value(kTimeZone);
    schedule.timeZone = zone.toString();
    if (!zone.isString()) {
        found.insert(kTimeZone, tr("The time zone must be an IANA name such as Europe/Berlin."));
    }
    const QJsonValue duration = config.value(kDuration);
    const double minutes = duration.toDouble(-1);
    if (!duration.isDouble() || minutes != double(qint64(minutes))) {
        found.insert(kDuration, tr("The duration must be a whole number of minutes."));
    } else {
        schedule.durationMinutes = int(qBound(-1.0, minutes, 100000.0));
    }
    const QJsonValue url = config.value(kUrl);
    schedule.url = url.toString();
    if (!url.isString()) {
        found.insert(kUrl, tr("The meeting link must be text."));
    }
    schedule.sequence = qMax(0, config.value(kSequence).toInt(0));
    // Type errors first; then the rules a well-formed schedule must meet.
    const FieldErrors rules = schedule.validate();
    for (auto it = rules.cbegin(); it != rules.cend(); ++it) {
        if (!found.contains(it.key())) {
            found.insert(it.key(), it.value());
        }
    }
    if (errors) {
        *errors = found;
    }
    if (!found.isEmpty()) {
        return std::nullopt;
    }
    return schedule;
}

QJsonObject MeetingSchedule::toConfig() const
{
    return {{kDate, date.toString(QStringLiteral("yyyy-MM-dd"))},
            {kTime, time.toString(QStringLiteral("HH:mm"))},
            {kTimeZone, timeZone},
            {kDuration, durationMinutes},
            {kUrl, url},
            {kSequence, sequence},
            // The instants too, so that the portal's page need not know the zone's rules.
            {QStringLiteral("startsAt"), start().toUTC().toString(Qt::ISODate)},
            {QStringLiteral("endsAt"), end().toUTC().toString(Qt::ISODate)}};
}

bool MeetingSchedule::isScheduled(const QJsonObject &config)
{
    return config.contains(kDate) && config.contains(kTime);
}

QDateTime MeetingSchedule::start() const
{
    if (!date.isValid() || !time.isValid() || !isKnownZone(timeZone)) {
        return QDateTime();
    }
    return QDateTime(date, time, QTimeZone(timeZone.toUtf8()));
}

} // namespace Gatehouse
