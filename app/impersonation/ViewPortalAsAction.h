#pragma once

#include "core/ConsoleContext.h"

#include <QAction>

#include <optional>

namespace Gatehouse {

class ImpersonationDialog;

// "View portal as…" (CON-7) for whichever contact a view has selected: in its context menu, on a
// button and on Ctrl+Shift+V where the view has focus. Enabled for a contact with portal access.
class ViewPortalAsAction : public QAction
{
    Q_OBJECT
public:
    ViewPortalAsAction(const ConsoleContext &context, QWidget *parent);

    void setContact(const std::optional<Contact> &contact);
    // Asks for the reason, without blocking; nullptr without a contact to view as.
    ImpersonationDialog *openDialog();

private:
    ConsoleContext m_context;
    std::optional<Contact> m_contact;
};

} // namespace Gatehouse
