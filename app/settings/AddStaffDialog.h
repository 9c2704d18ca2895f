#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace Gatehouse {

class ErrorLabel;

// Settings > Staff > Add member…: name, email, role and an initial password, typed or made up
// here. The member chooses their own password at their first sign-in.
class AddStaffDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddStaffDialog(const ConsoleContext &context, QWidget *parent = nullptr);

    // Once accepted: the new member, and the password to hand to them.
    qint64 addedId() const { return m_addedId; }
    QString initialPassword() const;

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *emailEdit() const { return m_email; }
    QComboBox *roleBox() const { return m_role; }
    QLineEdit *passwordEdit() const { return m_password; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    QString errorText() const;

private:
    void add();
    void generatePassword();

    ConsoleContext m_context;
    QLineEdit *m_name;
    QLineEdit *m_email;
    QComboBox *m_role;
    QLineEdit *m_password;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
    qint64 m_addedId = 0;
};

} // namespace Gatehouse
