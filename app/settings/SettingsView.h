#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QTabWidget;

namespace Gatehouse {

class BrandingPanel;
class DatabasePanel;
class EmailPanel;
class PagesPanel;
class PortalPanel;
class SignInPanel;
class StaffPanel;

// The Settings page (CON-10): tabs for the branding (ONB-10), the portal's pages (ONB-7), how
// clients sign in, how mail is sent, where this computer's portal is reached, the database (its
// backups) and the staff (CON-11). A tab the signed-in role may not use is not shown; with none
// left the page says why.
class SettingsView : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsView(const ConsoleContext &context, QWidget *parent = nullptr);

    BrandingPanel *brandingPanel() const { return m_branding; }
    PagesPanel *pagesPanel() const { return m_pages; }
    DatabasePanel *databasePanel() const { return m_database; }
    SignInPanel *signInPanel() const { return m_signIn; }
    EmailPanel *emailPanel() const { return m_email; }
    PortalPanel *portalPanel() const { return m_portal; }
    StaffPanel *staffPanel() const { return m_staff; }
    // Whether the signed-in member sees the tab holding this panel.
    bool showsTab(QWidget *panel) const;
    QTabWidget *tabs() const { return m_tabs; }

private:
    QTabWidget *m_tabs;
    BrandingPanel *m_branding;
    PagesPanel *m_pages;
    SignInPanel *m_signIn;
    EmailPanel *m_email;
    PortalPanel *m_portal;
    DatabasePanel *m_database;
    StaffPanel *m_staff;
};

} // namespace Gatehouse
