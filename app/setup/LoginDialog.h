#pragma once

#include "domain/Directory.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLineEdit;

namespace Gatehouse {

class Database;
class ErrorLabel;

// Staff sign-in. A refused attempt says why and keeps the email, so only the password is
// typed again.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    LoginDialog(const Database &db, const QString &workspaceName, QWidget *parent = nullptr);

    void setEmail(const QString &email);
    // Who signed in, once the dialog was accepted.
    std::optional<StaffMember> staff() const { return m_staff; }
    QString errorText() const;

    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *passwordEdit() const { return m_password; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void signIn();
    void updateButtons();

    const Database &m_db;
    QLineEdit *m_email;
    QLineEdit *m_password;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
    std::optional<StaffMember> m_staff;
};

} // namespace Gatehouse
