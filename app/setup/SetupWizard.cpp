#include "SetupWizard.h"

#include "SetupAdminPage.h"
#include "SetupWorkspacePage.h"

namespace Gatehouse {

SetupWizard::SetupWizard(const Database &db, const Clock &clock, QWidget *parent)
    : QWizard(parent)
    , m_workspacePage(new SetupWorkspacePage(this))
    , m_adminPage(new SetupAdminPage(db, clock, this))
{
    setWindowTitle(tr("Set up Gatehouse"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, tr("Create workspace"));
    addPage(m_workspacePage);
    addPage(m_adminPage);
    setMinimumSize(560, 420);
}

qint64 SetupWizard::workspaceId() const
{
    return m_adminPage->workspaceId();
}

QString SetupWizard::adminEmail() const
{
    return m_adminPage->adminEmail();
}

} // namespace Gatehouse
