#include "MainWindow.h"

#include "PortalHost.h"
#include "activity/ActivityView.h"
#include "companies/CompaniesView.h"
#include "core/ClientNotifier.h"
#include "core/DatabaseBanner.h"
#include "core/LayoutState.h"
#include "core/PermissionGate.h"
#include "home/GlobalSearch.h"
#include "home/HomeView.h"
#include "home/ShortcutsDialog.h"
#include "inbox/InboxView.h"
#include "mail/MailView.h"
#include "onboardings/OnboardingDetailView.h"
#include "onboardings/OnboardingsView.h"
#include "review/ReviewQueueView.h"
#include "settings/BrandingPanel.h"
#include "settings/DatabasePanel.h"
#include "settings/EmailPanel.h"
#include "settings/PagesPanel.h"
#include "settings/SettingsView.h"
#include "settings/SignInPanel.h"
#include "settings/StaffPanel.h"
#include "setup/TwoStepDialog.h"
#include "templates/TemplatesView.h"
#include "vault/VaultActions.h"
#include "vault/VaultSession.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kLayoutGroup = QStringLiteral("mainWindow/layout");

} // namespace

MainWindow::MainWindow(const ConsoleContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_watcher(*context.db)
    , m_health(*context.db)
{
    setWindowTitle(tr("%1 — Gatehouse").arg(m_context.workspace.name));
    setObjectName(QStringLiteral("mainWindow"));
    // Before the views are made: they all share this one vault.
    if (!m_context.vault) {
        m_context.vault = new VaultSession(*m_context.db, *m_context.clock, m_context.staff, this);
    }

    m_home = new HomeView(m_context, this);
    m_search = new GlobalSearch(m_context, this);
    m_onboardings = new OnboardingsView(m_context, this);
    m_review = new ReviewQueueView(m_context, this);
    m_inbox = new InboxView(m_context, this);
    m_settings = new SettingsView(m_context, this);
    m_branding = m_settings->brandingPanel();
    m_email = m_settings->emailPanel();
    m_companies = new CompaniesView(m_context, this);
    m_mail = new MailView(m_context, this);
    m_activity = new ActivityView(m_context, this);
    m_templates = new TemplatesView(m_context, this);
    m_pages = new QStackedWidget(this);
    // In the order of enum Page.
    m_pages->addWidget(m_home);
    m_pages->addWidget(m_onboardings);
    m_pages->addWidget(m_review);
    m_pages->addWidget(m_inbox);
    m_pages->addWidget(m_companies);
    m_pages->addWidget(m_templates);
    m_pages->addWidget(m_activity);
    m_pages->addWidget(m_mail);
    m_pages->addWidget(m_settings);

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_databaseBanner = new DatabaseBanner(&m_health, central);
    outer->addWidget(m_databaseBanner);
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createSidebar());
    layout->addWidget(m_pages, 1);
    outer->addLayout(layout, 1);
    setCentralWidget(central);

    m_portalLabel = new QLabel(this);
    m_portalLabel->setObjectName(QStringLiteral("portalAddress"));
    m_portalLabel->setTextFormat(Qt::RichText);
    m_portalLabel->setContentsMargins(8, 0, 8, 0);
    m_feedLabel = new QLabel(this);
    m_feedLabel->setObjectName(QStringLiteral("feedWarning"));
    m_feedLabel->setStyleSheet(QStringLiteral("color: #a61b1b;"));
    m_feedLabel->hide();
    auto *signedIn = new QLabel(tr("Signed in as %1").arg(m_context.staff.name), this);
    signedIn->setContentsMargins(8, 0, 8, 0);
    statusBar()->addWidget(m_feedLabel);
    statusBar()->addPermanentWidget(signedIn);
    m_vaultActions = new VaultActions(m_context, this);
    statusBar()->addPermanentWidget(m_vaultActions->indicator());
    statusBar()->addPermanentWidget(m_portalLabel);
    setPortalUnavailable(QString());

    createActions();

    connect(m_portalLabel, &QLabel::linkActivated, this,
            [](const QString &link) { QDesktopServices::openUrl(QUrl(link)); });
    connect(m_companies, &CompaniesView::inviteQueued, this, [this] {
        m_mail->refresh();
        if (m_portal) {
            m_portal->wakeOutbox();
        }
    });
    connect(m_companies, &CompaniesView::newOnboardingRequested, this, &MainWindow::newOnboarding);
    connect(m_companies, &CompaniesView::signInSettingsRequested, this, [this] {
        showPage(SettingsPage);
        m_settings->signInPanel()->reload();
        m_settings->tabs()->setCurrentWidget(m_settings->signInPanel());
    });
    connect(m_home, &HomeView::openRequested, this, &MainWindow::openHomeItem);
    connect(m_search, &GlobalSearch::openRequested, this, &MainWindow::openSearchHit);
    connect(m_review, &ReviewQueueView::changed, this, &MainWindow::refreshAll);
    // A restore replaced everything: show the restored data, follow the feed from where it is
    // now, and forget a vault key that may no longer fit the restored vault.
    connect(m_settings->databasePanel(), &DatabasePanel::restored, this, [this] {
        m_context.vault->lock();
        m_watcher.stop();
        m_watcher.start();
        m_branding->reload();
        m_settings->pagesPanel()->refresh();
        refreshAll();
    });
    // The sidebar says how many questions wait for an answer.
    connect(m_inbox, &InboxView::openCountChanged, this, [this](int open) {
        m_sidebar->item(InboxPage)->setText(open ? tr("Inbox (%1)").arg(open) : tr("Inbox"));
    });
    m_inbox->refresh();
    connect(&m_watcher, &ActivityWatcher::activity, this, &MainWindow::onActivity);
    m_notifier = new ClientNotifier(m_context, this);
    connect(&m_watcher, &ActivityWatcher::activity, m_notifier, &ClientNotifier::observe);
    connect(m_notifier, &ClientNotifier::openRequested, this, &MainWindow::openNotification);
    connect(&m_watcher, &ActivityWatcher::failed, this, [this](const QString &error) {
        m_feedLabel->setText(tr("Live updates paused: %1").arg(error));
        m_feedLabel->show();
        m_health.reportFailure(error);
    });
    // While the database is gone nothing polls it but DatabaseHealth's reconnect attempts; when
    // it is back every list is read again and the feed picks up what happened meanwhile.
    connect(&m_health, &DatabaseHealth::lost, &m_watcher, &ActivityWatcher::pause);
    connect(&m_health, &DatabaseHealth::restored, this, [this] {
        m_feedLabel->hide();
        m_watcher.resume();
        refreshAll();
    });
    m_watcher.start();
    m_health.start();

    if (!restoreGeometry(QSettings().value(kGeometryKey).toByteArray())) {
        resize(1280, 800);
    }
    LayoutState::restore(this, kLayoutGroup);
}

MainWindow::~MainWindow() = default;

TwoStepDialog *MainWindow::showTwoStep()
{
    auto *dialog = new TwoStepDialog(m_context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::setPortalHost(PortalHost *host)
{
    m_portal = host;
    if (!host) {
        setPortalUnavailable(QString());
        return;
    }
    const QString url = host->publicUrl().toHtmlEscaped();
    m_portalLabel->setText(tr("Portal: <a href=\"%1\">%1</a>").arg(url));
    m_portalLabel->setToolTip(tr("The client portal runs inside this console. Click to open it "
                                 "in your browser."));
    connect(host, &PortalHost::mailDelivered, m_mail, &MailView::refresh);
    // The command line's --smtp-url wins for as long as this console runs.
    if (m_context.smtpFromCommandLine.isEmpty()) {
        connect(m_email, &EmailPanel::saved, host, &PortalHost::setMailSettings);
        connect(m_email, &EmailPanel::saved, m_mail,
                [this](const MailSettings &mail) { m_mail->setDeliveryRoute(mail.smtpUrl); });
    }
    connect(host, &PortalHost::mailFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Mail delivery failed: %1").arg(error), 10000);
        m_mail->refresh();
    });
}

void MainWindow::setPortalUnavailable(const QString &reason)
{
    m_portal = nullptr;
    if (reason.isEmpty()) {
        m_portalLabel->setText(tr("Portal not running in this console"));
        m_portalLabel->setToolTip(tr("Invitation links point to %1.").arg(m_context.publicUrl));
    } else {
        m_portalLabel->setText(
            QStringLiteral("<span style=\"color:#a61b1b\">%1</span>").arg(reason.toHtmlEscaped()));
        m_portalLabel->setToolTip(
            tr("%1\nInvitation links point to %2.").arg(reason, m_context.publicUrl));
    }
}

void MainWindow::showPage(Page page)
{
    m_sidebar->setCurrentRow(page);
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

void MainWindow::refreshAll()
{
    m_home->scheduleRefresh();
    m_onboardings->refresh();
    m_review->refresh();
    m_inbox->refresh();
    m_companies->refresh();
    m_mail->refresh();
    m_activity->refresh();
    m_templates->refresh();
}

void MainWindow::onActivity(const QList<ActivityEvent> &events)
{
    m_feedLabel->hide();
    refreshAll();
    if (!events.isEmpty() && !events.constLast().summary.isEmpty()) {
        statusBar()->showMessage(events.constLast().summary, 8000);
    }
}

void MainWindow::newOnboarding(qint64 companyId)
{
    showPage(OnboardingsPage);
    m_onboardings->newOnboarding(companyId);
}

QStringList MainWindow::pageNames() const
{
    return {
        tr("Home"),      tr("Onboardings"), tr("Review"), tr("Inbox"),   tr("Companies & contacts"),
        tr("Templates"), tr("Activity"),    tr("Mail"),   tr("Settings")};
}

void MainWindow::openOnboarding(qint64 onboardingId, qint64 taskId)
{
    showPage(OnboardingsPage);
    if (!m_onboardings->selectOnboarding(onboardingId)) {
        statusBar()->showMessage(tr("That onboarding is no longer there."), 8000);
        return;
    }
    if (taskId) {
        m_onboardings->detailView()->selectTask(taskId);
    }
}

void MainWindow::openNotification(const ClientNotification &notification)
{
    if (isMinimized()) {
        showNormal();
    }
    raise();
    activateWindow();
    if (notification.questionId) {
        showPage(InboxPage);
        m_inbox->refresh(); // the question may be newer than the page
        m_inbox->selectQuestion(notification.questionId);
    } else if (notification.onboardingId) {
        openOnboarding(notification.onboardingId, notification.taskId);
    } else {
        showPage(HomePage);
    }
}

void MainWindow::openHomeItem(const HomeItem &item)
{
    switch (item.kind) {
    case HomeItem::Kind::Review:
        showPage(ReviewPage);
        m_review->selectItem(item.id);
        break;
    case HomeItem::Kind::Question:
        showPage(InboxPage);
        m_inbox->selectQuestion(item.id);
        break;
    case HomeItem::Kind::OverdueTask:
        openOnboarding(item.onboardingId, item.taskId);
        break;
    case HomeItem::Kind::StalledOnboarding:
        openOnboarding(item.onboardingId, 0);
        break;
    }
}

void MainWindow::openSearchHit(const SearchHit &hit)
{
    switch (hit.kind) {
    case SearchHit::Kind::Company:
    case SearchHit::Kind::Contact:
        showPage(CompaniesPage);
        m_companies->selectCompany(hit.companyId);
        if (hit.contactId) {
            m_companies->selectContact(hit.contactId);
        }
        break;
    case SearchHit::Kind::Onboarding:
    case SearchHit::Kind::Task:
        openOnboarding(hit.onboardingId, hit.taskId);
        break;
    }
}

ShortcutsDialog *MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(ShortcutsDialog::collect(this, m_pages, pageNames()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Gatehouse"),
                       tr("<h3>Gatehouse %1</h3><p>The client portal for managed service "
                          "providers.</p><p>Workspace: %2<br>Portal links: %3</p>")
                           .arg(QApplication::applicationVersion(),
                                m_context.workspace.name.toHtmlEscaped(),
                                m_context.publicUrl.toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_templates->maybeLeave()) {
        event->ignore();
        return;
    }
    QSettings().setValue(kGeometryKey, saveGeometry());
    LayoutState::save(this, kLayoutGroup);
    QMainWindow::closeEvent(event);
}

} // namespace Gatehouse
