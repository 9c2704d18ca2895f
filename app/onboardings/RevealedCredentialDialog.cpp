#include "RevealedCredentialDialog.h"

#include "vault/CredentialPayload.h"
#include "vault/SecretClipboard.h"
#include "vault/SecretField.h"
#include "vault/VaultSession.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gatehouse {

RevealedCredentialDialog::RevealedCredentialDialog(const CredentialSubmission &submission,
                                                   const SecureBytes &plaintext,
                                                   VaultSession &session, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("revealedCredentialDialog"));
    setWindowTitle(tr("Credentials from %1").arg(submission.contactName));
    if (submission.kind == CredentialKind::Single) {
        showSingle(plaintext, session);
    } else {
        showText(plaintext, session);
    }
    // What is on screen goes away with the vault's key.
    connect(&session, &VaultSession::unlockedChanged, this, [this](bool unlocked) {
        if (!unlocked) {
            close();
        }
    });
}

RevealedCredentialDialog::~RevealedCredentialDialog()
{
    if (m_text) {
        m_text->clear();
    }
}

void RevealedCredentialDialog::showSingle(const SecureBytes &plaintext, VaultSession &session)
{
    auto *layout = new QVBoxLayout(this);
    const std::optional<SingleCredentialSecret> fields = CredentialPayload::decode(plaintext);
    if (!fields) {
        layout->addWidget(
            new QLabel(tr("This credential is not in a form the console reads."), this));
    } else {
        auto *form = new QFormLayout;
        auto add = [&](const QString &label, const SecureBytes &value, bool masked,
                       const char *name) -> SecretField * {
            if (value.isEmpty()) {
                return nullptr;
            }
            auto *field = new SecretField(value.toUtf8String(), masked, session.clipboard(), this);
            field->setObjectName(QLatin1String(name));
            form->addRow(label, field);
            return field;
        };
        m_username = add(tr("Username:"), fields->username, false, "revealedUsername");
        m_password = add(tr("Password:"), fields->password, true, "revealedPassword");
        m_apiKey = add(tr("API key:"), fields->apiKey, true, "revealedApiKey");
        if (!fields->notes.isEmpty()) {
            m_text = new QPlainTextEdit(fields->notes.toUtf8String(), this);
            m_text->setObjectName(QStringLiteral("revealedNotes"));
            m_text->setReadOnly(true);
            form->addRow(tr("Notes:"), m_text);
        }
        layout->addLayout(form);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

void RevealedCredentialDialog::showText(const SecureBytes &plaintext, VaultSession &session)
{
    auto *layout = new QVBoxLayout(this);
    m_text = new QPlainTextEdit(plaintext.toUtf8String(), this);
    m_text->setObjectName(QStringLiteral("revealedText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_text, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy all"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyRevealedText"));
    connect(copy, &QPushButton::clicked, this,
            [this, &session] { session.clipboard()->copy(m_text->toPlainText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 480);
}

} // namespace Gatehouse
