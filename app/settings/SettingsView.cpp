#include "SettingsView.h"

#include "BrandingPanel.h"
#include "DatabasePanel.h"
#include "EmailPanel.h"
#include "PagesPanel.h"
#include "PortalPanel.h"
#include "SignInPanel.h"

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
{
    setObjectName(QStringLiteral("settingsView"));
    m_tabs->addTab(m_branding, tr("&Branding"));
    m_tabs->addTab(m_pages, tr("&Portal pages"));
    m_tabs->addTab(m_signIn, tr("Si&gn-in"));
    m_tabs->addTab(m_email, tr("&Email"));
    m_tabs->addTab(m_portal, tr("Por&tal"));
    m_tabs->addTab(m_database, tr("&Database"));
    m_tabs->setAccessibleName(tr("Settings"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

} // namespace Gatehouse
