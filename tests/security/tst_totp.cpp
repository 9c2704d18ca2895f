// TOTP (RFC 6238) and base32 (RFC 4648) against their published test vectors, and the window
// and replay rules the portal relies on, with time given rather than read from a clock.
#include "security/Base32.h"
#include "security/QrCodeSvg.h"
#include "security/Tokens.h"
#include "security/Totp.h"

#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace Gatehouse;

namespace {

const QByteArray kRfcSecret = QByteArrayLiteral("12345678901234567890");

} // namespace

class TestTotp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }

    void base32Encodes_data();
    void base32Encodes();
    void base32RefusesWhatNoEncodingMakes_data();
    void base32RefusesWhatNoEncodingMakes();
    void rfc6238Vectors_data();
    void rfc6238Vectors();
    void oneStepEitherWayIsAcceptedTwoAreNot_data();
    void oneStepEitherWayIsAcceptedTwoAreNot();
    void aUsedStepOrAnEarlierOneIsRefused();
    void malformedCodesNeverMatch_data();
    void malformedCodesNeverMatch();
    void secretsAreRandomAndTwentyBytes();
    void provisioningUriNamesIssuerAndAccount();
    void qrCodeIsAWellFormedSvgWithAQuietZone();
};

void TestTotp::base32Encodes_data()
{
    // RFC 4648 section 10, without the padding authenticator apps do not want.
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addRow("empty") << QByteArray() << QString();
    QTest::addRow("f") << QByteArrayLiteral("f") << QStringLiteral("MY");
    QTest::addRow("fo") << QByteArrayLiteral("fo") << QStringLiteral("MZXQ");
    QTest::addRow("foo") << QByteArrayLiteral("foo") << QStringLiteral("MZXW6");
    QTest::addRow("foob") << QByteArrayLiteral("foob") << QStringLiteral("MZXW6YQ");
    QTest::addRow("fooba") << QByteArrayLiteral("fooba") << QStringLiteral("MZXW6YTB");
    QTest::addRow("foobar") << QByteArrayLiteral("foobar") << QStringLiteral("MZXW6YTBOI");
    QTest::addRow("rfc 6238 secret")
        << kRfcSecret << QStringLiteral("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

void TestTotp::base32Encodes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(Base32::encode(bytes), text);
    QCOMPARE(Base32::decode(text), std::optional<QByteArray>(bytes));
    // As people type it or apps pad it.
    QCOMPARE(Base32::decode(text.toLower()), std::optional<QByteArray>(bytes));
    QString padded = text;
    while (padded.size() % 8 != 0) {
        padded.append(QLatin1Char('='));
    }
    QCOMPARE(Base32::decode(padded), std::optional<QByteArray>(bytes));
}

void TestTotp::base32RefusesWhatNoEncodingMakes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("digit 1") << QStringLiteral("MZ1W6");
    QTest::addRow("digit 8") << QStringLiteral("MZXW8");
    QTest::addRow("punctuation") << QStringLiteral("MZ-W6");
    QTest::addRow("one character") << QStringLiteral("M");
    QTest::addRow("three characters") << QStringLiteral("MZX");
    QTest::addRow("six characters") << QStringLiteral("MZXW6Y");
}

void TestTotp::base32RefusesWhatNoEncodingMakes()
{
    QFETCH(QString, text);
    QVERIFY(!Base32::decode(text));
}

void TestTotp::rfc6238Vectors_data()
{
    // RFC 6238 appendix B, the SHA-1 rows (eight digits there).
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("code");
    QTest::addRow("59") << qint64(59) << QStringLiteral("94287082");
    QTest::addRow("1111111109") << qint64(1111111109) << QStringLiteral("07081804");
    QTest::addRow("1111111111") << qint64(1111111111) << QStringLiteral("14050471");
    QTest::addRow("1234567890") << qint64(1234567890) << QStringLiteral("89005924");
    QTest::addRow("2000000000") << qint64(2000000000) << QStringLiteral("69279037");
    QTest::addRow("20000000000") << qint64(20000000000) << QStringLiteral("65353130");
}

void TestTotp::rfc6238Vectors()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, code);
    const qint64 step = Totp::stepAt(seconds * 1000);
    QCOMPARE(Totp::code(kRfcSecret, step, 8), code);
    // The six digits an app shows are the last six of the same number.
    QCOMPARE(Totp::code(kRfcSecret, step), code.right(6));
    QCOMPARE(Totp::matchingStep(kRfcSecret, code.right(6), seconds * 1000, 0),
             std::optional<qint64>(step));
}

void TestTotp::oneStepEitherWayIsAcceptedTwoAreNot_data()
{
    QTest::addColumn<int>("offset");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("two steps early") << -2 << false;
    QTest::addRow("one step early") << -1 << true;
    QTest::addRow("this step") << 0 << true;
    QTest::addRow("one step late") << 1 << true;
    QTest::addRow("two steps late") << 2 << false;
}

void TestTotp::oneStepEitherWayIsAcceptedTwoAreNot()
{
    QFETCH(int, offset);
    QFETCH(bool, accepted);
    const qint64 nowMs = 1'800'000'012'345;
    const qint64 now = Totp::stepAt(nowMs);
    const QString code = Totp::code(kRfcSecret, now + offset);
    const std::optional<qint64> step = Totp::matchingStep(kRfcSecret, code, nowMs, 0);
    QCOMPARE(step.has_value(), accepted);
    if (accepted) {
        QCOMPARE(*step, now + offset);
    }
}

void TestTotp::aUsedStepOrAnEarlierOneIsRefused()
{
    const qint64 nowMs = 1'800'000'012'345;
    const qint64 now = Totp::stepAt(nowMs);
    const QString code = Totp::code(kRfcSecret, now);
    QCOMPARE(Totp::matchingStep(kRfcSecret, code, nowMs, now - 1), std::optional<qint64>(now));
    // The same code again: its step is the last used one.
    QVERIFY(!Totp::matchingStep(kRfcSecret, code, nowMs, now));
    // The previous step's code, still inside the window, is older than the used one.
    QVERIFY(!Totp::matchingStep(kRfcSecret, Totp::code(kRfcSecret, now - 1), nowMs, now));
    // The next step's code is newer, so it passes.
    QCOMPARE(Totp::matchingStep(kRfcSecret, Totp::code(kRfcSecret, now + 1), nowMs, now),
             std::optional<qint64>(now + 1));
}

void TestTotp::malformedCodesNeverMatch_data()
{
    QTest::addColumn<QString>("code");
    QTest::addRow("empty") << QString();
    QTest::addRow("five digits") << QStringLiteral("12345");
    QTest::addRow("seven digits") << QStringLiteral("1234567");
    QTest::addRow("letters") << QStringLiteral("abcdef");
}

void TestTotp::malformedCodesNeverMatch()
{
    QFETCH(QString, code);
    QVERIFY(!Totp::matchingStep(kRfcSecret, code, 59'000, 0));
    QVERIFY(!Totp::matchingStep(QByteArray(), QStringLiteral("287082"), 59'000, 0));
}

void TestTotp::secretsAreRandomAndTwentyBytes()
{
    const QByteArray a = Totp::generateSecret();
    const QByteArray b = Totp::generateSecret();
    QCOMPARE(a.size(), 20);
    QCOMPARE(b.size(), 20);
    QVERIFY(a != b);
    QCOMPARE(Base32::encode(a).size(), 32);
}

void TestTotp::provisioningUriNamesIssuerAndAccount()
{
    const QString uri = Totp::provisioningUri(kRfcSecret, QStringLiteral("Acme IT & Co"),
                                              QStringLiteral("jordan@example.test"));
    QCOMPARE(uri, QStringLiteral("otpauth://totp/Acme%20IT%20%26%20Co%3Ajordan%40example.test"
                                 "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                                 "&issuer=Acme%20IT%20%26%20Co&algorithm=SHA1&digits=6&period=30"));
}

void TestTotp::qrCodeIsAWellFormedSvgWithAQuietZone()
{
    const QString uri = Totp::provisioningUri(kRfcSecret, QStringLiteral("Acme IT"),
                                              QStringLiteral("jordan@example.test"));
    const std::optional<QByteArray> svg = QrCodeSvg::render(uri);
    QVERIFY(svg);
    QXmlStreamReader xml(*svg);
    int elements = 0;
    QString viewBox;
    QString path;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            ++elements;
            if (xml.name() == QLatin1String("svg")) {
                viewBox = xml.attributes().value(QLatin1String("viewBox")).toString();
            } else if (xml.name() == QLatin1String("path")) {
                path = xml.attributes().value(QLatin1String("d")).toString();
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(elements, 3); // svg, the white background, the dark modules
    // A QR code is 21 + 4n modules wide, plus 4 modules of quiet zone on each side.
    const int size = viewBox.section(QLatin1Char(' '), 2, 2).toInt();
    QVERIFY2(size >= 29 && (size - 8 - 21) % 4 == 0, qPrintable(viewBox));
    // No module is drawn in the quiet zone; the finder pattern's corner is the first module.
    QVERIFY2(path.startsWith(QStringLiteral("M4 4h1v1h-1z")), qPrintable(path.left(40)));
    const QRegularExpression module(QStringLiteral("M(\\d+) (\\d+)h1v1h-1z"));
    auto matches = module.globalMatch(path);
    int count = 0;
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const int x = match.captured(1).toInt();
        const int y = match.captured(2).toInt();
        QVERIFY(x >= 4 && y >= 4 && x < size - 4 && y < size - 4);
        ++count;
    }
    QVERIFY(count > 100);
}

QTEST_GUILESS_MAIN(TestTotp)
#include "tst_totp.moc"
