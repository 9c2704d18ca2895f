#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "companies/CompaniesView.h"
#include "inbox/InboxView.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/OnboardingsView.h"
#include "settings/SettingsView.h"
#include "templates/TemplatesView.h"

#include <QDir>
#include <QListView>
#include <QPixmap>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>

namespace Gatehouse {

namespace {

// Long enough for the pages' deferred refreshes (Home's charts) to have drawn.
constexpr int kSettleMs = 500;
constexpr int kPreviewSettleMs = 4000;

void selectFirstRow(QAbstractItemView *view)
{
    if (view->model() && view->model()->rowCount() > 0) {
        view->setCurrentIndex(view->model()->index(0, 0));
    }
}

} // namespace

QStringList ScreenshotTour::shotNames()
{
    return {QStringLiteral("home"),      QStringLiteral("onboardings"),
            QStringLiteral("review"),    QStringLiteral("inbox"),
            QStringLiteral("companies"), QStringLiteral("templates"),
            QStringLiteral("activity"),  QStringLiteral("settings-branding")};
}

ScreenshotTour::ScreenshotTour(MainWindow &window, const QString &directory,
                               const QStringList &shots, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(directory)
    , m_shots(shots.isEmpty() ? shotNames() : shots)
{}

void ScreenshotTour::start()
{
    if (!QDir().mkpath(m_directory)) {
        Q_EMIT finished(false, tr("The folder %1 could not be made.").arg(m_directory));
        return;
    }
    // The same size on every machine, whatever geometry the settings remember.
    m_window.setMinimumSize(kWindowSize);
    m_window.setMaximumSize(kWindowSize);
    m_window.resize(kWindowSize);
    m_next = 0;
    prepare(m_shots.value(m_next));
}

void ScreenshotTour::prepare(const QString &shot)
{
    if (shot == QLatin1String("home")) {
        m_window.showPage(MainWindow::HomePage);
    } else if (shot == QLatin1String("onboardings")) {
        m_window.showPage(MainWindow::OnboardingsPage);
        selectFirstRow(m_window.onboardingsView()->tableView());
        QTreeView *tree = m_window.onboardingsView()->detailView()->treeView();
        tree->expandAll();
        // The first phase's second task: one the client works on, with its details shown.
        const QModelIndex phase = tree->model()->index(0, 0);
        if (tree->model()->rowCount(phase) > 1) {
            tree->setCurrentIndex(tree->model()->index(1, 0, phase));
            tree->scrollTo(tree->currentIndex());
        }
    } else if (shot == QLatin1String("review")) {
        m_window.showPage(MainWindow::ReviewPage);
    } else if (shot == QLatin1String("inbox")) {
        m_window.showPage(MainWindow::InboxPage);
        selectFirstRow(m_window.inboxView()->view());
    } else if (shot == QLatin1String("companies")) {
        m_window.showPage(MainWindow::CompaniesPage);
        selectFirstRow(m_window.companiesView()->companyTable());
        selectFirstRow(m_window.companiesView()->contactTable());
    } else if (shot == QLatin1String("templates")) {
        m_window.showPage(MainWindow::TemplatesPage);
        selectFirstRow(m_window.templatesView()->list());
    } else if (shot == QLatin1String("activity")) {
        m_window.showPage(MainWindow::ActivityPage);
    } else if (shot == QLatin1String("settings-branding")) {
        m_window.showPage(MainWindow::SettingsPage);
        if (auto *settings = m_window.findChild<SettingsView *>()) {
            settings->tabs()->setCurrentIndex(0);
        }
    } else {
        Q_EMIT finished(false, tr("There is no screenshot called \"%1\".").arg(shot));
        return;
    }
    // The branding preview starts Chromium and loads the portal's page first.
    const int settleMs = shot == QLatin1String("settings-branding") ? kPreviewSettleMs : kSettleMs;
    QTimer::singleShot(settleMs, this, &ScreenshotTour::capture);
}

void ScreenshotTour::capture()
{
    const QString shot = m_shots.at(m_next);
    const QString path = QDir(m_directory).filePath(shot + QLatin1String(".png"));
    const QPixmap picture = m_window.grab();
    if (picture.isNull() || !picture.save(path, "PNG")) {
        Q_EMIT finished(false, tr("The screenshot %1 could not be written.").arg(path));
        return;
    }
    if (++m_next == m_shots.size()) {
        Q_EMIT finished(true, QString());
        return;
    }
    prepare(m_shots.at(m_next));
}

} // namespace Gatehouse
