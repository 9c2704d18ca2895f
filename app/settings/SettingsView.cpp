#include "SettingsView.h"

#include "BrandingPanel.h"
#include "DatabasePanel.h"
#include "EmailPanel.h"
#include "PagesPanel.h"
#include "PortalPanel.h"
#include "SignInPanel.h"
#include "StaffPanel.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Gatehouse {

SettingsView::SettingsView(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_branding(new BrandingPanel(context, this))
    , m_pages(new PagesPanel(context, this))
    , m_signIn(new SignInPanel(context, this))
    , m_email(new EmailPanel(context, this))
    , m_portal(new PortalPanel(context, this))
    , m_database(new DatabasePanel(context, this))
    , m_staff(new StaffPanel(context, this))
{
    setObjectName(QStringLiteral("settingsView"));
    m_tabs->addTab(m_branding, tr("&Branding"));
    m_tabs->addTab(m_pages, tr("&Portal pages"));
    m_tabs->addTab(m_signIn, tr("Si&gn-in"));
    m_tabs->addTab(m_email, tr("&Email"));
    m_tabs->addTab(m_portal, tr("Por&tal"));
    m_tabs->addTab(m_database, tr("&Database"));
    m_tabs->addTab(m_staff, tr("Sta&ff"));
    m_tabs->setAccessibleName(tr("Settings"));
    const struct
    {
        QWidget *panel;
        StaffPermission needs;
    } gates[] = {{m_branding, StaffPermission::ManageSettings},
                 {m_pages, StaffPermission::ManageSettings},
                 {m_signIn, StaffPermission::ManageSettings},
                 {m_email, StaffPermission::ManageSettings},
                 {m_portal, StaffPermission::ManageSettings},
                 {m_database, StaffPermission::ManageDatabase},
                 {m_staff, StaffPermission::ManageStaff}};
    bool any = false;
    for (const auto &gate : gates) {
        const bool allowed = context.can(gate.needs);
        m_tabs->setTabVisible(m_tabs->indexOf(gate.panel), allowed);
        any = any || allowed;
    }
    auto *notice = new QLabel(StaffRoles::refusal(StaffPermission::ManageSettings), this);
    notice->setObjectName(QStringLiteral("settingsNotice"));
    notice->setAlignment(Qt::AlignCenter);
    notice->setVisible(!any);
    m_tabs->setVisible(any);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    layout->addWidget(notice);
}

bool SettingsView::showsTab(QWidget *panel) const
{
    return m_tabs->isTabVisible(m_tabs->indexOf(panel));
}

} // namespace Gatehouse
