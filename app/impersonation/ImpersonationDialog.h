#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace Gatehouse {

class ErrorLabel;
class ImpersonationWindow;

// "View portal as…" (CON-7): asks why (required) and whether the view is read-only (only an
// administrator may allow actions), starts the view and opens it in its own window.
class ImpersonationDialog : public QDialog
{
    Q_OBJECT
public:
    ImpersonationDialog(const ConsoleContext &context, const Contact &contact,
                        QWidget *parent = nullptr);

    QLineEdit *reasonEdit() const { return m_reason; }
    QCheckBox *readOnlyBox() const { return m_readOnly; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    QString errorText() const;

    // Starts the view; on success opens its window (a top-level window owned by the dialog's
    // parent), emits started and closes. On failure says why and stays open.
    bool startView();

Q_SIGNALS:
    void started(Gatehouse::ImpersonationWindow *window);

private:
    ConsoleContext m_context;
    Contact m_contact;
    QLineEdit *m_reason;
    QCheckBox *m_readOnly;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace Gatehouse
