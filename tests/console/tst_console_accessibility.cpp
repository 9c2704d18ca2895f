// The console for keyboard and screen-reader users, on SQLite and PostgreSQL: on every page,
// Settings tab and main dialog, Tab and Shift+Tab reach every control without getting stuck,
// every control has a name a screen reader can say, and no style sheet hides the focus.
#include "ConsoleFixture.h"
#include "ConsoleTestHelpers.h"
#include "TestDatabase.h"

#include "MainWindow.h"
#include "companies/BulkInviteDialog.h"
#include "companies/CompaniesView.h"
#include "companies/NewCompanyDialog.h"
#include "companies/NewContactDialog.h"
#include "companies/PortalRolesDialog.h"
#include "core/MessageBox.h"
#include "home/ShortcutsDialog.h"
#include "inbox/InboxView.h"
#include "models/OnboardingListModel.h"
#include "onboardings/NewOnboardingDialog.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/OnboardingsView.h"
#include "services/OnboardingService.h"
#include "settings/SettingsView.h"
#include "storage/TemplateRepository.h"
#include "widgets/ErrorLabel.h"

#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialog>
#include <QGroupBox>
#include <QLabel>
#include <QRegularExpression>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

QString describe(const QWidget *widget)
{
    QString name = widget->objectName();
    if (name.isEmpty()) {
        name = QStringLiteral("(no object name)");
    }
    return QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char(' ') + name
           + QLatin1String(" in ")
           + QString::fromLatin1(widget->parentWidget()
                                     ? widget->parentWidget()->metaObject()->className()
                                     : "nothing");
}

// The controls of `window` a keyboard user must be able to reach: shown, enabled, taking focus
// by Tab, and not handing their focus on to another widget (that one is counted instead).
QList<QWidget *> tabStops(QWidget *window)
{
    QList<QWidget *> stops;
    const QList<QWidget *> children = window->findChildren<QWidget *>();
    for (QWidget *widget : children) {
        if (widget->window() == window && widget->isVisible() && widget->isEnabled()
            && (widget->focusPolicy() & Qt::TabFocus) && !widget->focusProxy()) {
            stops.append(widget);
        }
    }
    return stops;
}

// Whether a QLabel (or a group box title) names `widget` for assistive tools.
bool hasLabel(const QWidget *widget)
{
    QAccessibleInterface *iface
        = QAccessible::queryAccessibleInterface(const_cast<QWidget *>(widget));
    if (!iface) {
        return false;
    }
    const auto relations = iface->relations(QAccessible::Label);
    for (const auto &relation : relations) {
        if (relation.first && !relation.first->text(QAccessible::Name).trimmed().isEmpty()) {
            return true;
        }
    }
    return false;
}

// What a screen reader says for `widget`, or for the labelled control it is part of.
bool isNamed(const QWidget *widget, const QWidget *window)
{
    QAccessibleInterface *iface
        = QAccessible::queryAccessibleInterface(const_cast<QWidget *>(widget));
    if (!iface) {
        return false;
    }
    // A combo box reads out its current entry as its name; that says nothing about what it
    // chooses, so it needs a label or a name of its own.
    const bool nameIsContent = qobject_cast<const QComboBox *>(widget) != nullptr;
    if (!nameIsContent && !iface->text(QAccessible::Name).trimmed().isEmpty()) {
        return true;
    }
    if (!widget->accessibleName().trimmed().isEmpty() || hasLabel(widget)) {
        return true;
    }
    // A control in a titled group, or the part of a named control that takes its focus.
    for (const QWidget *w = widget->parentWidget(); w && w != window; w = w->parentWidget()) {
        const auto *group = qobject_cast<const QGroupBox *>(w);
        if ((group && !group->title().isEmpty())
            || (w->focusProxy() == widget
                && (!w->accessibleName().trimmed().isEmpty() || hasLabel(w)))) {
            return true;
        }
    }
    return false;
}

// Style sheet rules that take the focus outline away without drawing a focus of their own.
QStringList hiddenFocus(QWidget *window)
{
    static const QRegularExpression noOutline(QStringLiteral("outline\\s*:\\s*(none|0)"));
    QStringList problems;
    QList<QWidget *> widgets = window->findChildren<QWidget *>();
    widgets.prepend(window);
    QStringList sheets{qApp->styleSheet()};
    for (QWidget *widget : std::as_const(widgets)) {
        sheets.append(widget->styleSheet());
    }
    for (const QString &sheet : std::as_const(sheets)) {
        if (sheet.contains(noOutline) && !sheet.contains(QLatin1String(":focus"))) {
            problems.append(QStringLiteral("style sheet hides the focus: ") + sheet);
        }
    }
    return problems;
}

// Presses `key` on the focused widget of `window` until the focus has gone round once,
// recording where it went; a Tab that leaves the focus where it is counts as a trap.
QStringList walkFocus(QWidget *window, const QList<QWidget *> &stops, bool backwards)
{
    QStringList problems;
    QSet<QWidget *> reached;
    QWidget *start = stops.constFirst();
    start->setFocus(Qt::TabFocusReason);
    if (QApplication::focusWidget() != start) {
        return {QStringLiteral("cannot focus ") + describe(start)};
    }
    reached.insert(start);
    const int limit = 4 * int(stops.size()) + 4;
    int stays = 0;
    for (int step = 0; step < limit; ++step) {
        QWidget *before = QApplication::focusWidget();
        QTest::keyClick(before, Qt::Key_Tab, backwards ? Qt::ShiftModifier : Qt::NoModifier);
        QWidget *after = QApplication::focusWidget();
        if (!after || after->window() != window) {
            problems.append(QStringLiteral("focus left the window after ") + describe(before));
            break;
        }
        // A date edit's Tab goes through its sections first, as in every Qt program.
        auto *dateEdit = qobject_cast<QDateTimeEdit *>(before);
        if (after == before && dateEdit && ++stays < dateEdit->sectionCount()) {
            continue;
        }
        if (after != before) {
            stays = 0;
        }
        if (after == before && stops.size() > 1) {
            problems.append(QStringLiteral("Tab stays in ") + describe(before));
            // Go on from the next stop in the chain, to find the other problems too.
            QWidget *next = backwards ? before->previousInFocusChain() : before->nextInFocusChain();
            while (next != before && !stops.contains(next)) {
                next = backwards ? next->previousInFocusChain() : next->nextInFocusChain();
            }
            next->setFocus(Qt::TabFocusReason);
            after = next;
        }
        reached.insert(after);
        if (after == start) {
            break;
        }
    }
    for (QWidget *stop : stops) {
        if (!reached.contains(stop)) {
            problems.append(QStringLiteral("%1 never gets the focus with %2")
                                .arg(describe(stop), backwards ? QStringLiteral("Shift+Tab")
                                                               : QStringLiteral("Tab")));
        }
    }
    return problems;
}

// Fails with every problem listed: QVERIFY2 would cut a long list short.
void report(const QStringList &problems)
{
    for (const QString &problem : problems) {
        qWarning().noquote() << problem;
    }
    QVERIFY2(problems.isEmpty(), "see the problems listed above");
}

// Everything wrong with `window` as it is shown now, one line per problem.
QStringList audit(QWidget *window)
{
    QStringList problems = hiddenFocus(window);
    const QList<QWidget *> stops = tabStops(window);
    if (stops.isEmpty()) {
        return problems << QStringLiteral("nothing takes the focus");
    }
    for (QWidget *stop : stops) {
        if (!isNamed(stop, window)) {
            problems.append(QStringLiteral("no accessible name: ") + describe(stop));
        }
        if (auto *table = qobject_cast<QTableView *>(stop)) {
            if (table->model() && table->model()->columnCount() > 0
                && table->model()->headerData(0, Qt::Horizontal).toString().isEmpty()) {
                problems.append(QStringLiteral("table without column headers: ") + describe(stop));
            }
        }
    }
    problems += walkFocus(window, stops, false);
    problems += walkFocus(window, stops, true);
    return problems;
}

} // namespace

class TestConsoleAccessibility : public QObject
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
        const QString error = m_fixture.create(*m_test);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void cleanup()
    {
        m_window.reset();
        m_test.reset();
    }

    void everyPageIsUsableByKeyboardAndNamed();
    void mainDialogsAreUsableByKeyboardAndNamed();
    void anUnnamedIconButtonIsFound();
    void errorLabelsAreAnnounced();

private:
    void openWindowWithOnboarding();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestDatabase> m_test;
    ConsoleFixture m_fixture;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleAccessibility::openWindowWithOnboarding()
{
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    QApplication::setActiveWindow(m_window.get());
    QString dbError;
    const QList<OnboardingTemplate> templates
        = TemplateRepository(m_test->db()).list(m_fixture.workspaceId, &dbError);
    QVERIFY2(!templates.isEmpty(), qPrintable(dbError));
    ServiceError error;
    const qint64 onboardingId
        = OnboardingService(m_test->db(), Clock::system())
              .createFromTemplate(m_fixture.acmeId, templates.first().id, QString(),
                                  QDate::currentDate(), Actor::system(QStringLiteral("Sam")),
                                  &error);
    QVERIFY2(onboardingId != 0, qPrintable(error.message));
    m_window->showPage(MainWindow::OnboardingsPage);
    OnboardingsView *view = m_window->onboardingsView();
    QTRY_COMPARE(view->model()->rowCount(), 1); // arrives through the activity feed
    QVERIFY(view->selectOnboarding(onboardingId));
    QCOMPARE(view->detailView()->onboardingId(), onboardingId);
}

void TestConsoleAccessibility::everyPageIsUsableByKeyboardAndNamed()
{
    openWindowWithOnboarding();
    QVERIFY(m_window);
    // All pages first, then one report: a fix for one page often fixes others too.
    QStringList problems;
    const auto visit = [this, &problems](const QString &where) {
        const QStringList found = audit(m_window.get());
        if (!found.isEmpty()) {
            problems.append(where + QLatin1String(":\n    ") + found.join(QLatin1String("\n    ")));
        }
    };
    for (int page = 0; page < MainWindow::PageCount; ++page) {
        m_window->showPage(static_cast<MainWindow::Page>(page));
        QCOMPARE(int(m_window->currentPage()), page);
        if (page == MainWindow::CompaniesPage) {
            QVERIFY(m_window->companiesView()->selectCompany(m_fixture.acmeId));
            QVERIFY(m_window->companiesView()->selectContact(m_fixture.acmeContactId));
        }
        if (page == MainWindow::SettingsPage) {
            auto *settings = m_window->findChild<SettingsView *>();
            QVERIFY(settings);
            for (int tab = 0; tab < settings->tabs()->count(); ++tab) {
                settings->tabs()->setCurrentIndex(tab);
                visit(QStringLiteral("Settings, tab ") + settings->tabs()->tabText(tab));
            }
            continue;
        }
        visit(QStringLiteral("page %1").arg(page));
    }
    report(problems);
}

void TestConsoleAccessibility::mainDialogsAreUsableByKeyboardAndNamed()
{
    openWindowWithOnboarding();
    QVERIFY(m_window);
    CompaniesView *companies = m_window->companiesView();
    m_window->showPage(MainWindow::CompaniesPage);
    QVERIFY(companies->selectCompany(m_fixture.acmeId));

    QStringList problems;
    const auto check = [&problems](QDialog *dialog, const QString &name) {
        if (!dialog || !QTest::qWaitForWindowExposed(dialog)) {
            problems.append(name + QLatin1String(": not opened"));
            return;
        }
        QApplication::setActiveWindow(dialog);
        const QStringList found = audit(dialog);
        if (!found.isEmpty()) {
            problems.append(name + QLatin1String(":\n    ") + found.join(QLatin1String("\n    ")));
        }
        dialog->reject();
        dialog->close();
    };
    check(companies->newCompany(), QStringLiteral("New company"));
    check(companies->newContact(), QStringLiteral("New contact"));
    check(companies->manageRoles(), QStringLiteral("Portal roles"));
    check(openNewOnboardingDialog(*m_window), QStringLiteral("Start onboarding"));
    check(m_window->showShortcuts(), QStringLiteral("Keyboard shortcuts"));
    // Invite everyone asks first; the progress dialog is what a keyboard user then works in.
    MessageBox::setNextAnswer(QMessageBox::Yes);
    check(companies->inviteEveryone(), QStringLiteral("Invite everyone"));
    report(problems);
}

// The audit must catch what a careless change brings in: a button with only an icon.
void TestConsoleAccessibility::anUnnamedIconButtonIsFound()
{
    m_window = openMainWindow(m_fixture.context);
    QVERIFY(m_window);
    QApplication::setActiveWindow(m_window.get());
    m_window->showPage(MainWindow::InboxPage);
    QVERIFY(audit(m_window.get()).isEmpty());
    auto *button = new QToolButton(m_window->inboxView());
    button->setIcon(m_window->style()->standardIcon(QStyle::SP_TrashIcon));
    button->setFocusPolicy(Qt::StrongFocus);
    button->show();
    const QStringList problems = audit(m_window.get());
    QVERIFY2(problems.filter(QStringLiteral("no accessible name: QToolButton")).size() == 1,
             qPrintable(problems.join(QLatin1Char('\n'))));
    button->setAccessibleName(QStringLiteral("Delete"));
    QVERIFY(audit(m_window.get()).isEmpty());
    // Nor may a style sheet take its focus frame away.
    button->setStyleSheet(QStringLiteral("QToolButton { outline: none; }"));
    QVERIFY(audit(m_window.get()).filter(QStringLiteral("style sheet hides the focus")).size()
            == 1);
}

// An error shown in a dialog is said by the screen reader: it is an alert with the message as
// its description, not a silent label.
void TestConsoleAccessibility::errorLabelsAreAnnounced()
{
    ErrorLabel label;
    label.showMessage(QStringLiteral("The name is taken."));
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(&label);
    QVERIFY(iface);
    QCOMPARE(iface->role(), QAccessible::AlertMessage);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("The name is taken."));
    QCOMPARE(label.accessibleDescription(), QStringLiteral("The name is taken."));
}

QTEST_MAIN(TestConsoleAccessibility)
#include "tst_console_accessibility.moc"
