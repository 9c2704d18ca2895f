// MainWindow's chrome: the sidebar with its areas and the menus with their shortcuts.
#include "MainWindow.h"

#include "activity/ActivityView.h"
#include "companies/CompaniesView.h"
#include "core/PermissionGate.h"
#include "home/GlobalSearch.h"
#include "home/HomeView.h"
#include "inbox/InboxView.h"
#include "mail/MailView.h"
#include "onboardings/OnboardingsView.h"
#include "review/ReviewQueueView.h"
#include "settings/BrandingPanel.h"
#include "settings/EmailPanel.h"
#include "settings/SettingsView.h"
#include "settings/StaffPanel.h"
#include "setup/TwoStepDialog.h"
#include "templates/TemplatesView.h"
#include "vault/VaultActions.h"

#include <QAction>
#include <QApplication>
#include <QFont>
#include <QFrame>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QListWidgetItem>
#include <QMenu>
#include <QMenuBar>
#include <QPalette>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Gatehouse {

QWidget *MainWindow::createSidebar()
{
    auto *sidebar = new QWidget(this);
    sidebar->setObjectName(QStringLiteral("sidebarPanel"));
    sidebar->setFixedWidth(220);
    sidebar->setAutoFillBackground(true);
    sidebar->setBackgroundRole(QPalette::AlternateBase);

    auto *workspace = new QLabel(m_context.workspace.name, sidebar);
    QFont font = workspace->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    workspace->setFont(font);
    workspace->setWordWrap(true);
    workspace->setTextFormat(Qt::PlainText);
    auto *subtitle = new QLabel(tr("Staff console"), sidebar);
    subtitle->setForegroundRole(QPalette::PlaceholderText);

    m_sidebar = new QListWidget(sidebar);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setAccessibleName(tr("Pages"));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setFocusPolicy(Qt::StrongFocus);
    m_sidebar->setStyleSheet(QStringLiteral(
        // The item's dotted focus rectangle is replaced by a frame round the list, visible
        // whenever the list has the keyboard focus.
        "QListWidget#sidebar { background: transparent; outline: none; "
        "border: 2px solid transparent; border-radius: 4px; }"
        "QListWidget#sidebar:focus { border-color: palette(highlight); }"
        "QListWidget#sidebar::item { padding: 8px 10px; border-radius: 4px; margin: 1px 0; }"
        "QListWidget#sidebar::item:hover { background: palette(midlight); }"
        "QListWidget#sidebar::item:selected { background: palette(highlight); "
        "color: palette(highlighted-text); }"));
    const QStringList labels = pageNames();
    for (int page = 0; page < PageCount; ++page) {
        auto *item = new QListWidgetItem(labels.at(page), m_sidebar);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(labels.at(page)).arg(page + 1));
    }
    m_sidebar->setCurrentRow(HomePage);

    auto *layout = new QVBoxLayout(sidebar);
    layout->setContentsMargins(14, 18, 14, 14);
    layout->setSpacing(4);
    layout->addWidget(workspace);
    layout->addWidget(subtitle);
    layout->addSpacing(12);
    layout->addWidget(m_search);
    layout->addSpacing(8);
    layout->addWidget(m_sidebar, 1);

    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0) {
            return;
        }
        // Leaving a template with unsaved changes asks first; Cancel stays.
        if (m_pages->currentIndex() == TemplatesPage && row != TemplatesPage
            && !m_templates->maybeLeave()) {
            const QSignalBlocker blocker(m_sidebar);
            m_sidebar->setCurrentRow(TemplatesPage);
            return;
        }
        m_pages->setCurrentIndex(row);
        switch (static_cast<Page>(row)) {
        case HomePage:
            m_home->refresh();
            break;
        case OnboardingsPage:
            m_onboardings->refresh();
            break;
        case ReviewPage:
            m_review->refresh();
            m_review->view()->setFocus();
            break;
        case InboxPage:
            m_inbox->refresh();
            m_inbox->view()->setFocus();
            break;
        case CompaniesPage:
            m_companies->refresh();
            break;
        case MailPage:
            m_mail->refresh();
            break;
        case ActivityPage:
            m_activity->refresh();
            break;
        case SettingsPage:
            m_branding->reload();
            m_settings->staffPanel()->reload();
            break;
        case TemplatesPage:
            m_templates->refresh();
            break;
        case PageCount:
            break;
        }
    });
    return sidebar;
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newOnboarding = file->addAction(tr("&New onboarding…"));
    newOnboarding->setShortcut(QKeySequence::New);
    connect(newOnboarding, &QAction::triggered, this, [this] { this->newOnboarding(0); });
    PermissionGate::apply(newOnboarding, m_context, StaffPermission::StartOnboardings);
    QAction *newCompany = file->addAction(tr("New &company…"));
    connect(newCompany, &QAction::triggered, this, [this] {
        showPage(CompaniesPage);
        m_companies->newCompany();
    });
    PermissionGate::apply(newCompany, m_context, StaffPermission::InviteContacts);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    const QString labels[PageCount] = {tr("&Home"),
                                       tr("&Onboardings"),
                                       tr("&Review"),
                                       tr("&Inbox"),
                                       tr("&Companies && contacts"),
                                       tr("&Templates"),
                                       tr("&Activity"),
                                       tr("&Mail"),
                                       tr("&Settings")};
    for (int page = 0; page < PageCount; ++page) {
        QAction *action = go->addAction(labels[page]);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page)));
        connect(action, &QAction::triggered, this,
                [this, page] { showPage(static_cast<Page>(page)); });
    }
    go->addSeparator();
    QAction *search = go->addAction(tr("&Search…"));
    search->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(search, &QAction::triggered, this, [this] {
        m_search->edit()->setFocus(Qt::ShortcutFocusReason);
        m_search->edit()->selectAll();
    });

    menuBar()->addMenu(m_vaultActions->menu());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard shortcuts"));
    shortcuts->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::CTRL | Qt::Key_Slash)});
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    QAction *twoStep = help->addAction(tr("&Two-step sign-in…"));
    twoStep->setObjectName(QStringLiteral("twoStepSignIn"));
    connect(twoStep, &QAction::triggered, this, &MainWindow::showTwoStep);
    QAction *about = help->addAction(tr("&About Gatehouse"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

} // namespace Gatehouse
