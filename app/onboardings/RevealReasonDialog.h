#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;

namespace Gatehouse {

// Asks why a credential is being revealed, before it is. The reason is optional; whatever is
// given goes into the audit trail and the client's onboarding timeline with the reveal.
class RevealReasonDialog : public QDialog
{
    Q_OBJECT
public:
    RevealReasonDialog(const QString &what, QWidget *parent = nullptr);

    QString reason() const;
    QLineEdit *reasonEdit() const { return m_reason; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    QLineEdit *m_reason;
    QDialogButtonBox *m_buttons;
};

} // namespace Gatehouse
