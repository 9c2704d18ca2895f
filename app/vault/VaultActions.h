#pragma once

#include "core/ConsoleContext.h"

#include <QObject>

class QAction;
class QMenu;
class QToolButton;
class QWidget;

namespace Gatehouse {

// The vault's place in the main window: a Vault menu (unlock, lock, and for administrators
// who may open it) and a lock indicator for the status bar that unlocks when clicked.
class VaultActions : public QObject
{
    Q_OBJECT
public:
    VaultActions(const ConsoleContext &context, QWidget *window);

    QMenu *menu() const { return m_menu; }
    QToolButton *indicator() const { return m_indicator; }
    QAction *unlockAction() const { return m_unlock; }
    QAction *lockAction() const { return m_lock; }
    QAction *accessAction() const { return m_access; } // nullptr for non-administrators

    // Opens the unlock dialog (window-modal, deleting itself); nullptr when already unlocked.
    QWidget *unlock();
    // Opens the access dialog (window-modal, deleting itself).
    QWidget *showAccess();

private:
    void update(bool unlocked);

    ConsoleContext m_context;
    QWidget *m_window;
    QMenu *m_menu;
    QToolButton *m_indicator;
    QAction *m_unlock;
    QAction *m_lock;
    QAction *m_access = nullptr;
};

} // namespace Gatehouse
