#pragma once

#include "vault/CredentialSubmission.h"
#include "vault/SecureBytes.h"

#include <QDialog>

class QPlainTextEdit;

namespace Gatehouse {

class SecretField;
class VaultSession;

// A revealed single login or pasted text. Secrets are masked until shown and copied through
// the clipboard that forgets them; the dialog closes itself when the vault locks.
class RevealedCredentialDialog : public QDialog
{
    Q_OBJECT
public:
    // plaintext: as CredentialService::reveal() gives it (single or bulk text only).
    RevealedCredentialDialog(const CredentialSubmission &submission, const SecureBytes &plaintext,
                             VaultSession &session, QWidget *parent = nullptr);
    ~RevealedCredentialDialog() override;

    // Single logins: the fields (nullptr for those left empty).
    SecretField *usernameField() const { return m_username; }
    SecretField *passwordField() const { return m_password; }
    SecretField *apiKeyField() const { return m_apiKey; }
    // Notes of a single login, or the whole of a pasted text.
    QPlainTextEdit *textView() const { return m_text; }

private:
    void showSingle(const SecureBytes &plaintext, VaultSession &session);
    void showText(const SecureBytes &plaintext, VaultSession &session);

    SecretField *m_username = nullptr;
    SecretField *m_password = nullptr;
    SecretField *m_apiKey = nullptr;
    QPlainTextEdit *m_text = nullptr;
};

} // namespace Gatehouse
