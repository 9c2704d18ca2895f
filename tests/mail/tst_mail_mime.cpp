// MIME as Gatehouse writes it, read back by an independent reader (MimeReader): quoted-printable
// bodies, RFC 2047 subjects, headers that cannot be injected, text and HTML alternatives.
#include "MimeReader.h"

#include "mail/MailMessage.h"
#include "mail/MimeWriter.h"
#include "security/Tokens.h"

#include <QTest>

using namespace Gatehouse;
using Gatehouse::Testing::ReadMail;
namespace MimeReader = Gatehouse::Testing::MimeReader;

namespace {

constexpr qint64 kStartMs = 1'800'000'000'000;

MailMessage message(const QString &to, const QString &subject, const QString &text,
                    const QString &html = QString())
{
    MailMessage mail;
    mail.to = to;
    mail.subject = subject;
    mail.text = text;
    mail.html = html;
    return mail;
}

// Header names of a composed message, lower-case, in order.
QList<QByteArray> headerNames(const ReadMail &mail)
{
    QList<QByteArray> names;
    for (const QByteArray &line : mail.headerLines) {
        names.append(line.left(line.indexOf(':')).trimmed().toLower());
    }
    return names;
}

// The raw header block (before the first empty line), lines as sent.
QList<QByteArray> rawHeaderLines(const QByteArray &composed)
{
    return composed.left(composed.indexOf("\r\n\r\n")).split('\n');
}

} // namespace

class TestMailMime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }

    void quotedPrintableRoundTrips_data();
    void quotedPrintableRoundTrips();
    void subjectIsEncodedPerRfc2047_data();
    void subjectIsEncodedPerRfc2047();
    void headersCannotBeInjected_data();
    void headersCannotBeInjected();
    void textAndHtmlPartsReadBack();
};

void TestMailMime::quotedPrintableRoundTrips_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addRow("short ascii") << QByteArray("Hello world");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("long line") << QByteArray(300, 'a');
    QTest::addRow("long line of words") << QByteArray("word ").repeated(60);
    QTest::addRow("exactly 76") << QByteArray(76, 'x');
    QTest::addRow("equals at the soft break") << QByteArray(74, 'x') + "==" + QByteArray(10, 'y');
    QTest::addRow("umlauts") << QStringLiteral("Grüße aus Köln – schön, dass Sie da sind").toUtf8();
    QTest::addRow("long umlaut line") << QStringLiteral("äöüß").repeated(40).toUtf8();
    QTest::addRow("emoji") << QStringLiteral("Done \U0001F642 and \U0001F44D").toUtf8();
    QTest::addRow("equals signs") << QByteArray("a=b, c==d, =3D stays =3D, ends with =");
    QTest::addRow("trailing spaces") << QByteArray("trailing   \nnext line\t\nlast  ");
    QTest::addRow("only spaces") << QByteArray("   ");
    QTest::addRow("space before the soft break") << QByteArray(74, 'x') + " " + QByteArray(5, 'y');
    QTest::addRow("crlf input") << QByteArray("one\r\ntwo\r\n");
    QTest::addRow("empty lines") << QByteArray("\n\nthree\n\n");
    QTest::addRow("smtp dot lines") << QByteArray(".\n..\n.hidden\n");
    QTest::addRow("control characters") << QByteArray("tab\tinside, del\x7f, bell\x07", 26);
    QTest::addRow("nul byte") << QByteArray("before\0after", 12);
}

void TestMailMime::quotedPrintableRoundTrips()
{
    QFETCH(QByteArray, input);
    const QByteArray encoded = MimeWriter::quotedPrintable(input);

    QByteArray expected = input;
    expected.replace("\r\n", "\n").replace("\n", "\r\n");
    QCOMPARE(MimeReader::decodeQuotedPrintable(encoded), expected);

    // Every line break is CRLF; no line is longer than 76 characters or ends in white space;
    // only printable ASCII travels.
    QVERIFY(!QByteArray(encoded).replace("\r\n", "").contains('\n'));
    QVERIFY(!QByteArray(encoded).replace("\r\n", "").contains('\r'));
    const QList<QByteArray> lines = encoded.split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        QVERIFY2(line.size() <= 76, line.constData());
        QVERIFY2(!line.endsWith(' ') && !line.endsWith('\t'), line.constData());
        for (const char c : line) {
            QVERIFY2((c >= 33 && c <= 126) || c == ' ' || c == '\t', line.constData());
        }
    }
}

void TestMailMime::subjectIsEncodedPerRfc2047_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addRow("ascii") << QStringLiteral("Your sign-in code for Northwind IT: 123456");
    QTest::addRow("umlauts") << QStringLiteral("Müller IT lädt Sie zum Kundenportal ein");
    QTest::addRow("long with umlauts")
        << QStringLiteral("Zahnarztpraxis Dr. Jürgen Größer & Söhne GmbH – Ihr Anmeldecode für "
                          "das Kundenportal der Müller IT-Service GmbH: 482913");
    QTest::addRow("emoji") << QStringLiteral("\U0001F642 Willkommen, \U0001F44D Schön!");
    QTest::addRow("long emoji run") << QString(QStringLiteral("\U0001F642")).repeated(40);
    QTest::addRow("cjk") << QStringLiteral("ポータルへのご招待 — 東京オフィス").repeated(3);
}

void TestMailMime::subjectIsEncodedPerRfc2047()
{
    QFETCH(QString, subject);
    const QByteArray composed = MimeWriter::compose(
        message(QStringLiteral("client@example.com"), subject, QStringLiteral("Body")),
        QStringLiteral("Gatehouse"), QStringLiteral("portal@example.test"), kStartMs);
    const ReadMail mail = MimeReader::read(composed);
    QCOMPARE(mail.decodedHeader("Subject"), subject);
    QCOMPARE(mail.text, QStringLiteral("Body"));

    const QList<QByteArray> lines = rawHeaderLines(composed);
    for (const QByteArray &line : lines) {
        QVERIFY2(line.size() <= 998, line.constData());
        for (const char c : line) {
            QVERIFY2(c >= 9 && c <= 126, line.constData()); // headers stay 7-bit
        }
    }
    // RFC 2047, section 2: an encoded word is at most 75 characters; longer text is split
    // into several words on folded lines, each line within 78 characters.
    static const QRegularExpression word(QStringLiteral(R"(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)"));
    QRegularExpressionMatchIterator it = word.globalMatch(QString::fromLatin1(composed));
    while (it.hasNext()) {
        const QString encoded = it.next().captured();
        QVERIFY2(encoded.size() <= 75, qPrintable(encoded));
    }
    bool hasWord = false;
    for (const QByteArray &line : lines) {
        if (line.contains("=?")) {
            hasWord = true;
            QVERIFY2(line.trimmed().size() <= 78, line.constData());
        }
    }
    QCOMPARE(hasWord, subject.toLatin1() != subject.toUtf8());
}

void TestMailMime::headersCannotBeInjected_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addRow("subject crlf") << "subject"
                                  << "Hello\r\nBcc: attacker@evil.example";
    QTest::addRow("subject lf") << "subject"
                                << "Hello\nBcc: attacker@evil.example";
    QTest::addRow("subject cr") << "subject"
                                << "Hello\rBcc: attacker@evil.example";
    QTest::addRow("subject ends the headers") << "subject"
                                              << "Hello\r\n\r\nInjected body";
    QTest::addRow("subject non-ascii crlf") << "subject"
                                            << "Grüße\r\nBcc: attacker@evil.example";
    QTest::addRow("subject unicode breaks")
        << "subject" << QStringLiteral("Hello\u2028Bcc: a@evil.example\u0085Bcc: b@evil.example");
    QTest::addRow("recipient crlf") << "to"
                                    << "client@example.com\r\nBcc: attacker@evil.example";
    QTest::addRow("recipient lf") << "to"
                                  << "client@example.com\nBcc: attacker@evil.example";
    QTest::addRow("sender name crlf") << "fromName"
                                      << "Gatehouse\r\nBcc: attacker@evil.example";
    QTest::addRow("sender address crlf") << "fromAddress"
                                         << "portal@example.test\r\nBcc: attacker@evil.example";
}

void TestMailMime::headersCannotBeInjected()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    MailMessage mail = message(QStringLiteral("client@example.com"), QStringLiteral("Subject"),
                               QStringLiteral("The real body"));
    QString fromName = QStringLiteral("Gatehouse");
    QString fromAddress = QStringLiteral("portal@example.test");
    if (field == QLatin1String("subject")) {
        mail.subject = value;
    } else if (field == QLatin1String("to")) {
        mail.to = value;
    } else if (field == QLatin1String("fromName")) {
        fromName = value;
    } else {
        fromAddress = value;
    }
    const ReadMail read = MimeReader::read(MimeWriter::compose(mail, fromName, fromAddress, 0));
    const QList<QByteArray> expected
        = {"date",           "from",         "to",
           "subject",        "message-id",   "mime-version",
           "auto-submitted", "content-type", "content-transfer-encoding"};
    QCOMPARE(headerNames(read), expected);
    QCOMPARE(read.headerCount("Bcc"), 0);
    QCOMPARE(read.text, QStringLiteral("The real body"));
    for (const QByteArray &name : expected) {
        const QString decoded = read.decodedHeader(name);
        QVERIFY2(!decoded.contains(QLatin1Char('\r')) && !decoded.contains(QLatin1Char('\n')),
                 qPrintable(decoded));
    }
}

void TestMailMime::textAndHtmlPartsReadBack()
{
    const QString text = QStringLiteral("Hallo Jördis,\n\nÖffnen Sie Ihr Portal:\n"
                                        "https://portal.example.test/i/abc?x=1&y=2\n");
    const QString html = QStringLiteral("<p style=\"color:#1f6f5c\">Hallo Jördis, "
                                        "<a href=\"https://portal.example.test/i/abc\">Portal</a>"
                                        "</p>")
                             .repeated(5);
    const QByteArray composed = MimeWriter::compose(
        message(QStringLiteral("client@example.com"), QStringLiteral("Willkommen"), text, html),
        QStringLiteral("Müller IT"), QStringLiteral("portal@example.test"), kStartMs);
    const ReadMail mail = MimeReader::read(composed);
    QCOMPARE(mail.text, text);
    QCOMPARE(mail.html, html);
    QVERIFY(mail.header("Content-Type").startsWith("multipart/alternative"));
    QCOMPARE(mail.decodedHeader("From"), QStringLiteral("Müller IT <portal@example.test>"));
    QCOMPARE(mail.header("To"), QByteArray("<client@example.com>"));
    QCOMPARE(mail.header("Date"), QByteArray("Fri, 15 Jan 2027 08:00:00 +0000"));
    QVERIFY(mail.header("Message-ID").endsWith("@example.test>"));
    QCOMPARE(mail.header("Auto-Submitted"), QByteArray("auto-generated"));
}

QTEST_GUILESS_MAIN(TestMailMime)
#include "tst_mail_mime.moc"
