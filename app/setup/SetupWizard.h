#pragma once

#include <QWizard>

namespace Gatehouse {

class Clock;
class Database;
class SetupAdminPage;
class SetupWorkspacePage;

// The first run (CON-1): names the workspace and creates its first administrator together with
// the starter template.
class SetupWizard : public QWizard
{
    Q_OBJECT
public:
    SetupWizard(const Database &db, const Clock &clock, QWidget *parent = nullptr);

    SetupWorkspacePage *workspacePage() const { return m_workspacePage; }
    SetupAdminPage *adminPage() const { return m_adminPage; }

    qint64 workspaceId() const;
    QString adminEmail() const;

private:
    SetupWorkspacePage *m_workspacePage;
    SetupAdminPage *m_adminPage;
};

} // namespace Gatehouse
