// The console's command line.
#include "core/ConsoleOptions.h"

#include <QTest>

using namespace Gatehouse;

class TestConsoleOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
};

void TestConsoleOptions::parses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("embedded");
    QTest::addColumn<QString>("publicUrl");

    const int run = int(ConsoleOptions::Outcome::Run);
    const int error = int(ConsoleOptions::Outcome::Error);
    const QString local8080 = QStringLiteral("http://127.0.0.1:8080");
    QTest::addRow("defaults") << QStringList{} << run << 8080 << true << local8080;
    QTest::addRow("port") << QStringList{QStringLiteral("--portal-port"), QStringLiteral("9123")}
                          << run << 9123 << true << QStringLiteral("http://127.0.0.1:9123");
    QTest::addRow("no portal") << QStringList{QStringLiteral("--no-portal")} << run << 8080 << false
                               << local8080;
    QTest::addRow("public url") << QStringList{QStringLiteral("--public-url"),
                                               QStringLiteral("https://portal.example")}
                                << run << 8080 << true << QStringLiteral("https://portal.example");
    QTest::addRow("data dir and database")
        << QStringList{QStringLiteral("--data-dir"), QStringLiteral("here"),
                       QStringLiteral("--database"), QStringLiteral("postgresql://gh@db/portal")}
        << run << 8080 << true << local8080;
    QTest::addRow("help") << QStringList{QStringLiteral("--help")}
                          << int(ConsoleOptions::Outcome::ShowHelp) << 8080 << true << local8080;
    QTest::addRow("port not a number")
        << QStringList{QStringLiteral("--portal-port"), QStringLiteral("http")} << error << 0
        << true << QString();
    QTest::addRow("port too large")
        << QStringList{QStringLiteral("--portal-port"), QStringLiteral("70000")} << error << 0
        << true << QString();
    QTest::addRow("public url not http")
        << QStringList{QStringLiteral("--public-url"), QStringLiteral("ftp://x")} << error << 0
        << true << QString();
    QTest::addRow("smtp url not smtp")
        << QStringList{QStringLiteral("--smtp-url"), QStringLiteral("http://mail")} << error << 0
        << true << QString();
    QTest::addRow("unknown option")
        << QStringList{QStringLiteral("--frobnicate")} << error << 0 << true << QString();
    QTest::addRow("stray argument")
        << QStringList{QStringLiteral("serve")} << error << 0 << true << QString();
}

void TestConsoleOptions::parses()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, outcome);
    ConsoleOptions options;
    arguments.prepend(QStringLiteral("gatehouse"));
    QCOMPARE(int(options.parse(arguments)), outcome);
    QVERIFY(options.helpText().contains(QLatin1String("--portal-port")));
    if (outcome == int(ConsoleOptions::Outcome::Error)) {
        QVERIFY(!options.errorText().isEmpty());
        return;
    }
    QFETCH(int, port);
    QFETCH(bool, embedded);
    QFETCH(QString, publicUrl);
    QCOMPARE(int(options.portalPort), port);
    QCOMPARE(options.embeddedPortal, embedded);
    QCOMPARE(options.effectivePublicUrl(), publicUrl);
}

QTEST_GUILESS_MAIN(TestConsoleOptions)
#include "tst_console_options.moc"
