// Branding (ONB-10) on SQLite and PostgreSQL: the accent is readable or refused, logos become
// PNGs Gatehouse drew (an SVG that reaches outside itself is refused), and the console's
// Settings page edits it all.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "branding/BrandingRules.h"
#include "core/FileDialog.h"
#include "services/BrandingService.h"
#include "settings/BrandingPanel.h"
#include "storage/DirectoryRepository.h"
#include "storage/FileStore.h"
#include "storage/SqlQuery.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

const QByteArray kSvg
    = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\">\n<rect x=\"10\" "
      "y=\"10\" width=\"180\" height=\"80\" fill=\"#1f6f5c\"/></svg>";

} // namespace

class TestConsoleBranding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        prepareGuiTest(m_settingsDir.path());
    }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        m_test = TestDatabase::create(engine);
        QVERIFY(m_test);
        m_fixture = ConsoleFixture();
        QCOMPARE(m_fixture.create(*m_test), QString());
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void accentMustBeReadable_data();
    void accentMustBeReadable();
    void logosAreRedrawnOrRefused_data();
    void logosAreRedrawnOrRefused();
    void settingsPageEditsBranding();

private:
    QStringList state();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

QStringList TestConsoleBranding::state()
{
    QStringList rows;
    SqlQuery query(m_test->db(), QStringLiteral("SELECT name, accent_color, welcome_message, "
                                                "COALESCE(logo_file_id, 0), (SELECT COUNT(*) "
                                                "FROM stored_file) FROM workspace"));
    QString error;
    if (query.exec(&error) && query.next()) {
        for (int i = 0; i < 5; ++i) {
            rows << query.text(i);
        }
    }
    return rows;
}

void TestConsoleBranding::accentMustBeReadable_data()
{
    QTest::addColumn<QString>("accent");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("dark green") << "#1F6F5C" << true;
    QTest::newRow("pale yellow, dark text") << "#fff3b0" << true;
    QTest::newRow("mid grey") << "#777777" << false;
    QTest::newRow("mid orange") << "#d9480f" << false;
    QTest::newRow("mid blue") << "#1c7ed6" << false;
    QTest::newRow("light orange, dark text") << "#f26b1d" << true;
    QTest::newRow("three digits") << "#abc" << false;
    QTest::newRow("a name") << "teal" << false;
    QTest::newRow("markup") << "#000000\"><script>" << false;
}

void TestConsoleBranding::accentMustBeReadable()
{
    QFETCH(QString, accent);
    QFETCH(bool, accepted);
    const QStringList before = state();
    ServiceError error;
    const bool saved = BrandingService(m_test->db(), Clock::system())
                           .update(QStringLiteral("Northwind IT"), accent,
                                   QStringLiteral("Welcome!"), m_fixture.context.actor(), &error);
    QCOMPARE(saved, accepted);
    if (accepted) {
        QCOMPARE(state().at(1), accent.toLower());
        QVERIFY(BrandingRules::buttonTextContrast(QColor(accent)) >= 4.5);
    } else {
        QVERIFY(!error.message.isEmpty());
        QCOMPARE(state(), before);
    }
}

void TestConsoleBranding::logosAreRedrawnOrRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("accepted");
    QImage big(1600, 400, QImage::Format_RGB32);
    big.fill(Qt::darkBlue);
    QByteArray png;
    {
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        big.save(&buffer, "PNG");
    }
    QTest::newRow("PNG, scaled down") << png << true;
    QTest::newRow("SVG shapes") << kSvg << true;
    QTest::newRow("SVG with script")
        << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                      "<script>alert(1)</script></svg>")
        << false;
    QTest::newRow("SVG with an event handler")
        << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\" "
                      "onload=\"alert(1)\"><rect width=\"5\" height=\"5\"/></svg>")
        << false;
    QTest::newRow("SVG reading a local file") << QByteArray(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
        "width=\"10\" height=\"10\"><image xlink:href=\"file:///etc/passwd\"/></svg>")
                                              << false;
    QTest::newRow("SVG with entities")
        << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x \"y\">]>"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>")
        << false;
    QTest::newRow("a web page") << QByteArray("<html><body>hi</body></html>") << false;
    QTest::newRow("too large") << QByteArray(BrandingRules::kMaxLogoBytes + 1, 'x') << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestConsoleBranding::logosAreRedrawnOrRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, accepted);
    const QStringList before = state();
    ServiceError error;
    const bool saved = BrandingService(m_test->db(), Clock::system())
                           .setLogo(bytes, m_fixture.context.actor(), &error);
    QCOMPARE(saved, accepted);
    if (!accepted) {
        QVERIFY(!error.message.isEmpty());
        QCOMPARE(state(), before);
        return;
    }
    QString dbError;
    const std::optional<Workspace> workspace
        = DirectoryRepository(m_test->db()).workspace(&dbError);
    const std::optional<QByteArray> stored
        = FileStore(m_test->db()).readAll(workspace->logoFileId, &dbError);
    QVERIFY(stored);
    QVERIFY(stored->startsWith("\x89PNG"));
    QImage image;
    QVERIFY(image.loadFromData(*stored, "PNG"));
    QVERIFY(image.width() <= BrandingRules::kLogoBox && image.height() <= BrandingRules::kLogoBox);
    QVERIFY(!stored->contains("<svg"));
}

void TestConsoleBranding::settingsPageEditsBranding()
{
    m_window = openMainWindow(m_fixture.context);
    m_window->showPage(MainWindow::SettingsPage);
    BrandingPanel *panel = m_window->brandingPanel();
    QVERIFY(panel->isVisible());

    panel->accentEdit()->setText(QStringLiteral("#777777"));
    QVERIFY(panel->contrastLabel()->text().contains(QStringLiteral("hard to read")));
    const QStringList before = state();
    QVERIFY(!panel->save());
    QCOMPARE(state(), before);

    panel->nameEdit()->setText(QStringLiteral("Northwind IT Services"));
    panel->accentEdit()->setText(QStringLiteral("#0b5394"));
    QVERIFY(panel->contrastLabel()->text().contains(QStringLiteral("readable")));
    panel->welcomeEdit()->setPlainText(QStringLiteral("Welcome aboard."));
    QVERIFY(panel->save());
    QCOMPARE(state().mid(0, 3),
             (QStringList{QStringLiteral("Northwind IT Services"), QStringLiteral("#0b5394"),
                          QStringLiteral("Welcome aboard.")}));

    QTemporaryDir dir;
    const QString logo = dir.filePath(QStringLiteral("logo.svg"));
    QFile file(logo);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kSvg);
    file.close();
    FileDialog::setNextOpenFileName(logo);
    QVERIFY(panel->chooseLogo());
    QVERIFY(!panel->logoLabel()->pixmap().isNull());
    QVERIFY(state().at(3) != QStringLiteral("0"));
    QVERIFY(panel->removeLogo());
    QCOMPARE(state().at(3), QStringLiteral("0"));
}

QTEST_MAIN(TestConsoleBranding)
#include "tst_console_branding.moc"
