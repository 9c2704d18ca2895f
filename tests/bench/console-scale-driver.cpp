// The console on a big database, measured: opens the real sign-in dialog and main window
// (offscreen) on the database it is given and prints figures as "key value" lines for
// tests/bench/console-scale to read. Figures only: it asserts no timing.
//
//     console-scale-driver --data-dir DIR [--database URL] --email E --password P
//                          --filter "text typed into the Onboardings search"

#include "MainWindow.h"
#include "config/DataDir.h"
#include "core/Clock.h"
#include "home/HomeView.h"
#include "models/OnboardingListModel.h"
#include "onboardings/OnboardingsView.h"
#include "security/AuditLog.h"
#include "security/Tokens.h"
#include "services/HomeSummary.h"
#include "services/QuestionService.h"
#include "services/ReviewQueue.h"
#include "setup/LoginDialog.h"
#include "storage/Database.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>

using namespace Gatehouse;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

int fail(const QString &message)
{
    QTextStream(stderr) << "console-scale-driver: " << message << Qt::endl;
    return 1;
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

void figure(const char *key, double value)
{
    out() << key << ' ' << QString::number(value, 'f', 2) << Qt::endl;
}

// VmRSS or VmHWM from /proc/self/status, in MiB.
double memoryMiB(const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':'))) {
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return -1;
}

void memory(const char *when)
{
    out() << "rss_" << when << ' ' << QString::number(memoryMiB("VmRSS"), 'f', 1) << Qt::endl;
    out() << "hwm_" << when << ' ' << QString::number(memoryMiB("VmHWM"), 'f', 1) << Qt::endl;
}

// The reads behind the first window, one by one, so that a slow figure says where it comes
// from. Each runs on its own after the window, with the database's caches warm.
void breakdown(const Database &db, qint64 workspaceId)
{
    const auto time = [](const char *key, const std::function<void()> &read) {
        QElapsedTimer timer;
        timer.start();
        read();
        figure(key, msSince(timer));
    };
    QString error;
    time("read_onboarding_list_ms",
         [&] { (void)OnboardingRepository(db).list(workspaceId, &error); });
    const HomeSummary summary(db, Clock::system());
    time("read_home_needs_ms", [&] {
        HomeNeeds needs;
        (void)summary.needs(workspaceId, HomeSummary::kDefaultStalledDays, &needs, &error);
    });
    time("read_home_phases_ms", [&] { (void)summary.onboardingsByPhase(workspaceId, &error); });
    time("read_home_burndown_ms",
         [&] { (void)summary.openTasksByDay(workspaceId, HomeSummary::kBurnDownDays, &error); });
    time("read_review_queue_ms", [&] { (void)ReviewQueue(db).items(workspaceId, &error); });
    time("read_inbox_ms",
         [&] { (void)QuestionService(db, Clock::system()).inbox(workspaceId, &error); });
    time("read_companies_ms",
         [&] { (void)DirectoryRepository(db).companies(workspaceId, &error); });
    time("read_audit_ms", [&] {
        AuditFilter filter;
        filter.workspaceId = workspaceId;
        const AuditLog audit(db);
        (void)audit.list(filter, 500, 0, &error);
        (void)audit.count(filter, &error);
        (void)audit.actions(workspaceId, &error);
    });
    if (!error.isEmpty()) {
        QTextStream(stderr) << "console-scale-driver: a read failed: " << error << Qt::endl;
    }
}

struct Keystrokes
{
    QList<double> filterMs;  // until the proxy has filtered again
    QList<double> paintedMs; // and the table has been painted
    int matches = 0;
};

// Types the filter one character at a time, as staff would.
Keystrokes typeFilter(OnboardingsView *view, const QString &text)
{
    Keystrokes result;
    QLineEdit *edit = view->searchEdit();
    edit->setFocus();
    for (const QChar c : text) {
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(edit, c.toLatin1());
        result.filterMs.append(msSince(timer));
        view->tableView()->viewport()->repaint();
        QCoreApplication::processEvents();
        result.paintedMs.append(msSince(timer));
    }
    result.matches = view->proxy()->rowCount();
    return result;
}

double median(QList<double> values)
{
    if (values.isEmpty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

double maximum(const QList<double> &values)
{
    return values.isEmpty() ? 0 : *std::max_element(values.begin(), values.end());
}

void idle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    // Its own settings, so a benchmark never moves a real console's window or last email.
    QCoreApplication::setOrganizationName(QStringLiteral("GatehouseBench"));
    QCoreApplication::setApplicationName(QStringLiteral("console-scale"));

    QCommandLineParser parser;
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"), QStringLiteral("The data folder."), QStringLiteral("dir"));
    const QCommandLineOption databaseOption(
        QStringLiteral("database"), QStringLiteral("A postgresql:// URL."), QStringLiteral("url"));
    const QCommandLineOption emailOption(QStringLiteral("email"), QStringLiteral("Staff email."),
                                         QStringLiteral("email"));
    const QCommandLineOption passwordOption(
        QStringLiteral("password"), QStringLiteral("Staff password."), QStringLiteral("password"));
    const QCommandLineOption filterOption(QStringLiteral("filter"),
                                          QStringLiteral("Typed into the Onboardings search."),
                                          QStringLiteral("text"));
    parser.addOptions({dataDirOption, databaseOption, emailOption, passwordOption, filterOption});
    parser.process(app);

    if (!Tokens::initialise()) {
        return fail(QStringLiteral("libsodium could not be initialised"));
    }
    QString error;
    const DataDir dataDir(parser.value(dataDirOption));
    const std::optional<DatabaseConfig> config
        = parser.isSet(databaseOption)
              ? DatabaseConfig::fromUrl(parser.value(databaseOption), &error)
              : DatabaseConfig::sqlite(dataDir.databaseFile());
    if (!config) {
        return fail(error);
    }
    Database db(*config);
    if (!db.open(&error) || !db.migrate(&error)) {
        return fail(error);
    }
    const std::optional<Workspace> workspace = DirectoryRepository(db).workspace(&error);
    if (!workspace) {
        return fail(error);
    }
    memory("before_sign_in");

    // (a) Sign-in: the dialog as staff use it, OK clicked; the password check (Argon2id) is
    // timed on its own, then the window from the accepted dialog to shown and filled.
    QElapsedTimer total;
    total.start();
    LoginDialog login(db, workspace->name);
    login.setEmail(parser.value(emailOption));
    login.passwordEdit()->setText(parser.value(passwordOption));
    login.show();
    QElapsedTimer timer;
    timer.start();
    login.buttons()->button(QDialogButtonBox::Ok)->click();
    figure("sign_in_ms", msSince(timer));
    if (!login.staff()) {
        return fail(QStringLiteral("sign-in refused: ") + login.errorText());
    }
    login.hide();

    timer.restart();
    ConsoleContext context;
    context.db = &db;
    context.workspace = *workspace;
    context.staff = *login.staff();
    context.publicUrl = QStringLiteral("http://127.0.0.1:18080");
    context.mailboxPath = dataDir.mailboxPath();
    MainWindow window(context);
    figure("window_built_ms", msSince(timer));
    window.show();
    if (!QTest::qWaitForWindowExposed(&window)) {
        return fail(QStringLiteral("the window was not shown"));
    }
    QCoreApplication::processEvents();
    figure("window_shown_ms", msSince(timer));
    figure("sign_in_to_window_ms", msSince(total));
    OnboardingsView *onboardings = window.onboardingsView();
    out() << "onboardings_listed " << onboardings->model()->rowCount() << Qt::endl;
    out() << "home_overdue " << window.homeView()->count(HomeView::OverdueList) << Qt::endl;
    out() << "home_review " << window.homeView()->count(HomeView::ReviewList) << Qt::endl;
    out() << "home_stalled " << window.homeView()->count(HomeView::StalledList) << Qt::endl;
    memory("window");

    // (b) Typing into the Onboardings search.
    timer.restart();
    window.showPage(MainWindow::OnboardingsPage);
    QCoreApplication::processEvents();
    figure("onboardings_page_ms", msSince(timer));
    const Keystrokes keys = typeFilter(onboardings, parser.value(filterOption));
    out() << "keystrokes " << keys.filterMs.size() << Qt::endl;
    out() << "filter_matches " << keys.matches << Qt::endl;
    figure("keystroke_filter_median_ms", median(keys.filterMs));
    figure("keystroke_filter_max_ms", maximum(keys.filterMs));
    figure("keystroke_painted_median_ms", median(keys.paintedMs));
    figure("keystroke_painted_max_ms", maximum(keys.paintedMs));
    timer.restart();
    onboardings->searchEdit()->clear();
    figure("filter_cleared_ms", msSince(timer));
    memory("typed");

    // (c) Steady: a few seconds of the running console (the activity feed polls).
    idle(3000);
    memory("steady");

    breakdown(db, workspace->id);
    return 0;
}
