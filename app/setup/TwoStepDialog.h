#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace Gatehouse {

class ErrorLabel;

// Help > Two-step sign-in… (CON-11): the signed-in member sets up an authenticator app. Shows
// the QR code and the secret, asks for a code to confirm, then shows ten recovery codes once.
// A member who has it on already is told so (an administrator resets it).
class TwoStepDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TwoStepDialog(const ConsoleContext &context, QWidget *parent = nullptr);

    QString secret() const { return m_secretText; }
    QLabel *qrLabel() const { return m_qr; }
    QLineEdit *codeEdit() const { return m_code; }
    QPushButton *confirmButton() const { return m_confirm; }
    QPlainTextEdit *recoveryCodes() const { return m_codes; }
    QStackedWidget *pages() const { return m_pages; }
    QString errorText() const;

    enum PageIndex { EnrolPage, DonePage, AlreadyOnPage };

    bool confirm();

private:
    QWidget *makeEnrolPage();
    QWidget *makeDonePage();
    void start();

    ConsoleContext m_context;
    QStackedWidget *m_pages;
    QLabel *m_qr;
    QLabel *m_secret;
    QLineEdit *m_code;
    QPushButton *m_confirm;
    QPlainTextEdit *m_codes;
    ErrorLabel *m_error;
    QString m_secretText;
};

} // namespace Gatehouse
