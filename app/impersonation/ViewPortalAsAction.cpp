#include "ViewPortalAsAction.h"

#include "ImpersonationDialog.h"
#include "core/MessageBox.h"
#include "core/WebEngineAvailability.h"

#include <QWidget>

namespace Gatehouse {

ViewPortalAsAction::ViewPortalAsAction(const ConsoleContext &context, QWidget *parent)
    : QAction(tr("View portal as…"), parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("viewPortalAsAction"));
    setToolTip(tr("See the portal as this contact sees it (Ctrl+Shift+V)"));
    setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    setShortcutContext(Qt::WidgetWithChildrenShortcut);
    setEnabled(false);
    connect(this, &QAction::triggered, this, &ViewPortalAsAction::openDialog);
}

void ViewPortalAsAction::setContact(const std::optional<Contact> &contact)
{
    m_contact = contact;
    // Only a contact with portal access has a portal to view.
    setEnabled(contact && contact->portalAccess);
}

ImpersonationDialog *ViewPortalAsAction::openDialog()
{
    if (!isEnabled() || !m_contact) {
        return nullptr;
    }
    // The view is a QWebEngineView: where Chromium cannot start it would end the whole console,
    // so say why before anything (a reason asked, a view recorded) begins.
    const QString problem = WebEngineAvailability::problem();
    if (!problem.isEmpty()) {
        MessageBox::warning(qobject_cast<QWidget *>(parent()), tr("View portal as…"),
                            tr("The portal cannot be shown here. %1").arg(problem));
        return nullptr;
    }
    auto *dialog
        = new ImpersonationDialog(m_context, *m_contact, qobject_cast<QWidget *>(parent()));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

} // namespace Gatehouse
