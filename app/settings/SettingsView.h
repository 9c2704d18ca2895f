#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QTabWidget;

namespace Gatehouse {

class BrandingPanel;
class DatabasePanel;
class PagesPanel;

// The Settings page: a tab for the branding (ONB-10), one for the portal's pages (ONB-7), one
// for the database (its backups).
class SettingsView : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsView(const ConsoleContext &context, QWidget *parent = nullptr);

    BrandingPanel *brandingPanel() const { return m_branding; }
    PagesPanel *pagesPanel() const { return m_pages; }
    DatabasePanel *databasePanel() const { return m_database; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    QTabWidget *m_tabs;
    BrandingPanel *m_branding;
    PagesPanel *m_pages;
    DatabasePanel *m_database;
};

} // namespace Gatehouse
