// The console's screenshot mode, run as scripts/screenshots.sh runs it (the real program, on a
// demo workspace of its own), for one page: so that the README's pictures can always be taken
// again. And the command line keeps the self-signing-in mode to the demo.
#include "core/ConsoleOptions.h"
#include "core/ScreenshotTour.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;

class TestConsoleScreenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void screenshotsNeedTheDemo_data();
    void screenshotsNeedTheDemo();
    void writesTheHomePageAtTheFixedSize();
};

void TestConsoleScreenshots::screenshotsNeedTheDemo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("accepted");

    const QString demo = QStringLiteral("--demo");
    const QString shots = QStringLiteral("--screenshots");
    const QString pages = QStringLiteral("--screenshot-pages");
    const QString dir = QStringLiteral("out");
    QTest::addRow("demo alone") << QStringList{demo} << true;
    QTest::addRow("demo and screenshots") << QStringList{demo, shots, dir} << true;
    QTest::addRow("screenshots without demo") << QStringList{shots, dir} << false;
    QTest::addRow("two pages") << QStringList{demo, shots, dir, pages,
                                              QStringLiteral("home,settings-branding")}
                               << true;
    QTest::addRow("unknown page") << QStringList{demo, shots, dir, pages,
                                                 QStringLiteral("home,nowhere")}
                                  << false;
    QTest::addRow("pages without screenshots")
        << QStringList{demo, pages, QStringLiteral("home")} << false;
}

void TestConsoleScreenshots::screenshotsNeedTheDemo()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, accepted);
    ConsoleOptions options;
    arguments.prepend(QStringLiteral("gatehouse"));
    const ConsoleOptions::Outcome outcome = options.parse(arguments);
    QCOMPARE(outcome == ConsoleOptions::Outcome::Run, accepted);
    if (!accepted) {
        QVERIFY(!options.errorText().isEmpty());
    }
}

void TestConsoleScreenshots::writesTheHomePageAtTheFixedSize()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("shots"));
    QProcess console;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Nothing from this machine's settings: no remembered geometry, no last email.
    environment.insert(QStringLiteral("HOME"), dir.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    console.setProcessEnvironment(environment);
    console.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    console.start(QStringLiteral(GATEHOUSE_CONSOLE_BINARY),
                  {QStringLiteral("--demo"), QStringLiteral("--no-portal"),
                   QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
                   QStringLiteral("--screenshots"), out, QStringLiteral("--screenshot-pages"),
                   QStringLiteral("home")});
    QVERIFY2(console.waitForStarted(), qPrintable(console.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(console.state() == QProcess::NotRunning, 120000);
    QCOMPARE(console.exitStatus(), QProcess::NormalExit);
    QCOMPARE(console.exitCode(), 0);

    const QImage home(out + QLatin1String("/home.png"));
    QVERIFY(!home.isNull());
    QCOMPARE(home.size(), ScreenshotTour::kWindowSize);
    // A drawn window, not a blank: many colours (text, charts, the selected page).
    QSet<QRgb> colours;
    for (int y = 0; y < home.height(); y += 4) {
        for (int x = 0; x < home.width(); x += 4) {
            colours.insert(home.pixel(x, y));
        }
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    // Only what was asked for.
    QCOMPARE(QDir(out).entryList(QDir::Files), QStringList{QStringLiteral("home.png")});
}

QTEST_MAIN(TestConsoleScreenshots)
#include "tst_console_screenshots.moc"
