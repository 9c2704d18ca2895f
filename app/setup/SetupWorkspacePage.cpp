#include "SetupWorkspacePage.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Gatehouse {

SetupWorkspacePage::SetupWorkspacePage(QWidget *parent)
    : QWizardPage(parent)
    , m_name(new QLineEdit(this))
{
    setTitle(tr("Welcome to Gatehouse"));
    setSubTitle(tr("Gatehouse keeps your client onboardings, invitations and portal in one "
                   "place. Start by naming your workspace."));

    m_name->setObjectName(QStringLiteral("workspaceName"));
    m_name->setMaxLength(200);
    m_name->setPlaceholderText(tr("e.g. Northwind IT"));
    registerField(QStringLiteral("workspaceName*"), m_name);

    auto *hint
        = new QLabel(tr("Your clients see this name in the portal and in every email."), this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout;
    form->addRow(tr("Workspace &name:"), m_name);
    form->addRow(QString(), hint);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
}

} // namespace Gatehouse
