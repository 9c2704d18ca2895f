#include "SignInPanel.h"

#include "services/ImpersonationService.h"
#include "services/PortalAccessService.h"
#include "services/PortalAuthService.h"
#include "storage/DirectoryRepository.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Gatehouse {

SignInPanel::SignInPanel(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_newContactsAccess(new QCheckBox(tr("New contacts get portal &access"), this))
    , m_requireTotp(new QCheckBox(tr("Contacts must use an au&thenticator app"), this))
    , m_codeMinutes(new QSpinBox(this))
    , m_sessionHours(new QSpinBox(this))
    , m_viewMinutes(new QSpinBox(this))
    , m_save(new QPushButton(tr("&Save sign-in settings"), this))
    , m_error(new ErrorLabel(this))
{
    setObjectName(QStringLiteral("signInPanel"));
    m_newContactsAccess->setObjectName(QStringLiteral("newContactsAccess"));
    m_newContactsAccess->setToolTip(
        tr("Whether contacts added from now on may be invited to the portal"));
    m_requireTotp->setObjectName(QStringLiteral("requireContactTotp"));
    m_requireTotp->setToolTip(tr("Contacts without an authenticator app (TOTP) must set one up "
                                 "at their next sign-in before they can use the portal"));
    m_codeMinutes->setRange(PortalAuthService::kMinCodeMinutes, PortalAuthService::kMaxCodeMinutes);
    m_codeMinutes->setSuffix(tr(" minutes"));
    m_codeMinutes->setAccessibleName(tr("Sign-in code lifetime in minutes"));
    m_sessionHours->setRange(PortalAuthService::kMinSessionHours,
                             PortalAuthService::kMaxSessionHours);
    m_sessionHours->setSuffix(tr(" hours"));
    m_sessionHours->setAccessibleName(tr("Portal session lifetime in hours"));
    m_viewMinutes->setRange(ImpersonationService::kMinimumMinutes,
                            ImpersonationService::kMaximumMinutes);
    m_viewMinutes->setSuffix(tr(" minutes"));
    m_viewMinutes->setAccessibleName(tr("Staff view of the portal lifetime in minutes"));
    m_viewMinutes->setToolTip(tr("How long \"View portal as…\" lasts; only administrators may "
                                 "change it"));
    m_viewMinutes->setEnabled(m_context.can(StaffPermission::ManageSettings));
    m_save->setToolTip(tr("Save the sign-in settings (Ctrl+S)"));

    auto *explanation = new QLabel(
        tr("Clients sign in to the portal with a code or link sent by email. A session ends when "
           "it has not been used for the time set here; sessions already open change at their "
           "next use."),
        this);
    explanation->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Emailed &code and link last:"), m_codeMinutes);
    form->addRow(tr("A &session ends after being unused for:"), m_sessionHours);
    form->addRow(tr("A staff &view of the portal ends after:"), m_viewMinutes);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_newContactsAccess, 0, Qt::AlignLeft);
    layout->addWidget(m_requireTotp, 0, Qt::AlignLeft);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_save, 0, Qt::AlignLeft);
    layout->addStretch();

    connect(m_save, &QPushButton::clicked, this, &SignInPanel::save);
    auto *saveKey = new QShortcut(QKeySequence::Save, this);
    saveKey->setContext(Qt::WidgetWithChildrenShortcut);
    saveKey->setWhatsThis(tr("Save the sign-in settings"));
    connect(saveKey, &QShortcut::activated, this, &SignInPanel::save);
    reload();
}

void SignInPanel::reload()
{
    QString error;
    const std::optional<Workspace> workspace = DirectoryRepository(*m_context.db).workspace(&error);
    if (!workspace) {
        m_error->showMessage(tr("The sign-in settings could not be read: %1").arg(error));
        return;
    }
    m_newContactsAccess->setChecked(workspace->newContactsPortalAccess);
    m_requireTotp->setChecked(workspace->requireContactTotp);
    m_codeMinutes->setValue(workspace->codeLifetimeMinutes);
    m_sessionHours->setValue(workspace->sessionLifetimeHours);
    ServiceError viewError;
    const int viewMinutes
        = ImpersonationService(*m_context.db, *m_context.clock).lifetimeMinutes(&viewError);
    if (viewMinutes <= 0) {
        m_error->showMessage(viewError.message);
        return;
    }
    m_viewMinutes->setValue(viewMinutes);
    m_error->clear();
}

bool SignInPanel::save()
{
    ServiceError error;
    ImpersonationService views(*m_context.db, *m_context.clock);
    // Only administrators may change the view's lifetime: asked only when it changes.
    const bool viewChanged = views.lifetimeMinutes(&error) != m_viewMinutes->value();
    PortalAccessService access(*m_context.db, *m_context.clock);
    // Each setting is its own change in the audit trail; what did not change records nothing.
    if (!access.setNewContactsDefault(m_newContactsAccess->isChecked(), m_context.actor(), &error)
        || !access.setRequireContactTotp(m_requireTotp->isChecked(), m_context.actor(), &error)
        || !access.setLifetimes(m_codeMinutes->value(), m_sessionHours->value(), m_context.actor(),
                                &error)
        || (viewChanged
            && !views.setLifetimeMinutes(m_context.staff.id, m_viewMinutes->value(), &error))) {
        m_error->showMessage(error.message);
        return false;
    }
    reload();
    return true;
}

} // namespace Gatehouse
