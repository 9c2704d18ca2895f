#pragma once

#include "core/ConsoleContext.h"
#include "mail/MailTransport.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Gatehouse {

class ErrorLabel;
class MailPassword;
struct MailConfig;

// How the workspace sends mail (CON-10): the SMTP server, user and password (kept in the OS
// keychain), the sender, and a test mail that shows what the server answered. Ctrl+S saves.
class EmailPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EmailPanel(const ConsoleContext &context, QWidget *parent = nullptr);

    // Reads what is stored now (discarding unsaved edits).
    void reload();
    // Saves the settings and, when one was typed, the password; answers through saved() or
    // the error line, as the keychain answers later.
    bool save();
    // Sends a test mail with what the fields say now, saved or not, on a thread of its own.
    void sendTestMail();

    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *fromAddressEdit() const { return m_fromAddress; }
    QLineEdit *fromNameEdit() const { return m_fromName; }
    QLineEdit *testAddressEdit() const { return m_testAddress; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *forgetPasswordButton() const { return m_forgetPassword; }
    QLabel *passwordStatus() const { return m_passwordStatus; }
    QLabel *testResult() const { return m_testResult; }
    ErrorLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    // Settings and password are stored; the outbox should send with these from now on.
    void saved(const Gatehouse::MailSettings &settings);
    void testFinished(bool ok);

private:
    MailConfig editedConfig() const;
    void showPasswordStatus(const MailConfig &config);
    void applied(const MailConfig &config);
    void runTest(const MailSettings &settings);

    ConsoleContext m_context;
    MailPassword *m_keychain;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QPushButton *m_forgetPassword;
    QLabel *m_passwordStatus;
    QLineEdit *m_fromAddress;
    QLineEdit *m_fromName;
    QPushButton *m_save;
    QLineEdit *m_testAddress;
    QPushButton *m_test;
    QLabel *m_testResult;
    QLabel *m_override;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
