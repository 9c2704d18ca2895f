#pragma once

#include "core/ConsoleContext.h"
#include "domain/Onboarding.h"
#include "vault/CredentialSubmission.h"

#include <QDialog>

#include <optional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Gatehouse {

class ErrorLabel;
class SecureBytes;

// The credentials a client handed over for one task (CON-6): what and when, never the content,
// until a member of staff with the vault unlocked reveals one, giving an optional reason that is
// recorded. Single logins and pasted text open in a viewer; a file is decrypted only into the
// place the member picks. Once moved into their own password manager, a credential can be
// purged for good.
class CredentialsDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { WhatColumn, FromColumn, WhenColumn, StateColumn, ColumnCount };

    CredentialsDialog(const ConsoleContext &context, const Task &task, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    QPushButton *revealButton() const { return m_reveal; }
    QPushButton *movedButton() const { return m_moved; }
    QPushButton *purgeButton() const { return m_purge; }
    ErrorLabel *errorLabel() const { return m_error; }
    bool selectSubmission(qint64 submissionId);

    // Reveals the selected credential: unlocks the vault if need be, asks the reason (and for a
    // file where to save it), then shows or saves it. Each step is a window-modal dialog.
    void revealSelected();
    void reload();

    // Files larger than this are written with a progress dialog.
    static constexpr qint64 kProgressThresholdBytes = 1024 * 1024;

Q_SIGNALS:
    // A credential was revealed (and shown or saved), moved or purged.
    void changed();

private:
    std::optional<CredentialSubmission> selected() const;
    void updateButtons();
    void askReason(const CredentialSubmission &submission);
    void reveal(const CredentialSubmission &submission, const QString &reason);
    [[nodiscard]] bool writeFile(const QString &path, const SecureBytes &plaintext, QString *error);
    void markMoved();
    void purge();

    ConsoleContext m_context;
    Task m_task;
    QList<CredentialSubmission> m_submissions;
    QLabel *m_vaultState;
    QTreeWidget *m_list;
    QPushButton *m_reveal;
    QPushButton *m_moved;
    QPushButton *m_purge;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
