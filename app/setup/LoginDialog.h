#pragma once

#include "domain/Directory.h"
#include "services/StaffAuthService.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLineEdit;
class QStackedWidget;

namespace Gatehouse {

class Database;
class ErrorLabel;

// Staff sign-in, in up to three steps: email and password; a code from the authenticator app
// (or a recovery code) for a member with two-step sign-in on (CON-11); a new password when an
// administrator set the current one. A refused attempt says why and keeps the email, so only
// the password is typed again.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    enum Step { PasswordStep, CodeStep, NewPasswordStep };

    LoginDialog(const Database &db, const QString &workspaceName, QWidget *parent = nullptr);

    void setEmail(const QString &email);
    // Who signed in, once the dialog was accepted.
    std::optional<StaffMember> staff() const { return m_staff; }
    QString errorText() const;
    Step step() const;

    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *codeEdit() const { return m_code; }
    QLineEdit *newPasswordEdit() const { return m_newPassword; }
    QLineEdit *repeatPasswordEdit() const { return m_repeatPassword; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    QWidget *makePasswordPage(const QString &workspaceName);
    QWidget *makeCodePage();
    QWidget *makeNewPasswordPage();
    void next();
    void signIn();
    void checkCode();
    void changePassword();
    // The sign-in is complete: choose a password first when one was handed over.
    void finish();
    void restart(const QString &why);
    void updateButtons();

    const Database &m_db;
    QStackedWidget *m_steps;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLineEdit *m_code;
    QLineEdit *m_newPassword;
    QLineEdit *m_repeatPassword;
    ErrorLabel *m_error;
    QDialogButtonBox *m_buttons;
    std::optional<StaffSignIn> m_attempt;
    QString m_typedPassword; // kept between the steps for the vault (StaffAuthService)
    std::optional<StaffMember> m_staff;
};

} // namespace Gatehouse
