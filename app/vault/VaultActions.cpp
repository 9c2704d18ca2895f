#include "VaultActions.h"

#include "VaultAccessDialog.h"
#include "VaultSession.h"
#include "VaultUnlockDialog.h"

#include <QAction>
#include <QMenu>
#include <QToolButton>

namespace Gatehouse {

VaultActions::VaultActions(const ConsoleContext &context, QWidget *window)
    : QObject(window)
    , m_context(context)
    , m_window(window)
    , m_menu(new QMenu(tr("&Vault"), window))
    , m_indicator(new QToolButton(window))
{
    m_unlock = m_menu->addAction(tr("&Unlock vault…"));
    m_unlock->setObjectName(QStringLiteral("unlockVault"));
    m_lock = m_menu->addAction(tr("&Lock vault"));
    m_lock->setObjectName(QStringLiteral("lockVault"));
    m_lock->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(m_unlock, &QAction::triggered, this, &VaultActions::unlock);
    connect(m_lock, &QAction::triggered, this, [this] { m_context.vault->lock(); });
    if (m_context.can(StaffPermission::ManageVaultAccess)) {
        m_menu->addSeparator();
        m_access = m_menu->addAction(tr("Vault &access…"));
        m_access->setObjectName(QStringLiteral("vaultAccess"));
        connect(m_access, &QAction::triggered, this, &VaultActions::showAccess);
    }

    m_indicator->setObjectName(QStringLiteral("vaultIndicator"));
    m_indicator->setAutoRaise(true);
    m_indicator->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_indicator, &QToolButton::clicked, this, [this] {
        if (m_context.vault->isUnlocked()) {
            m_context.vault->lock();
        } else {
            unlock();
        }
    });
    connect(m_context.vault, &VaultSession::unlockedChanged, this, &VaultActions::update);
    update(m_context.vault->isUnlocked());
}

void VaultActions::update(bool unlocked)
{
    m_unlock->setEnabled(!unlocked);
    m_lock->setEnabled(unlocked);
    m_indicator->setText(unlocked ? tr("Vault unlocked") : tr("Vault locked"));
    m_indicator->setToolTip(unlocked ? tr("The credential vault is open. Click to lock it.")
                                     : tr("The credential vault is locked. Click to unlock it."));
}

QWidget *VaultActions::unlock()
{
    if (m_context.vault->isUnlocked()) {
        return nullptr;
    }
    auto *dialog = new VaultUnlockDialog(*m_context.vault, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QWidget *VaultActions::showAccess()
{
    auto *dialog = new VaultAccessDialog(m_context, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

} // namespace Gatehouse
