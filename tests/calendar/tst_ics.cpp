// Calendar files: TEXT escaping and line folding per RFC 5545 (long UTF-8 text included), UTC
// times from local times in zones with daylight saving time, the meeting settings' validation
// messages, and every file read back by python3-icalendar, a parser that is not ours.
#include "calendar/IcsWriter.h"
#include "domain/MeetingSchedule.h"
#include "domain/Onboarding.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;

namespace {

// What a reader does before it parses: CRLF followed by one space or tab joins the lines.
QByteArray unfold(const QByteArray &folded)
{
    QByteArray out = folded;
    out.replace("\r\n ", "").replace("\r\n\t", "");
    return out;
}

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(bytes);
    return !decoder.hasError() && decoded.toUtf8() == bytes;
}

QString python()
{
    const QString configured = qEnvironmentVariable("GATEHOUSE_TEST_PYTHON");
    return configured.isEmpty() ? QStringLiteral("/usr/bin/python3") : configured;
}

// The file as python3-icalendar understood it (tests/calendar/read_ics.py), or an error.
QJsonObject readWithIcalendar(const QByteArray &ics, QString *error)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("meeting.ics"));
    QFile file(path);
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly) || file.write(ics) != ics.size()) {
        *error = QStringLiteral("cannot write %1").arg(path);
        return {};
    }
    file.close();
    QProcess process;
    process.start(python(), {QStringLiteral(GATEHOUSE_READ_ICS), path});
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        *error = QStringLiteral("read_ics.py failed (%1): %2")
                     .arg(process.errorString(), QString::fromUtf8(process.readAllStandardError()));
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document
        = QJsonDocument::fromJson(process.readAllStandardOutput(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = parseError.errorString();
    }
    return document.object();
}

MeetingSchedule schedule(const QString &zone, QDate date, QTime time, int minutes = 60)
{
    MeetingSchedule meeting;
    meeting.date = date;
    meeting.time = time;
    meeting.timeZone = zone;
    meeting.durationMinutes = minutes;
    meeting.url = QStringLiteral("https://meet.example.com/kick-off?room=42&pin=7");
    return meeting;
}

// The value of the first property of that name in an unfolded file.
QByteArray icsProperty(const QByteArray &ics, const QByteArray &name)
{
    for (const QByteArray &line : unfold(ics).split('\n')) {
        if (line.startsWith(QByteArray(name + ':'))) {
            return line.mid(name.size() + 1).chopped(line.endsWith('\r') ? 1 : 0);
        }
    }
    return QByteArray();
}

const QString kLongUtf8
    = QStringLiteral("Größenänderung für Zahnarztpraxis Süd – 東京オフィス 🙂👍 ")
          .repeated(6);

// Field names as a list (the build forbids implicit conversions from char strings).
QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *name : list) {
        out.append(QString::fromLatin1(name));
    }
    return out;
}

} // namespace

class TestIcs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesText_data();
    void escapesText();
    void foldsWithoutSplittingCharacters_data();
    void foldsWithoutSplittingCharacters();
    void writesUtcTimesAcrossDaylightSaving_data();
    void writesUtcTimesAcrossDaylightSaving();
    void validatesMeetingSettings_data();
    void validatesMeetingSettings();
    void icalendarReadsWhatWeWrite_data();
    void icalendarReadsWhatWeWrite();
};

void TestIcs::escapesText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("escaped");
    QTest::addRow("plain") << "Kick-off call"
                           << "Kick-off call";
    QTest::addRow("comma and semicolon") << "Room 1, floor 2; east"
                                         << "Room 1\\, floor 2\\; east";
    QTest::addRow("backslash first") << "C:\\share\\n is not a newline"
                                     << "C:\\\\share\\\\n is not a newline";
    QTest::addRow("lf") << "one\ntwo"
                        << "one\\ntwo";
    QTest::addRow("crlf") << "one\r\ntwo"
                          << "one\\ntwo";
    QTest::addRow("cr") << "one\rtwo"
                        << "one\\ntwo";
    QTest::addRow("colon stays") << "Agenda: intro"
                                 << "Agenda: intro";
    QTest::addRow("control characters dropped")
        << QStringLiteral("bell\u0007 tab\t del\u007f") << QStringLiteral("bell tab\t del");
    QTest::addRow("unicode") << QStringLiteral("Grüße, 東京; 🙂")
                             << QStringLiteral("Grüße\\, 東京\\; 🙂");
}

void TestIcs::escapesText()
{
    QFETCH(QString, text);
    QFETCH(QString, escaped);
    QCOMPARE(IcsWriter::escapeText(text), escaped);
}

void TestIcs::foldsWithoutSplittingCharacters_data()
{
    QTest::addColumn<QString>("value");
    QTest::addRow("short") << QStringLiteral("Kick-off");
    QTest::addRow("exactly 75 octets") << QString(75 - 8, QLatin1Char('a'));
    QTest::addRow("76 octets") << QString(76 - 8, QLatin1Char('a'));
    QTest::addRow("long ascii") << QString(1000, QLatin1Char('x'));
    QTest::addRow("two-byte run") << QStringLiteral("ä").repeated(200);
    QTest::addRow("three-byte run") << QStringLiteral("東").repeated(200);
    QTest::addRow("four-byte run") << QStringLiteral("🙂").repeated(200);
    for (int shift = 0; shift < 4; ++shift) {
        // Moves every character boundary past the fold point once.
        QTest::addRow("mixed, shifted by %d", shift)
            << QString(shift, QLatin1Char('.')) + kLongUtf8;
    }
}

void TestIcs::foldsWithoutSplittingCharacters()
{
    QFETCH(QString, value);
    const QByteArray line = "SUMMARY:" + value.toUtf8();
    const QByteArray folded = IcsWriter::fold(line);
    QCOMPARE(unfold(folded), line);
    const QList<QByteArray> lines = folded.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray physical = lines.at(i);
        if (i + 1 < lines.size()) {
            QVERIFY2(physical.endsWith('\r'), "lines end in CRLF");
            physical.chop(1);
        }
        QVERIFY2(physical.size() <= 75, physical.constData());
        QVERIFY2(!physical.isEmpty(), "no empty lines");
        if (i > 0) {
            QVERIFY(physical.startsWith(' '));
            physical.remove(0, 1);
        }
        QVERIFY2(isValidUtf8(physical), physical.toHex().constData());
    }
    // Lines are only as short as a whole character needs: at most three octets are given up.
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        QVERIFY2(lines.at(i).size() - 1 >= 72, lines.at(i).constData());
    }
}

void TestIcs::writesUtcTimesAcrossDaylightSaving_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QTime>("time");
    QTest::addColumn<int>("minutes");
    QTest::addColumn<QByteArray>("start");
    QTest::addColumn<QByteArray>("end");
    QTest::addRow("Berlin winter")
        << "Europe/Berlin" << QDate(2027, 1, 15) << QTime(10, 0) << 60
        << QByteArray("20270115T090000Z") << QByteArray("20270115T100000Z");
    QTest::addRow("Berlin summer")
        << "Europe/Berlin" << QDate(2027, 7, 15) << QTime(10, 0) << 45
        << QByteArray("20270715T080000Z") << QByteArray("20270715T084500Z");
    QTest::addRow("New York before the change")
        << "America/New_York" << QDate(2027, 3, 13) << QTime(9, 0) << 30
        << QByteArray("20270313T140000Z") << QByteArray("20270313T143000Z");
    QTest::addRow("New York after the change")
        << "America/New_York" << QDate(2027, 3, 15) << QTime(9, 0) << 30
        << QByteArray("20270315T130000Z") << QByteArray("20270315T133000Z");
    QTest::addRow("Sydney summer, previous UTC day")
        << "Australia/Sydney" << QDate(2027, 1, 10) << QTime(10, 0) << 90
        << QByteArray("20270109T230000Z") << QByteArray("20270110T003000Z");
    QTest::addRow("Kolkata half hour")
        << "Asia/Kolkata" << QDate(2027, 5, 1) << QTime(9, 30) << 60
        << QByteArray("20270501T040000Z") << QByteArray("20270501T050000Z");
    // Spans the spring-forward night: two hours of real time, whatever the clocks show.
    QTest::addRow("Berlin across the change")
        << "Europe/Berlin" << QDate(2027, 3, 28) << QTime(1, 30) << 120
        << QByteArray("20270328T003000Z") << QByteArray("20270328T023000Z");
    QTest::addRow("UTC") << "UTC" << QDate(2027, 12, 31) << QTime(23, 30) << 60
                         << QByteArray("20271231T233000Z") << QByteArray("20280101T003000Z");
}

void TestIcs::writesUtcTimesAcrossDaylightSaving()
{
    QFETCH(QString, zone);
    QFETCH(QDate, date);
    QFETCH(QTime, time);
    QFETCH(int, minutes);
    QFETCH(QByteArray, start);
    QFETCH(QByteArray, end);
    const MeetingSchedule meeting = schedule(zone, date, time, minutes);
    QVERIFY(meeting.validate().isEmpty());
    Task task;
    task.id = 7;
    task.title = QStringLiteral("Kick-off");
    task.updatedAtMs = 1'800'000'000'000;
    const QByteArray ics
        = IcsWriter::write(IcsWriter::meetingEvent(task, meeting, QStringLiteral("portal.test")));
    QCOMPARE(icsProperty(ics, "DTSTART"), start);
    QCOMPARE(icsProperty(ics, "DTEND"), end);
    QCOMPARE(icsProperty(ics, "DTSTAMP"), QByteArray("20270115T080000Z"));
    QCOMPARE(icsProperty(ics, "UID"), QByteArray("task-7-meeting@portal.test"));
}

void TestIcs::validatesMeetingSettings_data()
{
    QTest::addColumn<QJsonObject>("config");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QString>("message"); // part of the first field's message

    const QJsonObject good{{QStringLiteral("date"), QStringLiteral("2027-03-10")},
                           {QStringLiteral("time"), QStringLiteral("15:00")},
                           {QStringLiteral("timeZone"), QStringLiteral("Europe/Berlin")},
                           {QStringLiteral("durationMinutes"), 60},
                           {QStringLiteral("url"), QStringLiteral("https://meet.example.com/a")}};
    const auto with = [&good](const char *key, const QJsonValue &value) {
        QJsonObject config = good;
        if (value.isUndefined()) {
            config.remove(QLatin1String(key));
        } else {
            config.insert(QLatin1String(key), value);
        }
        return config;
    };
    QTest::addRow("good") << good << QStringList() << QString();
    QTest::addRow("no date") << with("date", QJsonValue::Undefined) << names({"date"})
                             << "YYYY-MM-DD";
    QTest::addRow("date in another format")
        << with("date", QStringLiteral("10.03.2027")) << names({"date"}) << "YYYY-MM-DD";
    QTest::addRow("impossible date")
        << with("date", QStringLiteral("2027-02-30")) << names({"date"}) << "YYYY-MM-DD";
    QTest::addRow("date as number") << with("date", 20270310) << names({"date"}) << "YYYY-MM-DD";
    QTest::addRow("time with seconds")
        << with("time", QStringLiteral("15:00:00")) << names({"time"}) << "HH:MM";
    QTest::addRow("time 24:00") << with("time", QStringLiteral("24:00")) << names({"time"})
                                << "HH:MM";
    // 02:30 does not exist in Berlin on 28 March 2027: the clocks go from 02:00 to 03:00.
    QJsonObject gap = with("date", QStringLiteral("2027-03-28"));
    gap.insert(QStringLiteral("time"), QStringLiteral("02:30"));
    QTest::addRow("time in the spring-forward gap") << gap << names({"time"}) << "does not exist";
    QTest::addRow("unknown zone") << with("timeZone", QStringLiteral("Mars/Olympus"))
                                  << names({"timeZone"}) << "time zone";
    QTest::addRow("offset instead of zone")
        << with("timeZone", QStringLiteral("+02:00")) << names({"timeZone"}) << "time zone";
    QTest::addRow("zone missing") << with("timeZone", QJsonValue::Undefined) << names({"timeZone"})
                                  << "IANA";
    QTest::addRow("too short") << with("durationMinutes", 4) << names({"durationMinutes"})
                               << "between 5 minutes and 24 hours";
    QTest::addRow("shortest") << with("durationMinutes", 5) << QStringList() << QString();
    QTest::addRow("longest") << with("durationMinutes", 1440) << QStringList() << QString();
    QTest::addRow("too long") << with("durationMinutes", 1441) << names({"durationMinutes"})
                              << "between 5 minutes and 24 hours";
    QTest::addRow("fraction") << with("durationMinutes", 30.5) << names({"durationMinutes"})
                              << "whole number";
    QTest::addRow("duration as text") << with("durationMinutes", QStringLiteral("60"))
                                      << names({"durationMinutes"}) << "whole number";
    QTest::addRow("http url") << with("url", QStringLiteral("http://meet.example.com/a"))
                              << names({"url"}) << "https://";
    QTest::addRow("javascript url")
        << with("url", QStringLiteral("javascript:alert(1)")) << names({"url"}) << "https://";
    QTest::addRow("url with a line break")
        << with("url", QStringLiteral("https://meet.example.com/a\r\nX: y")) << names({"url"})
        << "not a valid web address";
    QTest::addRow("url without host") << with("url", QStringLiteral("https:///path"))
                                      << names({"url"}) << "not a valid web address";
    QTest::addRow("url with credentials")
        << with("url", QStringLiteral("https://user:pw@meet.example.com/")) << names({"url"})
        << "not a valid web address";
    QTest::addRow("empty url") << with("url", QString()) << names({"url"}) << "Enter";
    QTest::addRow("everything wrong")
        << QJsonObject() << names({"date", "durationMinutes", "time", "timeZone", "url"})
        << "YYYY-MM-DD";
}

void TestIcs::validatesMeetingSettings()
{
    QFETCH(QJsonObject, config);
    QFETCH(QStringList, fields);
    QFETCH(QString, message);
    FieldErrors errors;
    const std::optional<MeetingSchedule> parsed = MeetingSchedule::fromConfig(config, &errors);
    QCOMPARE(errors.keys(), fields);
    QCOMPARE(bool(parsed), fields.isEmpty());
    if (!fields.isEmpty()) {
        QVERIFY2(errors.value(fields.first()).contains(message),
                 qPrintable(errors.value(fields.first())));
        return;
    }
    // What is saved reads back the same.
    QCOMPARE(MeetingSchedule::fromConfig(parsed->toConfig(), &errors)->toConfig(),
             parsed->toConfig());
}

void TestIcs::icalendarReadsWhatWeWrite_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");
    QTest::addRow("plain") << "Europe/Berlin"
                           << "Kick-off call"
                           << "Meet the team."
                           << "https://meet.example.com/abc"
                           << "2027-03-10T14:00:00+00:00"
                           << "2027-03-10T15:00:00+00:00";
    QTest::addRow("long utf-8 and every escape")
        << "America/New_York" << kLongUtf8
        << QStringLiteral("Agenda, part 1; part 2\\ and C:\\temp\nLine two\r\nLine three, ")
               + kLongUtf8
        << "https://teams.example.com/l/meetup-join/19%3ameeting_abc%40thread.v2/"
           "0?context=%7b%22Tid%22%3a%221%22%7d"
           "&a=b,c;d"
        << "2027-03-10T14:00:00+00:00"
        << "2027-03-10T15:00:00+00:00";
    QTest::addRow("summer in Sydney's winter")
        << "Australia/Sydney"
        << "Go-live review" << QString() << "https://zoom.example.com/j/1"
        << "2027-03-09T23:00:00+00:00"
        << "2027-03-10T00:00:00+00:00";
}

void TestIcs::icalendarReadsWhatWeWrite()
{
    QFETCH(QString, zone);
    QFETCH(QString, title);
    QFETCH(QString, description);
    QFETCH(QString, url);
    QFETCH(QString, start);
    QFETCH(QString, end);
    const QDate date(2027, 3, 10);
    // 14:00 UTC on 10 March 2027 is 15:00 in Berlin and 09:00 in New York (still EST).
    const QTime time = zone == QLatin1String("Europe/Berlin")      ? QTime(15, 0)
                       : zone == QLatin1String("America/New_York") ? QTime(9, 0)
                                                                   : QTime(10, 0);
    MeetingSchedule meeting = schedule(zone, date, time);
    meeting.url = url;
    meeting.sequence = 3;
    QVERIFY2(meeting.validate().isEmpty(),
             qPrintable(meeting.validate().values().join(QLatin1Char(' '))));
    Task task;
    task.id = 42;
    task.title = title;
    task.description = description;
    task.updatedAtMs = 1'800'000'000'000;
    const QByteArray ics
        = IcsWriter::write(IcsWriter::meetingEvent(task, meeting, QStringLiteral("portal.test")));

    // CRLF everywhere, no line over 75 octets.
    QVERIFY(ics.endsWith("END:VCALENDAR\r\n"));
    QVERIFY(!QByteArray(ics).replace("\r\n", "").contains('\n'));
    for (const QByteArray &line : ics.split('\n')) {
        QVERIFY2(line.chopped(line.endsWith('\r') ? 1 : 0).size() <= 75, line.constData());
    }

    QString error;
    const QJsonObject read = readWithIcalendar(ics, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(read.value(QStringLiteral("errors")).toArray().size(), 0);
    QCOMPARE(read.value(QStringLiteral("version")).toString(), QStringLiteral("2.0"));
    QCOMPARE(read.value(QStringLiteral("method")).toString(), QStringLiteral("PUBLISH"));
    QVERIFY(!read.value(QStringLiteral("prodid")).toString().isEmpty());
    QCOMPARE(read.value(QStringLiteral("uid")).toString(),
             QStringLiteral("task-42-meeting@portal.test"));
    QCOMPARE(read.value(QStringLiteral("sequence")).toInt(), 3);
    QCOMPARE(read.value(QStringLiteral("summary")).toString(), title);
    QString expectedDescription
        = description.isEmpty() ? url : description + QStringLiteral("\n\n") + url;
    expectedDescription.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QCOMPARE(read.value(QStringLiteral("description")).toString(), expectedDescription);
    QCOMPARE(read.value(QStringLiteral("location")).toString(), url);
    QCOMPARE(read.value(QStringLiteral("url")).toString(), url);
    QCOMPARE(read.value(QStringLiteral("start")).toString(), start);
    QCOMPARE(read.value(QStringLiteral("end")).toString(), end);
    QCOMPARE(read.value(QStringLiteral("stamp")).toString(),
             QStringLiteral("2027-01-15T08:00:00+00:00"));
}

QTEST_GUILESS_MAIN(TestIcs)
#include "tst_ics.moc"
