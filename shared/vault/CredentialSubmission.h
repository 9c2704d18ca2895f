#pragma once

#include <QString>

#include <optional>

namespace Gatehouse {

enum class CredentialKind { Single, BulkText, BulkFile };

// What is known about a credential a contact handed over, without its content.
struct CredentialSubmission
{
    qint64 id = 0;
    qint64 taskId = 0;
    qint64 contactId = 0;
    QString contactName;
    CredentialKind kind = CredentialKind::Single;
    QString fileName; // bulk files only
    qint64 fileSize = 0;
    qint64 submittedAtMs = 0;
    qint64 movedAtMs = 0; // staff moved it into their password manager
    QString movedBy;
    qint64 purgedAtMs = 0; // the ciphertext is gone

    bool isPurged() const { return purgedAtMs != 0; }
};

// As stored in credential_submission.kind and spoken by the API.
QString toKey(CredentialKind kind);
std::optional<CredentialKind> credentialKindFromString(const QString &text);

} // namespace Gatehouse
