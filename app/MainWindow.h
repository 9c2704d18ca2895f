#pragma once

#include "core/ActivityWatcher.h"
#include "core/ConsoleContext.h"
#include "core/DatabaseHealth.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace Gatehouse {

class ActivityView;
class CompaniesView;
class DatabaseBanner;
class GlobalSearch;
class HomeView;
class SettingsView;
class ShortcutsDialog;
class TwoStepDialog;
struct HomeItem;
struct SearchHit;
class MailView;
class BrandingPanel;
class EmailPanel;
class ClientNotifier;
struct ClientNotification;
class InboxView;
class OnboardingsView;
class ReviewQueueView;
class PortalHost;
class TemplatesView;
class VaultActions;
class VaultSession;

// The console's window: a search field and a sidebar of pages (Ctrl+1..9), the pages (Home
// first), and a status bar with the portal's address. It follows the activity feed so that
// what clients do shows up by itself, and shows a banner while the database cannot be reached.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page {
        HomePage,
        OnboardingsPage,
        ReviewPage,
        InboxPage,
        CompaniesPage,
        TemplatesPage,
        ActivityPage,
        MailPage,
        SettingsPage,
        PageCount
    };

    explicit MainWindow(const ConsoleContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The portal running inside the console, if any: its address goes into the status bar and
    // its mail deliveries refresh the Mail page.
    void setPortalHost(PortalHost *host);
    // Says in the status bar why there is no portal in this console.
    void setPortalUnavailable(const QString &reason);

    void showPage(Page page);
    Page currentPage() const;
    // Re-reads every page, keeping selections; what the activity feed triggers.
    void refreshAll();

    // Shows an item from Home or the search where it is handled.
    void openHomeItem(const Gatehouse::HomeItem &item);
    void openSearchHit(const Gatehouse::SearchHit &hit);
    // Shows the item a desktop notification was about.
    void openNotification(const Gatehouse::ClientNotification &notification);
    // Help > Keyboard shortcuts, opened without blocking.
    ShortcutsDialog *showShortcuts();
    // Help > Two-step sign-in…, opened without blocking.
    TwoStepDialog *showTwoStep();

    ActivityWatcher *activityWatcher() { return &m_watcher; }
    DatabaseHealth *databaseHealth() { return &m_health; }
    DatabaseBanner *databaseBanner() const { return m_databaseBanner; }
    ClientNotifier *clientNotifier() const { return m_notifier; }
    HomeView *homeView() const { return m_home; }
    GlobalSearch *globalSearch() const { return m_search; }
    OnboardingsView *onboardingsView() const { return m_onboardings; }
    ReviewQueueView *reviewView() const { return m_review; }
    InboxView *inboxView() const { return m_inbox; }
    BrandingPanel *brandingPanel() const { return m_branding; }
    EmailPanel *emailPanel() const { return m_email; }
    CompaniesView *companiesView() const { return m_companies; }
    MailView *mailView() const { return m_mail; }
    ActivityView *activityView() const { return m_activity; }
    TemplatesView *templatesView() const { return m_templates; }
    SettingsView *settingsView() const { return m_settings; }
    QLabel *portalLabel() const { return m_portalLabel; }
    VaultSession *vaultSession() const { return m_context.vault; }
    VaultActions *vaultActions() const { return m_vaultActions; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    QWidget *createSidebar();
    void onActivity(const QList<Gatehouse::ActivityEvent> &events);
    void newOnboarding(qint64 companyId);
    void showAbout();
    void openOnboarding(qint64 onboardingId, qint64 taskId);
    QStringList pageNames() const;

    ConsoleContext m_context;
    ActivityWatcher m_watcher;
    DatabaseHealth m_health;
    DatabaseBanner *m_databaseBanner = nullptr;
    PortalHost *m_portal = nullptr;
    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_pages = nullptr;
    HomeView *m_home = nullptr;
    GlobalSearch *m_search = nullptr;
    OnboardingsView *m_onboardings = nullptr;
    ReviewQueueView *m_review = nullptr;
    InboxView *m_inbox = nullptr;
    BrandingPanel *m_branding = nullptr;
    SettingsView *m_settings = nullptr;
    CompaniesView *m_companies = nullptr;
    MailView *m_mail = nullptr;
    EmailPanel *m_email = nullptr;
    ActivityView *m_activity = nullptr;
    TemplatesView *m_templates = nullptr;
    QLabel *m_portalLabel = nullptr;
    QLabel *m_feedLabel = nullptr;
    VaultActions *m_vaultActions = nullptr;
    ClientNotifier *m_notifier = nullptr;
};

} // namespace Gatehouse
