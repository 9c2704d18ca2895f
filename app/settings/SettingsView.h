#pragma once

#include "core/ConsoleContext.h"

#include <QWidget>

class QTabWidget;

namespace Gatehouse {

class BrandingPanel;
class PagesPanel;

// The Settings page: a tab for the branding (ONB-10), one for the portal's pages (ONB-7).
class SettingsView : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsView(const ConsoleContext &context, QWidget *parent = nullptr);

    BrandingPanel *brandingPanel() const { return m_branding; }
    PagesPanel *pagesPanel() const { return m_pages; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    QTabWidget *m_tabs;
    BrandingPanel *m_branding;
    PagesPanel *m_pages;
};

} // namespace Gatehouse
