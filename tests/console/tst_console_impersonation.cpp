// "View portal as…" (CON-7) in the Companies page, on SQLite and PostgreSQL, driven as staff use
// it: a reason is asked for (a blank one is refused and starts nothing), the portal opens in a
// real QWebEngineView (off the record, the session cookie in its own cookie store) over a real
// portal server and shows the banner naming the staff member; at the time limit, on the test's
// clock, the view is blanked, closed and ended. Closing it ends it too.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "PortalServer.h"
#include "companies/CompaniesView.h"
#include "core/MessageBox.h"
#include "core/WebEngineAvailability.h"
#include "impersonation/ImpersonationDialog.h"
#include "impersonation/ImpersonationWindow.h"
#include "impersonation/ViewPortalAsAction.h"
#include "models/CompanyListModel.h"
#include "models/ContactListModel.h"
#include "storage/SqlQuery.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEngineProfile>
#include <QWebEngineView>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr int kPageTimeoutMs = 60000; // the first start of Chromium is slow

} // namespace

class TestConsoleImpersonation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        prepareGuiTest(m_settingsDir.path());
        qRegisterMetaType<ImpersonationWindow *>();
        qRegisterMetaType<ImpersonationEnd>();
    }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void blankReasonStartsNothing();
    void withoutWebEngineNothingStarts();
    void startedWithAReasonAndEndedOnExpiry();
    void closingTheWindowEndsTheView();
    void onlyAdministratorsMayClearReadOnly();

private:
    void selectAcmeContact();
    ImpersonationDialog *openDialog();
    // Starts a view through the dialog, as staff do; the window it opened.
    ImpersonationWindow *startView(const QString &reason);
    QString one(const QString &sql);
    // The text of the page's element with that id, read by the page's own JavaScript; empty
    // until the page has it. Asks again on every call, answers what the last call learnt.
    QString pageText(ImpersonationWindow *window, const QString &elementId);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<PortalServer> m_portal;
    std::unique_ptr<MainWindow> m_window;
    CompaniesView *m_view = nullptr;
    QString m_pageText;
};

void TestConsoleImpersonation::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_test = TestDatabase::create(engine);
    QVERIFY(m_test);
    m_fixture = ConsoleFixture();
    QCOMPARE(m_fixture.create(*m_test), QString());
    m_clock = std::make_unique<ManualClock>(Clock::system().nowMs());
    // The portal the console views, on the same database and the same clock.
    PortalConfig config;
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    m_portal = std::make_unique<PortalServer>(m_test->db(), config, *m_clock);
    QString error;
    QVERIFY2(m_portal->start(&error), qPrintable(error));
    m_fixture.context.clock = m_clock.get();
    m_fixture.context.publicUrl = m_portal->publicUrl();
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    m_window->showPage(MainWindow::CompaniesPage);
    m_view = m_window->companiesView();
    m_pageText.clear();
}

void TestConsoleImpersonation::cleanup()
{
    WebEngineAvailability::setProblemForTesting(QString());
    // Windows of views still open end with the main window, before the database goes.
    m_window.reset();
    m_portal.reset();
    m_test.reset();
}

void TestConsoleImpersonation::selectAcmeContact()
{
    clickRow(m_view->companyTable(),
             m_view->companyModel()->index(m_view->companyModel()->rowOf(m_fixture.acmeId),
                                           CompanyListModel::NameColumn));
    clickRow(m_view->contactTable(),
             m_view->contactModel()->index(m_view->contactModel()->rowOf(m_fixture.acmeContactId),
                                           ContactListModel::NameColumn));
    QCOMPARE(m_view->currentContactId(), m_fixture.acmeContactId);
}

ImpersonationDialog *TestConsoleImpersonation::openDialog()
{
    selectAcmeContact();
    if (!m_view->viewAsButton()->isEnabled()) {
        return nullptr;
    }
    // The keyboard shortcut, where the contacts table has focus.
    m_view->contactTable()->setFocus();
    QTest::keyClick(m_view->contactTable(), Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
    return m_window->findChild<ImpersonationDialog *>();
}

ImpersonationWindow *TestConsoleImpersonation::startView(const QString &reason)
{
    ImpersonationDialog *dialog = openDialog();
    if (!dialog) {
        return nullptr;
    }
    QSignalSpy started(dialog, &ImpersonationDialog::started);
    dialog->reasonEdit()->setFocus();
    QTest::keyClicks(dialog->reasonEdit(), reason);
    clickOk(dialog->buttons());
    auto *window = m_window->findChild<ImpersonationWindow *>();
    return started.size() == 1 && started.first().first().value<ImpersonationWindow *>() == window
               ? window
               : nullptr;
}

QString TestConsoleImpersonation::one(const QString &sql)
{
    SqlQuery query(m_test->db(), sql);
    QString error;
    if (!query.exec(&error) || !query.next()) {
        return QStringLiteral("(none) ") + error;
    }
    return query.value(0).toString();
}

QString TestConsoleImpersonation::pageText(ImpersonationWindow *window, const QString &elementId)
{
    if (window) {
        window->view()->page()->runJavaScript(
            QStringLiteral("(function () { var e = document.getElementById('%1'); "
                           "return e ? e.textContent : ''; })()")
                .arg(elementId),
            [this](const QVariant &result) { m_pageText = result.toString(); });
    }
    return m_pageText;
}

void TestConsoleImpersonation::blankReasonStartsNothing()
{
    ImpersonationDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("   "));
    clickOk(dialog->buttons());
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->errorText().contains(QLatin1String("reason")),
             qPrintable(dialog->errorText()));
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM impersonation")), QStringLiteral("0"));
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM portal_session")), QStringLiteral("0"));
    QVERIFY(!m_window->findChild<ImpersonationWindow *>());
}

// Where Chromium cannot start (say, as root with its sandbox on) the console says why instead
// of opening a view that would end it; no reason is asked and no view is recorded.
void TestConsoleImpersonation::withoutWebEngineNothingStarts()
{
    WebEngineAvailability::setProblemForTesting(QStringLiteral("Chromium is not here."));
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QVERIFY(!openDialog());
    QVERIFY2(MessageBox::lastText().contains(QStringLiteral("Chromium is not here.")),
             qPrintable(MessageBox::lastText()));
    QVERIFY(!m_window->findChild<ImpersonationWindow *>());
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM impersonation")), QStringLiteral("0"));
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM portal_session")), QStringLiteral("0"));

    // With Chromium back, the same shortcut asks for the reason.
    WebEngineAvailability::setProblemForTesting(QString());
    ImpersonationDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
}

void TestConsoleImpersonation::startedWithAReasonAndEndedOnExpiry()
{
    QPointer<ImpersonationWindow> window = startView(QStringLiteral("Ticket 4711"));
    QVERIFY(window);
    QVERIFY(window->isVisible());
    QVERIFY(window->profile()->isOffTheRecord());
    QCOMPARE(one(QStringLiteral("SELECT reason || '|' || read_only FROM impersonation")),
             QStringLiteral("Ticket 4711|1"));
    QCOMPARE(window->timeLeftLabel()->text(), QStringLiteral("15:00 left"));
    // The portal, signed in as the contact by the cookie alone, names the staff member.
    QTRY_VERIFY_WITH_TIMEOUT(pageText(window, QStringLiteral("impersonation-banner"))
                                 .contains(QLatin1String("Dana Admin")),
                             kPageTimeoutMs);
    QVERIFY(pageText(window, QStringLiteral("impersonation-banner"))
                .contains(QLatin1String("read-only")));
    QVERIFY(!window->view()->url().toString().contains(QLatin1String("token")));

    m_clock->advanceMs(10 * kMinuteMs);
    QTRY_COMPARE(window->timeLeftLabel()->text(), QStringLiteral("5:00 left"));
    QVERIFY(!window->isEnded());

    // The time is up: blanked, closed, ended as expired.
    QSignalSpy ended(window.data(), &ImpersonationWindow::ended);
    m_clock->advanceMs(5 * kMinuteMs);
    QTRY_COMPARE(ended.size(), 1);
    QCOMPARE(ended.first().first().value<ImpersonationEnd>(), ImpersonationEnd::Expired);
    QTRY_VERIFY(window.isNull());
    QCOMPARE(one(QStringLiteral("SELECT ended_how FROM impersonation")), QStringLiteral("expired"));
    QCOMPARE(
        one(QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE revoked_at IS NOT NULL")),
        QStringLiteral("1"));
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action IN "
                                "('impersonation.started', 'impersonation.ended')")),
             QStringLiteral("2"));
    // Its page loads were audited while it was open.
    QVERIFY(one(QStringLiteral("SELECT COUNT(*) FROM audit_event WHERE action = "
                               "'impersonation.request' AND detail LIKE '%/api/v1/me'"))
                .toInt()
            >= 1);
}

void TestConsoleImpersonation::closingTheWindowEndsTheView()
{
    QPointer<ImpersonationWindow> window = startView(QStringLiteral("Showing the new page"));
    QVERIFY(window);
    QTest::mouseClick(window->endButton(), Qt::LeftButton);
    QTRY_VERIFY(window.isNull());
    QCOMPARE(one(QStringLiteral("SELECT ended_how FROM impersonation")), QStringLiteral("closed"));
    QCOMPARE(
        one(QStringLiteral("SELECT COUNT(*) FROM portal_session WHERE revoked_at IS NOT NULL")),
        QStringLiteral("1"));
}

void TestConsoleImpersonation::onlyAdministratorsMayClearReadOnly()
{
    ImpersonationDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->readOnlyBox()->isEnabled());
    QVERIFY(dialog->readOnlyBox()->isChecked());
    dialog->reject();

    ConsoleContext technician = m_fixture.context;
    technician.staff.role = QStringLiteral("technician");
    Contact contact;
    contact.id = m_fixture.acmeContactId;
    contact.name = QStringLiteral("Alex Acme");
    ImpersonationDialog other(technician, contact);
    QVERIFY(!other.readOnlyBox()->isEnabled());
    QVERIFY(other.readOnlyBox()->isChecked());

    // A contact without portal access has no portal to view.
    QVERIFY(m_view->viewAsAction()->isEnabled());
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QVERIFY(m_view->toggleSelectedContactAccess());
    QVERIFY(!m_view->viewAsAction()->isEnabled());
    QVERIFY(!m_view->viewAsButton()->isEnabled());
}

int main(int argc, char **argv)
{
    // As the console does: Qt WebEngine wants it before the application object.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestConsoleImpersonation test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_console_impersonation.moc"
